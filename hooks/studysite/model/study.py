"""What a reader can study and mark 已学 (issue 24): the reading pages, their sections and the packs' shares.

A reading page is a page of a kind the registry marks `study` (the report, the measures, speeches, notices,
packs): its own Markdown source in the kind's folder. Pages the build generates (indexes, the ledger, the
mapping) and a folder's hand-written overview (measures/index.md) list material rather than hold it, so they
carry no 已学 control and count nowhere; a kind with no index pages of its own keeps its index.md, because there
it is the material (report/index.md is the report). Pages are named by their src_uri, as the browser's record
names them (docs/assets/studyrecord.js), the same in every edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from studysite.core.kinds import KINDS, Kind
from studysite.core.pages import is_generated_path
from studysite.model.site import Site


@dataclass(frozen=True)
class ReadingPage:
    src_uri: str
    title: str
    section: str  # the key of its kind: report, measure, speech …


@dataclass(frozen=True)
class Group:
    """A share of the reading pages counted together on 我的学习: a section (a kind) or a pack."""

    key: str  # the kind's key, or the pack's src_uri
    label: str
    pages: tuple[str, ...]  # src_uri, in reading order


@dataclass(frozen=True)
class StudyPlan:
    pages: Mapping[str, ReadingPage]  # every reading page by src_uri, sections in registry order
    sections: tuple[Group, ...]  # one per study kind, empty ones included (我的学习 shows only those with pages)
    packs: tuple[Group, ...]
    quizzes: Mapping[str, str] = field(default_factory=dict)  # self-test pages: src_uri → title

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", MappingProxyType(dict(self.pages)))
        object.__setattr__(self, "quizzes", MappingProxyType(dict(self.quizzes)))

    def is_reading_page(self, src_uri: str) -> bool:
        return src_uri in self.pages


def study_kinds(kinds: tuple[Kind, ...] = KINDS) -> tuple[Kind, ...]:
    return tuple(kind for kind in kinds if kind.study and kind.folder)


def _reads(kind: Kind, src_uri: str) -> bool:
    if not src_uri.startswith(kind.folder) or not src_uri.endswith(".md") or is_generated_path(src_uri):
        return False
    overview = src_uri.rsplit("/", 1)[-1] == "index.md"
    return not overview or not kind.listings


def _title(site: Site, src_uri: str) -> str:
    """The title the page shows: a measure's with its number (M1 …), as its heading and the ledger name it."""
    measure = site.plan.by_uri.get(src_uri)
    return f"{measure.id} {measure.title}" if measure is not None else site.title(src_uri)


def study_plan(site: Site, kinds: tuple[Kind, ...] = KINDS) -> StudyPlan:
    """The reading pages of the site as built (an edition without 内部 material has none of those)."""
    pages: dict[str, ReadingPage] = {}
    sections = []
    for kind in study_kinds(kinds):
        members = sorted(source.src_uri for source in site.sources if _reads(kind, source.src_uri))
        members = [src_uri for src_uri in members if src_uri not in pages]  # a page counts in one section
        for src_uri in members:
            pages[src_uri] = ReadingPage(src_uri, _title(site, src_uri), kind.key)
        sections.append(Group(kind.key, kind.label, tuple(members)))
    packs = tuple(
        Group(pack.src_uri, pack.title, tuple(dict.fromkeys(p for p in pack.pages if p in pages)))
        for pack in site.packs
    )
    # 我的学习 links the scores the record holds to the self-tests the site has.
    quizzes = {quiz.src_uri: quiz.title for quiz in site.quizzes}
    return StudyPlan(pages, tuple(sections), packs, dict(sorted(quizzes.items())))
