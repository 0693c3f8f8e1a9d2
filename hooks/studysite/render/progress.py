"""The ledger's 整改进展 section: the counts by status month by month (an SVG chart drawn here, with the same
figures in a table beside it), 本月新销号, 即将到期 and 逾期; and each item's history as its 详情 shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from studysite.core.fields import format_date
from studysite.model.measures import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    ONGOING,
    TBD,
    UNREPORTED,
    Item,
    Plan,
    Progress,
    progress,
)
from studysite.model.timeline import History, Timeline, months
from studysite.render.md import html_table, html_text

MONTHS_SHOWN = 24  # the chart stays readable; older months are in git, and in make progress
TREND_NOTE = "按整改台账的修改记录统计每月末各状态的事项数和完成率"
NO_HISTORY = "本副本没有整改台账的修改记录，不显示整改进展；各事项的现状见上。"
DUE_SOON_DAYS = 30
# Bottom to top in each bar, with the CSS class that colours it (assets/readers.css).
SERIES = ((DONE, "done"), (IN_PROGRESS, "doing"), (ONGOING, "ongoing"), (NOT_STARTED, "todo"), (UNREPORTED, "unset"))
TREND_COLUMNS = ("月份", *(label for label, _ in SERIES), "逾期", "完成率")


@dataclass(frozen=True)
class Month:
    day: date  # the month's last day, or today for the current month
    counts: Progress

    @property
    def label(self) -> str:
        return f"{self.day.year}年{self.day.month}月"


def trend(history: History, today: date) -> list[Month]:
    """The counts at the end of each month (this month: today), the last MONTHS_SHOWN months of the history."""
    first = history.first_day()
    if first is None or first > today:
        return []
    return [Month(day, progress(history.items_at(day), day)) for day in months(first, today)[-MONTHS_SHOWN:]]


def series_counts(p: Progress) -> tuple[int, ...]:
    return (p.done, p.in_progress, p.ongoing, p.not_started, p.unreported)


def trend_row(month: Month) -> tuple[str, ...]:
    """One month as the table, the workbook's 进展 sheet and the chart's bar say it."""
    p = month.counts
    return (month.label, *map(str, series_counts(p)), str(p.overdue), p.rate_shown)


_BAR, _GAP, _LEFT, _TOP, _HEIGHT = 28, 14, 36, 28, 180
_LEGEND_WIDTH = 400  # the legend's line, whatever the number of months


def chart(trend_months: list[Month]) -> str:
    """A stacked bar a month, 完成率 over each bar, drawn as SVG markup (no script; the classes colour it)."""
    width = max(_LEFT + len(trend_months) * (_BAR + _GAP) + _GAP, _LEGEND_WIDTH)
    height = _TOP + _HEIGHT + 44
    top = max((m.counts.total for m in trend_months), default=0) or 1
    scale = _HEIGHT / top
    first, last = trend_months[0].label, trend_months[-1].label
    # Past 8 months the bars keep a readable size and the figure scrolls sideways (a phone, a narrow column)
    # rather than shrinking its words to a few pixels.
    wide = (
        " progress-chart--widest"
        if len(trend_months) > 16
        else " progress-chart--wide"
        if len(trend_months) > 8
        else ""
    )
    parts = [
        f'<svg class="progress-chart{wide}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="progress-chart-title progress-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="progress-chart-title">整改事项按月进展</title>',
        f'<desc id="progress-chart-desc">{first}至{last}每月末各状态的事项数和完成率，数字见旁边的表格。</desc>',
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP + _HEIGHT}" x2="{width}" y2="{_TOP + _HEIGHT}"></line>',
        f'<text class="tick" x="{_LEFT - 6}" y="{_TOP + 4}">{top}</text>',
        f'<text class="tick" x="{_LEFT - 6}" y="{_TOP + _HEIGHT}">0</text>',
    ]
    for index, month in enumerate(trend_months):
        x = _LEFT + _GAP + index * (_BAR + _GAP)
        y = float(_TOP + _HEIGHT)
        bars = []
        for (label, css), count in zip(SERIES, series_counts(month.counts), strict=True):
            if not count:
                continue
            size = count * scale
            y -= size
            bars.append(
                f'<rect class="{css}" x="{x}" y="{y:.1f}" width="{_BAR}" height="{size:.1f}">'
                f"<title>{month.label} {label}{count}项</title></rect>"
            )
        parts.append(f'<g class="month">{"".join(bars)}')
        parts.append(f'<text class="rate" x="{x + _BAR / 2:.0f}" y="{y - 5:.1f}">{month.counts.rate}</text>')
        tick = (
            f"{month.day.month}月"
            if index and month.day.month != 1
            else f"{month.day.year % 100:02d}年{month.day.month}月"
        )
        parts.append(f'<text class="month-label" x="{x + _BAR / 2:.0f}" y="{_TOP + _HEIGHT + 18}">{tick}</text></g>')
    legend_x = _LEFT
    for label, css in SERIES:
        parts.append(
            f'<rect class="{css}" x="{legend_x}" y="{height - 14}" width="10" height="10"></rect>'
            f'<text class="legend" x="{legend_x + 14}" y="{height - 5}">{label}</text>'
        )
        legend_x += 14 + 14 * len(label) + 10
    parts.append("</svg>")
    return "".join(parts)


def _item_cells(item: Item, extra: str) -> tuple[str, ...]:
    return (html_text(item.id), html_text(item.task), html_text(item.owner), extra)


def closed_this_month(items: list[Item], today: date) -> list[Item]:
    """Items done whose 销号日期 falls in today's month, up to today."""
    return [
        i
        for i in items
        if i.status == DONE
        and i.closed_on
        and (i.closed_on.year, i.closed_on.month) == (today.year, today.month)
        and i.closed_on <= today
    ]


