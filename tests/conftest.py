"""Shared helpers: a copy of the project in a temporary folder, a real strict build, parsed HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
SOURCE_REPORT = REPO / "source" / "局党委专题民主生活会召开情况汇报.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The day the fictional history of the PDF fixture was committed (China Standard Time).
FIXTURE_COMMIT_DAY = "2025-06-20"

# `make test` runs this suite from inside make; the commands under test must run as a user types them at a
# shell, not as sub-makes (which would print "make[1]: Entering directory" around their output).
for _name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
    os.environ.pop(_name, None)


def copy_project(target: Path) -> Path:
    """The parts of the repo a build reads, copied so a test may change them freely."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "source"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


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


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's own site, built once per test session into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


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


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory) -> Path:
    """A build with PDFs, Word packs and the ledger workbook (make build), shared by the print tests."""
    tmp_path = tmp_path_factory.mktemp("packs")
    site = tmp_path / "site"
    result = mkdocs_build(pdf_project(tmp_path / "project"), site, env=PDF_ENV)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> Path:
    """The site with fictional entries of every kind and the packs' PDFs, built once (accessibility tests)."""
    from a11y_support import build_reader_site

    return build_reader_site(tmp_path_factory.mktemp("reader"))


@pytest.fixture(scope="session")
def reader_url(reader_site: Path):
    """reader_site served on 127.0.0.1, as the intranet web server serves it."""
    from a11y_support import served

    with served(reader_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser():
    """Debian's Chromium through Playwright, one per test module (one Playwright runs at a time)."""
    from a11y_support import chromium

    with chromium() as browser:
        yield browser
