"""The compilation's generated pages and entry headers, as Markdown that MkDocs renders like any page.

The indexes' tables are HTML (studysite.render.md.html_table): thousands of rows pass through Markdown untouched.
Which groups an index has and which pages hold them is the model's (studysite.model.listings); here is how they read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from studysite.core.fields import format_date
from studysite.core.kinds import kind_of_folder
from studysite.core.pages import (
    CONTENTS,
    FIND_PAGE,
    NOTICE_INDEX,
    NOTICES_BY_ISSUER,
    NOTICES_BY_TYPE,
    SPEECH_INDEX,
    SPEECHES_BY_SPEAKER,
    SPEECHES_BY_TOPIC,
)
from studysite.model.entries import Entry, Notice, SourceRef, Speech
from studysite.model.listings import ALL_ENTRIES, CONTINUED, LIMIT, Block, Group, GroupPage, Listing, Listings
from studysite.render.md import Row, escape, html_link, html_table, html_text, link, relative

INTERNAL_BANNER = '!!! warning "内部资料 注意保存"\n\n    本页为内部资料，仅限内网学习使用，不得外传。\n'
COMPILATION_PAGE = "compilation/index.md"


def format_source(source: SourceRef) -> str:
    if source.date:
        where = format_date(source.date)
    elif source.year is not None:
        where = f"{source.year}年第{source.issue}期"
    else:
        volume = f"第{source.volume}卷" if str(source.volume).isdigit() else source.volume
        where = f"{volume}第{source.page}页"
    return f"{source.publisher} {where}"


_SPEECH_HEADER = ("日期", "讲话人", "标题", "场合", "出处")
_NOTICE_HEADER = ("文号", "日期", "文种", "发文机关", "标题")
_CONTENTS_HEADER = ("序号", "标题", "类别", "讲话人或发文机关", "日期")
_GROUP_LABEL = {"year": "年份", "speaker": "讲话人", "topic": "专题", "type": "文种", "issuer": "发文机关"}


def _speech_row(speech: Speech, page: str, urls: bool) -> tuple[str, ...]:
    return (
        format_date(speech.date),  # digits and Han only: nothing to escape
        "、".join(html_text(s) for s in speech.speakers),
        html_link(speech.title, speech.src_uri, page, urls),
        html_text(speech.occasion) if speech.occasion else "",  # unknown: an empty cell, never a placeholder
        "；".join(html_text(format_source(s)) for s in speech.sources),
    )


def _notice_row(notice: Notice, page: str, urls: bool) -> tuple[str, ...]:
    return (
        html_text(notice.doc_number) if notice.doc_number else "",
        format_date(notice.date),
        html_text(notice.doc_type),
        "、".join(html_text(i) for i in notice.issuers),
        html_link(notice.title, notice.src_uri, page, urls),
    )


def _contents_row(number: int, entry: Entry, page: str, urls: bool) -> tuple[str, ...]:
    who = entry.speakers if isinstance(entry, Speech) else entry.issuers
    return (
        str(number),
        html_link(entry.title, entry.src_uri, page, urls),
        entry.kind,
        "、".join(html_text(w) for w in who),
        format_date(entry.date),
    )


def _table(
    listing: Listing, entries: Sequence[Entry], page: str, urls: bool, numbers: dict[str, int], ids: Mapping[str, str]
) -> str:
    # Each row repeats an entry that is searchable on its own page: keep the index out of search results.
    if listing.src_uri == CONTENTS:
        rows = [_contents_row(numbers[e.src_uri], e, page, urls) for e in entries]
        return html_table(_CONTENTS_HEADER, rows, "index-table", searchable=False, title="标题")
    # An index lists entries of one kind: its subject's. On the kind's own index each row carries the entry's id,
    # where the entry page's 返回 link lands.
    if listing.subject == Speech.kind:
        speeches = [_with_id(_speech_row(e, page, urls), e, ids) for e in entries if isinstance(e, Speech)]
        return html_table(_SPEECH_HEADER, speeches, "index-table", False, title="标题")
    notices = [_with_id(_notice_row(e, page, urls), e, ids) for e in entries if isinstance(e, Notice)]
    return html_table(_NOTICE_HEADER, notices, "index-table", False, title="标题")


def _with_id(cells: tuple[str, ...], entry: Entry, ids: Mapping[str, str]) -> tuple[str, ...] | Row:
    row_id = ids.get(entry.src_uri)
    return Row(cells, {"id": row_id}) if row_id else cells


def _row_ids(listing: Listing, listings: Listings) -> Mapping[str, str]:
    """The rows' ids on a kind's own index (the index an entry page leads back to); none elsewhere."""
    main = listing.src_uri in (SPEECH_INDEX, NOTICE_INDEX)
    return listings.row_ids if main else {}


_SPEECH_VIEWS = [("按时间", SPEECH_INDEX), ("按讲话人", SPEECHES_BY_SPEAKER), ("按专题", SPEECHES_BY_TOPIC)]
_NOTICE_VIEWS = [("按年份", NOTICE_INDEX), ("按文种", NOTICES_BY_TYPE), ("按发文机关", NOTICES_BY_ISSUER)]
_VIEWS = {
    SPEECH_INDEX: [*_SPEECH_VIEWS, ("汇编目录", CONTENTS)],
    SPEECHES_BY_SPEAKER: _SPEECH_VIEWS,
    SPEECHES_BY_TOPIC: _SPEECH_VIEWS,
    NOTICE_INDEX: [*_NOTICE_VIEWS, ("汇编目录", CONTENTS)],
    NOTICES_BY_TYPE: _NOTICE_VIEWS,
    NOTICES_BY_ISSUER: _NOTICE_VIEWS,
    CONTENTS: [("讲话索引", SPEECH_INDEX), ("通报通知索引", NOTICE_INDEX)],
}


def _see_also(page: str, links: list[tuple[str, str]]) -> str:
    # Navigation between the site's indexes: only the screen shows it.
    shown = " · ".join(link(label, target, page) for label, target in links if target != page)
    return f"另见：{shown}\n{{ .screen-only }}\n"


def _jump_line(targets: list[tuple[str, str]]) -> str:
    """Links to the page's own headings, for screens without the 目录 at the side (a phone, a zoomed page)."""
    if len(targets) < 2:
        return ""
    return "本页：" + " · ".join(f"[{escape(label)}](#{anchor})" for label, anchor in targets) + "\n"


