"""A 整改进展情况 draft for a period, from the items' timelines: the totals at its end and the change since its
start, each item 销号 in it, items overdue at its end, items due in the next period of the same length, and items
with no owner or no due date. Laid out as the packs are (GB/T 9704): a PDF by WeasyPrint and an editable Word file.

The same history and the same two dates give the same bytes: nothing here reads the clock.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

from studysite.core.fields import format_date
from studysite.model.measures import DONE, TBD, Item, Progress, progress
from studysite.model.packs import Pack
from studysite.model.timeline import History
from studysite.office.printing import PrintedPack, PrintPage, render_pdf
from studysite.office.wordpack import word_pack

TITLE = "整改进展情况"


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{format_date(self.start)}至{format_date(self.end)}"

    def following(self) -> Period:
        """The next period as long: as many whole months (a quarter → the next quarter), else as many days."""
        start = self.end + timedelta(days=1)
        if self.start.day == 1 and start.day == 1:
            count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            months = start.year * 12 + start.month - 1 + count
            return Period(start, date(months // 12, months % 12 + 1, 1) - timedelta(days=1))
        return Period(start, self.end + timedelta(days=(self.end - self.start).days + 1))


@dataclass(frozen=True)
class Closed:
    item: Item
    day: date


@dataclass(frozen=True)
class PeriodFigures:
    """What the report says of a period, before it is worded."""

    period: Period
    before: Progress  # at the end of the day before the period
    after: Progress  # at the end of its last day
    changed: bool  # any item's status, owner, due date or 销号日期 changed in the period
    closed: tuple[Closed, ...]
    overdue: tuple[Item, ...]
    due_next: tuple[Item, ...]
    undecided: tuple[tuple[Item, str], ...]  # (item, what is 待定)
    records_from: date | None = None  # the first day the history knows of


def figures(history: History, period: Period) -> PeriodFigures:
    start, end = period.start, period.end
    items = history.items_at(end)
    closed = []
    for timeline in history.timelines:
        item, day = timeline.at(end), timeline.closed_day(end)
        if item is None or item.status != DONE:
            continue
        if day is not None and start <= day <= end:
            closed.append(Closed(item, item.closed_on or day))
    following = period.following()
    undecided = []
    for item in items:
        if item.status == DONE:
            continue
        missing = [label for label, lacks in (("责任部门", item.unassigned), ("完成时限", _undated(item))) if lacks]
        if missing:
            undecided.append((item, "、".join(missing)))
    return PeriodFigures(
        period,
        progress(history.items_at(start - timedelta(days=1)), start - timedelta(days=1)),
        progress(items, end),
        any(start <= change.day <= end for t in history.timelines for change in t.changes),
        tuple(sorted(closed, key=lambda c: (c.day, c.item.id))),
        tuple(sorted((i for i in items if i.overdue(end)), key=lambda i: (i.due or end, i.id))),
        tuple(
            sorted(
                (i for i in items if i.status != DONE and i.due and following.start <= i.due <= following.end),
                key=lambda i: (i.due or end, i.id),
            )
        ),
        tuple(undecided),
        history.first_day(),
    )


def _undated(item: Item) -> bool:
    return item.due is None and not item.ongoing


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def overview(f: PeriodFigures) -> list[str]:
    """The sentences of 一、总体情况."""
    end = format_date(f.period.end)
    sentences = [f"截至{end}，整改事项共{f.after.total}项：{f.after.summary()}。"]
    since = format_date(f.period.start - timedelta(days=1))
    if not f.changed:
        sentences.append(f"本期（{f.period.label}）各整改事项的状态、责任部门和完成时限均没有变化。")
    elif f.before.total == 0 and f.records_from is not None and f.records_from >= f.period.start:
        # The history begins inside the period: "no items before it" would read as a fact about the bureau.
        sentences.append(
            f"台账的修改记录始于{format_date(f.records_from)}，此前的情况无从比较；本期销号{len(f.closed)}项。"
        )
    elif f.before.total == 0:
        sentences.append(f"{since}以前台账中没有整改事项，本期销号{len(f.closed)}项。")
    else:
        changes = "，".join(
            f"{label}由{before}变为{after}" if before != after else f"{label}仍为{after}"
            for label, before, after in (
                ("已完成", f"{f.before.done}项", f"{f.after.done}项"),
                ("正在整改", f"{f.before.in_progress}项", f"{f.after.in_progress}项"),
                ("完成率", f.before.rate_shown, f.after.rate_shown),
            )
        )
        sentences.append(f"与{since}相比，{changes}；本期销号{len(f.closed)}项。")
    return sentences


def report_text(f: PeriodFigures) -> list[tuple[str, list[str], tuple[tuple[str, ...], list[tuple[str, ...]]] | None]]:
    """The report as (heading, paragraphs, table or None) sections: what the PDF, the Word file and tests read."""
    end = format_date(f.period.end)
    following = f.period.following()
    closed_rows: list[tuple[str, ...]] = [
        (c.item.id, c.item.task, format_date(c.day), "；".join(c.item.evidence) or "未填写") for c in f.closed
    ]
    overdue_rows: list[tuple[str, ...]] = [
        (
            i.id,
            i.task,
            i.owner,
            format_date(i.due) if i.due else TBD,
            f"{(f.period.end - i.due).days}天" if i.due else "",
        )
        for i in f.overdue
    ]
    next_rows: list[tuple[str, ...]] = [
        (i.id, i.task, i.owner, format_date(i.due) if i.due else TBD) for i in f.due_next
    ]
    undecided_rows: list[tuple[str, ...]] = [(i.id, i.task, what) for i, what in f.undecided]
    return [
        ("一、总体情况", overview(f), None),
        (
            "二、本期销号事项",
            [f"本期销号{len(f.closed)}项。" if f.closed else "本期没有销号的事项。"],
            (("事项", "任务", "销号日期", "佐证材料"), closed_rows) if f.closed else None,
        ),
        (
            "三、逾期事项",
            [f"截至{end}逾期{len(f.overdue)}项。" if f.overdue else f"截至{end}没有逾期的事项。"],
            (("事项", "任务", "责任部门", "完成时限", "已逾期"), overdue_rows) if f.overdue else None,
        ),
        (
            "四、下期到期事项",
            [
                f"下期（{following.label}）到期{len(f.due_next)}项。"
                if f.due_next
                else f"下期（{following.label}）没有到期的事项。"
            ],
            (("事项", "任务", "责任部门", "完成时限"), next_rows) if f.due_next else None,
        ),
        (
            "五、责任部门或完成时限待定的事项",
            [
                f"尚未完成的事项中，责任部门或完成时限待定的{len(f.undecided)}项，请明确后更新台账。"
                if f.undecided
                else "尚未完成的事项都已明确责任部门和完成时限。"
            ],
            (("事项", "任务", "待定"), undecided_rows) if f.undecided else None,
        ),
    ]


def report_html(f: PeriodFigures) -> str:
    parts = [_p(f"（{f.period.label}）")]
    for heading, paragraphs, table in report_text(f):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts += [_p(text) for text in paragraphs]
        if table is not None:
            parts.append(_table(*table))
    parts.append(_p("本稿由学习资料站依据整改台账的修改记录生成，供起草时核对、修改。"))
    return "".join(parts)


def printed_report(f: PeriodFigures) -> PrintedPack:
    pack = Pack("progress.md", TITLE, ("progress.md",), "公开")
    page = PrintPage("progress.md", TITLE, report_html(f), "file:///")
    return PrintedPack(pack, [page], day=f.period.end, report=True)


def report_files(history: History, period: Period) -> tuple[bytes, bytes]:
    """The draft's PDF and Word bytes."""
    printed = printed_report(figures(history, period))
    pdf, numbers, _ = render_pdf(printed)
    return pdf, word_pack(printed, numbers)
