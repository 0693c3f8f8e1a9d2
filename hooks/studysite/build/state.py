"""One build's state: the content model, the generated pages and the check report, made once per build.

The first hook (hooks/content.py) makes it from the files MkDocs found and attaches it to that build's Files
object, which MkDocs makes anew for every build: the state cannot outlive its build, also across the
rebuilds of `mkdocs serve`, where hook modules stay imported. `make check` makes the same state from disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from studysite.build.edition import SERVED, Edition, prune_nav, withheld
from studysite.core.pages import FIND_PAGE, LEDGER_CSV, LEDGER_PAGE, MAPPING_PAGE, PACK_INDEX
from studysite.core.problems import Problem
from studysite.core.sources import Source
from studysite.model.site import Site, load_site
from studysite.render.catalogue import generated_pages
from studysite.render.ledger import ledger_csv, ledger_page, mapping_page
from studysite.render.packpages import packs_index
from studysite.rules.attachments import attachment_problems, is_document
from studysite.rules.checks import Report, check_site
from studysite.rules.links import markdown_links, resolve
from studysite.search.findpage import find_page

_ATTRIBUTE = "studysite_build"


@dataclass(frozen=True)
class Build:
    site: Site
    generated: dict[str, str]  # the generated pages (Markdown) and text files (CSV), by src_uri
    report: Report
    pdf: bool  # study packs get their PDFs and Word files, the ledger its workbook (make build, make pdf)
    edition: Edition = SERVED
    withheld: frozenset[str] = frozenset()  # pages this edition leaves out (offline, public; files: shipped.py)
    html_problems: list[Problem] = field(default_factory=list)  # found on rendered pages, as MkDocs renders them


def generated_content(site: Site, pdf: bool, directory_urls: bool = True) -> dict[str, str]:
    """Every page and text file the build adds to docs/ (never written there), by src_uri."""
    return {
        **generated_pages(site.listings, directory_urls),
        LEDGER_PAGE: ledger_page(site.plan, directory_urls, workbook=pdf),
        MAPPING_PAGE: mapping_page(site.plan),
        LEDGER_CSV: ledger_csv(site.plan),
        PACK_INDEX: packs_index(site.packs, pdf),
        FIND_PAGE: find_page(),
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
    edition: Edition = SERVED,
    read_file: Callable[[str], bytes] | None = None,
    glyphs: bool | None = None,
    directory_urls: bool = True,
) -> Build:
    """The state of one build; problems are those found before the sources (a bad STUDYSITE_TODAY).

    read_file(src_uri) gives the bytes of a file of docs/ that is not a page: Word and PDF files are read and
    checked like pages. glyphs: check that the printing fonts have every character the packs print (default:
    when the packs are printed). directory_urls is mkdocs.yml's use_directory_urls: generated HTML links name
    the URLs it gives pages.

    An edition without 内部 material is made from the other sources only; the pages it leaves out stay
    link targets (the edition's hook turns links to them into text) so the pages that name them still build.
    """
    sources, files = list(sources), list(files)
    hidden = withheld(sources, topics) if edition.withholds_internal else frozenset()
    if hidden:
        files = [f for f in files if f not in hidden] + sorted(s.src_uri for s in sources if s.src_uri in hidden)
        sources = [s for s in sources if s.src_uri not in hidden]
        nav = prune_nav(nav, hidden)
    site = load_site(sources, files, topics, today)
    generated = generated_content(site, pdf, directory_urls)
    pages = {src_uri: text for src_uri, text in generated.items() if src_uri.endswith(".md")}
    report = check_site(site, pages, nav, slugify, pdf if glyphs is None else glyphs, directory_urls)
    problems = [*problems, *report.problems]
    documents = [f for f in site.files if is_document(f)] if read_file is not None else []
    if documents:
        linked = linked_files(site, directory_urls)
        problems += [p for f in documents for p in attachment_problems(f, read_file(f), f in linked)]
    return Build(site, generated, Report(problems, report.findings), pdf, edition, hidden)


def linked_files(site: Site, directory_urls: bool = True) -> set[str]:
    """Every file of docs/ some page links to (as the clerk wrote the link)."""
    found = set()
    for source in site.sources:
        for link in markdown_links(source.text):
            target = (
                None if link.broken else resolve(source.src_uri, link.target, link.html, site.targets, directory_urls)
            )
            if target and target[0] == "page":
                found.add(target[1])
    return found


def attach(files: object, build: Build) -> None:
    setattr(files, _ATTRIBUTE, build)


def build_of(files: object) -> Build:
    """This build's state; the content hook made it in on_files."""
    return getattr(files, _ATTRIBUTE)
