"""One build's state: the content model, the generated pages and the check report, made once per build.

The first hook (hooks/content.py) makes it from the files MkDocs found and attaches it to that build's Files
object, which MkDocs makes anew for every build: the state cannot outlive its build, also across the
rebuilds of `mkdocs serve`, where hook modules stay imported. `make check` makes the same state from disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .catalogue import generated_pages
from .checks import Report, check_site
from .ledger import ledger_csv, ledger_page, mapping_page
from .model import Site, load_site
from .packpages import packs_index
from .pages import LEDGER_CSV, LEDGER_PAGE, MAPPING_PAGE, PACK_INDEX
from .problems import Problem
from .sources import Source

_ATTRIBUTE = "studysite_build"


@dataclass(frozen=True)
class Build:
    site: Site
    generated: dict[str, str]  # the generated pages (Markdown) and text files (CSV), by src_uri
    report: Report
    pdf: bool  # study packs get their PDFs (make build, make pdf)


def generated_content(site: Site, pdf: bool, directory_urls: bool = True) -> dict[str, str]:
    """Every page and text file the build adds to docs/ (never written there), by src_uri."""
    return {
        **generated_pages(site.listings, directory_urls),
        LEDGER_PAGE: ledger_page(site.plan, directory_urls),
        MAPPING_PAGE: mapping_page(site.plan),
        LEDGER_CSV: ledger_csv(site.plan),
        PACK_INDEX: packs_index(site.packs, pdf),
    }


def make_build(
    sources: Iterable[Source],
    files: Iterable[str],
    topics: tuple[str, ...],
    today: date,
    nav: object,
    slugify: Callable[[str, str], str] | None,
    pdf: bool = False,
    problems: Iterable[Problem] = (),
    directory_urls: bool = True,
) -> Build:
    """The state of one build; problems are those found before the sources (a bad STUDYSITE_TODAY).

    directory_urls is mkdocs.yml's use_directory_urls: generated HTML links name the URLs it gives pages.
    """
    site = load_site(sources, files, topics, today)
    generated = generated_content(site, pdf, directory_urls)
    pages = {src_uri: text for src_uri, text in generated.items() if src_uri.endswith(".md")}
    report = check_site(site, pages, nav, slugify, directory_urls)
    return Build(site, generated, Report([*problems, *report.problems], report.findings), pdf)


def attach(files: object, build: Build) -> None:
    setattr(files, _ATTRIBUTE, build)


def build_of(files: object) -> Build:
    """This build's state; the content hook made it in on_files."""
    return getattr(files, _ATTRIBUTE)