def _intro(listing: Listing, listings: Listings) -> str:
    catalogue = listings.catalogue
    speeches, notices, groups = len(catalogue.speeches), len(catalogue.notices), len(listing.groups)
    if listing.src_uri == SPEECH_INDEX:
        speakers = len({s for speech in catalogue.speeches for s in speech.speakers})
        return f"共收录讲话 {speeches} 篇，讲话人 {speakers} 位。按年份分组，新的在前。\n"
    if listing.src_uri == SPEECHES_BY_SPEAKER:
        return f"共收录讲话 {speeches} 篇，讲话人 {groups} 位，按篇数排列，多的在前；多人讲话列在每位讲话人之下。\n"
    if listing.src_uri == SPEECHES_BY_TOPIC:
        if speeches and not groups:
            return "收录的讲话还没有标注专题，暂时不能按专题浏览，请按时间或按讲话人查看。\n"
        topics = len([g for g in listing.groups if g.name in catalogue.topics])
        return f"共收录讲话 {speeches} 篇，涉及专题 {topics} 个，按专题顺序排列；一篇讲话可属于多个专题。\n"
    if listing.src_uri == NOTICE_INDEX:
        return f"共收录通报通知 {notices} 份，按年份分组，新的在前；同一天的按文号排列。\n"
    if listing.src_uri == NOTICES_BY_TYPE:
        return f"共收录通报通知 {notices} 份，文种 {groups} 种，按份数排列，多的在前。\n"
    if listing.src_uri == NOTICES_BY_ISSUER:
        return (
            f"共收录通报通知 {notices} 份，发文机关 {groups} 个，按份数排列，多的在前；联合发文列在每个发文机关之下。\n"
        )
    return (
        f"《党委机关专题教育整顿学习资料汇编》收录讲话 {speeches} 篇、通报通知 {notices} 份，"
        f"共 {speeches + notices} 篇，按专题编排；同一专题内按汇编中的先后，其次按日期。\n"
    )


