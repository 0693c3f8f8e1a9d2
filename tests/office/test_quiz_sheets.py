"""A quiz's 试题 and 答案 sheets printed (a build with PDFs, make build): read back from the PDF and Word files."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest

from support import soup

SHEETS = ("questions", "answers")


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_questions_sheet_has_boxes_and_blanks_and_no_answer(pdf_site: Path):
    text = _pdf_text(pdf_site / "quizzes/report-questions.pdf")
    flat = re.sub(r"\s+", "", text)
    assert flat.startswith("会议报告应知应会自测（试题）") and "目录" not in flat  # a sheet has no cover or 目录
    assert "1．（单选）局党委常委召开专题教育整顿民主生活会的时间是？" in flat
    assert "☐A.6月20日至22日" in flat and "答：＿＿＿" in flat and "☐正确☐错误" in flat
    assert "答案：" not in flat and "出处：" not in flat and "解析：" not in flat
    assert "— 1 —" in text


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_question_is_split_across_pages(pdf_site: Path, sheet: str):
    with pdfplumber.open(pdf_site / f"quizzes/report-{sheet}.pdf") as pdf:
        pages = [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]
    assert len(pages) > 1, "the sheet should need several pages for this to test anything"
    for number, page in enumerate(pages[1:], 2):
        assert re.match(r"\d+．（", page), f"page {number} starts inside a question: {page[:40]}"


def test_the_answers_sheet_gives_each_answer_with_its_source_and_explanation(pdf_site: Path):
    flat = re.sub(r"\s+", "", _pdf_text(pdf_site / "quizzes/report-answers.pdf"))
    assert flat.startswith("会议报告应知应会自测（答案）")
    assert "答案：116；116条出处：会议报告“原汁原味梳理了4个方面116条意见建议”" in flat
    assert "答案：B.7月20日至22日" in flat
    assert "解析：报告写的是7条以上。" in flat


def test_the_sheets_use_the_packs_fonts_and_the_word_files_hold_the_same_text(pdf_site: Path):
    for sheet in SHEETS:
        fonts = subprocess.run(
            ["pdffonts", str(pdf_site / f"quizzes/report-{sheet}.pdf")], capture_output=True, text=True, check=True
        ).stdout
        assert "FandolFang" in fonts and "JP" not in fonts, fonts
        document = docx.Document(str(pdf_site / f"quizzes/report-{sheet}.docx"))
        words = "".join(p.text for p in document.paragraphs)
        assert "局党委常委召开专题教育整顿民主生活会的时间是？" in words
        assert ("出处：会议报告" in words) == (sheet == "answers")


def test_the_quiz_page_and_the_index_link_the_sheets(pdf_site: Path):
    page = soup(pdf_site / "quizzes/report/index.html")
    links = {a.get_text(): a["href"] for a in page.select("article .quiz-print a")}
    assert links == {
        "试题（PDF）": "../report-questions.pdf",
        "试题（Word）": "../report-questions.docx",
        "答案（PDF）": "../report-answers.pdf",
        "答案（Word）": "../report-answers.docx",
    }
    index = soup(pdf_site / "quizzes/index.html")
    assert [a["href"] for a in index.select("article td a")][1:] == ["report-questions.pdf", "report-answers.pdf"]
