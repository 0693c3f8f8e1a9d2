"""Page bodies Python-Markdown cannot render in time (or without overflowing the stack) are refused at their
line by `make check` and by a real build alike, with the same message, and the build stops in seconds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import check
from support import REPO, copy_project

HEADER = "---\ntype: speech\ntitle: 示例讲话{n}\nspeaker: 示例甲\ndate: 2025-03-{n:02d}\n---\n\n"
BODY_START = HEADER.count("\n") + 1


def _div(n: int) -> str:
    return '<div markdown="1">\n\n' * n + "正文\n\n" + "</div>\n\n" * n


ATTACKS = {  # the attacker's two pages, then held-out variants: (body, line of the body with the first problem)
    "brackets": ("[" * 60000, 1),
    "divs": (_div(1500), 33),
    "quotes": ("前言\n\n" + "\n".join(">" * k + " 正文" for k in range(1, 301)), 19),
    "lists": ("前言\n\n" + "\n".join("    " * k + "- 正文" for k in range(300)), 19),
    "stars": ("前言\n\n" + "*" * 5000 + "正文", 3),
    "unders": ("前言\n\n" + "_a " * 3000 + "\n\n" + "_" * 5000, 5),
    "images": ("前言\n\n" + "![" * 3000, 3),
    "backticks": ("前言\n\n" + " ".join("`" * k for k in range(1, 400)), 3),
    "line": ("前言\n\n" + "示例[注](#) " * 15000, 3),
    "footnotes": ("前言\n\n" + "\n".join("[^ 正文" for _ in range(2000)), 3),
}


def _lines(printed: list[str]) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for line in printed:
        match = re.match(r"^(docs/\S+?):(\d+):(?:\d+:)? (正文结构: .+)$", line)
        if match:
            found.setdefault(match.group(1), set()).add((match.group(2), match.group(3)))
    return found


def test_complex_pages_are_refused_by_check_and_build_alike_in_seconds(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    paths = {}
    for n, (name, (body, _)) in enumerate(ATTACKS.items(), 1):
        paths[name] = f"docs/speeches/2025-03-{n:02d}-示例{name}.md"
        (project / paths[name]).write_text(HEADER.format(n=n) + body + "\n", encoding="utf-8")
    started = time.monotonic()
    code = check.main(["--root", str(project)])
    by_check = _lines(capsys.readouterr().out.splitlines())
    assert code == 1 and time.monotonic() - started < 60
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
        + ["-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=60,  # a regression fails here rather than hang
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode != 0 and "Traceback" not in built.stderr and "RecursionError" not in built.stderr
    by_build = _lines(built.stderr.splitlines())
    assert by_check == by_build, "check and build name the same lines with the same messages"
    for name, (_, line) in ATTACKS.items():
        found = by_build.get(paths[name], set())
        assert any(at == str(BODY_START + line - 1) for at, _ in found), (name, sorted(found))
    assert not (tmp_path / "site").exists()


def test_the_repos_own_pages_pass_and_build(tmp_path: Path):
    from studysite.core.sources import read_source
    from studysite.rules.complexity import complexity_problems

    for path in (REPO / "docs").rglob("*.md"):
        source = read_source(path.relative_to(REPO / "docs").as_posix(), path.read_bytes())
        assert complexity_problems(source.path, source.text, source.body) == [], path
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml")]
        + ["-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
