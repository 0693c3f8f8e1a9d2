"""One build's state: its settings, the content model, the generated pages and the check report, made once.

The first hook (hooks/content.py) makes it from the build's inputs (studysite.build.inputs) and attaches it
to that build's config, which MkDocs loads anew for every build and hands to every event: the state cannot
outlive its build, also across the rebuilds of `mkdocs serve`, where hook modules stay imported. `make check`
makes the same state from the same inputs.

The Build is frozen. What the hooks learn while MkDocs renders the pages (problems only the finished HTML
shows, the tables a page stashed, the URLs an edition withholds, the judge of finished pages) goes into its
Rendering, the one part of a build that changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from studysite.build.edition import Edition, prune_nav, withheld
from studysite.build.inputs import BuildInputs, Settings
from studysite.core.memo import Memo
from studysite.core.pages import FIND_PAGE, LEDGER_CSV, LEDGER_PAGE, MAPPING_PAGE, PACK_INDEX, QUIZ_INDEX, STUDY_PAGE
from studysite.core.plaintext import EscapedPages
from studysite.core.problems import Problem
from studysite.model.site import Site, load_site
from studysite.model.study import StudyPlan, study_plan
from studysite.model.timeline import History
from studysite.render.compilation import generated_pages
from studysite.render.ledger import ledger_csv, ledger_page, mapping_page
from studysite.render.packpages import packs_index
from studysite.render.place import Placement
from studysite.render.quizpage import quizzes_index
from studysite.render.study import study_page
from studysite.rules.attachments import attachment_problems, is_document
from studysite.rules.checks import Verdict, check_site
from studysite.rules.finished import FinishedPages
from studysite.rules.links import markdown_links, resolve
from studysite.search.findpage import find_page

_ATTRIBUTE = "studysite_build"


class Rendering:
    """What the hooks learn while MkDocs renders one build. Problems and tables go through these methods; the
    other fields are each set once, by the one hook that learns them (edition: the withheld URLs and the files
    of docs/ a public edition may leave out; dates: the page dates)."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._tables: dict[str, Sequence[str]] = {}
        self.withheld_urls: frozenset[str] = frozenset()  # links to them become text (public offline edition)
        self.docs_files: frozenset[str] = frozenset()  # files of docs/ a public edition carries only if reached
        self.page_dates: Mapping[str, date] = {}  # when each page last changed, from git history
        # Titles and front matter escaped while one page's template renders (on_page_context to on_post_page),
        # and the judge of the finished pages with what it found (hooks/guards.py).
        self.escaped = EscapedPages()
        self.finished = FinishedPages()
        # A page out of the navigation put into its section while its template renders (hooks/place.py).
        self.placement = Placement()

    def add_problems(self, problems: Iterable[Problem]) -> None:
        self._problems.extend(problems)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Found on rendered pages, as MkDocs renders them (the allowlist, the guards on what readers get)."""
        return tuple(self._problems)

    def stash_tables(self, src_uri: str, tables: Sequence[str]) -> None:
        self._tables[src_uri] = tables

    def tables(self, src_uri: str) -> Sequence[str]:
        return self._tables.get(src_uri, ())


@dataclass(frozen=True)
class Build:
    settings: Settings
    site: Site
    generated: Mapping[str, str]  # the generated pages (Markdown) and text files (CSV), by src_uri
    report: Verdict
    history: History | None = None  # the measures' timelines from git (the ledger's 整改进展, its workbook)
    withheld: frozenset[str] = frozenset()  # pages this edition leaves out (offline, public; files: shipped.py)
    study: StudyPlan = field(
        default_factory=lambda: StudyPlan({}, (), ())
    )  # the reading pages and the groups 我的学习 counts
    rendering: Rendering = field(default_factory=Rendering, compare=False)

    @property
    def pdf(self) -> bool:
        """Study packs get their PDFs and Word files, the ledger its workbook (make build, make pdf)."""
        return self.settings.pdf

    @property
    def edition(self) -> Edition:
        return self.settings.edition


def generated_content(
    site: Site, pdf: bool, directory_urls: bool = True, history: History | None = None, study: StudyPlan | None = None
) -> dict[str, str]:
    """Every page and text file the build adds to docs/ (never written there), by src_uri."""
    return {
        **generated_pages(site.listings, directory_urls),
        LEDGER_PAGE: ledger_page(site.plan, directory_urls, workbook=pdf, history=history),
        MAPPING_PAGE: mapping_page(site.plan),
        LEDGER_CSV: ledger_csv(site.plan),
        PACK_INDEX: packs_index(site.packs, pdf),
        QUIZ_INDEX: quizzes_index(site.quizzes, pdf),
        FIND_PAGE: find_page(),
        STUDY_PAGE: study_page(study or study_plan(site), directory_urls),
    }


def make_build(
    inputs: BuildInputs,
    read_file: Callable[[str], bytes] | None = None,
    glyphs: bool | None = None,
    memo: Memo | None = None,
) -> Build:
    """The state of one build, from its inputs (problems found before the sources, such as a bad STUDYSITE_TODAY,
    come with them).

    read_file(src_uri) gives the bytes of a file of docs/ that is not a page: Word and PDF files are read and
    checked like pages. glyphs: check that the printing fonts have every character the packs print (default:
    when the packs are printed). memo: under `make serve`, the previous build's results (studysite.core.memo).
    Generated HTML links name the URLs mkdocs.yml's use_directory_urls gives pages.

    An edition without 内部 material is made from the other sources only; the pages it leaves out stay
    link targets (the edition's hook turns links to them into text) so the pages that name them still build.
    """
    settings, topics, nav, directory_urls = inputs.settings, inputs.topics, inputs.nav, inputs.directory_urls
    pdf, edition, today = settings.pdf, settings.edition, settings.today
    sources, files = list(inputs.sources), list(inputs.others)
    hidden = withheld(sources, topics) if edition.withholds_internal else frozenset()
    if hidden:
        files = [f for f in files if f not in hidden] + sorted(s.src_uri for s in sources if s.src_uri in hidden)
        sources = [s for s in sources if s.src_uri not in hidden]
        nav = prune_nav(nav, hidden)
    site = load_site(sources, files, topics, today)
    study = study_plan(site)
    generated = generated_content(site, pdf, directory_urls, inputs.history, study)
    pages = {src_uri: text for src_uri, text in generated.items() if src_uri.endswith(".md")}
    report = check_site(site, pages, nav, inputs.slugify, pdf if glyphs is None else glyphs, directory_urls, memo)
    problems = [*inputs.problems, *report.problems]
    documents = [f for f in site.files if is_document(f)] if read_file is not None else []
    if documents and read_file is not None:
        linked = linked_files(site, directory_urls)
        problems += [p for f in documents for p in attachment_problems(f, read_file(f), f in linked)]
    return Build(settings, site, generated, Verdict(problems, report.findings), inputs.history, hidden, study)


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


def attach(config: object, build: Build) -> None:
    setattr(config, _ATTRIBUTE, build)


def build_of(config: object) -> Build:
    """This build's state; the content hook made it in on_files."""
    return getattr(config, _ATTRIBUTE)
