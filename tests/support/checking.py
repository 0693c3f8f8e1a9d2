"""`make check` run in-process on a project copy, and its lines set beside the build's."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import check

PROBLEM = re.compile(r"^(docs|overrides|mkdocs\.yml)[/:]")


def run_check(project: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = check.main(["--root", str(project)])
    return code, (out.getvalue() + err.getvalue()).splitlines()


def as_build_line(check_line: str) -> str:
    """`make check` prints path:line:col:, the build path:line:; the rest is the same text."""
    path, line, col, rest = check_line.split(":", 3)
    return f"{path}:{line}:{rest}" if col.isdigit() else check_line
