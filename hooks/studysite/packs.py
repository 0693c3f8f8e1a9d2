"""Study packs (docs/packs/*.md): a named, ordered set of pages printed as one document.

`pages` lists site pages; an entry may also be a section folder (speeches/, notices/, measures/) or the
generated 汇编目录 (compilation/contents.md), which stands for the whole compilation in its printed order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .catalogue import CONTENTS, contents_groups
from .entries import NOTICE_DIR, SPEECH_DIR, Catalogue, compilation_order_key
from .fields import Reader, format_date, iso_date, one_of, text
from .frontmatter import FrontMatter, parse
from .md import escape, link, table
from .measures import MEASURE_DIR, is_measure_path
from .problems import Problem

PACK_DIR = "packs/"
PACK_INDEX = "packs/index.md"
# Lowest to highest: a pack takes the highest level of anything in it.
LEVELS = ("公开", "非密", "内部")
DEFAULT_LEVEL = "非密"
LABELS = {
    "type": "类型",
    "title": "标题",
    "subtitle": "副标题",
    "issuer": "印发机关",
    "date": "印发日期",
    "audience": "发放范围",
    "classification": "最高密级",
    "pages": "页面",
}
PACK_KEYS = (*LABELS, "hide", "search", "description")


@dataclass(frozen=True)
class Pack:
    src_uri: str
    title: str
    pages: tuple[str, ...]  # expanded: every page it prints, in order, as src_uri
    level: str  # the highest level of its pages
    subtitle: str | None = None
    issuer: str | None = None
    date: date | None = None
    audience: str | None = None

    @property
    def internal(self) -> bool:
        return self.level == "内部"

    @property
    def pdf(self) -> str:
        return self.src_uri.removesuffix(".md") + ".pdf"


def source_title(text: str) -> str | None:
    """A page's title as its source gives it: front-matter title, else its first # heading."""
    front, problems = parse("", text)
    if front and not problems and isinstance(front.data.get("title"), str):
        return front.data["title"]
    heading = re.search(r"^# (.+?)\s*$", text, re.MULTILINE)
    return heading.group(1) if heading else None


def is_pack_path(src_uri: str) -> bool:
    return src_uri.startswith(PACK_DIR) and src_uri.endswith(".md") and src_uri != PACK_INDEX


def page_levels(catalogue: Catalogue, internal_pages: set[str]) -> dict[str, str]:
    """Each page's level where it is not the default: notices carry theirs; 内部资料 marks make a page 内部."""
    levels = {notice.src_uri: notice.classification for notice in catalogue.notices}
    levels |= {src_uri: "内部" for src_uri in internal_pages}
    return levels


def expand(item: str, existing: set[str], catalogue: Catalogue) -> list[str] | None:
    """The pages one `pages` item stands for, in print order; None when it names nothing that exists."""
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
    path: str, src_uri: str, front: FrontMatter, existing: set[str], catalogue: Catalogue, levels: Mapping[str, str]
) -> tuple[Pack | None, list[Problem]]:
    reader = Reader(path, front, LABELS, [])
    reader.unknown_keys(PACK_KEYS, "学习材料包")
    if reader.value("type") != "pack":
        reader.fail(("type",), "pack（学习材料包，放在 docs/packs/）", reader.value("type"))
    title = reader.read("title", text("材料包标题"), required=True)
    ceiling = reader.read("classification", one_of(LEVELS))
    items = reader.value("pages")
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
    fields = {
        "subtitle": reader.read("subtitle", text("副标题")),
        "issuer": reader.read("issuer", text("印发机关")),
        "date": reader.read("date", iso_date),
        "audience": reader.read("audience", text("发放范围")),
    }
    if reader.problems or title is None:
        return None, reader.problems
    level = max((levels.get(page, DEFAULT_LEVEL) for page in pages), key=LEVELS.index)
    return Pack(src_uri, title, tuple(pages), level, **fields), []


def load_packs(
    files: list[tuple[str, str, str]], existing: set[str], catalogue: Catalogue, levels: Mapping[str, str]
) -> tuple[tuple[Pack, ...], list[Problem]]:
    """Pack files as (path for messages, src_uri, text) → the packs and every problem found."""
    packs: list[Pack] = []
    problems: list[Problem] = []
    for path, src_uri, content in sorted(files):
        front, found = parse(path, content)
        if not found:
            pack, found = read_pack(path, src_uri, front or FrontMatter({}), existing, catalogue, levels)
            packs += [pack] if pack else []
        problems += found
    return tuple(packs), problems


def pack_page(pack: Pack, titles: Mapping[str, str], pdf: bool) -> str:
    """What the site shows on a pack's page, after its own text: facts, print buttons, the pages it holds."""
    name = pack.pdf.rsplit("/", 1)[-1]
    facts = [
        ("副标题", pack.subtitle),
        ("印发机关", pack.issuer),
        ("印发日期", format_date(pack.date) if pack.date else None),
        ("发放范围", pack.audience),
        ("密级标注", "内部资料　注意保存" if pack.internal else None),
        ("页数", f"收录 {len(pack.pages)} 个页面"),
    ]
    parts = ["## 材料包信息\n", "\n".join(f"{label}\n:   {escape(value)}\n" for label, value in facts if value)]
    parts.append("## 打印\n")
    if pdf:
        parts.append(
            f"[下载 PDF](<{name}>){{ .md-button }} [打印](<{name}>){{ .md-button .md-button--primary .pack-print }}\n\n"
            "PDF 按党政机关公文格式（GB/T 9704）排版：A4 纸，封面、目录带页码，正文每页22行、每行28字。\n"
        )
    else:
        parts.append("PDF 在 `make build` 或 `make pdf` 时生成；`make serve` 预览时不生成，以保持预览速度。\n")
    parts.append("## 收录页面\n")
    parts.append(
        "\n".join(f"{n}. {link(titles.get(src, src), src, pack.src_uri)}" for n, src in enumerate(pack.pages, 1)) + "\n"
    )
    return "\n".join(parts)


def packs_index(packs: tuple[Pack, ...], pdf: bool) -> str:
    rows = [
        (
            link(pack.title, pack.src_uri, PACK_INDEX),
            str(len(pack.pages)),
            "内部资料" if pack.internal else pack.level,
            link("PDF", pack.pdf, PACK_INDEX) if pdf else "预览时不生成",
        )
        for pack in packs
    ]
    return "\n".join(
        [
            "# 学习材料包\n",
            f"共 {len(packs)} 个材料包。每个材料包把一组页面按顺序编成一份文件，可下载 PDF 打印，版式按党政机关公文格式。\n",
            "新建材料包：在 `docs/packs/` 中添加一个文件，文件头写 `type: pack`、`title` 和要打印的 `pages`。\n",
            table(("材料包", "页面数", "密级", "PDF"), rows),
        ]
    )
