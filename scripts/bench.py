"""Benchmark: whole builds of this project against plain Material on the same fictional corpus, in one run.

    python scripts/bench.py --sizes 500,1000,2000,4000
    python scripts/bench.py --sizes "" --pack-entries 34     # a study pack of about 100 printed pages

For each size N it writes a fictional corpus (示例局 entries, nothing real) of N speeches and notices into a
temporary folder, builds it once with this project's mkdocs.yml and hooks and once with plain Material (the
same theme, extensions and nav, no hooks, entries out of the nav: Material's best layout), and prints
seconds, the ratio, the seconds per entry, the site size and the median entry page size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


from studysite.core.pages import GENERATED_PAGES  # noqa: E402  (the hooks folder is not a package)

SPEAKERS = [f"示例{name}" for name in "甲乙丙丁戊己庚辛壬癸"]
ISSUERS = ["示例局", "示例局办公室", "示例局纪委", "示例局组织处", "示例局机关党委"]
DOC_TYPES = ["通报", "通知", "意见", "决定", "纪要"]
TOPICS = ["理想信念", "选人用人", "政治纪律政治规矩", "廉洁自律", "党内政治生活", "作风建设", "警示教育"]
# Neutral phrases for fictional bodies; the words are the site's own vocabulary so search has work to do.
PHRASES = [
    "示例局党委",
    "深入学习",
    "整改措施",
    "落实责任",
    "党支部",
    "理论学习中心组",
    "选人用人",
    "廉洁自律",
    "工作作风",
    "批评和自我批评",
    "民主生活会",
    "制度建设",
    "基层一线",
    "示例处室",
    "警示教育",
    "组织生活",
    "专题讨论",
    "台账管理",
    "督促检查",
    "长效机制",
]


def _paragraph(rng: random.Random, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        words = rng.sample(PHRASES, 4)
        parts.append(f"{words[0]}要围绕{words[1]}，把{words[2]}和{words[3]}结合起来")
    return "；".join(parts) + "。"


def write_corpus(docs: Path, size: int, seed: int = 2025) -> list[Path]:
    """size fictional entries under docs/speeches and docs/notices (about 60% speeches), ~1,500 characters each."""
    rng = random.Random(seed)
    written = []
    for folder in ("speeches", "notices"):
        (docs / folder).mkdir(parents=True, exist_ok=True)
    for number in range(1, size + 1):
        year = 2015 + number % 10
        day = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        topics = rng.sample(TOPICS, rng.randint(0, 2))
        body = "\n\n".join(_paragraph(rng, 4) for _ in range(12))
        topic_line = f"topics: [{', '.join(topics)}]\n" if topics else ""
        if number % 5 < 3:
            speakers = rng.sample(SPEAKERS, rng.choice([1, 1, 1, 2]))
            front = (
                f"type: speech\ntitle: 示例讲话第{number}号：关于{rng.choice(PHRASES)}的讲话\n"
                f"speaker: [{', '.join(speakers)}]\ndate: {day}\noccasion: 示例局第{number}次学习会\n"
                f"sources:\n  - publisher: 示例日报\n    date: {day}\n{topic_line}"
            )
            path = docs / "speeches" / f"shili-{number:05d}.md"
        else:
            front = (
                f"type: notice\ntitle: 关于示例事项第{number}号的{rng.choice(DOC_TYPES)}\n"
                f"doc_type: {rng.choice(DOC_TYPES)}\nissuer: {rng.choice(ISSUERS)}\ndate: {day}\n"
                f"classification: 公开\ndoc_number: 示发〔{year}〕{number}号\n{topic_line}"
            )
            path = docs / "notices" / f"shili-{number:05d}.md"
        path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
        written.append(path)
    return written


def plain_config(project_config: str) -> str:
    """The project's mkdocs.yml as plain Material: no hooks or overrides, no generated pages in the nav, not strict."""
    lines = project_config.splitlines()
    kept: list[str] = []
    in_hooks = False
    for line in lines:
        if re.match(r"^\S", line):
            in_hooks = line.startswith("hooks:")
        if line.strip().startswith("custom_dir:"):
            continue
        nav_target = re.match(r"^\s*- (?:.+: )?(\S+\.md)$", line)
        if in_hooks or (nav_target and nav_target.group(1) in GENERATED_PAGES):
            continue
        kept.append("strict: false" if line.startswith("strict:") else line)
    # Drop nav sections left without children.
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(kept):
            section = re.match(r"^(\s*)- [^:]+:$", line)
            following = kept[index + 1] if index + 1 < len(kept) else ""
            if section and len(following) - len(following.lstrip()) <= len(section.group(1)):
                del kept[index]
                changed = True
                break
    return "\n".join(kept) + "\n"


