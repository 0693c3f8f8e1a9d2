"""The compilation's generated pages and entry headers, as Markdown that MkDocs renders like any page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .entries import (
    NO_TOPIC,
    Catalogue,
    Entry,
    Notice,
    SourceRef,
    Speech,
    compilation_order_key,
    contents_groups,
    grouped,
    topic_order,
)
from .fields import UNKNOWN, format_date
from .md import escape, link, table
from .pages import (
    CONTENTS,
    NOTICE_INDEX,
    NOTICES_BY_ISSUER,
    NOTICES_BY_TYPE,
    SPEECH_INDEX,
    SPEECHES_BY_SPEAKER,
    SPEECHES_BY_TOPIC,
)

INTERNAL_BANNER = '!!! warning "内部资料 注意保存"\n\n    本页为内部资料，仅限内网学习使用，不得外传。\n'


def anchor(prefix: str, name: str) -> str:
    """A stable heading id for a group (a speaker, an issuer, a topic) that entry headers link to."""
    return f"{prefix}-" + re.sub(r"[^\w\u3400-\u9fff-]+", "-", name).strip("-")


def entry_link(entry: Entry, from_page: str) -> str:
    return link(entry.title, entry.src_uri, from_page)


def format_source(source: SourceRef) -> str:
    if source.date:
        where = format_date(source.date)
    elif source.year is not None:
        where = f"{source.year}年第{source.issue}期"
    else:
        volume = f"第{source.volume}卷" if str(source.volume).isdigit() else source.volume
        where = f"{volume}第{source.page}页"
    return f"{source.publisher} {where}"


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e.date.toordinal(), e.title, e.src_uri))


def compilation_order(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=compilation_order_key)


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    # Each row repeats an entry that is searchable on its own page: keep the index out of search results.
    return table(header, rows, "index-table", searchable=False)


def _speech_row(speech: Speech, page: str) -> tuple[str, ...]:
    return (
        format_date(speech.date),
        "、".join(escape(s) for s in speech.speakers),
        entry_link(speech, page),
        escape(speech.occasion) if speech.occasion else UNKNOWN,
        "；".join(escape(format_source(s)) for s in speech.sources) or UNKNOWN,
    )


_SPEECH_HEADER = ("日期", "讲话人", "标题", "场合", "出处")
_NOTICE_HEADER = ("文号", "日期", "发文机关", "标题")


def _notice_row(notice: Notice, page: str) -> tuple[str, ...]:
    return (
        escape(notice.doc_number) if notice.doc_number else UNKNOWN,
        format_date(notice.date),
        "、".join(escape(i) for i in notice.issuers),
        entry_link(notice, page),
    )


def _by_count(name: str, count: int) -> tuple:
    return (-count, name)


def _see_also(page: str, links: list[tuple[str, str]]) -> str:
    # Navigation between the site's indexes: only the screen shows it.
    links = " · ".join(link(label, target, page) for label, target in links if target != page)
    return f"另见：{links}\n{{ .screen-only }}\n"


_SPEECH_VIEWS = [("按时间", SPEECH_INDEX), ("按讲话人", SPEECHES_BY_SPEAKER), ("按专题", SPEECHES_BY_TOPIC)]
_NOTICE_VIEWS = [("按年份", NOTICE_INDEX), ("按文种", NOTICES_BY_TYPE), ("按发文机关", NOTICES_BY_ISSUER)]


def _grouped_page(
    title: str,
    intro: str,
    page: str,
    views: list[tuple[str, str]],
    groups: list[tuple[str, list[Entry]]],
    id_prefix: str,
    header: tuple[str, ...],
    row: Callable[[Entry, str], tuple[str, ...]],
    unit: str,
) -> str:
    parts = [f"# {title}\n", intro, _see_also(page, views)]
    for name, members in groups:
        parts.append(f"## {escape(name)}（{len(members)} {unit}） {{#{anchor(id_prefix, name)}}}\n")
        parts.append(_table(header, (row(entry, page) for entry in newest_first(members))))
    return "\n".join(parts)


def speech_index(catalogue: Catalogue) -> str:
    speeches = catalogue.speeches
    speakers = {s for speech in speeches for s in speech.speakers}
    parts = [
        "# 讲话索引\n",
        f"共收录讲话 {len(speeches)} 篇，讲话人 {len(speakers)} 位。按日期排列，新的在前。\n",
        _see_also(SPEECH_INDEX, _SPEECH_VIEWS + [("汇编目录", CONTENTS)]),
    ]
    if speeches:
        parts.append(_table(_SPEECH_HEADER, (_speech_row(s, SPEECH_INDEX) for s in newest_first(speeches))))
    else:
        parts.append(
            "目前尚未收录讲话。会议报告提到的讲话见"
            + link("学习资料汇编", "compilation/index.md", SPEECH_INDEX)
            + "。\n"
        )
    return "\n".join(parts)


def speeches_by_speaker(catalogue: Catalogue) -> str:
    groups = grouped(catalogue.speeches, lambda s: s.speakers, _by_count)
    intro = f"共收录讲话 {len(catalogue.speeches)} 篇，讲话人 {len(groups)} 位；多人讲话列在每位讲话人之下。\n"
    return _grouped_page(
        "讲话·按讲话人", intro, SPEECHES_BY_SPEAKER, _SPEECH_VIEWS, groups, "speaker", _SPEECH_HEADER, _speech_row, "篇"
    )


def speeches_by_topic(catalogue: Catalogue) -> str:
    groups = grouped(catalogue.speeches, lambda s: s.topics or (NO_TOPIC,), topic_order(catalogue.topics))
    intro = f"共收录讲话 {len(catalogue.speeches)} 篇，涉及专题 {len([g for g, _ in groups if g != NO_TOPIC])} 个；一篇讲话可属于多个专题。\n"
    return _grouped_page(
        "讲话·按专题", intro, SPEECHES_BY_TOPIC, _SPEECH_VIEWS, groups, "topic", _SPEECH_HEADER, _speech_row, "篇"
    )


def notice_index(catalogue: Catalogue) -> str:
    groups = grouped(catalogue.notices, lambda n: (f"{n.date.year}年",), lambda name, _count: (-int(name[:-1]),))
    intro = f"共收录通报通知 {len(catalogue.notices)} 份，按年份排列，新的在前。\n"
    if not catalogue.notices:
        intro += (
            "\n目前尚未收录通报通知。会议报告提到的通报和通知见"
            + link("学习资料汇编", "compilation/index.md", NOTICE_INDEX)
            + "。\n"
        )
    return _grouped_page(
        "通报通知索引",
        intro,
        NOTICE_INDEX,
        _NOTICE_VIEWS + [("汇编目录", CONTENTS)],
        groups,
        "year",
        _NOTICE_HEADER,
        _notice_row,
        "份",
    )


def notices_by_type(catalogue: Catalogue) -> str:
    groups = grouped(catalogue.notices, lambda n: (n.doc_type,), _by_count)
    intro = f"共收录通报通知 {len(catalogue.notices)} 份，文种 {len(groups)} 种。\n"
    return _grouped_page(
        "通报通知·按文种", intro, NOTICES_BY_TYPE, _NOTICE_VIEWS, groups, "type", _NOTICE_HEADER, _notice_row, "份"
    )


def notices_by_issuer(catalogue: Catalogue) -> str:
    groups = grouped(catalogue.notices, lambda n: n.issuers, _by_count)
    intro = f"共收录通报通知 {len(catalogue.notices)} 份，发文机关 {len(groups)} 个；联合发文列在每个发文机关之下。\n"
    return _grouped_page(
        "通报通知·按发文机关",
        intro,
        NOTICES_BY_ISSUER,
        _NOTICE_VIEWS,
        groups,
        "issuer",
        _NOTICE_HEADER,
        _notice_row,
        "份",
    )


def contents(catalogue: Catalogue) -> str:
    """The printed 汇编's table of contents: by topic (first topic of each entry), then order or date."""
    groups = contents_groups(catalogue)
    parts = [
        "# 汇编目录\n",
        f"《党委机关专题教育整顿学习资料汇编》收录讲话 {len(catalogue.speeches)} 篇、通报通知 {len(catalogue.notices)} 份，"
        f"共 {len(catalogue.entries)} 篇，按专题编排；同一专题内按编排顺序（order），其次按日期。\n",
    ]
    number = 0
    for name, members in groups:
        rows = []
        for entry in members:
            number += 1
            who = entry.speakers if isinstance(entry, Speech) else entry.issuers
            rows.append(
                (
                    str(number),
                    entry_link(entry, CONTENTS),
                    entry.kind,
                    "、".join(escape(w) for w in who),
                    format_date(entry.date),
                )
            )
        parts.append(f"## {escape(name)}（{len(members)} 篇） {{#{anchor('topic', name)}}}\n")
        parts.append(_table(("序号", "标题", "类别", "讲话人或发文机关", "日期"), rows))
    return "\n".join(parts)


