"""Study packs (docs/packs/*.md): a named, ordered set of pages printed as one document.

`pages` lists site pages; an entry may also be a section folder (speeches/, notices/, measures/) or the
generated 汇编目录 (compilation/contents.md), which stands for the whole compilation in its printed order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from studysite.core.fields import Reader, iso_date, one_of, text
from studysite.core.frontmatter import FrontMatter
from studysite.core.kinds import PACK
from studysite.core.pages import (
    CONTENTS,
    MEASURE_DIR,
    NOTICE_DIR,
    SPEECH_DIR,
    is_measure_path,
    is_pack_path,
)
from studysite.core.problems import Problem
from studysite.core.sources import Source
from studysite.model.entries import Catalogue, compilation_order_key, contents_groups
from studysite.model.packparts import PackPart, Printed, parts_of

# Lowest to highest: a pack takes the highest level of anything in it.
LEVELS = ("公开", "非密", "内部")
DEFAULT_LEVEL = "非密"
LABELS = PACK.labels
PACK_KEYS = PACK.keys


@dataclass(frozen=True)
class Pack(Printed):
    src_uri: str
    title: str
    pages: tuple[str, ...]  # expanded: every page it prints, in order, as src_uri
    level: str  # the highest level of its pages
    subtitle: str | None = None
    issuer: str | None = None
    date: date | None = None
    audience: str | None = None
    intro: str = ""  # the pack file's own text under its title (Markdown): printed after the 目录
    parts: tuple[PackPart, ...] = ()  # a pack that holds the whole compilation: its parts (packparts.parts_of)

    @property
    def internal(self) -> bool:
        return self.level == "内部"


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TITLE_LINE = re.compile(r"\A\s*#\s[^\n]*\n?")


def intro_of(body: str) -> str:
    """A pack file's text without its # title and comments: what the pack says about itself (a template's
    note left in place says nothing, and prints no empty 说明 page)."""
    return _COMMENT.sub("", _TITLE_LINE.sub("", body, count=1)).strip()


def page_levels(catalogue: Catalogue, internal_pages: set[str]) -> dict[str, str]:
    """Each page's level where it is not the default: notices carry theirs; 内部资料 marks make a page 内部."""
    levels = {notice.src_uri: notice.classification for notice in catalogue.notices}
    levels |= {src_uri: "内部" for src_uri in internal_pages}
    return levels


def expand(item: str, existing: set[str], catalogue: Catalogue) -> list[str] | None:
    """The pages one `pages` item stands for, in print order; None when it names nothing that exists."""
    item = item.strip().removeprefix("docs/")  # a path as the clerk's file manager shows it
    if item == CONTENTS:
        return [entry.src_uri for _, members in contents_groups(catalogue) for entry in members]
    if item in existing:
        return [item]
    folder = item.rstrip("/") + "/"
    if folder == SPEECH_DIR:
        return [speech.src_uri for speech in sorted(catalogue.speeches, key=compilation_order_key)]
    if folder == NOTICE_DIR:
        return [notice.src_uri for notice in sorted(catalogue.notices, key=compilation_order_key)]
    if folder == MEASURE_DIR:
        # The measures M1… then the tasks T1…, by number; the ledger and the map are pages of their own.
        numbered = [s for s in existing if is_measure_path(s) and re.fullmatch(r"[mt]\d+\.md", s.rsplit("/", 1)[-1])]
        measures = sorted(numbered, key=lambda s: (s.rsplit("/", 1)[-1][0] != "m", int(s.rsplit("/", 1)[-1][1:-3])))
        return [s for s in (MEASURE_DIR + "index.md",) if s in existing] + measures
    inside = sorted(s for s in existing if s.startswith(folder) and s.endswith(".md"))
    if not inside:
        return None
    index = folder + "index.md"
    return ([index] if index in inside else []) + [s for s in inside if s != index]


def read_pack(
    path: str,
    src_uri: str,
    front: FrontMatter,
    existing: set[str],
    catalogue: Catalogue,
    levels: Mapping[str, str],
    intro: str = "",
) -> tuple[Pack | None, list[Problem]]:
    reader = Reader(path, front, LABELS, [])
    reader.unknown_keys(PACK_KEYS, PACK.label)
    if reader.value("type") != PACK.key:
        reader.fail(("type",), PACK.expected_type, reader.value("type"))
    title = reader.read("title", text("材料包标题"), PACK.needs("title"))
    ceiling = reader.read("classification", one_of(LEVELS))
    items = reader.value("pages")
    items = [items] if isinstance(items, str) and items.strip() else items  # one page may be written as text
    pages: list[str] = []
    if not isinstance(items, list) or not items:
        reader.fail(("pages",), "要打印的页面列表（至少一项）", items)
    else:
        for index, item in enumerate(items):
            expanded = expand(str(item), existing, catalogue) if isinstance(item, str) else None
            if expanded is None:
                expected = "docs/ 中存在的页面（如 report/index.md）、栏目（如 speeches/）或 compilation/contents.md"
                reader.fail(("pages", index), expected, item)
                continue
            for page in expanded:
                level = levels.get(page, DEFAULT_LEVEL)
                if ceiling and LEVELS.index(level) > LEVELS.index(ceiling):
                    reader.fail(
                        ("pages", index),
                        f"密级不高于 {ceiling} 的页面",
                        f"{page}（{level}）",
                        "从材料包中删去该页，或提高 classification",
                    )
            pages += [page for page in expanded if page not in pages]
        if not pages and not reader.problems:
            reader.fail(("pages",), "至少一个页面", "、".join(map(str, items)), "所列栏目中还没有页面")
    subtitle = reader.read("subtitle", text("副标题"))
    issuer = reader.read("issuer", text("印发机关"))
    day = reader.read("date", iso_date)
    audience = reader.read("audience", text("发放范围"))
    if reader.problems or title is None:
        return None, reader.problems
    level = max((levels.get(page, DEFAULT_LEVEL) for page in pages), key=LEVELS.index)
    # The whole compilation is too big for one printed file: it comes in parts too (by year and 专题).
    whole = isinstance(items, list) and any(str(item).strip().removeprefix("docs/") == CONTENTS for item in items)
    parts = parts_of(src_uri, pages, catalogue, levels, LEVELS, DEFAULT_LEVEL) if whole else ()
    return (
        Pack(
            src_uri,
            title,
            tuple(pages),
            level,
            subtitle=subtitle,
            issuer=issuer,
            date=day,
            audience=audience,
            intro=intro,
            parts=parts,
        ),
        [],
    )


def load_packs(
    sources: Iterable[Source], existing: set[str], catalogue: Catalogue, levels: Mapping[str, str]
) -> tuple[tuple[Pack, ...], list[Problem]]:
    """The pack files (packs/) → the packs and every problem found."""
    packs: list[Pack] = []
    problems: list[Problem] = []
    found: Sequence[Problem]
    for source in sorted((s for s in sources if is_pack_path(s.src_uri)), key=lambda s: s.src_uri):
        front, found = source.parsed
        if not found:
            front = front or FrontMatter({})
            pack, found = read_pack(
                source.path, source.src_uri, front, existing, catalogue, levels, intro_of(source.body)
            )
            packs += [pack] if pack else []
        problems += found
    return tuple(packs), problems