def _empty(listing: Listing, listings: Listings) -> str:
    """Said on an index while the catalogue holds nothing of its kind, pointing to what the report names."""
    catalogue = listings.catalogue
    if listing.subject == Speech.kind:
        count, what, named = len(catalogue.speeches), Speech.kind, "讲话"
    elif listing.subject == Notice.kind:
        count, what, named = len(catalogue.notices), Notice.kind, "通报和通知"
    else:
        count, what, named = len(catalogue.entries), "讲话和通报通知", "学习资料"
    if count:
        return ""
    return (
        f"目前尚未收录{what}。会议报告提到的{named}见"
        + link("学习资料汇编", COMPILATION_PAGE, listing.src_uri)
        + "。\n"
    )


def _count(group: Group, unit: str) -> str:
    return f"{len(group.entries)} {unit}"


def _blocks(
    listing: Listing,
    blocks: Sequence[Block],
    page: str,
    urls: bool,
    numbers: dict[str, int],
    level: str,
    prefix: str,
    ids: Mapping[str, str],
) -> list[str]:
    parts = []
    for block in blocks:
        if block.title:
            parts.append(
                f"{level} {escape(block.title)}（{len(block.entries)} {listing.unit}） {{#{prefix}-{block.slug}}}\n"
            )
        parts.append(_table(listing, block.entries, page, urls, numbers, ids))
    return parts


def _numbers(listing: Listing) -> dict[str, int]:
    """The 汇编目录's 序号: one count through every section, as the printed 汇编 numbers them."""
    if listing.src_uri != CONTENTS:
        return {}
    entries = [entry for group in listing.groups for entry in group.entries]
    return {entry.src_uri: number for number, entry in enumerate(entries, start=1)}


def _span(listing: Listing, part: GroupPage, numbers: dict[str, int]) -> str:
    """What a part of a group holds: its headings first to last, its 序号, or its rows (第301–600篇)."""
    titles = [block.title.removesuffix(CONTINUED) for block in part.blocks if block.title]
    if titles:
        return titles[0] if titles[0] == titles[-1] else f"{titles[0]}—{titles[-1]}"
    if numbers:
        return f"序号 {numbers[part.blocks[0].entries[0].src_uri]}–{numbers[part.blocks[-1].entries[-1].src_uri]}"
    return f"第{part.first}–{part.first + part.rows - 1}{listing.unit}"


def _part_links(listing: Listing, group: Group, page: str, numbers: dict[str, int], urls: bool) -> str:
    """A group's parts as links (the current one in bold), each with what it holds; "" for a one-page group."""
    parts = listing.pages_of(group)
    if len(parts) < 2:
        return ""
    links = []
    for part in parts:
        label = f"第{part.part}部分（{_span(listing, part, numbers)}）"
        links.append(
            f"<strong>{html_text(label)}</strong>"
            if part.src_uri == page
            else html_link(label, part.src_uri, page, urls)
        )
    return " · ".join(links)


# The 检索 page's filter each kind of group stands for (find/?year=2024 …), and the kind of entries an index lists.
_FIND_FILTER = {"year": "year", "speaker": "speaker", "topic": "topic", "type": "doc_type", "issuer": "issuer"}


def _find_link(listing: Listing, page: str, group: Group | None = None) -> str:
    """A line leading to the 检索 page with this index's own restriction (and this group's) chosen."""
    kind = kind_of_folder(listing.src_uri)
    query = [("type", kind.key)] if kind.entry else []
    what = listing.subject
    if group is not None and group.name != ALL_ENTRIES and listing.prefix in _FIND_FILTER:
        value = group.name.removesuffix("年") if listing.prefix == "year" else group.name
        query.append((_FIND_FILTER[listing.prefix], value))
        what = f"{group.name}的{listing.subject}"
    target = relative(FIND_PAGE, page) + ("?" + urlencode(query) if query else "")
    return f"[在检索页中查找和筛选{escape(what)}](<{target}>)\n{{ .screen-only }}\n"


