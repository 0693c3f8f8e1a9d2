"""What the tests share, by layer of the suite (tests/unit, build, office, browser); fixtures are in conftest.py.

Here: the repository, a copy of the project in a temporary folder, a real strict build (`mkdocs build --strict`
as a user runs it, or `make build`'s in-process one), parsed HTML. Beside it: `corpus` (the fictional 示例局
entries), `measures` (measures, plan, problem list), `allowlist` (pages rendered as the site renders them, unsafe
cases), `office` (Word and PDF files made here), `offline` and `offline_variants` (a committed project with
内部 material), `browser` and `a11y` (Chromium, a served site, axe-core), `checking` (`make check` beside the
build), `guarded_text` (every encoding of a secret mark or a number), `workings` (what a reader must not see).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from bench import copy_project  # noqa: F401  (one definition: the benchmarks copy projects too)

REPO = Path(__file__).resolve().parents[2]
SOURCE_REPORT = REPO / "source" / "局党委专题民主生活会召开情况汇报.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The day the fictional history of the PDF fixture was committed (China Standard Time).
FIXTURE_COMMIT_DAY = "2025-06-20"


def command_project(target: Path) -> Path:
    """A project copy with what `make new` and the scripts need beside it: Makefile, requirements, scripts/, .venv."""
    project = copy_project(target)
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "scripts"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    return project


def append_line(project: Path, page: str, line: str) -> int:
    """Add a line at the end of a page of a project copy; return its line number."""
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


def mkdocs_build(
    project: Path, site: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it (never -q: quiet hides the warnings strict counts)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.parent,
    )


def free_port() -> int:
    """A port on 127.0.0.1 no one listens on now: servers under test never take a fixed one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build_quietly(project: Path, site: Path, pdf: bool = False) -> tuple[bool, list[str]]:
    """`make build`'s own in-process build (scripts/build.py): whether it built, and every line it printed."""
    import io

    from build import build_site

    stream = io.StringIO()
    built, summary = build_site(project, site, pdf, stream)
    return built, [*stream.getvalue().splitlines(), summary]


def commit_all(project: Path, day: str) -> None:
    """Make the project a git repository with everything committed on that day (pages then have dates)."""
    when = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=示例", "-c", "user.email=shili@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "示例"]):
        subprocess.run(["git", *identity, "-C", str(project), *command], check=True, env=env, capture_output=True)


def pdf_project(target: Path) -> Path:
    """The repo with the fictional entries and measure, committed: what the print tests build."""
    project = copy_project(target)
    for folder in ("speeches", "notices"):
        for path in (FIXTURES / "compilation" / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    shutil.copy2(FIXTURES / "measures/m9.md", project / "docs/measures/m9.md")
    commit_all(project, FIXTURE_COMMIT_DAY)
    return project


PDF_ENV = {"STUDYSITE_PDF": "1", "STUDYSITE_TODAY": "2025-07-01"}


def with_entries(tmp_path: Path, corpus: Path) -> Path:
    """The repo with the entries of a fixture corpus (speeches and notices) copied in."""
    project = copy_project(tmp_path / "project")
    for folder in ("speeches", "notices"):
        for path in (corpus / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    return project
