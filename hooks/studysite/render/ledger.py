"""The measures' checklists, the rectification ledger (整改台账) and the problem–measure map, as Markdown and CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from studysite.core.fields import format_date
from studysite.core.pages import LEDGER_CSV, LEDGER_PAGE, LEDGER_XLSX, MAPPING_PAGE, PROBLEM_PAGE
from studysite.model.measures import (
    DONE,
    NO_RATE_NOTE,
    RATE_DEFINITION,
    TBD,
    Item,
    Measure,
    Plan,
    Progress,
    progress,
)
from studysite.model.timeline import History, Timeline
from studysite.render.access import TASK_STATE_CLASS
from studysite.render.md import Row, escape, html_link, html_table, html_text, link, table
from studysite.render.progress import progress_section, status_history

# A CSV cell may start as typed only with a letter or digit of any script or one of these (brackets, quotes and
# the dash the site writes for “none”): anything else (= + - @, their full-width forms, a tab, a line end, a
# space before any of them, a sign no list foresaw) could start a formula in Excel, WPS or LibreOffice.
_SAFE_START = frozenset("（(《〈「『【〔[“‘\"'—")
FORMULA_GUARD = "'"  # OWASP: a leading apostrophe makes the spreadsheet read the cell as text

LEDGER_COLUMNS = ("序号", "问题", "措施", "任务", "责任领导", "责任部门", "完成时限", "状态", "佐证材料", "销号日期")
_OVERDUE = "（逾期）"


@dataclass(frozen=True)
class LedgerRow:
    number: int
    measure: Measure
    item: Item
    overdue: bool

    def due_text(self) -> str:
        if self.item.ongoing:
            return f"长期坚持（{self.item.review}检查）" if self.item.review and self.item.review != TBD else "长期坚持"
        return format_date(self.item.due) if self.item.due else TBD

    def status_text(self) -> str:
        return self.item.status + (_OVERDUE if self.overdue else "")

    def cells(self) -> tuple[str, ...]:
        """The row as plain text, in LEDGER_COLUMNS order: what the CSV holds and the page shows."""
        return (
            str(self.number),
            "、".join(self.measure.problem_refs),
            f"{self.measure.id} {self.measure.title}",
            f"{self.item.id} {self.item.task}",
            self.measure.lead or TBD,
            self.item.owner,
            self.due_text(),
            self.status_text(),
            "；".join(self.item.evidence),
            format_date(self.item.closed_on) if self.item.closed_on else "",
        )


def ledger_rows(plan: Plan) -> list[LedgerRow]:
    """Every item of every measure, overdue items first, then in measure and item order; numbered."""
    pairs = [(measure, item) for measure in plan.measures for item in measure.items]
    ordered = sorted(enumerate(pairs), key=lambda pair: (not pair[1][1].overdue(plan.today), pair[0]))
    return [
        LedgerRow(number, measure, item, item.overdue(plan.today))
        for number, (_, (measure, item)) in enumerate(ordered, start=1)
    ]


def _area_link(plan: Plan, area_id: str, from_page: str) -> str:
    area = plan.area(area_id)
    if area is None:  # a reference the checks report; the page still renders while the clerk fixes it
        return escape(area_id)
    return link(f"{area.id} {area.title}", PROBLEM_PAGE, from_page, area.id)


def _measure_link(measure: Measure, from_page: str, with_title: bool = True) -> str:
    return link(f"{measure.id} {measure.title}" if with_title else measure.id, measure.src_uri, from_page)


def _status_markdown(item: Item, overdue: bool) -> str:
    if overdue:
        return f'<span class="overdue">{escape(item.status)}{_OVERDUE}</span>'
    return escape(item.status)


def checklist(measure: Measure, plan: Plan) -> str:
    """The checklist appended to a measure's page: progress, problems answered, one task-list line per item."""
    page = measure.src_uri
    parts = [
        "## 整改清单\n",
        f'!!! info "进度"\n\n    {progress(measure.items, plan.today).summary()}。逾期按{format_date(plan.today)}计算。'
        f"{RATE_DEFINITION}；{NO_RATE_NOTE}。\n",
        "针对问题：" + "、".join(_area_link(plan, ref, page) for ref in measure.problem_refs) + "\n",
    ]
    if measure.lead or measure.dept:
        parts.append(f"责任领导：{escape(measure.lead or TBD)}；牵头部门：{escape(measure.dept or TBD)}\n")
    lines = []
    for item in measure.items:
        row = LedgerRow(0, measure, item, item.overdue(plan.today))
        details = [
            f"责任部门：{escape(item.owner)}",
            f"完成时限：{row.due_text()}",
            f'状态：<span class="{TASK_STATE_CLASS}">{_status_markdown(item, row.overdue)}</span>',  # its box's label
        ]
        if item.evidence:
            details.append("佐证材料：" + "；".join(map(escape, item.evidence)))
        if item.closed_on:
            details.append(f"销号日期：{format_date(item.closed_on)}")
        mark = "x" if item.status == DONE else " "
        lines.append(f"- [{mark}] **{escape(item.id)}** {escape(item.task)}  \n  " + " · ".join(details))
    parts.append("\n".join(lines) + "\n")
    parts.append(link("全部事项见整改台账", LEDGER_PAGE, page) + "\n")
    return "\n".join(parts)


