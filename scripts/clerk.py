"""What a clerk sees of the project's commands: Chinese, no tracebacks, and the right Python every time.

Standard library only: `use_project_python()` runs before the virtualenv exists, so that
`python3 scripts/new.py …` typed on a fresh clone sets the project up and runs in it instead of failing
with ModuleNotFoundError.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"
ERROR_LOG = REPO / ".cache" / "错误详情.log"
_REEXEC = "STUDYSITE_PROJECT_PYTHON"


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def use_project_python() -> None:
    """Re-run this script with the project's .venv Python, setting it up first when it is missing (a venv made
    before the hooks' package was put on its path gets that too: .hooks-path, see the Makefile)."""
    ready = (VENV / ".site-installed").exists() and (VENV / ".hooks-path").exists()
    if (_in_project_venv() and ready) or os.environ.get(_REEXEC) == "1":
        return
    python = VENV / "bin" / "python"
    if not ready:
        print("第一次运行：正在安装所需软件（只需一次，约一两分钟）……", file=sys.stderr)
        result = subprocess.run(["make", "-C", str(REPO), "--no-print-directory", ".venv/.site-installed"])
        if result.returncode != 0 or not python.exists():
            print("安装没有完成，请按上面的提示处理后再运行一次。", file=sys.stderr)
            raise SystemExit(1)
    os.environ[_REEXEC] = "1"
    os.execv(str(python), [str(python), *sys.argv])