@dataclass(frozen=True)
class Result:
    entries: int
    project_seconds: float
    plain_seconds: float
    ratio: float
    ms_per_entry: float
    site_mb: float
    median_entry_kb: float
    cpu_ratio: float = 0.0  # the same ratio in processor time, steadier when the machine is shared
    peak_mb: float = 0.0  # peak memory of this project's build
    plain_peak_mb: float = 0.0


def copy_project(target: Path) -> Path:
    """The parts of the repo a build reads, copied so a test may change them freely."""
    target.mkdir(parents=True, exist_ok=True)
    # .gitignore too: a copy made a git repository commits what the repository would (never .cache/ or site/).
    for name in ("mkdocs.yml", ".gitignore", "docs", "hooks", "overrides", "source"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def corpus_project(project: Path, entries: int) -> Path:
    """The repo's docs, code and mkdocs.yml with `entries` fictional entries added, at project."""
    shutil.copytree(REPO / "docs", project / "docs")
    _copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    write_corpus(project / "docs", entries)
    return project


def _copy_code(project: Path) -> None:
    """The project's hooks and theme overrides beside a corpus."""
    for name in ("hooks", "overrides"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))


def _build_measured(config: Path, site: Path, **env: str) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB) and the log of one `mkdocs build`, from the child's own rusage.

    The child's processor time (user + system, with the processes it waited for: the search index's) is kept
    in _LAST_CPU: on a machine shared with other work it moves far less than the wall clock, so both ratios
    are reported."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stderr is not None  # stderr=PIPE
        stderr = process.stderr.read().decode()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"构建失败：{config}\n{stderr[-3000:]}")
    _LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, stderr


_LAST_CPU = [0.0]


_INDEX_PROCESS = re.compile(r"搜索索引：另一进程生成.*该进程内存峰值 ([\d.]+) MB")


def memory_of(peak: float, log: str) -> float:
    """The build's peak plus that of the search index's own process, when a large site had one (both may be
    at their peak at once, so the sum is what the machine must have)."""
    found = _INDEX_PROCESS.search(log)
    return peak + (float(found.group(1)) if found else 0.0)


def _best_of(repeat: int, config: Path, site: Path) -> tuple[float, float, float]:
    """The fastest of `repeat` builds: (seconds, processor seconds of the build and its helper process, peak MB)."""
    runs = []
    for _ in range(repeat):
        seconds, peak, log = _build_measured(config, site)
        runs.append((seconds, _LAST_CPU[0], memory_of(peak, log)))
    return min(runs)


def _build(config: Path, site: Path) -> float:
    return _build_measured(config, site)[0]


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(size: int, workdir: Path, repeat: int = 1) -> Result:
    project = workdir / f"project-{size}"
    plain = workdir / f"plain-{size}"
    for target in (project, plain):
        shutil.copytree(REPO / "docs", target / "docs")
    _copy_code(project)
    config_text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    (plain / "mkdocs.yml").write_text(plain_config(config_text), encoding="utf-8")
    entries = write_corpus(project / "docs", size)
    write_corpus(plain / "docs", size)

    project_seconds, project_cpu, project_peak = _best_of(repeat, project / "mkdocs.yml", project / "site")
    plain_seconds, plain_cpu, plain_peak = _best_of(repeat, plain / "mkdocs.yml", plain / "site")
    entry_pages = [
        project / "site" / path.relative_to(project / "docs").with_suffix("") / "index.html" for path in entries
    ]
    return Result(
        entries=size,
        project_seconds=round(project_seconds, 2),
        plain_seconds=round(plain_seconds, 2),
        ratio=round(project_seconds / plain_seconds, 3),
        ms_per_entry=round(project_seconds / size * 1000, 2),
        site_mb=round(_size(project / "site") / 1e6, 1),
        median_entry_kb=round(statistics.median(page.stat().st_size for page in entry_pages) / 1000, 1),
        cpu_ratio=round(project_cpu / plain_cpu, 3),
        peak_mb=round(project_peak, 1),
        plain_peak_mb=round(plain_peak, 1),
    )