def downloads(workbook: bool) -> str:
    """The ledger's downloads, a paragraph only the screen shows: the workbook exists when the PDFs do."""
    links = [link("Excel 工作簿（.xlsx，可筛选、打印）", LEDGER_XLSX, LEDGER_PAGE)] if workbook else []
    links.append(
        link("CSV（可用 Excel 打开）" if workbook else "下载台账（CSV，可用 Excel 打开）", LEDGER_CSV, LEDGER_PAGE)
    )
    return ("下载台账：" if workbook else "") + " · ".join(links) + "\n{ .screen-only }\n"


# On screen the ledger has four columns, wide enough for a 1280 px screen; the rest opens under 详情.
SCREEN_COLUMNS = ("事项", "任务", "责任部门", "时限与状态")


def _area_html(plan: Plan, area_id: str, from_page: str, urls: bool) -> str:
    area = plan.area(area_id)
    if area is None:
        return html_text(area_id)
    return html_link(f"{area.id} {area.title}", PROBLEM_PAGE, from_page, urls, area.id)


def _status_html(item: Item, overdue: bool) -> str:
    if overdue:
        return f'<span class="overdue">{html_text(item.status)}{_OVERDUE}</span>'
    return html_text(item.status)


def _due_and_status(row: LedgerRow) -> str:
    """时限 over 状态; a long-term item says 长期坚持 once (with how often it is checked)."""
    if row.item.ongoing:
        return f'<span class="ledger-due">{html_text(row.due_text())}</span>'
    return f'<span class="ledger-due">{html_text(row.due_text())}</span><br>{_status_html(row.item, row.overdue)}'


def _ledger_row(row: LedgerRow, plan: Plan, urls: bool, timeline: Timeline | None = None) -> Row:
    """One item on screen: what a reader checks at a glance, and the rest of its record under 详情."""
    measure, item, page = row.measure, row.item, LEDGER_PAGE
    details = [
        ("针对问题", "、".join(_area_html(plan, ref, page, urls) for ref in measure.problem_refs)),
        ("所属措施", html_link(f"{measure.id} {measure.title}", measure.src_uri, page, urls)),
        ("责任领导", html_text(measure.lead or TBD)),
        ("佐证材料", "；".join(map(html_text, item.evidence))),
        ("销号日期", format_date(item.closed_on) if item.closed_on else ""),
        ("进展", html_text(status_history(timeline))),
    ]
    listed = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in details if value)
    cells = (
        f'<span class="ledger-id">{html_text(item.id)}</span>',
        f'<span class="ledger-task">{html_text(item.task)}</span>'
        f"<details><summary>详情</summary><dl>{listed}</dl></details>",
        html_text(item.owner),
        _due_and_status(row),
    )
    attributes = {"data-status": item.status, "data-owner": item.owner, "data-overdue": "1" if row.overdue else "0"}
    return Row(cells, attributes)


def _progress_cells(p: Progress) -> tuple[str, str, str]:
    """事项, 完成率 (with its fraction), 情况: the counts a row of the progress table shows."""
    # The same words as every summary (Progress.statuses and among), 完成率 in its own column.
    state = f"{p.statuses()}；{p.among()}"
    return str(p.total), p.rate_shown, state


def ledger_page(plan: Plan, urls: bool = True, workbook: bool = False, history: History | None = None) -> str:
    """The ledger page; with a history (None: the checkout was not asked for one) its 整改进展 section and each
    item's statuses over time."""
    items = [item for measure in plan.measures for item in measure.items]
    overall = progress(items, plan.today)
    progress_rows: list[tuple[str, ...]] = [
        (_measure_link(m, LEDGER_PAGE, with_title=False), *_progress_cells(progress(m.items, plan.today)))
        for m in plan.measures
    ]
    progress_rows.append(("**合计**", *(f"**{cell}**" for cell in _progress_cells(overall))))
    timelines = history.by_id() if history is not None else {}
    rows = [_ledger_row(row, plan, urls, timelines.get(row.item.id)) for row in ledger_rows(plan)]
    return "\n".join(
        [
            "# 整改台账\n",
            f"汇总措施 M1–M5 和下一步重点抓好的4件事 T1–T4 的全部事项，共 {overall.total} 项。"
            f"逾期按{format_date(plan.today)}计算，逾期事项排在最前。\n",
            f"报告没有写明的责任部门和完成时限记为“{TBD}”。{RATE_DEFINITION}；{NO_RATE_NOTE}。\n",
            downloads(workbook),
            "## 进度\n",
            f"**合计**：{overall.summary()}。\n",
            table(("措施", "事项", "完成率", "情况"), progress_rows, css_class="ledger-progress"),
            progress_section(plan, history) if history is not None else "",
            "## 台账明细\n",
            "可按状态和责任部门筛选；筛选后的网址可以直接发给别人。每项的针对问题、所属措施、责任领导、佐证材料、销号日期和进展在“详情”中。\n"
            "{ .screen-only }\n",
            # Searchable: a reader asking who answers for what (书记, 办公室) is looking for the ledger.
            html_table(SCREEN_COLUMNS, rows, css_class="ledger screen-only", labels=True),
            # Paper has room for every column at once (a landscape page), as the office's ledgers print; the
            # same words as the table above, so search takes them once.
            html_table(LEDGER_COLUMNS, _print_rows(plan), css_class="ledger-print print-only", searchable=False),
        ]
    )


