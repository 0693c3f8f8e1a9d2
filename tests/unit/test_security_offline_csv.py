"""CSV injection (issue 21, item 7): no cell of the ledger's CSV or workbook is a formula or a link.

Measures come from merge requests; clerks open measures/ledger.csv and the workbook in Excel or WPS. Every
payload below is fictional and points at 127.0.0.1 only.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from studysite.core.sources import Source
from studysite.model.measures import load_plan
from studysite.office.workbook import LEDGER_SHEET, ledger_workbook
from studysite.render.ledger import FORMULA_GUARD, LEDGER_COLUMNS, ledger_csv, spreadsheet_text
from support.measures import JULY_FIRST, PROBLEM_LIST

# What a spreadsheet may read as the start of a formula, a DDE call or a link (OWASP and beyond).
PAYLOADS = (
    '=HYPERLINK("http://127.0.0.1/示例","点此查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\u3000=1+1",  # an ideographic space first
    "＝1+1",  # full-width forms Excel and WPS in Chinese also take as formulas
    "＋1+1",
    "－1+1",
    "＠SUM(1)",
    "﹦1+1",  # small equals sign
    "−1+1",  # minus sign
    "\u200b=1+1",  # a zero-width space first
    "\ufeff=1+1",
    "%0A=1+1",
    "|cmd",
    ";=1+1",
    '="示例"&"局"',
    "==1",
)


def test_cells_starting_outside_the_allowlist_get_an_apostrophe():
    for payload in PAYLOADS:
        assert spreadsheet_text(payload) == FORMULA_GUARD + payload, repr(payload)
    for plain in (
        "",
        "示例局办公室",
        "M9-2 开展示例专题学习",
        "2025年6月30日",
        "12",
        "１２",
        "（逾期）",
        "“示例”学习",
        "《示例制度》",
        "【示例】",
        "—",
        "待定",
        "Example 示例",
        "a=1",
        "示例=1+1",
    ):
        assert spreadsheet_text(plain) == plain, repr(plain)


def _measure(fields: dict[str, str]) -> Source:
    def scalar(value: str) -> str:
        return (
            '"'
            + value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\t", "\\t")
            .replace("\r", "\\r")
            .replace("\n", "\\n")
            + '"'
        )

    text = f"""---
type: measure
id: M9
title: {scalar(fields.get("title", "示例措施"))}
problem_refs: [P1]
lead: {scalar(fields.get("lead", "示例局党委书记"))}
dept: 示例局办公室
items:
  - id: M9-1
    task: {scalar(fields.get("task", "示例任务"))}
    owner: {scalar(fields.get("owner", "示例局办公室"))}
    due: 2025-03-31
    status: 已完成
    closed_on: 2025-03-28
    evidence: [{scalar(fields.get("evidence", "示办发〔2025〕2号"))}, {scalar("=1+2")}]
---

# M9 示例措施

虚构的测试措施。
"""
    return Source("measures/m9.md", text)


def _plan(payload: str):
    fields = {"lead": payload, "owner": payload, "evidence": payload, "title": payload, "task": payload}
    plan, problems = load_plan([_measure(fields), PROBLEM_LIST], JULY_FIRST)
    assert plan.measures, [str(p) for p in problems]
    return plan


def _csv_records(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


# A cell a spreadsheet starts a formula with, after any white space (LibreOffice may trim it).
_FORMULA_START = re.compile(r"^[\s\u200b\ufeff]*[=+\-@＝＋－＠﹦−|%;]")


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_csv_cell_can_start_a_formula(payload: str):
    plan = _plan(payload)
    records = _csv_records(ledger_csv(plan))
    assert records[0] == [*LEDGER_COLUMNS, "是否逾期"]
    (row,) = records[1:]
    cells = dict(zip(records[0], row, strict=True))
    assert [name for name, cell in cells.items() if _FORMULA_START.match(cell)] == []
    # The contributor's text is all there (as the model holds it: fields are trimmed), only marked as text.
    typed = plan.measures[0].lead
    assert typed == payload.strip()
    assert cells["责任领导"] == "'" + typed
    assert cells["责任部门"] == "'" + plan.measures[0].items[0].owner
    assert cells["佐证材料"] == "'" + plan.measures[0].items[0].evidence[0] + "；=1+2"
    assert cells["任务"].startswith("M9-1 "), "cells starting with the site's own text keep it as it is"
    assert cells["序号"] == "1" and cells["是否逾期"] == "否"


def test_a_plain_csv_row_is_unchanged():
    records = _csv_records(ledger_csv(_plan("示例局办公室")))
    assert records[1][4:6] == ["示例局办公室", "示例局办公室"]
    assert not any(cell.startswith("'") for cell in records[1])


_CELL = re.compile(r"<c ([^>]*)>(.*?)</c>", re.DOTALL)


def _sheet_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [package.read(name).decode("utf-8") for name in package.namelist() if name.startswith("xl/worksheets/")]


@pytest.mark.parametrize("payload", PAYLOADS[:6] + ('=HYPERLINK("http://127.0.0.1")', "http://127.0.0.1/示例"))
def test_no_workbook_cell_is_a_formula_or_a_link(payload: str):
    data = ledger_workbook(_plan(payload))
    sheets = _sheet_xml(data)
    assert sheets and all("<f>" not in xml and "<f " not in xml for xml in sheets), "no formula element"
    assert all("<hyperlink" not in xml for xml in sheets), "no hyperlink"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert not [
            name for name in package.namelist() if "rels" in name and "hyperlink" in package.read(name).decode()
        ]
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert cell.hyperlink is None, (sheet.title, cell.coordinate)
                if isinstance(cell.value, str) and payload.strip() and payload.strip() in cell.value:
                    found.append((sheet.title, cell.value))
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)  # stays text when edited too
    # The contributor's text is there verbatim, as text (a string cell never starts a formula in a workbook).
    assert (LEDGER_SHEET, payload.strip()) in found, found