@dataclass(frozen=True)
class OfficeFile:
    """One file the PDF build makes, as its hook logged it: what, how big, how long."""

    name: str
    kind: str  # PDF, Word, Excel
    bytes: int
    seconds: float


_PACK_LOG = re.compile(r"材料包 (\S+)：PDF (\d+) 字节，([\d.]+) 秒；Word (\d+) 字节，([\d.]+) 秒")
_WORKBOOK_LOG = re.compile(r"整改台账工作簿 (\S+)：(\d+) 字节，([\d.]+) 秒")


def office_files(log: str) -> list[OfficeFile]:
    """The PDFs, Word packs and the ledger workbook a build made, from its log lines."""
    made = [OfficeFile(m[1], "Excel", int(m[2]), float(m[3])) for m in _WORKBOOK_LOG.finditer(log)]
    for m in _PACK_LOG.finditer(log):
        made += [OfficeFile(m[1], "PDF", int(m[2]), float(m[3])), OfficeFile(m[1], "Word", int(m[4]), float(m[5]))]
    return made


@dataclass(frozen=True)
class PackResult:
    entries: int
    pdf_pages: int
    pdf_seconds: float  # making the pack's PDF, as the hook timed it (a difference of two builds drowns in noise)
    peak_mb: float  # peak memory of the build that made the PDF
    files: tuple[OfficeFile, ...] = ()  # each file made, with its own seconds


def measure_pack(entries: int, workdir: Path) -> PackResult:
    """A pack of `entries` fictional entries (about three printed pages each), as `make pdf` builds it."""
    import pdfplumber

    project = corpus_project(workdir / f"pack-{entries}", entries)
    for shipped in (project / "docs/packs").glob("*.md"):
        shipped.unlink()  # only the measured pack is printed
    (project / "docs/packs/bench.md").write_text(
        "---\ntype: pack\ntitle: 示例学习材料包\npages:\n  - speeches/\n  - notices/\n---\n", encoding="utf-8"
    )
    _, peak, log = _build_measured(project / "mkdocs.yml", project / "site", STUDYSITE_PDF="1")
    with pdfplumber.open(project / "site/packs/bench.pdf") as pdf:
        pages = len(pdf.pages)
    files = tuple(office_files(log))
    seconds = sum(f.seconds for f in files if f.kind == "PDF")
    return PackResult(entries, pages, round(seconds, 2), round(peak, 1), files)


def measure_repo_office(workdir: Path) -> list[OfficeFile]:
    """The repo's own packs and ledger as `make build` makes them."""
    project = workdir / "repo"
    shutil.copytree(REPO / "docs", project / "docs")
    _copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return office_files(_build_measured(project / "mkdocs.yml", project / "site", STUDYSITE_PDF="1")[2])


def office_table(files: list[OfficeFile]) -> str:
    rows = [f"| {f.name} | {f.kind} | {f.bytes} | {f.seconds} |" for f in files]
    return "\n".join(["| 文件 | 格式 | 字节 | 生成用时（秒） |", "|---|---|---|---|", *rows])


def table(results: list[Result]) -> str:
    header = (
        "| 条目数 | 本项目（秒） | 原版 Material（秒） | 比值 | 处理器时间比值 | 每篇（毫秒） | 内存峰值（MB） "
        "| 原版内存峰值（MB） | site/ 大小（MB） | 条目页中位数（KB） |"
    )
    rows = [
        f"| {r.entries} | {r.project_seconds} | {r.plain_seconds} | {r.ratio} | {r.cpu_ratio} | {r.ms_per_entry} "
        f"| {r.peak_mb} | {r.plain_peak_mb} | {r.site_mb} | {r.median_entry_kb} |"
        for r in results
    ]
    return "\n".join([header, "|---" * 10 + "|", *rows])


def profile(size: int, workdir: Path, top: int = 30) -> str:
    """The project's build of `size` entries under cProfile: the functions that take the most time, with their callees."""
    project = workdir / f"profile-{size}"
    shutil.copytree(REPO / "docs", project / "docs")
    _copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    write_corpus(project / "docs", size)
    stats = workdir / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "mkdocs", "build", "-q"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([*command, "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")], env=env, check=True)
    out = io.StringIO()
    loaded = pstats.Stats(str(stats), stream=out).sort_stats("cumulative")
    out.write(f"== 整个构建中累计用时最多的 {top} 个函数\n")
    loaded.print_stats(top)
    out.write(f"== 本项目代码（hooks/）中累计用时最多的 {top} 个函数\n")
    loaded.print_stats(r"/hooks/", top)
    return out.getvalue()


