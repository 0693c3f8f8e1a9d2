"""Offline edition benchmark: size and time to the first search result from file://, at N entries, in one run.

    python scripts/offline_bench.py                 # 2,000 fictional entries (scripts/bench.py's corpus)
    python scripts/offline_bench.py --entries 200 --json

On one fictional corpus (示例局 entries, nothing real) it builds and measures:
- this project's served site (`make build`): seconds and size;
- this project's offline edition (`make offline`): seconds (build, check and zip), zip size, unpacked size;
- plain Material with its offline plugin (`plugins: [search, offline]`, entries out of the nav): seconds, size.
Then, for each offline folder, Chromium opens index.html from file:// with an empty profile and every http(s)
request refused (as on a stick in a machine without a network): the query 整改 is typed into the header search
until the first result shows; the seconds from opening the page, or “无结果” after the timeout, and the requests
that tried to leave the machine. Pagefind is not built here: it fetches its index with fetch(), which browsers
refuse on file:// (see README). The study pack of the whole compilation is left out of the corpus: at 2,000
entries it is a PDF of several thousand pages and would dominate every figure (scripts/bench.py measures packs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import bench  # noqa: E402  (the corpus and the plain-Material configuration)
import offline  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
QUERY = "整改"
FIXED_DAY = "1741737600"  # 2025-03-12 in China: SOURCE_DATE_EPOCH for a corpus outside git


@dataclass(frozen=True)
class Edition:
    name: str
    build_seconds: float
    size_mb: float  # the folder a reader opens (unpacked)
    zip_mb: float | None
    first_result_seconds: float | None  # None: no result within the timeout
    left_machine: int  # requests that tried to leave it


def _size_mb(folder: Path) -> float:
    return round(bench._size(folder) / 1e6, 1)


def _build(config: Path, site: Path, **env: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    if result.returncode:
        raise SystemExit(f"构建失败：{config}\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def first_result(index: Path, timeout: float) -> tuple[float | None, int]:
    """Seconds from opening index.html (file://, cold) to the first search result, and requests refused."""
    from playwright.sync_api import Route, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    refused: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def refuse(route: Route) -> None:
            refused.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(https?|wss?|ftp)://"), refuse)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(index.as_uri())
        box = page.locator("input.md-search__input")
        found = None
        try:
            box.click(timeout=timeout * 1000)  # Material hides the box when its search cannot start
        except PlaywrightTimeoutError:
            started -= timeout
        while time.perf_counter() - started < timeout:
            box.fill("")
            page.keyboard.type(QUERY)
            page.keyboard.press("End")
            try:
                page.locator(".md-search-result__item").first.wait_for(timeout=250)
                found = round(time.perf_counter() - started, 2)
                break
            except PlaywrightTimeoutError:
                continue
        browser.close()
    return found, len(refused)


def prepare(project: Path, entries: int) -> None:
    shutil.copytree(REPO / "docs", project / "docs")
    bench._copy_code(project)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs/packs/compilation.md").unlink()  # see the module's doc
    bench.write_corpus(project / "docs", entries)


def material_offline_config(project_config: str) -> str:
    config = bench.plain_config(project_config)
    assert "plugins:\n  - search\n" in config
    return config.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - offline\n")


def measure(entries: int, workdir: Path, timeout: float) -> tuple[float, float, list[Edition]]:
    """(served build seconds, served site MB, the offline editions measured)."""
    project = workdir / "project"
    prepare(project, entries)
    served_seconds = _build(project / "mkdocs.yml", workdir / "served", STUDYSITE_PDF="1")
    served_mb = _size_mb(workdir / "served")

    os.environ["SOURCE_DATE_EPOCH"] = FIXED_DAY
    started = time.perf_counter()
    if offline.main(["--root", str(project), "--dist", str(workdir / "dist")]) != 0:
        raise SystemExit("离线版构建失败")
    ours_seconds = time.perf_counter() - started
    (archive,) = (workdir / "dist").glob("*.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(workdir / "unpacked")
    (folder,) = (workdir / "unpacked").iterdir()
    ours = Edition(
        "本项目离线版（make offline）",
        round(ours_seconds, 2),
        _size_mb(folder),
        round(archive.stat().st_size / 1e6, 1),
        *first_result(folder / "index.html", timeout),
    )

    plain = workdir / "material"
    shutil.copytree(REPO / "docs", plain / "docs")
    bench.write_corpus(plain / "docs", entries)
    (plain / "mkdocs.yml").write_text(
        material_offline_config((REPO / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    material_seconds = _build(plain / "mkdocs.yml", plain / "site")
    material = Edition(
        "Material 离线插件（offline）",
        round(material_seconds, 2),
        _size_mb(plain / "site"),
        None,
        *first_result(plain / "site" / "index.html", timeout),
    )
    return round(served_seconds, 2), served_mb, [ours, material]


def table(entries: int, served_seconds: float, served_mb: float, editions: list[Edition]) -> str:
    rows = [
        f"| {e.name} | {e.build_seconds} | {e.size_mb} | {e.zip_mb if e.zip_mb is not None else '—'} | "
        f"{e.first_result_seconds if e.first_result_seconds is not None else '无结果'} | {e.left_machine} |"
        for e in editions
    ]
    return "\n".join(
        [
            f"{entries} 篇条目；在线网站（make build）构建 {served_seconds} 秒，{served_mb} MB。",
            "| 方案 | 构建（秒） | 解压后大小（MB） | zip（MB） | 从 file:// 搜索“整改”到首个结果（秒） | 试图访问外网的请求 |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="离线版基准：大小与从 file:// 搜索到首个结果的时间")
    parser.add_argument("--entries", type=int, default=2000, help="虚构条目数（默认 2000）")
    parser.add_argument("--timeout", type=float, default=30.0, help="等待搜索结果的秒数（默认 30）")
    parser.add_argument("--json", action="store_true", help="输出 JSON 而不是表格")
    args = parser.parse_args(argv)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        with tempfile.TemporaryDirectory(prefix="offline-bench-") as workdir:
            served_seconds, served_mb, editions = measure(args.entries, Path(workdir), args.timeout)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    if args.json:
        print(
            json.dumps(
                {
                    "entries": args.entries,
                    "served_seconds": served_seconds,
                    "served_mb": served_mb,
                    "editions": [asdict(e) for e in editions],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(table(args.entries, served_seconds, served_mb, editions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
