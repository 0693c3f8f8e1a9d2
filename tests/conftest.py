"""Fixtures for every layer of the suite, and each test marked by its folder: unit, build, office or browser.

The helpers the fixtures and tests share are in tests/support (a package), never in a test module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from support import PDF_ENV, REPO, mkdocs_build, pdf_project

# `make test` runs this suite from inside make; the commands under test must run as a user types them at a
# shell, not as sub-makes (which would print "make[1]: Entering directory" around their output).
for _name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
    os.environ.pop(_name, None)

LAYERS = ("unit", "build", "office", "browser")
TESTS = Path(__file__).resolve().parent


# The sites built once per run (below), costliest first: under `make test` (pytest-xdist, --dist loadgroup)
# the tests that read one of them run in one worker, so no site is built twice.
SHARED_SITES = ("pdf_site", "reader_site", "built_site")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark each test by the folder it lies in, so `pytest -m "not browser"` picks layers (pyproject registers
    them), and give it an xdist group: the shared site it reads, else its module (whose module-scoped
    fixtures, a build or a server, are then made once)."""
    for item in items:
        folder = Path(item.path).resolve().relative_to(TESTS).parts[0]
        if folder in LAYERS:
            item.add_marker(getattr(pytest.mark, folder))
        fixtures = getattr(item, "_fixtureinfo", None)
        defs = fixtures.name2fixturedefs if fixtures else {}
        shared = [name for name in SHARED_SITES if name in defs and defs[name][-1].func.__module__ == "conftest"]
        item.add_marker(pytest.mark.xdist_group(shared[0] if shared else item.module.__name__))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's own site, built once per test session into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


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
    from support.a11y import build_reader_site

    return build_reader_site(tmp_path_factory.mktemp("reader"))


@pytest.fixture(scope="session")
def reader_url(reader_site: Path) -> Iterator[str]:
    """reader_site served on 127.0.0.1, as the intranet web server serves it."""
    from support.browser import served

    with served(reader_site) as url:
        yield url


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 under a sub-path, as the intranet server may place it."""
    from support.browser import served

    root = built_site.parent / "webroot"
    (root / "xuexi").mkdir(parents=True, exist_ok=True)
    link = root / "xuexi" / "site"
    if not link.exists():
        link.symlink_to(built_site, target_is_directory=True)
    with served(root) as url:
        yield url + "xuexi/site/"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (one Playwright runs at a time)."""
    from support.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def fake_builds(monkeypatch):
    """`make publish` with builds that take no time: each writes a page naming its number; a number in
    `failing` fails half-written."""
    import publish

    made = {"count": 0, "failing": set()}
    clock = iter(datetime(2025, 3, 12, 9, 0, 0) + timedelta(minutes=m) for m in range(1000))
    monkeypatch.setattr(publish, "_now", lambda: next(clock))

    def build_and_check(root, target, edition=None, **env):
        made["count"] += 1
        target.mkdir(parents=True)
        (target / "index.html").write_text(f"第{made['count']}版", encoding="utf-8")
        return ["构建失败：示例"] if made["count"] in made["failing"] else []

    monkeypatch.setattr(publish, "build_and_check", build_and_check)
    return made