def measure_full(entries: int, workdir: Path) -> tuple[float, float]:
    """`make build` with everything on (PDFs, Word packs, the workbook) over the repo and `entries` entries."""
    project = workdir / f"full-{entries}"
    shutil.copytree(REPO / "docs", project / "docs")
    _copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    write_corpus(project / "docs", entries)
    seconds, peak, _ = _build_measured(project / "mkdocs.yml", project / "site", STUDYSITE_PDF="1")
    return round(seconds, 2), round(peak, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建基准：本项目与原版 Material 在同一虚构语料上的整站构建对比")
    parser.add_argument("--sizes", default="500,1000,2000,4000", help="条目数，逗号分隔（默认 500,1000,2000,4000）")
    parser.add_argument(
        "--pack-entries", type=int, default=0, help="另测一个由 N 篇条目组成的材料包的 PDF（约 3 页一篇）"
    )
    parser.add_argument(
        "--office", action="store_true", help="另测本站自己的材料包和台账：PDF、Word 文档和 Excel 工作簿的大小和用时"
    )
    parser.add_argument("--repeat", type=int, default=1, help="每个构建重复 N 次，取最快的一次（默认 1）")
    parser.add_argument("--profile", action="store_true", help="另用 cProfile 测第一个条目数的构建，列出最耗时的函数")
    parser.add_argument(
        "--full-entries", type=int, default=-1, help="另测全部输出（PDF、Word、Excel）都打开时的整站构建，含 N 篇条目"
    )
    parser.add_argument(
        "--preview-sizes",
        default="",
        help="另测 make serve：首次构建、改一篇正文、改一篇标题后的用时，与同一语料仅网页的整站构建之比（条目数，逗号分隔）",
    )
    parser.add_argument(
        "--full-sizes",
        default="",
        help="另测完整构建（make build）：冷构建和改一篇条目后的构建，与同一次运行中只有网页的构建之比，条目数逗号分隔",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON 而不是表格")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        results = [measure(size, Path(workdir), args.repeat) for size in sizes]
        profiled = profile(sizes[0], Path(workdir)) if args.profile and sizes else ""
        full = measure_full(args.full_entries, Path(workdir)) if args.full_entries >= 0 else None
        pack = measure_pack(args.pack_entries, Path(workdir)) if args.pack_entries else None
        office = measure_repo_office(Path(workdir)) if args.office else []
        from preview_bench import measure_preview, preview_table  # make serve's saves (its own module)

        previews = [measure_preview(int(n), Path(workdir)) for n in args.preview_sizes.split(",") if n]
        from full_bench import full_table, measure_full_builds  # the full build's measurements (make build)

        wholes = [measure_full_builds(int(n), Path(workdir)) for n in args.full_sizes.split(",") if n]
    if args.json:
        print(
            json.dumps(
                {
                    "builds": [asdict(r) for r in results],
                    "pack": asdict(pack) if pack else None,
                    "office": [asdict(f) for f in office],
                    "full": {"entries": args.full_entries, "seconds": full[0], "peak_mb": full[1]} if full else None,
                    "preview": [asdict(r) for r in previews],
                    "full_builds": [asdict(r) for r in wholes],
                },
                ensure_ascii=False,
            )
        )
        return 0
    if results:
        print(table(results))
    if pack:
        print(
            f"材料包 PDF：{pack.entries} 篇条目，{pack.pdf_pages} 页，生成 PDF 用时 {pack.pdf_seconds} 秒，"
            f"构建进程内存峰值 {pack.peak_mb} MB"
        )
        print(office_table(list(pack.files)))
    if office:
        print(office_table(office))
    if full:
        print(
            f"全部输出打开（make build：PDF、Word、Excel）：本站加 {args.full_entries} 篇虚构条目，"
            f"用时 {full[0]} 秒，内存峰值 {full[1]} MB"
        )
    if previews:
        print(preview_table(previews))
    if wholes:
        print(full_table(wholes))
    if profiled:
        print(profiled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
