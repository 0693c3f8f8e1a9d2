"""The 整改台账 as the office keeps it: an Excel workbook, ready to filter and to print on A4 landscape.

XlsxWriter writes .xlsx without Excel and lets the document's date be fixed (openpyxl stamps the time of
writing); the zip's member dates are fixed by ooxml.repeatable_zip. Sheet 整改台账 holds the rows of the
ledger page and its CSV; sheet 进度 the same figures and definitions as the page's 进度 table; sheet 进展 the months
of the page's 整改进展 table.
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime

from studysite.core.fields import format_date
from studysite.model.measures import (
    DONE,
    IN_PROGRESS,
    NO_RATE,
    NO_RATE_NOTE,
    NOT_STARTED,
    ONGOING,
    RATE_DEFINITION,
    TBD,
    Plan,
    Progress,
    progress,
)
from studysite.model.timeline import History
from studysite.office.filecache import FileCache, cached, digest, fingerprint
from studysite.office.layout import column_widths, text_width
from studysite.office.ooxml import repeatable_zip
from studysite.render.ledger import LEDGER_COLUMNS, ledger_rows
from studysite.render.progress import MONTHS_SHOWN, NO_HISTORY, TREND_COLUMNS, TREND_NOTE, trend, trend_row

LEDGER_SHEET = "整改台账"
PROGRESS_SHEET = "进度"
TREND_SHEET = "进展"
OVERDUE_COLUMN = "是否逾期"
PROGRESS_COLUMNS = (
    "措施",
    "事项",
    DONE,
    IN_PROGRESS,
    ONGOING,
    NOT_STARTED,
    "未填报",
    "逾期",
    "责任部门待定",
    "完成率",
    "有完成时限",
    "其中已完成",
)
DATE_FORMAT = 'yyyy"年"m"月"d"日"'  # 2025年6月30日, as the page writes dates
BODY_FONT, HEADING_FONT = "仿宋", "黑体"  # names Excel and WPS know on every Chinese Windows
GB2312 = 134  # the font charset that makes Excel pick a Chinese face for these names
# Excel column width units across an A4 landscape page between 15 mm margins, at 100 %.
PAGE_WIDTH_UNITS = 140
HEADER_ROW = 2  # title, note, then the header


def _formats(workbook) -> dict[str, object]:
    base = {"font_name": BODY_FONT, "font_charset": GB2312, "font_size": 10.5, "valign": "top", "text_wrap": True}
    cell = {**base, "border": 1}
    # Text cells hold contributors' text: written as strings, never formulas (ledger_workbook's options), and
    # marked quote-prefixed so a cell edited in Excel or WPS (F2, Enter) stays text, as a typed ' does.
    text = {**cell, "quote_prefix": True}
    overdue = {"bold": True, "font_color": "#9C0006", "bg_color": "#FFE0E0"}
    return {
        "title": workbook.add_format({**base, "font_name": HEADING_FONT, "font_size": 16, "align": "center"}),
        "note": workbook.add_format(base),
        "header": workbook.add_format(
            {**cell, "font_name": HEADING_FONT, "align": "center", "valign": "vcenter", "bg_color": "#F2F2F2"}
        ),
        "cell": workbook.add_format(text),
        "number": workbook.add_format({**cell, "align": "center"}),
        "date": workbook.add_format({**cell, "num_format": DATE_FORMAT}),
        "overdue cell": workbook.add_format({**text, **overdue}),
        "overdue number": workbook.add_format({**cell, **overdue, "align": "center"}),
        "overdue date": workbook.add_format({**cell, **overdue, "num_format": DATE_FORMAT}),
        "percent": workbook.add_format({**cell, "num_format": "0%", "align": "center"}),
        "percent1": workbook.add_format({**cell, "num_format": "0.0%", "align": "center"}),
        "total": workbook.add_format({**cell, "bold": True, "align": "center"}),
    }


def _page_setup(sheet, header_row: int) -> None:
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.8)
    sheet.center_horizontally()
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.repeat_rows(header_row)
    sheet.set_footer("&C第&P页 共&N页")
    sheet.freeze_panes(header_row + 1, 0)


# Excel and Calc do not make a row taller for wrapped text that XlsxWriter writes (it cannot measure text):
# each row's height is set from its longest cell, counted as the page counts it (a Chinese character one em,
# a digit or Latin letter half). A column of w width units is w × 7 + 5 pixels at 96 dpi, less 2 × 3 pixels
# of cell padding; a 10.5 pt character is 14 pixels wide. Lines are counted a little short of full, since a
# line may not break before ，。 and so ends early.
DIGIT_PX, COLUMN_PAD_PX, FILL = 7, 1, 0.92
LINE_PT, ROW_PAD_PT = 14.5, 3.0


def _lines(text: str, units: float, font_pt: float = 10.5) -> int:
    """How many lines text wraps to in a column units wide."""
    per_line = max(1.0, (units * DIGIT_PX + 5 - 6 - COLUMN_PAD_PX) / (font_pt * 96 / 72) * FILL)
    return sum(max(1, math.ceil(text_width(line) / per_line)) for line in text.split("\n"))


def row_height(cells: tuple[str, ...], widths: list[float], font_pt: float = 10.5) -> float:
    """The height in points that shows every line of a row's cells."""
    lines = max((_lines(text, units, font_pt) for text, units in zip(cells, widths, strict=False)), default=1)
    return round(lines * LINE_PT * font_pt / 10.5 + ROW_PAD_PT, 1)