def generated_pages(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page of the compilation, by its path under docs/ (never written there)."""
    return {
        SPEECH_INDEX: speech_index(catalogue),
        SPEECHES_BY_SPEAKER: speeches_by_speaker(catalogue),
        SPEECHES_BY_TOPIC: speeches_by_topic(catalogue),
        NOTICE_INDEX: notice_index(catalogue),
        NOTICES_BY_TYPE: notices_by_type(catalogue),
        NOTICES_BY_ISSUER: notices_by_issuer(catalogue),
        CONTENTS: contents(catalogue),
    }


def _meta_rows(entry: Entry) -> list[tuple[str, str]]:
    here = entry.src_uri
    if isinstance(entry, Speech):
        return [
            (
                "讲话人",
                "、".join(link(s, SPEECHES_BY_SPEAKER, here, anchor("speaker", s)) for s in entry.speakers),
            ),
            ("日期", format_date(entry.date)),
            ("场合", escape(entry.occasion) if entry.occasion else UNKNOWN),
            *([("体裁", escape(entry.genre))] if entry.genre else []),
            *([("节录方式", escape(entry.excerpt))] if entry.excerpt else []),
            ("出处", "；".join(escape(format_source(s)) for s in entry.sources) or UNKNOWN),
            *_topic_row(entry),
        ]
    rows = [
        ("文种", link(entry.doc_type, NOTICES_BY_TYPE, here, anchor("type", entry.doc_type))),
        ("文号", escape(entry.doc_number) if entry.doc_number else UNKNOWN),
        ("发文机关", "、".join(link(i, NOTICES_BY_ISSUER, here, anchor("issuer", i)) for i in entry.issuers)),
        ("成文日期", format_date(entry.date)),
        ("密级", escape(entry.classification)),
    ]
    optional = [
        ("主送机关", "、".join(map(escape, entry.recipients))),
        ("抄送机关", "、".join(map(escape, entry.cc))),
        ("附件", "；".join(f"{n}. {escape(a)}" for n, a in enumerate(entry.attachments, 1))),
        ("附注", escape(entry.note or "")),
        ("公开属性", escape(entry.public_status or "")),
        ("保密审查", f"{escape(entry.review.by)}，{format_date(entry.review.date)}" if entry.review else ""),
    ]
    rows += [(label, value) for label, value in optional if value]
    rows.append(("来源", escape(entry.source) if entry.source else UNKNOWN))
    return rows + _topic_row(entry)


def _topic_row(entry: Entry) -> list[tuple[str, str]]:
    if not entry.topics:
        return []
    if isinstance(entry, Notice):  # notices have no by-topic index; the 汇编目录 lists each entry once
        return [("专题", "、".join(map(escape, entry.topics)))]
    return [("专题", "、".join(link(t, SPEECHES_BY_TOPIC, entry.src_uri, anchor("topic", t)) for t in entry.topics))]


def with_internal_banner(markdown: str) -> str:
    """The page with the 内部资料 banner under its first heading (or at the top when it has none)."""
    lines = markdown.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        return f"{lines[0]}\n\n{INTERNAL_BANNER}\n" + "\n".join(lines[1:])
    return f"{INTERNAL_BANNER}\n{markdown}"


def entry_page(entry: Entry, body: str, internal: bool) -> str:
    """An entry's page: its title, a banner when 内部, a tidy header of its metadata, then the clerk's text."""
    header = "\n".join(f"{label}\n:   {value}\n" for label, value in _meta_rows(entry))
    banner = INTERNAL_BANNER if internal else ""
    lines = body.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        title, rest = lines[0], "\n".join(lines[1:])
    else:
        title, rest = f"# {escape(entry.title)}", "\n".join(lines)
    meta = f'<div class="entry-meta" markdown>\n\n{header}\n</div>\n'
    return f"{title}\n\n{banner}\n{meta}\n{rest}"