def log_exception(error: BaseException) -> Path:
    """Write the traceback where a maintainer can read it; the clerk gets one line naming this file."""
    ERROR_LOG.parent.mkdir(parents=True, exist_ok=True)
    with ERROR_LOG.open("a", encoding="utf-8") as log:
        log.write(f"=== {datetime.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
        log.write("".join(traceback.format_exception(error)))
    return ERROR_LOG


def culprit(error: BaseException) -> str | None:
    """The file of docs/ being handled when the error happened, found in the failing frames."""
    tb = error.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for name in ("source", "page", "file", "path"):
            value = frame.f_locals.get(name)
            value = getattr(value, "file", value)  # a MkDocs page has its file
            found = getattr(value, "src_uri", None) or (value if isinstance(value, str) else None)
            if isinstance(found, str) and found.endswith(".md"):
                return found if found.startswith("docs/") else f"docs/{found}"
    return None


def unexpected(error: BaseException) -> str:
    """The one Chinese line a clerk sees for an error nobody foresaw."""
    where = culprit(error)
    log = log_exception(error)
    shown = log.relative_to(REPO) if log.is_relative_to(REPO) else log
    place = f"处理 {where} 时" if where else ""
    return (
        f"{where or '本站'}:1: 意外错误: 应为 正常完成，实为 “{type(error).__name__}”"
        f"（{place}程序出错，不是您的操作问题；详细信息已写入 {shown}，请把该文件发给网站维护人员）"
    )


def run(main: Callable[[list[str] | None], int], argv: list[str] | None = None) -> int:
    """main(argv) as a clerk's command: Ctrl-C and Ctrl-D leave quietly, any other error in one line."""
    try:
        return main(argv)
    except (KeyboardInterrupt, EOFError):
        print("\n已取消，没有写入任何文件。", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback reaches a clerk
        print(unexpected(error), file=sys.stderr)
        return 1


# --- argparse in Chinese ---------------------------------------------------------------------------------

_ARGPARSE_MESSAGES = (
    (r"^the following arguments are required: (.+)$", "缺少必填的参数：{0}"),
    (
        r"^argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)$",
        "参数 {0} 的值 “{1}” 不在可选范围内，可选：{2}",
    ),
    (r"^argument (\S+): expected one argument$", "参数 {0} 后面要写一个值"),
    (r"^unrecognized arguments: (.+)$", "无法识别的参数：{0}"),
    (r"^argument (\S+): invalid (\w+) value: '?(.*?)'?$", "参数 {0} 的值 “{2}” 格式不对"),
    (r"^invalid choice: '?(.*?)'? \(choose from (.+)\)$", "“{0}” 不在可选范围内，可选：{1}"),
    (r"^argument (\S+): (.+)$", "参数 {0}：{1}"),
)
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
}


def _translate(message: str) -> str:
    for pattern, chinese in _ARGPARSE_MESSAGES:
        match = re.match(pattern, message)
        if match:
            return chinese.format(*(group.replace("'", "") for group in match.groups()))
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its own words and errors in Chinese, and an error exit that names what to type."""

    usage_on_error = True  # False: a command make runs for the clerk says only what is wrong, no usage line

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse's signature
        if self.usage_on_error:
            self.print_usage(sys.stderr)
        self.exit(2, f"{_translate(message)}（运行 {self.prog} -h 可查看全部参数）\n")

    def format_help(self) -> str:
        return _words(super().format_help())

    def format_usage(self) -> str:
        return _words(super().format_usage())


def _words(text: str) -> str:
    for english, chinese in _ARGPARSE_WORDS.items():
        text = text.replace(english, chinese)
    return re.sub(r"^(\w+ )?选项:", "选项：", text, flags=re.M).replace("位置参数:", "位置参数：")


# --- MkDocs' own log lines, for a clerk ----------------------------------------------------------------

_MKDOCS_MESSAGES = (
    (
        r"^Doc file '(.+?)' contains a link '(.+?)', but the target(?: '(.+?)')? is not found among documentation files\.(?: Did you mean '(.+?)'\?)?$",
        "docs/{0}:1: 链接: 应为 docs/ 中存在的页面或文件，实为 “{1}”",
    ),
    (
        r"^Doc file '(.+?)' contains an unrecognized relative link '(.+?)', it was left as is\.(?: Did you mean '(.+?)'\?)?$",
        "docs/{0}:1: 链接: 应为 指向 .md 文件的相对链接，实为 “{1}”",
    ),
    (
        r"^Doc file '(.+?)' contains an absolute link '(.+?)', it was left as is\.",
        "docs/{0}:1: 链接: 应为 相对路径（如 ../report/index.md），实为 “{1}”",
    ),
    (
        r"^Doc file '(.+?)' contains a link '(.+?)', but the doc '(.+?)' does not contain an anchor '#(.+?)'\.$",
        "docs/{0}:1: 链接: 应为 {2} 中存在的锚点，实为 “{1}”",
    ),
    (
        r"^Doc file '(.+?)' contains a link '(.+?)', but there is no such anchor on this page\.$",
        "docs/{0}:1: 链接: 应为 本页中存在的锚点，实为 “{1}”",
    ),
    (
        r"^A reference to '(.+?)' is included in the 'nav' configuration, which is not found in the documentation files\.$",
        "mkdocs.yml:1: nav 导航: 应为 docs/ 中存在的页面，实为 “{0}”",
    ),
)
_QUIET = re.compile(
    r"^(Cleaning site directory|Building documentation|Documentation built in|The following pages exist in the docs"
    r"|Building documentation to directory|Reloading|Detected file changes|Serving on|Start watching|Watching paths"
    r"|Browser connected|\[[\d:]+\] (Browser|Serving|Detected|Reloading|\"))"
)


def mkdocs_message(message: str) -> str | None:
    """One of MkDocs' English lines as the clerk should read it; None for progress that says nothing new."""
    if _QUIET.match(message) or message.startswith(("Error building page ", "Error reading page ")):
        return None  # an error while rendering a page is said once, in Chinese, by `unexpected`
    for pattern, chinese in _MKDOCS_MESSAGES:
        match = re.match(pattern, message, re.DOTALL)
        if match:
            return chinese.format(*match.groups())
    return message


class ClerkLogHandler(logging.Handler):
    """Prints the build's log as a clerk reads it: our Chinese lines as they are, MkDocs' in Chinese."""

    def __init__(self, stream=None) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream or sys.stderr
        self.counts = {"warning": 0, "error": 0}

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.INFO or record.name == "mkdocs.utils" and record.levelno == logging.INFO:
            return
        own = record.name.startswith("mkdocs.hooks")
        if record.levelno == logging.INFO and record.name != "mkdocs.hooks.notices":
            return  # progress lines (MkDocs', the files made): the command says in one line how it went
        text = record.getMessage() if own else mkdocs_message(record.getMessage())
        if text is None:
            return
        if record.levelno >= logging.ERROR:
            self.counts["error"] += 1
        elif record.levelno >= logging.WARNING:
            self.counts["warning"] += 1
        print(text, file=self.stream)
