"""The compilation's indexes as pages: the groups of each index and the pages that hold them.

An index (讲话 by date, by speaker, by topic; 通报通知 by year, by 文种, by issuer; the 汇编目录) groups its
entries. While all its rows fit on one page (LIMIT), the groups stand under headings there. Above that, the
index page lists its groups with their counts and each group gets pages of its own in the index's folder
(pages.LISTING_FOLDERS), none longer than LIMIT rows. A long group is cut under headings of its own
(months, years, 文种). The pages' names come from the catalogue here, in the model, so the checks (links,
reachability, packs) know every page before anything is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from studysite.core import docnumber
from studysite.core.kinds import NOTICE, SPEECH, Kind
from studysite.core.pages import (
    CONTENTS,
    GENERATED_TITLES,
    LISTING_FOLDERS,
    NOTICE_INDEX,
    NOTICES_BY_ISSUER,
    NOTICES_BY_TYPE,
    SPEECH_INDEX,
    SPEECHES_BY_SPEAKER,
    SPEECHES_BY_TOPIC,
    slug,
)
from studysite.model.entries import (
    DOC_TYPES,
    NO_TOPIC,
    Catalogue,
    E,
    Entry,
    Notice,
    compilation_order_key,
    contents_groups,
    grouped,
    topic_order,
)

LIMIT = 300  # rows a page of an index holds at most
SUBGROUP_MIN = 30  # a group this long is cut under headings (months, years, 文种)
NEWEST = 10  # entries the home page names
ALL_ENTRIES = "全部资料"  # the 汇编目录's one section while no entry names a topic


@dataclass(frozen=True)
class Block:
    """One table of a group, under a heading (title) when the group is long enough to be cut."""

    title: str  # "" when the group is one table
    slug: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Group:
    name: str  # a year (2025年), a speaker, a topic, a 文种, an issuer
    slug: str  # unique within its index: its page's name and its heading's id
    entries: tuple[Entry, ...]  # in the order they are shown
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class GroupPage:
    """A page of one group (a part of it when the group is longer than LIMIT)."""

    src_uri: str
    title: str
    group: Group
    part: int  # 1-based
    parts: int
    blocks: tuple[Block, ...]
    first: int  # the number of its first row within the group, 1-based

    @property
    def rows(self) -> int:
        return sum(len(block.entries) for block in self.blocks)


CONTINUED = "（续）"


@dataclass(frozen=True)
class Listing:
    """One index: its page, its groups and, when it is too long for one page, its groups' pages."""

    src_uri: str
    title: str  # the index page's title
    subject: str  # what the group pages are titled after: 讲话, 通报通知, 汇编目录
    prefix: str  # the id prefix of its groups' headings: year, speaker, topic, type, issuer
    unit: str  # 篇 or 份
    groups: tuple[Group, ...]
    pages: tuple[GroupPage, ...]  # empty: every group stands on the index page

    @property
    def rows(self) -> int:
        return sum(len(group.entries) for group in self.groups)

    @property
    def split(self) -> bool:
        return bool(self.pages)

    def anchor(self, group: Group) -> str:
        return f"{self.prefix}-{group.slug}"

    def pages_of(self, group: Group) -> tuple[GroupPage, ...]:
        return tuple(page for page in self.pages if page.group is group)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every row of the index, in the order it shows them (an entry under two speakers: twice)."""
        return tuple(entry for group in self.groups for entry in group.entries)

    @cached_property
    def _shown_on(self) -> dict[str, tuple[str, str]]:
        shown: dict[str, tuple[str, str]] = {}
        for group in self.groups:
            if not self.split:
                for entry in group.entries:
                    shown.setdefault(entry.src_uri, (self.src_uri, group.name))
                continue
            for page in self.pages_of(group):
                for block in page.blocks:
                    for entry in block.entries:
                        shown.setdefault(entry.src_uri, (page.src_uri, group.name))
        return shown

    def shown_on(self, entry: Entry) -> tuple[str, str] | None:
        """The page whose table lists the entry first, and that row's group name; None when it is not listed."""
        return self._shown_on.get(entry.src_uri)

    def place(self, name: str) -> tuple[str, str] | None:
        """Where the group of that name is shown: (page, heading id or ""); None when there is no such group."""
        group = next((group for group in self.groups if group.name == name), None)
        if group is None:
            return None
        if self.split:
            return self.pages_of(group)[0].src_uri, ""
        return self.src_uri, self.anchor(group)


def speech_order(entry: Entry) -> tuple:
    return (-entry.date.toordinal(), entry.title, entry.src_uri)


