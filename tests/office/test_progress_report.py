"""The 整改进展情况 draft as Word and PDF (office/progressreport): laid out like the packs (GB/T 9704 page, Chinese
faces, page numbers), no cover and no 目录, the sections in order, and the same bytes every time."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import docx

from studysite.model.measures import Item
from studysite.model.timeline import Change, History, Timeline
from studysite.office.progressreport import Period, report_files

DONE = Item(
    "M2-7",
    "示例任务甲",
    "办公室",
    date(2025, 1, 31),
    status="已完成",
    closed_on=date(2025, 1, 20),
    evidence=("示例局办公室工作记录",),
)
TODO = Item("M2-7", "示例任务甲", "办公室", date(2025, 1, 31), status="未开始")
LATE = Item("M2-8", "示例任务乙", "组织处", date(2025, 2, 15), status="正在整改")
HISTORY = History(
    (
        Timeline("M2-7", (Change(date(2024, 12, 1), TODO), Change(date(2025, 1, 20), DONE))),
        Timeline("M2-8", (Change(date(2024, 12, 1), LATE),)),
    )
)
PERIOD = Period(date(2025, 1, 1), date(2025, 3, 31))


def test_the_word_draft_has_the_title_the_sections_and_the_gbt_9704_page(tmp_path: Path):
    pdf, word = report_files(HISTORY, PERIOD)
    assert report_files(HISTORY, PERIOD) == (pdf, word)
    document = docx.Document(io.BytesIO(word))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "整改进展情况"),
        ("Heading 2", "一、总体情况"),
        ("Heading 2", "二、本期销号事项"),
        ("Heading 2", "三、逾期事项"),
        ("Heading 2", "四、下期到期事项"),
        ("Heading 2", "五、责任部门或完成时限待定的事项"),
    ]
    section = document.sections[0]
    assert len(document.sections) == 1  # no cover, no 目录: page 1 is the report's first page
    assert (round(section.top_margin.mm), round(section.left_margin.mm), round(section.page_width.mm)) == (37, 28, 210)
    closed, late = ([[cell.text for cell in row.cells] for row in table.rows] for table in document.tables)
    assert closed[1] == ["M2-7", "示例任务甲", "2025年1月20日", "示例局办公室工作记录"]
    assert late[1] == ["M2-8", "示例任务乙", "组织处", "2025年2月15日", "44天"]


def test_the_pdf_draft_uses_simplified_chinese_faces_and_numbers_its_pages(tmp_path: Path):
    pdf, _ = report_files(HISTORY, PERIOD)
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    faces = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert faces and all("Fandol" in face or "CJK-SC" in face for face in faces), faces
    assert any("FandolFang" in face for face in faces), "the body in 仿宋"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "整改进展情况" in text and "— 1 —" in text.replace("—1—", "— 1 —")
    assert "目　　录" not in text


def test_a_period_that_begins_before_the_first_record_says_so():
    from studysite.office.progressreport import figures, overview

    sentences = overview(figures(HISTORY, Period(date(2024, 11, 1), date(2024, 12, 31))))
    assert sentences[1] == "台账的修改记录始于2024年12月1日，此前的情况无从比较；本期销号0项。"
    # A period that begins after the first record compares with the day before it.
    later = overview(figures(HISTORY, Period(date(2024, 12, 2), date(2024, 12, 31))))
    assert not later[1].startswith("台账的修改记录始于")


def test_a_figure_that_did_not_change_is_said_to_stay():
    from studysite.office.progressreport import figures, overview

    assert overview(figures(HISTORY, PERIOD))[1] == (
        "与2024年12月31日相比，已完成由0项变为1项，正在整改仍为1项，完成率由0%（0/2）变为50%（1/2）；本期销号1项。"
    )