def _set_widths(sheet, rows: list[tuple[str, ...]]) -> list[float]:
    """Column widths from the cells; each row (header included) as tall as its longest cell needs."""
    widths = [round(fraction * PAGE_WIDTH_UNITS, 1) for fraction in column_widths(rows, spaced=False).fractions]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    for index, cells in enumerate(rows, start=HEADER_ROW):
        sheet.set_row(index, row_height(cells, widths))
    return widths


def _title_rows(sheet, title: str, note: str, widths: list[float]) -> None:
    """The 16 pt title's row tall enough for it (else it runs into the note); the note's row for its lines."""
    sheet.set_row(0, row_height((title,), [sum(widths)], font_pt=16))
    sheet.set_row(1, row_height((note,), [sum(widths)]))


def _when(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _ledger_sheet(workbook, formats: dict[str, object], plan: Plan) -> None:
    sheet = workbook.add_worksheet(LEDGER_SHEET)
    header = (*LEDGER_COLUMNS, OVERDUE_COLUMN)
    last = len(header) - 1
    rows = ledger_rows(plan)
    sheet.merge_range(0, 0, 0, last, "整改台账", formats["title"])
    note = (
        f"共 {len(rows)} 项，逾期按{format_date(plan.today)}计算，逾期事项排在最前（标红）。"
        f"报告没有写明的责任部门和完成时限记为“{TBD}”。"
    )
    sheet.merge_range(1, 0, 1, last, note, formats["note"])
    sheet.write_row(HEADER_ROW, 0, header, formats["header"])
    texts: list[tuple[str, ...]] = [header]
    for index, row in enumerate(rows, start=HEADER_ROW + 1):
        cells = (*row.cells(), "是" if row.overdue else "否")
        texts.append(cells)
        prefix = "overdue " if row.overdue else ""
        for column, text in enumerate(cells):
            name = header[column]
            day = {"完成时限": row.item.due if not row.item.ongoing else None, "销号日期": row.item.closed_on}.get(name)
            if day is not None:
                sheet.write_datetime(index, column, _when(day), formats[prefix + "date"])
            elif name == "序号":
                sheet.write_number(index, column, row.number, formats[prefix + "number"])
            else:
                sheet.write_string(index, column, text, formats[prefix + "cell"])
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + len(rows), last)
    _title_rows(sheet, "整改台账", note, _set_widths(sheet, texts))
    _page_setup(sheet, HEADER_ROW)


def _counts(p: Progress) -> tuple[int, ...]:
    return (p.total, p.done, p.in_progress, p.ongoing, p.not_started, p.unreported, p.overdue, p.unassigned)


def _write_rate(sheet, row: int, column: int, p: Progress, formats: dict[str, object]) -> None:
    """完成率 as a number Excel can sum and chart, shown exactly as the page writes it (33.3%, 50%, —)."""
    if p.rate == NO_RATE:
        sheet.write_string(row, column, NO_RATE, formats["number"])
        return
    shown = p.rate.removesuffix("%")
    sheet.write_number(row, column, float(shown) / 100, formats["percent1" if "." in shown else "percent"])


