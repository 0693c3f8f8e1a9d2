"""The content model of one build: every source of docs/ read and checked once, shared by every hook.

`load_site` is the one place that reads the sources' contracts: the catalogue (speeches, notices), the plan
(measures, items, problem areas) and the packs, with every contract problem found in any of them. `make
check`, `make new` and the build all start here, so they cannot disagree about what a file means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from studysite.core.pages import (
    GENERATED_FILES,
    GENERATED_FOLDERS,
    GENERATED_PAGES,
    GENERATED_TITLES,
    QUIZ_SHEETS,
    docx_of,
    is_generated_path,
    pdf_of,
    sheet_of,
)
from studysite.core.problems import Problem
from studysite.core.sources import Source
from studysite.model.entries import Catalogue, load_catalogue
from studysite.model.listings import Listings
from studysite.model.measures import Plan, load_plan
from studysite.model.packs import Pack, load_packs, page_levels
from studysite.model.quizzes import Quiz, load_quizzes

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Site:
    """What docs/ holds, read and checked: valid parts in the catalogue, plan and packs, faults in problems."""

    sources: tuple[Source, ...]  # every Markdown file of docs/, by src_uri
    files: frozenset[str]  # every other file of docs/ (images, attachments, assets), by src_uri
    topics: tuple[str, ...]
    today: date
    catalogue: Catalogue
    listings: Listings  # the compilation's indexes and the group pages they need (names from the catalogue)
    plan: Plan
    packs: tuple[Pack, ...]
    problems: tuple[Problem, ...]  # every contract problem of every file; none means the site may be built
    quizzes: tuple[Quiz, ...] = ()
    levels: dict[str, str] = field(default_factory=dict, compare=False)  # page → 公开/非密/内部 where not 非密

    @cached_property
    def by_uri(self) -> dict[str, Source]:
        return {source.src_uri: source for source in self.sources}

    def source(self, src_uri: str) -> Source | None:
        return self.by_uri.get(src_uri)

    @cached_property
    def pages(self) -> frozenset[str]:
        """Every page the site will have: the sources and the generated pages (whatever docs/ holds)."""
        return frozenset(self.by_uri) | frozenset(GENERATED_PAGES) | frozenset(self.listings.group_pages)

    @cached_property
    def targets(self) -> frozenset[str]:
        """Everything a link may point at: pages, files of docs/, generated downloads and packs' PDF and Word files."""
        printed = {made(p.src_uri) for p in self.packs for made in (pdf_of, docx_of)}
        printed |= {made(part.src_uri) for p in self.packs for part in p.parts for made in (pdf_of, docx_of)}
        printed |= {
            sheet_of(q.src_uri, s, ext) for q in self.quizzes for s, _ in QUIZ_SHEETS for ext in ("pdf", "docx")
        }
        return self.pages | self.files | frozenset(GENERATED_FILES) | printed

    def title(self, src_uri: str) -> str:
        """A page's title before it is rendered: its front-matter title, its first # heading, or its path."""
        if src_uri in GENERATED_TITLES:
            return GENERATED_TITLES[src_uri]
        if src_uri in self.listings.group_pages:
            return self.listings.group_pages[src_uri].title
        source = self.source(src_uri)
        if source is None:
            return src_uri
        title = source.data.get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
        heading = _HEADING.search(source.body)
        return heading.group(1) if heading else src_uri

    def pack(self, src_uri: str) -> Pack | None:
        return next((pack for pack in self.packs if pack.src_uri == src_uri), None)

    def quiz(self, src_uri: str) -> Quiz | None:
        return next((quiz for quiz in self.quizzes if quiz.src_uri == src_uri), None)

    def internal(self, src_uri: str) -> bool:
        """Shown and printed with the 内部资料 banner: an 内部 notice or a page marked 内部资料/注意保存."""
        return self.levels.get(src_uri) == "内部"


def load_site(sources: Iterable[Source], files: Iterable[str], topics: tuple[str, ...], today: date) -> Site:
    """Read every source once: the catalogue, the plan and the packs, and every contract problem."""
    sources = tuple(sorted(sources, key=lambda s: s.src_uri))
    problems: list[Problem] = [p for s in sources if (p := s.encoding_problem())]
    problems += hand_written_copies(sources, files := frozenset(files))
    # A date after the real today is a slip; the reference day (pinned for repeatable builds) may lie before it.
    catalogue, found = load_catalogue(sources, topics, max(today, date.today()))
    problems += found
    plan, found = load_plan(sources, today)
    problems += found
    internal = {source.src_uri for source in sources if source.internal}
    levels = page_levels(catalogue, internal)
    listings = Listings(catalogue)
    pages = {source.src_uri for source in sources} | set(GENERATED_PAGES) | set(listings.group_pages)
    packs, found = load_packs(sources, pages, catalogue, levels)
    problems += found
    quizzes, found = load_quizzes(sources, topics)
    problems += found
    # A quiz quoting 内部 material is 内部 itself: banner, printed mark, and out of a public offline edition.
    levels |= {quiz.src_uri: "内部" for quiz in quizzes if any(levels.get(page) == "内部" for page in quiz.cited())}
    return Site(
        sources, files, topics, today, catalogue, listings, plan, packs, tuple(sorted(set(problems))), quizzes, levels
    )


def hand_written_copies(sources: Iterable[Source], files: frozenset[str]) -> list[Problem]:
    """A file in docs/ standing where the build generates one (or may, in a folder of group pages): it stops."""
    written = {source.src_uri for source in sources} | files
    problems = []
    for src_uri in sorted(written):
        if src_uri in GENERATED_PAGES or src_uri in GENERATED_FILES:
            problems.append(
                Problem(f"docs/{src_uri}", 1, "文件", "不存在（此页由构建自动生成，请删除该文件）", src_uri)
            )
        elif is_generated_path(src_uri):
            folder = next(f for f in GENERATED_FOLDERS if src_uri.startswith(f))
            section = folder.split("/", 1)[0]
            expected = f"不在 docs/{folder} 中（该目录的页面由构建自动生成，资料请放在 docs/{section}/）"
            problems.append(Problem(f"docs/{src_uri}", 1, "文件", expected, src_uri))
    return problems
