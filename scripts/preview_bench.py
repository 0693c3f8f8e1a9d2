"""The preview's benchmark, a part of scripts/bench.py (--preview-sizes): how soon `make serve` answers a save.

    python scripts/bench.py --sizes "" --preview-sizes 500,2000

For each size it writes bench.py's fictional corpus, builds it once as `mkdocs build` (pages only), then runs
the builds of one `make serve` process (scripts/preview.py, without the web server): the first, one after a
save of an entry's body, one after a save of its title (the entry moves in the indexes); each save's seconds
are given as a ratio to the pages-only build of the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench import REPO, _build, _copy_code, write_corpus


@dataclass(frozen=True)
class PreviewResult:
    """`make serve` on a corpus: its first build, then one save of an entry's body and one of its title, each as
    a ratio to the pages-only `mkdocs build` of the same corpus in the same run."""

    entries: int
    build_seconds: float  # the pages-only build (mkdocs build, no PDFs)
    first_seconds: float
    body_seconds: float
    title_seconds: float
    body_ratio: float
    title_ratio: float
    pages: tuple[tuple[int, int], ...] = ()  # pages whose Markdown and template each save rendered anew
    peak_mb: float = 0.0  # the serve process's peak memory (it keeps the last build's pages)


# One `make serve` process as scripts/serve.py runs its builds, without the web server: the first build, then
# a save of one entry's body and one of its title (the entry moves in the indexes), each timed.
_PREVIEW = """
import json, logging, sys, time
from pathlib import Path
sys.path[:0] = [{scripts!r}, {hooks!r}]
from preview import Preview
from serve import preview_config
logging.getLogger("mkdocs").setLevel(logging.ERROR)
project, site, url = Path({project!r}), Path({site!r}), "http://127.0.0.1:8000/"
def timed():
    config = preview_config(project, site, url)
    config.plugins.on_startup(command="serve", dirty=False)
    started = time.perf_counter()
    preview.build(config, url)
    return round(time.perf_counter() - started, 2), preview.rendered
preview = Preview()
entry = project / {entry!r}
text = entry.read_text(encoding="utf-8")
first = timed()
entry.write_text(text + "\\n示例局党委要围绕深入学习，把整改措施和落实责任结合起来。\\n", encoding="utf-8")
body = timed()
entry.write_text(text.replace("title: ", "title: 改过的", 1), encoding="utf-8")
title = timed()
import resource
print(json.dumps([first, body, title, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""


def measure_preview(size: int, workdir: Path) -> PreviewResult:
    """The preview's answer to a save at `size` entries, beside the pages-only build of the same copy."""
    project = workdir / f"preview-{size}"
    shutil.copytree(REPO / "docs", project / "docs")
    _copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    entries = write_corpus(project / "docs", size)
    build_seconds = _build(project / "mkdocs.yml", project / "site")
    script = _PREVIEW.format(
        scripts=str(REPO / "scripts"),
        hooks=str(project / "hooks"),
        project=str(project),
        site=str(workdir / f"preview-site-{size}"),
        entry=str(entries[len(entries) // 2].relative_to(project)),
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"预览构建失败：\n{done.stderr[-3000:]}")
    (first, first_pages), (body, body_pages), (title, title_pages), peak = json.loads(done.stdout.splitlines()[-1])
    return PreviewResult(
        size,
        round(build_seconds, 2),
        first,
        body,
        title,
        round(body / build_seconds, 3),
        round(title / build_seconds, 3),
        tuple(tuple(pages) for pages in (first_pages, body_pages, title_pages)),
        round(peak, 1),
    )


def preview_table(results: list[PreviewResult]) -> str:
    header = (
        "| 条目数 | 整站构建（秒，仅网页） | 预览首次构建（秒） | 改正文后（秒） | 比值 | 改标题后（秒） | 比值 "
        "| 重新渲染的页面（正文、标题） | 预览进程内存峰值（MB） |"
    )
    rows = [
        f"| {r.entries} | {r.build_seconds} | {r.first_seconds} | {r.body_seconds} | {r.body_ratio} "
        f"| {r.title_seconds} | {r.title_ratio} | {r.pages[1][0]}、{r.pages[2][0]} | {r.peak_mb} |"
        for r in results
    ]
    return "\n".join([header, "|---" * 9 + "|", *rows])