def _progress_sheet(workbook, formats: dict[str, object], plan: Plan) -> None:
    sheet = workbook.add_worksheet(PROGRESS_SHEET)
    last = len(PROGRESS_COLUMNS) - 1
    items = [item for measure in plan.measures for item in measure.items]
    overall = progress(items, plan.today)
    sheet.merge_range(0, 0, 0, last, "整改进度", formats["title"])
    note = f"逾期按{format_date(plan.today)}计算。"
    sheet.merge_range(1, 0, 1, last, note, formats["note"])
    sheet.write_row(HEADER_ROW, 0, PROGRESS_COLUMNS, formats["header"])
    texts: list[tuple[str, ...]] = [PROGRESS_COLUMNS]
    row = HEADER_ROW
    for measure in plan.measures:
        row += 1
        p = progress(measure.items, plan.today)
        label = f"{measure.id} {measure.title}"
        sheet.write_string(row, 0, label, formats["cell"])
        sheet.write_row(row, 1, _counts(p), formats["number"])
        _write_rate(sheet, row, 9, p, formats)
        sheet.write_row(row, 10, (p.dated, p.dated_done), formats["number"])
        texts.append((label, *map(str, _counts(p)), p.rate, str(p.dated), str(p.dated_done)))
    row += 1
    sheet.write_string(row, 0, "合计", formats["total"])
    sheet.write_row(row, 1, _counts(overall), formats["total"])
    _write_rate(sheet, row, 9, overall, formats)
    sheet.write_row(row, 10, (overall.dated, overall.dated_done), formats["total"])
    notes = (f"合计：{overall.summary()}。", f"{RATE_DEFINITION}。", f"{NO_RATE_NOTE}。")
    widths = _set_widths(sheet, texts)
    _title_rows(sheet, "整改进度", note, widths)
    for offset, line in enumerate(notes, start=2):
        sheet.merge_range(row + offset, 0, row + offset, last, line, formats["note"])
        sheet.set_row(row + offset, row_height((line,), [sum(widths)]))
    _page_setup(sheet, HEADER_ROW)


def _trend_sheet(workbook, formats: dict[str, object], plan: Plan, history: History) -> None:
    """The months of the ledger page's 整改进展 table, the same figures in the same columns."""
    sheet = workbook.add_worksheet(TREND_SHEET)
    last = len(TREND_COLUMNS) - 1
    sheet.merge_range(0, 0, 0, last, "整改进展", formats["title"])
    months = trend(history, plan.today) if history.available else []
    note = f"{TREND_NOTE}（本月截至{format_date(plan.today)}），最近{MONTHS_SHOWN}个月。" if months else NO_HISTORY
    sheet.merge_range(1, 0, 1, last, note, formats["note"])
    sheet.write_row(HEADER_ROW, 0, TREND_COLUMNS, formats["header"])
    texts: list[tuple[str, ...]] = [TREND_COLUMNS]
    for row, month in enumerate(months, start=HEADER_ROW + 1):
        cells = trend_row(month)
        texts.append(cells)
        sheet.write_string(row, 0, cells[0], formats["cell"])
        sheet.write_row(row, 1, [int(cell) for cell in cells[1:-1]], formats["number"])
        _write_rate(sheet, row, last, month.counts, formats)
    notes_at = HEADER_ROW + len(months) + 2
    sheet.merge_range(notes_at, 0, notes_at, last, f"{RATE_DEFINITION}。", formats["note"])
    widths = _set_widths(sheet, texts)
    _title_rows(sheet, "整改进展", note, widths)
    sheet.set_row(notes_at, row_height((f"{RATE_DEFINITION}。",), [sum(widths)]))
    _page_setup(sheet, HEADER_ROW)


def ledger_workbook(plan: Plan, history: History | None = None) -> bytes:
    """The ledger workbook's bytes: the same plan (and reference day) gives the same bytes."""
    import xlsxwriter  # only builds that make the office files load it

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,  # a task typed as =… stays text
            "strings_to_urls": False,
            "default_format_properties": {"font_name": BODY_FONT, "font_size": 10.5, "font_charset": GB2312},
        },
    )
    # The document is dated by the day the ledger is reckoned against, never by the clock.
    workbook.set_properties({"title": "整改台账", "created": _when(plan.today)})
    formats = _formats(workbook)
    _ledger_sheet(workbook, formats, plan)
    _progress_sheet(workbook, formats, plan)
    if history is not None:
        _trend_sheet(workbook, formats, plan, history)
    workbook.close()
    return repeatable_zip(buffer.getvalue())


def cached_ledger_workbook(plan: Plan, history: History | None, cache: FileCache | None) -> tuple[bytes, bool]:
    """ledger_workbook's bytes from the office cache when neither the plan, its history nor the code changed
    (the frozen model's repr is its content); and whether they were reused."""
    key = digest(fingerprint(()), "ledger workbook", repr(plan), repr(history))
    return cached(cache, key, lambda: ledger_workbook(plan, history))
