"""`make check` run in-process on a project copy, and its lines set beside the build's."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import check
from support import build_quietly

PROBLEM = re.compile(r"^(docs|overrides|mkdocs\.yml|\.cache)[/:]")


def run_check(project: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = check.main(["--root", str(project)])
    return code, (out.getvalue() + err.getvalue()).splitlines()


def as_build_line(check_line: str) -> str:
    """`make check` prints path:line:col:, the build path:line:; the rest is the same text."""
    path, line, col, rest = check_line.split(":", 3)
    return f"{path}:{line}:{rest}" if col.isdigit() else check_line


def verdicts(project: Path, site: Path) -> tuple[list[str], list[str]]:
    """The problem lines of `make check` and of `make build` (in-process, strict); both must refuse."""
    code, checked = run_check(project)
    assert code == 1, checked
    built, lines = build_quietly(project, site)
    assert not built, lines
    assert not site.exists(), "nothing was written to site/"
    problems = [as_build_line(line) for line in checked if PROBLEM.match(line)]
    built_problems = [line for line in lines if PROBLEM.match(line)]
    return problems, built_problems