def due_soon(items: list[Item], today: date, days: int = DUE_SOON_DAYS) -> list[Item]:
    """Items not done whose due date falls from today to `days` days on, soonest first."""
    end = today + timedelta(days=days)
    found = [i for i in items if i.status != DONE and i.due is not None and today <= i.due <= end]
    return sorted(found, key=lambda i: i.due or today)


def overdue(items: list[Item], today: date) -> list[Item]:
    return sorted((i for i in items if i.overdue(today)), key=lambda i: i.due or today)


def status_history(timeline: Timeline | None) -> str:
    """An item's statuses with the day each began, 2025年3月1日 未开始 → 2025年4月1日 正在整改 (empty: none)."""
    if timeline is None:
        return ""
    steps: list[tuple[date, str]] = []
    for change in timeline.changes:
        status = change.item.status if change.item is not None else "已删除"
        if not steps or steps[-1][1] != status:
            steps.append((change.day, status))
    return " → ".join(f"{format_date(day)} {status}" for day, status in steps)


def progress_section(plan: Plan, history: History) -> str:
    """The 整改进展 section of the ledger page (Markdown with generated HTML blocks)."""
    today = plan.today
    items = [item for measure in plan.measures for item in measure.items]
    parts = ["## 整改进展\n"]
    months_shown = trend(history, today) if history.available else []
    if months_shown:
        parts.append(
            f"{TREND_NOTE}（本月截至{format_date(today)}），最近{MONTHS_SHOWN}个月；"
            "事项状态的日期为修改台账的日期，已完成事项为其销号日期。\n"
        )
        rows = [tuple(map(html_text, trend_row(month))) for month in months_shown]
        parts.append(
            # The chart for the screen; paper and screen readers have the table beside it (and the packs' fonts).
            f'<div class="progress-trend">\n<figure class="progress-figure screen-only" tabindex="0">{chart(months_shown)}'
            "</figure>\n" + html_table(TREND_COLUMNS, rows, css_class="progress-table") + "</div>\n"
        )
    else:
        parts.append(NO_HISTORY + "\n")  # why is said in the build's log: readers need not know git
    closed = closed_this_month(items, today)
    parts.append(f"### 本月新销号（{today.year}年{today.month}月）\n")
    if closed:
        cells = [_item_cells(i, format_date(i.closed_on) if i.closed_on else "") for i in closed]
        parts.append(html_table(("事项", "任务", "责任部门", "销号日期"), cells))
    else:
        parts.append("本月还没有新销号的事项。\n")
    soon = due_soon(items, today)
    parts.append(f"### 即将到期（{DUE_SOON_DAYS}天内）\n")
    if soon:
        cells = [_item_cells(i, format_date(i.due) + f"（{i.status}）" if i.due else TBD) for i in soon]
        parts.append(html_table(("事项", "任务", "责任部门", "完成时限"), cells))
    else:
        parts.append(f"今后{DUE_SOON_DAYS}天内没有到期的事项。\n")
    late = overdue(items, today)
    parts.append("### 逾期\n")
    if late:
        cells = [
            (*_item_cells(i, format_date(i.due) if i.due else TBD), f"{(today - i.due).days}天" if i.due else "")
            for i in late
        ]
        parts.append(html_table(("事项", "任务", "责任部门", "完成时限", "已逾期"), cells))
    else:
        parts.append(f"截至{format_date(today)}没有逾期的事项。\n")
    return "\n".join(parts)
