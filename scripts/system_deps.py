"""Install the Debian packages a make target needs, or say exactly which command to run.

Runs with the system's python3 before the virtualenv exists, so it uses the standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The print faces are named in one place (studysite.rules.fonts, standard library only at import).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from studysite.rules.fonts import FANDOL_PACKAGE, print_font_files  # noqa: E402


@dataclass(frozen=True)
class Need:
    package: str  # Debian package that provides it
    present: Callable[[], bool]
    why: str


def _python_can_make_venvs() -> bool:
    result = subprocess.run([sys.executable, "-c", "import ensurepip, venv"], capture_output=True)
    return result.returncode == 0


def _has_font(family: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    result = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True)
    return family in result.stdout


def _has_library(name: str) -> bool:
    result = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True)
    return name in result.stdout


_VENV = Need("python3-venv", _python_can_make_venvs, "创建 .venv 虚拟环境")
_PDF = [
    Need("libpango-1.0-0", lambda: _has_library("libpango-1.0.so.0"), "WeasyPrint 排版 PDF"),
    Need("libpangoft2-1.0-0", lambda: _has_library("libpangoft2-1.0.so.0"), "WeasyPrint 排版 PDF"),
    Need("fonts-noto-cjk", lambda: _has_font("Noto Serif CJK SC"), "中文字体（宋体、黑体）"),
    Need("fonts-lxgw-wenkai", lambda: _has_font("LXGW WenKai"), "楷体（Fandol 字体缺少的字）"),
    Need(
        FANDOL_PACKAGE,
        lambda: all(path.is_file() for path in print_font_files()),
        "Fandol 仿宋、宋体、黑体、楷体（材料包 PDF 和 Word 文档的字体）",
    ),
]
NEEDS: dict[str, list[Need]] = {
    "site": [_VENV],
    "pdf": [_VENV, *_PDF],
    "test": [
        _VENV,
        *_PDF,
        Need("chromium", lambda: Path("/usr/bin/chromium").exists(), "浏览器测试（Playwright 驱动 Chromium）"),
        Need("poppler-utils", lambda: shutil.which("pdffonts") is not None, "检查 PDF 中嵌入的字体"),
        Need(
            "libreoffice-writer-nogui",
            lambda: shutil.which("soffice") is not None,
            "导入 .doc/.wps/.odt 文件；测试中把 Word 文件另存为 PDF 和 .doc，把 Word 材料包排成 PDF 检查版式",
        ),
        Need(
            "libreoffice-calc-nogui",
            lambda: Path("/usr/lib/libreoffice/program/libsclo.so").exists(),
            "测试中用 LibreOffice Calc 把整改台账 Excel 工作簿排成 PDF，检查文字不被截断",
        ),
        Need("nginx", lambda: Path("/usr/sbin/nginx").exists(), "测试 deploy/nginx.conf（在 127.0.0.1 上临时启动）"),
        Need(
            "npm",
            lambda: shutil.which("npm") is not None,
            "安装无障碍检查工具 axe-core 和 JavaScript 类型检查工具 TypeScript（package.json）",
        ),
    ],
}


def missing(needs: list[Need]) -> list[Need]:
    return [need for need in needs if not need.present()]


def install_command(packages: list[str]) -> list[str]:
    return ["apt-get", "install", "-y", "--no-install-recommends", *packages]


def can_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in NEEDS:
        print(f"用法：system_deps.py {{{'|'.join(NEEDS)}}}", file=sys.stderr)
        return 2
    absent = missing(NEEDS[args[0]])
    if not absent:
        return 0
    packages = sorted({need.package for need in absent})
    for need in absent:
        print(f"缺少系统软件包 {need.package}：用于{need.why}。")
    if not can_install():
        print("请先运行：sudo apt-get update && sudo " + " ".join(install_command(packages)), file=sys.stderr)
        return 1
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"正在安装：{' '.join(packages)}（只需一次）……", flush=True)
    # apt's progress is long and English: kept in a log, shown only when something went wrong
    for command in (["apt-get", "update", "-qq"], install_command(packages)):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print((result.stdout + result.stderr)[-3000:], file=sys.stderr)
            print(f"安装失败：{' '.join(command)}，请检查 apt 源后重试。", file=sys.stderr)
            return 1
    still = missing(absent)
    for need in still:
        print(f"安装后仍缺少 {need.package}，请检查 apt 源。", file=sys.stderr)
    return 1 if still else 0


if __name__ == "__main__":
    sys.exit(main())