def index_page(listing: Listing, listings: Listings, urls: bool = True) -> str:
    """An index: its groups under headings, or, above LIMIT rows, a table of its groups' pages with counts."""
    page = listing.src_uri
    parts = [
        f"# {listing.title}\n",
        _intro(listing, listings),
        _empty(listing, listings),
        _see_also(page, _VIEWS[page]),
        _find_link(listing, page),
    ]
    numbers, ids = _numbers(listing), _row_ids(listing, listings)
    if listing.split:
        parts.append(f"共 {len(listing.groups)} 组，每组单独成页，超过 {LIMIT} 条的分成几部分：\n")
        rows: list[tuple[str, ...]] = []
        for group in listing.groups:
            first = listing.pages_of(group)[0].src_uri
            pages = _part_links(listing, group, page, numbers, urls)
            rows.append((html_link(group.name, first, page, urls), _count(group, listing.unit), pages))
        header: tuple[str, ...] = (_GROUP_LABEL[listing.prefix], "数量", "分部分")
        if not any(row[2] for row in rows):  # no group needs more than one page
            header, rows = header[:2], [row[:2] for row in rows]
        parts.append(html_table(header, rows, "index-groups", False))
        return "\n".join(part for part in parts if part)
    jump = [(f"{g.name}（{len(g.entries)}）", listing.anchor(g)) for g in listing.groups]
    parts.append(_jump_line(jump))
    for group in listing.groups:
        if group.name != ALL_ENTRIES:
            parts.append(f"## {escape(group.name)}（{_count(group, listing.unit)}） {{#{listing.anchor(group)}}}\n")
        parts += _blocks(listing, group.blocks, page, urls, numbers, "###", listing.anchor(group), ids)
    return "\n".join(part for part in parts if part)


def group_page(
    listing: Listing, part: GroupPage, numbers: dict[str, int], urls: bool = True, ids: Mapping[str, str] | None = None
) -> str:
    """One group of a long index on a page of its own (a part of it when the group is longer than LIMIT)."""
    page, group = part.src_uri, part.group
    count = f"共 {_count(group, listing.unit)}"
    if part.parts > 1:
        count += f"，分 {part.parts} 部分，本页为第 {part.part} 部分（{_span(listing, part, numbers)}）"
    parts = [f"# {part.title}\n", f"{count}。返回" + link(listing.title, listing.src_uri, page) + "。\n"]
    parts.append(_find_link(listing, page, group))
    siblings = _part_links(listing, group, page, numbers, urls)
    if siblings:
        parts.append(f'<p class="index-parts">各部分：{siblings}</p>\n')
    prefix = listing.anchor(group)
    parts.append(_jump_line([(f"{b.title}（{len(b.entries)}）", f"{prefix}-{b.slug}") for b in part.blocks if b.title]))
    parts += _blocks(listing, part.blocks, page, urls, numbers, "##", prefix, ids or {})
    return "\n".join(p for p in parts if p)