def _print_rows(plan: Plan) -> list[Row]:
    """The whole record of each item, one column a field (LEDGER_COLUMNS), for the printed ledger."""
    return [
        Row(
            (
                *(html_text(cell) for cell in row.cells()[:7]),
                _status_html(row.item, row.overdue),
                *(html_text(cell) for cell in row.cells()[8:]),
            )
        )
        for row in ledger_rows(plan)
    ]


def spreadsheet_text(text: str) -> str:
    """A CSV cell no spreadsheet reads as a formula: text starting otherwise than by allowlist gets a leading '."""
    if not text or unicodedata.category(text[0])[0] in "LN" or text[0] in _SAFE_START:
        return text
    return FORMULA_GUARD + text


def ledger_csv(plan: Plan) -> str:
    """The ledger for the office's spreadsheet: UTF-8 with a byte-order mark so Excel reads the Chinese.

    Measures come from merge requests and clerks open this file in Excel or WPS: no cell may start a formula
    (=HYPERLINK, =cmd|…, @SUM), so every cell is written through spreadsheet_text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*LEDGER_COLUMNS, "是否逾期"))
    for row in ledger_rows(plan):
        writer.writerow([spreadsheet_text(cell) for cell in (*row.cells(), "是" if row.overdue else "否")])
    return "\ufeff" + buffer.getvalue()


def problem_progress(plan: Plan, area_id: str) -> Progress:
    """How far the items of the measures answering a problem have got: the ledger's counts and 完成率."""
    return progress([item for m in plan.measures_for(area_id) for item in m.items], plan.today)


def mapping_page(plan: Plan) -> str:
    rows = [
        (
            _area_link(plan, area.id, MAPPING_PAGE),
            "<br>".join(_measure_link(m, MAPPING_PAGE) for m in plan.measures_for(area.id)),
            *_progress_cells(problem_progress(plan, area.id))[1:],
        )
        for area in plan.areas
    ]
    return "\n".join(
        [
            "# 问题—措施对照\n",
            "会议报告第三部分查摆的5个方面问题（P1–P5）与第四部分措施（M1–M5）、第二部分下一步重点抓好的4件事（T1–T4）的对应关系。"
            "报告原文没有逐条对应，下表的对应关系由本站依据各项措施的内容整理。\n",
            f"每个问题的整改进度统计对应措施的全部事项，与整改台账口径相同。逾期按{format_date(plan.today)}计算。"
            f"{RATE_DEFINITION}；{NO_RATE_NOTE}。\n",
            table(("问题", "对应措施", "完成率", "整改进度"), rows),
        ]
    )


def problem_links(plan: Plan, area_id: str) -> str:
    """The lines under a problem on the problem list: the measures answering it and how far their items got."""
    measures = plan.measures_for(area_id)
    answered = "对应措施：" + "、".join(_measure_link(m, PROBLEM_PAGE) for m in measures) + "\n"
    return answered + f"\n整改进度：{problem_progress(plan, area_id).summary()}。\n"


def progress_note(plan: Plan) -> str:
    """What the problem list says once, before its problems, about the progress under each."""
    return (
        f"每个问题下列出对应的措施和整改进度；整改进度统计对应措施的全部事项，与整改台账口径相同，"
        f"逾期按{format_date(plan.today)}计算。{RATE_DEFINITION}；{NO_RATE_NOTE}。\n"
    )


def with_problem_links(markdown: str, plan: Plan) -> str:
    """The problem list with, at the end of each problem's section, the measures that answer it and their
    progress, and before the first problem what that progress counts."""
    out: list[str] = []
    current = None
    noted = False
    for line in markdown.splitlines():
        heading = next((area.id for area in plan.areas if line.startswith(f"## {area.id} ")), None)
        if heading and not noted:
            out += [progress_note(plan), ""]
            noted = True
        if heading or (current and line.startswith("#")):
            if current:
                out += [problem_links(plan, current), ""]
            current = heading
        out.append(line)
    if current:
        out += ["", problem_links(plan, current)]
    return "\n".join(out) + "\n"
