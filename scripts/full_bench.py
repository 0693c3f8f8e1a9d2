"""Benchmark of the full build (`make build`: pages, pack PDFs, Word files, the workbook) against the pages-only
build of the same project in the same run, cold and after one entry's edit, with the peak memory of the whole
process tree. Run through scripts/bench.py:

    python scripts/bench.py --sizes "" --full-sizes 500,2000

One function per measurement over one project (pages_only_build, full_build_cold, full_build_after_edit): a new
measurement (the preview's) is another function beside them and another column in its own table.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench import corpus_project


class TreeMemory:
    """The peak of the resident memory of a process and all its descendants together (the build, the search
    index's process, the PDF workers), sampled from /proc every 0.2 s: what the machine must have."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    todo += [int(child) for child in task.read_text().split()]
        return pids

    def _run(self) -> None:
        page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        while not self._stop.wait(0.2):
            total = 0
            for pid in self._tree():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
            self.peak_kb = max(self.peak_kb, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def timed_build(project: Path, pdf: bool) -> tuple[float, float, float]:
    """Seconds, processor seconds (user + system of the build and every process it waited for: the search
    index's, the PDF workers') and peak memory (MB, the whole process tree) of one strict `mkdocs build`.
    Processor time moves far less than the wall clock on a machine shared with other work."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STUDYSITE_PDF": "1" if pdf else "0"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(project / "mkdocs.yml")]
    started = time.perf_counter()
    with subprocess.Popen(
        [*command, "-d", str(project / "site")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    ) as process:
        memory = TreeMemory(process.pid)
        assert process.stderr is not None  # stderr=PIPE
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = memory.stop()
    if process.returncode != 0:
        raise SystemExit(f"构建失败：{project}\n{stderr.decode()[-3000:]}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, peak


def full_project(entries: int, workdir: Path) -> Path:
    """The repo with `entries` fictional entries and an empty office cache (.cache/)."""
    return corpus_project(workdir / f"whole-{entries}", entries)


# One function per measurement over the same project, so later measurements (the preview's) sit beside them.
def pages_only_build(project: Path) -> tuple[float, float, float]:
    """The site's pages alone (no PDF, Word or workbook): the yardstick of the ratios."""
    return timed_build(project, pdf=False)


def full_build_cold(project: Path) -> tuple[float, float, float]:
    """`make build` with nothing in .cache/: every pack part, Word file and workbook made."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return timed_build(project, pdf=True)


def edit_one_entry(project: Path) -> None:
    """A clerk's edit: a sentence added to one entry's body."""
    entry = sorted((project / "docs/speeches").glob("shili-*.md"))[
        len(list((project / "docs/speeches").glob("shili-*.md"))) // 2
    ]
    entry.write_text(
        entry.read_text(encoding="utf-8") + "\n示例处室要把台账管理和督促检查结合起来。\n", encoding="utf-8"
    )


def full_build_after_edit(project: Path) -> tuple[float, float, float]:
    """`make build` again after one entry's edit, with the cache the cold build left."""
    edit_one_entry(project)
    return timed_build(project, pdf=True)


@dataclass(frozen=True)
class FullResult:
    entries: int
    pages_only_seconds: float
    cold_seconds: float
    warm_seconds: float
    cold_ratio: float  # to the pages-only build of the same run
    warm_ratio: float
    pages_only_peak_mb: float
    cold_peak_mb: float
    warm_peak_mb: float
    cold_cpu_ratio: float = 0.0  # the same ratios in processor time, steadier when the machine is shared
    warm_cpu_ratio: float = 0.0


def measure_full_builds(entries: int, workdir: Path) -> FullResult:
    """Cold first (it fills .cache/), then the pages-only build and the build after one edit back to back, so
    the two builds a ratio compares see the same load on a shared machine."""
    project = full_project(entries, workdir)
    cold, cold_cpu, cold_peak = full_build_cold(project)
    pages, pages_cpu, pages_peak = pages_only_build(project)
    warm, warm_cpu, warm_peak = full_build_after_edit(project)
    return FullResult(
        entries,
        round(pages, 1),
        round(cold, 1),
        round(warm, 1),
        round(cold / pages, 2),
        round(warm / pages, 2),
        round(pages_peak),
        round(cold_peak),
        round(warm_peak),
        round(cold_cpu / pages_cpu, 2),
        round(warm_cpu / pages_cpu, 2),
    )


def full_table(results: list[FullResult]) -> str:
    header = (
        "| 条目数 | 只有网页（秒） | 完整构建·冷（秒） | 比值 | 改一篇后完整构建（秒） | 比值 "
        "| 内存峰值：只有网页 / 冷 / 改一篇后（MB） | 处理器时间比值：冷 / 改一篇后 |"
    )
    rows = [
        f"| {r.entries} | {r.pages_only_seconds} | {r.cold_seconds} | {r.cold_ratio}× | {r.warm_seconds} "
        f"| {r.warm_ratio}× | {r.pages_only_peak_mb} / {r.cold_peak_mb} / {r.warm_peak_mb} "
        f"| {r.cold_cpu_ratio}× / {r.warm_cpu_ratio}× |"
        for r in results
    ]
    return "\n".join([header, "|---" * 8 + "|", *rows])