def generated_pages(listings: Listings, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page of the compilation, by its path under docs/ (never written there)."""
    pages = {}
    for listing in listings.all:
        pages[listing.src_uri] = index_page(listing, listings, directory_urls)
        numbers, ids = _numbers(listing), _row_ids(listing, listings)
        for part in listing.pages:
            pages[part.src_uri] = group_page(listing, part, numbers, directory_urls, ids)
    return pages


def newest_section(listings: Listings, page: str) -> str:
    """The home page's list of the newest entries (by their date), or a line saying there are none yet."""
    newest = listings.newest()
    parts = ["## 最新收录\n"]
    if not newest:
        parts.append(
            "目前尚未收录讲话和通报通知。会议报告提到的学习资料见"
            + link("学习资料汇编", COMPILATION_PAGE, page)
            + "。\n"
        )
        return "\n".join(parts)
    lines = [f"- {format_date(e.date)} {e.kind}：{link(e.title, e.src_uri, page)}" for e in newest]
    parts.append("\n".join(lines) + "\n")
    parts.append("全部资料见" + link("汇编目录", CONTENTS, page) + "。\n")
    return "\n".join(parts)


def _group_link(listing: Listing, name: str, here: str) -> str:
    """The name linked to where its index shows its group (a heading there, or the group's own page)."""
    place = listing.place(name)
    if place is None:  # not grouped there (a notice's topic: notices have no by-topic index)
        return escape(name)
    target, fragment = place
    return link(name, target, here, fragment)


def _meta_rows(entry: Entry, listings: Listings) -> list[tuple[str, str]]:
    here = entry.src_uri
    if isinstance(entry, Speech):
        by_speaker = listings.speeches_by_speaker
        rows = [
            ("讲话人", "、".join(_group_link(by_speaker, s, here) for s in entry.speakers)),
            ("日期", format_date(entry.date)),
            ("场合", escape(entry.occasion or "")),
            ("体裁", escape(entry.genre or "")),
            ("节录方式", escape(entry.excerpt or "")),
            ("出处", "；".join(escape(format_source(s)) for s in entry.sources)),
        ]
        # A field not known is left out (page, index and pack alike): nothing printed says it is missing.
        return [(label, value) for label, value in rows if value] + _topic_row(entry, listings)
    rows = [
        ("文种", _group_link(listings.notices_by_type, entry.doc_type, here)),
        ("文号", escape(entry.doc_number or "")),
        ("发文机关", "、".join(_group_link(listings.notices_by_issuer, i, here) for i in entry.issuers)),
        ("成文日期", format_date(entry.date)),
        ("密级", escape(entry.classification)),
        ("主送机关", "、".join(map(escape, entry.recipients))),
        ("抄送机关", "、".join(map(escape, entry.cc))),
        # One list item per attachment (a numbered list under the definition), on the page and in print.
        ("附件", "\n    ".join(f"{n}. {escape(a)}" for n, a in enumerate(entry.attachments, 1))),
        ("附注", escape(entry.note or "")),
        ("公开属性", escape(entry.public_status or "")),
        ("保密审查", f"{escape(entry.review.by)}，{format_date(entry.review.date)}" if entry.review else ""),
        ("来源", escape(entry.source or "")),
    ]
    return [(label, value) for label, value in rows if value] + _topic_row(entry, listings)


def _topic_row(entry: Entry, listings: Listings) -> list[tuple[str, str]]:
    if not entry.topics:
        return []
    if isinstance(entry, Notice):  # notices have no by-topic index; the 汇编目录 lists each entry once
        return [("专题", "、".join(map(escape, entry.topics)))]
    return [("专题", "、".join(_group_link(listings.speeches_by_topic, t, entry.src_uri) for t in entry.topics))]


def with_internal_banner(markdown: str) -> str:
    """The page with the 内部资料 banner under its first heading (or at the top when it has none)."""
    lines = markdown.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        return f"{lines[0]}\n\n{INTERNAL_BANNER}\n" + "\n".join(lines[1:])
    return f"{INTERNAL_BANNER}\n{markdown}"


def entry_page(entry: Entry, body: str, internal: bool, listings: Listings) -> str:
    """An entry's page: its title, a banner when 内部, a tidy header of its metadata, then the clerk's text."""
    header = "\n".join(f"{label}\n:   {value}\n" for label, value in _meta_rows(entry, listings))
    banner = INTERNAL_BANNER if internal else ""
    lines = body.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        title, rest = lines[0], "\n".join(lines[1:])
    else:
        title, rest = f"# {escape(entry.title)}", "\n".join(lines)
    meta = f'<div class="entry-meta" markdown>\n\n{header}\n</div>\n'
    return f"{title}\n\n{banner}\n{meta}\n{rest}"


def with_newest(markdown: str, listings: Listings, page: str) -> str:
    """The home page with its newest entries as the second section: after where to start, before the rest."""
    section = newest_section(listings, page)
    lines = markdown.split("\n")
    headings = [number for number, line in enumerate(lines) if line.startswith("## ")]
    if len(headings) < 2:
        return markdown.rstrip("\n") + "\n\n" + section
    at = headings[1]
    return "\n".join(lines[:at]) + "\n" + section + "\n" + "\n".join(lines[at:])
