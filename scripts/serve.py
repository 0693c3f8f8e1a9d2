"""`make serve`: preview the site at http://127.0.0.1:8000/ while editing; problems shown in the browser.

    python3 scripts/serve.py              # port 8000
    python3 scripts/serve.py --port 8001  # when 8000 is taken (make serve PORT=8001)

MkDocs' own `mkdocs serve` stops at the first problem, leaves the browser waiting forever after a failed
rebuild, and speaks English. Here every build goes on: the checks' problems appear in a box on every page
(hooks/guards.py, under serve), an unexpected error replaces the pages with a Chinese page naming the log,
and the browser reloads by itself when the file is saved again.
"""

from __future__ import annotations

import errno
import html
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, run, unexpected, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()

from build import quiet_mkdocs_log  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

_ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>网站暂时无法显示</title></head>
<body style="font-family: sans-serif; max-width: 46em; margin: 3em auto; line-height: 1.8">
<h1>网站暂时无法显示</h1>
<p>{message}</p>
<p>改好文件并保存后，本页会自动刷新。</p>
</body></html>
"""


def port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def page_paths(docs_dir: Path, site_dir: Path) -> set[Path]:
    """Where each page of docs/ is served from (directory URLs: x.md → x/index.html)."""
    paths = {site_dir / "index.html", site_dir / "404.html"}
    for source in docs_dir.rglob("*"):
        relative = source.relative_to(docs_dir)
        if source.is_dir():  # a section whose index the build generates (speeches/, notices/ …)
            paths.add(site_dir / relative / "index.html")
        elif source.suffix == ".md":
            page = relative.with_suffix("")
            paths.add(site_dir / (page.parent if page.name in ("index", "README") else page) / "index.html")
    return paths


def show_error_everywhere(docs_dir: Path, site_dir: Path, message: str) -> None:
    """Every page of the preview says what went wrong; served as files, they reload when it is fixed."""
    page = _ERROR_PAGE.format(message=html.escape(message))
    for path in page_paths(docs_dir, site_dir) | set(site_dir.rglob("*.html")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


def preview_config(root: Path, site_dir: Path, serve_url: str):
    """mkdocs.yml as the preview builds it, loaded anew for each build."""
    from mkdocs.config import load_config

    # strict off: a warning must not stop the preview (the guards show every problem on the page)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    config.site_url = serve_url
    return config


def serve(root: Path, host: str, port: int) -> None:
    """mkdocs serve, with a builder that never raises (what failed is shown instead) and re-renders only the
    pages an edit touches (scripts/preview.py)."""
    from mkdocs.livereload import LiveReloadServer

    from preview import Preview

    quiet_mkdocs_log()
    site_dir = Path(tempfile.mkdtemp(prefix="xuexi-preview-"))
    serve_url = f"http://{host}:{port}/"

    def get_config():
        return preview_config(root, site_dir, serve_url)

    preview = Preview()

    def builder(config=None) -> None:
        try:
            preview.build(config or get_config(), serve_url)
        except Exception as error:  # noqa: BLE001 - the preview must go on, and say why in Chinese
            line = unexpected(error)
            print(line, file=sys.stderr)
            show_error_everywhere(root / "docs", site_dir, line)
            preview.forget_output()

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path="/")

    def error_handler(code) -> bytes | None:
        error_page = site_dir / f"{code}.html"
        return error_page.read_bytes() if error_page.is_file() else None

    server.error_handler = error_handler
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)  # overrides/: every page again (preview.py)
        print(f"正在预览：{serve_url} （在浏览器中打开；修改并保存文件后页面自动刷新；按 Ctrl-C 结束）", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("\n已结束预览。")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python3 scripts/serve.py", description="在本机预览网站，修改后自动刷新")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--host", default="127.0.0.1", help="地址（默认 127.0.0.1，只有本机能访问）")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    if port_taken(args.host, args.port):
        print(
            f"端口 {args.port} 已被占用（可能已经有一个 make serve 在运行，请先在那个窗口按 Ctrl-C 结束它）。"
            f"也可以换一个端口：make serve PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 1
    serve(args.root.resolve(), args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