def notice_order(notice: Notice) -> tuple:
    """Newest first; on the same day by 文号 (year, then number as a number)."""
    return (-notice.date.toordinal(), docnumber.sort_key(notice.doc_number), notice.title, notice.src_uri)


def _year(entry: Entry) -> str:
    return f"{entry.date.year}年"


def _month(entry: Entry) -> str:
    return f"{entry.date.month}月"


def _newest(name: str, _count: int = 0) -> tuple:
    """Years and months newest first (2025年 before 2024年, 12月 before 3月)."""
    return (-int(name[:-1]),)


def _most(name: str, count: int) -> tuple:
    """The groups with the most entries first, then by name: the order the index says it uses."""
    return (-count, name)


def _doc_type(name: str, _count: int = 0) -> tuple:
    return (DOC_TYPES.index(name) if name in DOC_TYPES else len(DOC_TYPES), name)


def _blocks(
    entries: tuple[E, ...], key: Callable[[E], str] | None, order: Callable[[str, int], tuple]
) -> tuple[Block, ...]:
    if key is None or len(entries) < SUBGROUP_MIN:
        return (Block("", "", entries),)
    return tuple(
        Block(name, slug(name), tuple(members)) for name, members in grouped(entries, lambda e: (key(e),), order)
    )


def _unique_slugs(names: Iterable[str], slugger: Callable[[str], str]) -> list[str]:
    """One page name per group, never twice, never index or README (MkDocs would give it the index's URL)."""
    taken: set[str] = {"index", "README"}
    slugs = []
    for name in names:
        base = slugger(name) or "group"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        slugs.append(candidate)
    return slugs


def _groups(
    named: list[tuple[str, list[E]]],
    order: Callable[[E], tuple],
    block_key: Callable[[E], str] | None,
    block_order: Callable[[str, int], tuple],
    slugger: Callable[[str], str] = slug,
) -> tuple[Group, ...]:
    slugs = _unique_slugs((name for name, _ in named), slugger)
    groups = []
    for (name, members), group_slug in zip(named, slugs, strict=True):
        entries = tuple(sorted(members, key=order))
        groups.append(Group(name, group_slug, entries, _blocks(entries, block_key, block_order)))
    return tuple(groups)


def _by_year(
    entries: Iterable[E],
    order: Callable[[E], tuple],
    block_key: Callable[[E], str],
    block_order: Callable[[str, int], tuple],
) -> tuple[Group, ...]:
    """A group per year, newest first (its page named by the year alone: 2025)."""
    named = grouped(entries, lambda e: (_year(e),), _newest)
    return _groups(named, order, block_key, block_order, lambda name: name.removesuffix("年"))


def _by_count(
    entries: Iterable[E], keys: Callable[[E], Iterable[str]], order: Callable[[E], tuple]
) -> tuple[Group, ...]:
    """A group per key (speaker, 文种, issuer), the most entries first, each cut by year when long."""
    return _groups(grouped(entries, keys, _most), order, _year, _newest)


def _parts(blocks: tuple[Block, ...]) -> list[list[Block]]:
    """The blocks of a group on pages of at most LIMIT rows; a block longer than that is cut (the rest 续)."""
    pages: list[list[Block]] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        for start in range(0, len(block.entries), LIMIT):
            chunk = block.entries[start : start + LIMIT]
            title = block.title + (CONTINUED if start and block.title else "")
            if current and size + len(chunk) > LIMIT:
                pages.append(current)
                current, size = [], 0
            current.append(Block(title, block.slug, chunk))
            size += len(chunk)
    if current:
        pages.append(current)
    return pages


def _listing(src_uri: str, title: str, subject: str, prefix: str, unit: str, groups: tuple[Group, ...]) -> Listing:
    if sum(len(group.entries) for group in groups) <= LIMIT:
        return Listing(src_uri, title, subject, prefix, unit, groups, ())
    folder = LISTING_FOLDERS[src_uri]
    pages = []
    for group in groups:
        parts = _parts(group.blocks)
        first = 1
        for number, blocks in enumerate(parts, start=1):
            name = f"{group.slug}.md" if number == 1 else f"{group.slug}/{number}.md"
            heading = f"{subject}·{group.name}" + (f"（第{number}部分）" if len(parts) > 1 else "")
            page = GroupPage(folder + name, heading, group, number, len(parts), tuple(blocks), first)
            pages.append(page)
            first += page.rows
    return Listing(src_uri, title, subject, prefix, unit, groups, tuple(pages))


