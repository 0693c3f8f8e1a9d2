"""A pack too big to print as one file, cut into parts (分册) a person prints: the compilation by year and 专题.

Each entry of the pack stands in exactly one part (its year, its first 专题, as the printed 汇编 groups it), so
the parts print every page the pack names once, and an edit to one entry changes one part's file only. The
pack's other pages (the 汇编's own overview) make a part of their own, first. A year and 专题 with more entries
than a part holds is cut into several parts in order (第二册…), so no part grows past a printable size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studysite.core.pages import docx_of, pdf_of
from studysite.model.entries import NO_TOPIC, Catalogue

# Entries per part: about three printed pages each, so a part stays near 150 pages (~10 s of WeasyPrint).
ENTRIES_PER_PART = 50
# A pack prints as one whole file only up to this many pages (a thick 汇编 a printer still binds); past it the
# pack page offers its parts instead, and a clerk's own pack that grows past it is named in a reminder.
PRINTABLE_PAGES = 500
FRONT = "总览"  # the part of a pack's pages that are not entries
VOLUMES = "一二三四五六七八九十"


class Printed:
    """Something printed as a PDF and a Word file named after its src_uri (a pack, a part of one)."""

    src_uri: str

    @property
    def pdf(self) -> str:
        return pdf_of(self.src_uri)

    @property
    def docx(self) -> str:
        return docx_of(self.src_uri)


@dataclass(frozen=True)
class PackPart(Printed):
    src_uri: str  # a name beside the pack's, e.g. packs/compilation-2024-1.md (no such page: it names the files)
    year: int | None  # None: the part of the pack's pages that are not entries
    topic: str
    volume: int  # 1, 2 … within one year and 专题
    pages: tuple[str, ...]
    level: str  # the highest level of its pages

    @property
    def label(self) -> str:
        """What the pack page and the part's cover call it: 2024年·理想信念（第二册）."""
        if self.year is None:
            return self.topic
        volume = f"（第{_volume(self.volume)}册）" if self.volume > 1 else ""
        return f"{self.year}年·{self.topic}{volume}"


def _volume(number: int) -> str:
    return VOLUMES[number - 1] if number <= len(VOLUMES) else str(number)


def parts_of(
    pack_src_uri: str,
    pages: Sequence[str],
    catalogue: Catalogue,
    levels: Mapping[str, str],
    order: Sequence[str],
    default: str,
    per_part: int = ENTRIES_PER_PART,
) -> tuple[PackPart, ...]:
    """The pack's pages as parts: by year (oldest first), then by 专题 in the compilation's order; every page in
    one part, in the pack's own order within it; none when all would stand in one. `order` is the levels from lowest to highest, `default` a page's level
    where `levels` names none."""
    stem = pack_src_uri.removesuffix(".md")
    by_uri = catalogue.by_uri
    topics = catalogue.topics
    front = [page for page in pages if page not in by_uri]
    cells: dict[tuple[int, int], list[str]] = {}
    for page in pages:
        entry = by_uri.get(page)
        if entry is None:
            continue
        topic = entry.topics[0] if entry.topics and entry.topics[0] in topics else NO_TOPIC
        number = topics.index(topic) + 1 if topic in topics else 0  # 未标注专题 after the named ones
        cells.setdefault((entry.date.year, number if number else len(topics) + 1), []).append(page)

    def level(members: Sequence[str]) -> str:
        return max((levels.get(page, default) for page in members), key=order.index)

    parts = [PackPart(f"{stem}-front.md", None, FRONT, 1, tuple(front), level(front))] if front else []
    for (year, number), members in sorted(cells.items()):
        topic = topics[number - 1] if number <= len(topics) else NO_TOPIC
        slug = number if number <= len(topics) else 0
        for start in range(0, len(members), per_part):
            chunk = tuple(members[start : start + per_part])
            volume = start // per_part + 1
            suffix = f"-{volume}" if volume > 1 else ""
            parts.append(PackPart(f"{stem}-{year}-{slug}{suffix}.md", year, topic, volume, chunk, level(chunk)))
    return tuple(parts) if len(parts) > 1 else ()  # one part would only repeat the whole
