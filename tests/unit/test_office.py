"""The office's own formats made in-process: the ledger workbook (read back with openpyxl) and a Word pack of
every kind of block (python-docx); repeatable bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
from docx.shared import Emu

from studysite.core.fields import format_date
from studysite.model.measures import NO_RATE_NOTE, RATE_DEFINITION, progress
from studysite.office.ooxml import ZIP_TIME
from studysite.office.workbook import DATE_FORMAT, LEDGER_SHEET, PROGRESS_SHEET, ledger_workbook
from studysite.render.ledger import LEDGER_COLUMNS, ledger_csv
from support.measures import PLAN


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _shown(value: object) -> str:
    """A cell as the CSV writes it: dates as 2025年6月30日, numbers as digits, empty as ""."""
    if isinstance(value, datetime):
        return format_date(value.date())
    return "" if value is None else str(value)


def test_workbook_bytes_depend_on_the_plan_only():
    data = ledger_workbook(PLAN)
    assert data == ledger_workbook(PLAN)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {ZIP_TIME}
        core = package.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2025-07-01T00:00:00Z</dcterms:created>' in core


def test_ledger_sheet_holds_every_cell_of_the_csv_ready_to_filter_and_print():
    book = _open(ledger_workbook(PLAN))
    assert book.sheetnames == [LEDGER_SHEET, PROGRESS_SHEET]
    sheet = book[LEDGER_SHEET]
    records = list(csv.reader(io.StringIO(ledger_csv(PLAN).removeprefix("\ufeff"))))
    rows = [[_shown(value) for value in row] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows == records
    assert sheet["A1"].value == "整改台账" and "逾期按2025年7月1日计算" in sheet["A2"].value
    # Dates are dates, shown as the page writes them; 序号 is a number.
    due = sheet.cell(4, LEDGER_COLUMNS.index("完成时限") + 1)
    assert due.value == datetime(2025, 6, 30) and due.number_format == DATE_FORMAT
    assert sheet["A4"].value == 1
    closed = [sheet.cell(r, 10) for r in range(4, sheet.max_row + 1) if sheet.cell(r, 10).value]
    assert closed and all(isinstance(c.value, datetime) and c.number_format == DATE_FORMAT for c in closed)
    # The overdue row stands out; the others do not.
    assert sheet["H4"].value == "正在整改（逾期）" and sheet["H4"].font.bold
    assert sheet["H4"].fill.fgColor.rgb.endswith("FFE0E0") and not sheet["H5"].font.bold
    assert (sheet["A3"].font.name, sheet["D4"].font.name) == ("黑体", "仿宋")
    assert sheet["D4"].alignment.wrap_text
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == f"A3:K{3 + len(records) - 1}"
    assert sheet.print_title_rows == "$3:$3"
    setup = sheet.page_setup
    # One page wide (1 is the file format's default, which openpyxl reads as None), as many long as it takes.
    assert (setup.orientation, setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddFooter.center.text == "第&P页 共&N页"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["D"] > widths["A"], "the task column is wider than 序号"


def test_progress_sheet_has_the_pages_figures_and_definitions():
    sheet = _open(ledger_workbook(PLAN))[PROGRESS_SHEET]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    for measure, row in zip(PLAN.measures, rows, strict=False):
        p = progress(measure.items, PLAN.today)
        counts = (p.total, p.done, p.in_progress, p.ongoing, p.not_started, p.unreported, p.overdue, p.unassigned)
        assert row[0] == f"{measure.id} {measure.title}"
        assert row[1:9] == counts and row[10:12] == (p.dated, p.dated_done)
        assert row[9] == (p.rate if p.rate == "—" else round(float(p.rate[:-1]) / 100, 3))
    total = rows[len(PLAN.measures)]
    overall = progress([i for m in PLAN.measures for i in m.items], PLAN.today)
    assert total[:2] == ("合计", overall.total) and total[9] == 0.333 and total[10:12] == (3, 1)
    rate_cell = sheet.cell(4 + len(PLAN.measures), 10)
    assert rate_cell.number_format == "0.0%", "shown 33.3%, as the page"
    notes = [row[0] for row in rows[len(PLAN.measures) + 1 :] if row[0]]
    assert notes == [f"合计：{overall.summary()}。", f"{RATE_DEFINITION}。", f"{NO_RATE_NOTE}。"]


def test_a_formula_typed_as_a_task_stays_text():
    measure = PLAN.measures[0]
    item = measure.items[0].__class__("M1-9", '=HYPERLINK("x")', "办公室")
    plan = PLAN.__class__((measure.__class__(measure.src_uri, "M1", "示例", ("P1",), (item,)),), PLAN.areas, PLAN.today)
    sheet = _open(ledger_workbook(plan))[LEDGER_SHEET]
    assert sheet["D4"].value == 'M1-9 =HYPERLINK("x")' and sheet["D4"].data_type == "s"


def test_word_pack_writes_every_kind_of_block_as_editable_text(tmp_path: Path):
    from PIL import Image

    from studysite.model.packs import Pack
    from studysite.office.printing import PrintedPack, PrintPage
    from studysite.office.wordpack import word_pack

    Image.new("RGB", (400, 200), "red").save(tmp_path / "图 1.png")
    content = (
        '<h1 id="t">示例页</h1><p>第一段，\n接着写。</p><h2 id="a">一、示例标题</h2><h3 id="b">（一）示例小标题</h3>'
        "<ol><li>甲项<ul><li>甲项之一</li></ul></li><li><p>乙项</p></li></ol>"
        '<blockquote><p>引文。</p></blockquote><div class="entry-meta"><dl><dt>文号</dt><dd>示发〔2025〕7号</dd>'
        "<dt>附件</dt><dd><ol><li>示例学习安排表</li><li>示例学习人员名单</li></ol></dd></dl></div>"
        '<p><img alt="示意图" src="%E5%9B%BE%201.png"></p><p>有<strong>重点</strong>和<a href="x/">链接</a>。</p>'
        "<table><thead><tr><th>标题</th><th>日期</th></tr></thead><tbody><tr><td>示例</td><td>2025年3月12日</td></tr>"
        "</tbody></table>"
    )
    pack = Pack("packs/shili.md", "示例材料包", ("a.md",), "非密", issuer="示例局")
    page = PrintPage("a.md", "示例页", content, tmp_path.as_uri() + "/")
    data = word_pack(PrintedPack(pack, [page], "<p>说明文字。</p>"))
    assert data == word_pack(PrintedPack(pack, [page], "<p>说明文字。</p>"))
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    for expected in [
        ("Heading 1", "示例页"),
        ("Normal", "第一段，接着写。"),
        ("Heading 2", "一、示例标题"),
        ("Heading 3", "（一）示例小标题"),
        ("Normal", "1. 甲项"),
        ("Normal", "• 甲项之一"),
        ("Normal", "2. 乙项"),
        ("Normal", "引文。"),
        ("Normal", "文号：示发〔2025〕7号"),
        ("Normal", "附件："),  # one numbered line per attachment under it, not the names run together
        ("Normal", "1. 示例学习安排表"),
        ("Normal", "2. 示例学习人员名单"),
        ("Normal", "有重点和链接。"),
        ("Normal", "说明文字。"),
    ]:
        assert expected in styled
    assert len(document.inline_shapes) == 1 and round(document.inline_shapes[0].width.mm) <= 156
    bold = next(p for p in document.paragraphs if p.text == "有重点和链接。").runs[1]
    assert (bold.text, bold.bold) == ("重点", True)
    [table] = document.tables
    assert [c.text for c in table.rows[1].cells] == ["示例", "2025年3月12日"]
    assert sum(column.width for column in table.columns) <= Emu(int(156 / 25.4 * 914400)) + 2000