def _kind_listing(kind: Kind, src_uri: str, groups: tuple[Group, ...]) -> Listing:
    """An index the registry declares for a kind: its title and group prefix from there, its unit the kind's."""
    page = kind.listing(src_uri)
    return _listing(page.src_uri, page.title, kind.label, page.prefix, kind.unit, groups)


@dataclass(frozen=True)
class Listings:
    """Every index of the compilation, read from the catalogue once."""

    catalogue: Catalogue

    @cached_property
    def speeches_by_date(self) -> Listing:
        groups = _by_year(self.catalogue.speeches, speech_order, _month, _newest)
        return _kind_listing(SPEECH, SPEECH_INDEX, groups)

    @cached_property
    def speeches_by_speaker(self) -> Listing:
        groups = _by_count(self.catalogue.speeches, lambda s: s.speakers, speech_order)
        return _kind_listing(SPEECH, SPEECHES_BY_SPEAKER, groups)

    @cached_property
    def speeches_by_topic(self) -> Listing:
        """Topics in the order of the topic list; speeches without a topic last, unless none has one."""
        speeches = self.catalogue.speeches
        groups: tuple[Group, ...] = ()
        if any(speech.topics for speech in speeches):
            named = grouped(speeches, lambda s: s.topics or (NO_TOPIC,), topic_order(self.catalogue.topics))
            groups = _groups(named, speech_order, _year, _newest)
        return _kind_listing(SPEECH, SPEECHES_BY_TOPIC, groups)

    @cached_property
    def notices_by_year(self) -> Listing:
        groups = _by_year(self.catalogue.notices, notice_order, lambda n: n.doc_type, _doc_type)
        return _kind_listing(NOTICE, NOTICE_INDEX, groups)

    @cached_property
    def notices_by_type(self) -> Listing:
        groups = _by_count(self.catalogue.notices, lambda n: (n.doc_type,), notice_order)
        return _kind_listing(NOTICE, NOTICES_BY_TYPE, groups)

    @cached_property
    def notices_by_issuer(self) -> Listing:
        groups = _by_count(self.catalogue.notices, lambda n: n.issuers, notice_order)
        return _kind_listing(NOTICE, NOTICES_BY_ISSUER, groups)

    @cached_property
    def contents(self) -> Listing:
        """The printed 汇编's order: by topic (each entry under its first), then by order and date."""
        named = contents_groups(self.catalogue)
        if [name for name, _ in named] == [NO_TOPIC]:
            named = [(ALL_ENTRIES, named[0][1])]
        groups = _groups(named, compilation_order_key, None, _doc_type)
        return _listing(CONTENTS, GENERATED_TITLES[CONTENTS], GENERATED_TITLES[CONTENTS], "topic", "篇", groups)

    @cached_property
    def all(self) -> tuple[Listing, ...]:
        return (
            self.speeches_by_date,
            self.speeches_by_speaker,
            self.speeches_by_topic,
            self.notices_by_year,
            self.notices_by_type,
            self.notices_by_issuer,
            self.contents,
        )

    def main(self, entry: Entry) -> Listing:
        """The entry's kind's own index (讲话索引, 通报通知索引): where the entry page leads back to."""
        return self.notices_by_year if isinstance(entry, Notice) else self.speeches_by_date

    @cached_property
    def row_ids(self) -> dict[str, str]:
        """Each entry's row id on its kind's own index, from its file name, so a link to it outlives additions;
        unique across the catalogue (two names that read alike as ids get -2, -3)."""
        taken: set[str] = set()
        ids = {}
        for entry in sorted(self.catalogue.entries, key=lambda e: e.src_uri):
            base = "e-" + (slug(entry.src_uri.removesuffix(".md").split("/", 1)[-1].replace("/", "-")) or "entry")
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            ids[entry.src_uri] = candidate
        return ids

    @cached_property
    def sequence(self) -> dict[str, int]:
        """Each entry's place in the 汇编目录 (0-based), the order 上一篇 and 下一篇 follow: the order it shows."""
        return {entry.src_uri: number for number, entry in enumerate(self.contents.entries)}

    @cached_property
    def group_pages(self) -> dict[str, GroupPage]:
        """Every generated group page, by src_uri."""
        return {page.src_uri: page for listing in self.all for page in listing.pages}

    def newest(self, count: int = NEWEST) -> list[Entry]:
        """The newest entries of the catalogue, by their date: what the home page names."""
        return sorted(self.catalogue.entries, key=speech_order)[:count]
