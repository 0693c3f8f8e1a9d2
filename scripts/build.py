"""`make build`: the whole site, strict, into site/ (with the study packs' PDFs), said in Chinese.

    python3 scripts/build.py                 # like `mkdocs build --strict -d site` with STUDYSITE_PDF=1
    python3 scripts/build.py --no-pdf -d out # without the PDFs, into out/

MkDocs itself prints English progress and ends a failed build with "Aborted with a BuildError!". This runs the
same build in-process and prints what a clerk needs: every problem as `file:line: …` in Chinese, then one line
saying whether the site was built. Exit code 0: built; 1: not built (the problems are listed above it).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, ClerkLogHandler, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from studysite.core.oserrors import os_error_line  # noqa: E402  (the hooks folder is not a package)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2.0 is not for clerks


def quiet_mkdocs_log(stream=None) -> ClerkLogHandler:
    """Route MkDocs' log through the clerk's handler only (no English progress, no duplicate lines)."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, ClerkLogHandler):
            logger.removeHandler(handler)
    handler = ClerkLogHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


def build_site(root: Path, site_dir: Path, pdf: bool, stream=None) -> tuple[bool, str]:
    """Build strictly; (built, the one line that says how it went).

    The site is built beside site_dir and moved into place only when the build succeeds: a failed build
    leaves the last good site/ as it was."""
    import shutil
    import tempfile

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    # mkdtemp makes a folder only its owner may read; a site is read by a web server's user too
    umask = os.umask(0)
    os.umask(umask)
    building.chmod(0o777 & ~umask)
    try:
        built, line = _build_into(root, building, site_dir, pdf, stream)
        if built:
            old = site_dir.with_name(f".{site_dir.name}-old-{building.name[-8:]}")
            if site_dir.exists():
                site_dir.rename(old)
            building.rename(site_dir)
            shutil.rmtree(old, ignore_errors=True)
        return built, line
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _build_into(root: Path, building: Path, site_dir: Path, pdf: bool, stream) -> tuple[bool, str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    os.environ["STUDYSITE_PDF"] = "1" if pdf else "0"
    handler = quiet_mkdocs_log(stream)
    started = time.perf_counter()
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(building), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, BuildError, ConfigurationError) as stopped:
        warnings = handler.counts["warning"]
        if warnings and "strict mode" in str(stopped):
            why = f"有 {warnings} 处警告（严格模式下警告也会使构建失败，排版警告可用 make fix 修正）"
        else:
            why = "发现的问题见上（运行 make check 可逐条查看）" if handler.counts["error"] else str(stopped)
        return False, f"构建失败：{why}。{'原有的 ' + str(site_dir.name) + '/ 保持不变。' if site_dir.exists() else ''}"
    seconds = time.perf_counter() - started
    pages = sum(1 for _ in building.rglob("*.html"))
    packs = sum(1 for _ in (building / "packs").glob("*.pdf"))
    sheets = sum(1 for _ in (building / "quizzes").glob("*.pdf"))
    shown = site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir
    extra = f"，学习材料包 PDF {packs} 份" + (f"，自测题试题和答案 PDF {sheets} 份" if sheets else "") if pdf else ""
    return True, f"构建完成：{pages} 个网页{extra}，用时 {seconds:.1f} 秒，输出在 {shown}/。"


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python3 scripts/build.py", description="严格模式构建整个网站（含学习材料包 PDF）"
    )
    parser.add_argument("-d", "--site-dir", type=Path, default=None, help="输出目录（默认为项目下的 site/）")
    parser.add_argument("--no-pdf", action="store_true", help="不生成学习材料包的 PDF（更快）")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    site_dir = (args.site_dir or root / "site").resolve()
    try:
        built, line = build_site(root, site_dir, not args.no_pdf)
    except OSError as error:  # a full disk is the server's problem, not the page being written at the time
        built, line = False, os_error_line(error, "构建")
    print(line, file=sys.stdout if built else sys.stderr)
    return 0 if built else 1


if __name__ == "__main__":
    sys.exit(run(main))
