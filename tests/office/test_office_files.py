"""The office's own formats from a real build: the ledger workbook and the packs' Word documents (read back with
python-docx, then laid out by LibreOffice and checked like the PDFs); repeatable bytes."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

import check
from studysite.core.fields import format_date
from studysite.office.ooxml import ZIP_TIME
from studysite.office.workbook import LEDGER_SHEET
from studysite.render.ledger import LEDGER_COLUMNS, ledger_rows
from studysite.rules.fonts import fontconfig_file
from support import PDF_ENV, append_line, copy_project, mkdocs_build, soup
from support.measures import PLAN

PACKS = ("report", "compilation")


def _shown(value: object) -> str:
    """A cell as the CSV writes it: dates as 2025年6月30日, numbers as digits, empty as ""."""
    if isinstance(value, datetime):
        return format_date(value.date())
    return "" if value is None else str(value)


def test_the_ledger_page_offers_the_workbook_only_when_it_is_made(pdf_site: Path, built_site: Path):
    paragraph = soup(pdf_site / "measures/ledger/index.html").select_one("article p.screen-only")
    assert [a["href"] for a in paragraph.select("a")] == ["../ledger.xlsx", "../ledger.csv"]
    book = openpyxl.load_workbook(pdf_site / "measures/ledger.xlsx")
    rows = [[_shown(v) for v in row] for row in book[LEDGER_SHEET].iter_rows(min_row=3, values_only=True)]
    text = (pdf_site / "measures/ledger.csv").read_text(encoding="utf-8-sig")
    assert rows == list(csv.reader(io.StringIO(text)))
    assert len(rows) - 1 == len(ledger_rows(PLAN))
    assert not (built_site / "measures/ledger.xlsx").exists()
    links = [a["href"] for a in soup(built_site / "measures/ledger/index.html").select("article a")]
    assert "../ledger.csv" in links and "../ledger.xlsx" not in links


# The Word packs -------------------------------------------------------------------------------------------


def _titles(site: Path, pack: str) -> list[str]:
    """The page titles of a pack as its PDF bookmarks them."""
    with open(site / f"packs/{pack}.pdf", "rb") as handle:
        return [title for level, title, *_ in PDFDocument(PDFParser(handle)).get_outlines() if level == 1]


def _fonts(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def _mm(length) -> int:
    return round(length.mm)


def test_word_pack_has_the_gbt9704_page_styles_and_numbering(pdf_site: Path):
    document = docx.Document(pdf_site / "packs/report.docx")
    cover, toc, body, *rest = document.sections
    for section in (cover, toc, body):
        assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert tuple(map(_mm, margins)) == (37, 35, 28, 26)
        grid = section._sectPr.find(qn("w:docGrid"))
        assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch")), grid.get(qn("w:charSpace"))) == (
            "linesAndChars",
            "579",
            "-849",
        )
    # 22 grid lines fill the 225 mm block and a 23rd would not; 28 characters fill its 156 mm.
    assert 22 * 579 <= 225 / 25.4 * 1440 < 23 * 579
    assert 28 * (16 - 849 / 4096) <= 156 / 25.4 * 72 < 29 * (16 - 849 / 4096)
    settings = document.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None and settings.find(qn("w:evenAndOddHeaders")) is not None
    styles = document.styles
    # The PDF's faces (Fandol 仿宋, 宋 bold for titles, 黑, 楷) for Chinese text, with Windows' faces as alternatives.
    assert (_fonts(styles["Normal"]), styles["Normal"].font.size.pt) == ("FandolFang", 16)
    assert (_fonts(styles["Heading 1"]), styles["Heading 1"].font.size.pt) == ("FandolSong", 22)
    assert styles["Heading 1"].font.bold and styles["Title"].font.bold
    assert [_fonts(styles[f"Heading {n}"]) for n in (2, 3, 4)] == ["FandolHei", "FandolKai", "FandolKai"]
    assert styles["Heading 2"].font.size.pt == 16 and not styles["Heading 2"].font.bold
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    for name, alternative in (
        ("FandolFang", "仿宋"),
        ("FandolHei", "黑体"),
        ("FandolKai", "楷体"),
        ("FandolSong", "宋体"),
    ):
        assert re.search(f'w:name="{name}"><w:altName w:val="{alternative}"/>', fonts)
    # Cover and 目录 have no page numbers; the body restarts at 1 on a right-hand page, “— N —” at the outer edge.
    assert not cover._sectPr.findall(qn("w:footerReference")) and not toc._sectPr.findall(qn("w:footerReference"))
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert body.start_type == 4  # odd page
    assert all(section._sectPr.find(qn("w:pgNumType")) is None for section in rest), "numbering runs on"
    for footer, alignment in (
        (body.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (body.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment and paragraph.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.style.font.size.pt == 14 and _fonts(paragraph.style) == "FandolSong"


def test_word_pack_prints_the_packs_pages_as_headings_with_a_toc_field(pdf_site: Path):
    document = docx.Document(pdf_site / "packs/report.docx")
    paragraphs = document.paragraphs
    headings = [p.text.replace("\n", "") for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == _titles(pdf_site, "report")
    wrapped = next(p.text for p in paragraphs if p.style.name == "Heading 1" and p.text.startswith("T4 着眼"))
    assert wrapped == "T4 着眼认清危害重点\n抓好退休党员的学习教育", "a wrapped title is balanced, between words"
    instructions = "".join(t.text for t in document.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-1" \\h \\z \\u' in instructions
    entries = [p.text for p in paragraphs if p.style.name == "toc 1"]
    assert [entry.split("\t")[0] for entry in entries] == headings
    assert entries[0] == "局党委专题民主生活会召开情况汇报\t1"
    # The cover: title, subtitle, issuer and the date of the newest page; then 目录, 说明 and the pack's own text.
    texts = [p.text for p in paragraphs]
    assert texts.index("2025年6月20日") < texts.index("目　　录") < texts.index("说　　明")
    assert any(t.startswith("本材料包收录会议报告全文") for t in texts)
    assert "☑ M9-1 制定示例学习制度\n责任部门：示例局办公室 · 完成时限：2025年3月31日 · 状态：已完成" in "\n".join(
        texts
    )
    assert "☐ M9-2 开展示例专题学习\n责任部门：示例局组织处" in "\n".join(texts)
    assert next(p for p in paragraphs if p.text.startswith("☑ M9-1")).runs[0].font.name == "Segoe UI Symbol"
    assert next(p for p in paragraphs if p.text.startswith("二、")).style.name == "Heading 2"


def _section_of_tables(document) -> list[tuple[object, object]]:
    """Each table with the section properties that close the section it stands in."""
    found, waiting = [], []
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            waiting.append(child)
        sectpr = child if child.tag == qn("w:sectPr") else child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sectpr is not None:
            found += [(table, sectpr) for table in waiting]
            waiting = []
    return found


def test_word_pack_tables_fit_the_block_and_the_ledger_turns_landscape(pdf_site: Path):
    document = docx.Document(pdf_site / "packs/report.docx")
    tables = _section_of_tables(document)
    assert len(tables) == len(document.tables) > 2
    landscape = 0
    for table, sectpr in tables:
        size = sectpr.find(qn("w:pgSz"))
        wide = size.get(qn("w:orient")) == "landscape"
        landscape += wide
        widths = [int(col.get(qn("w:w"))) for col in table.iter(qn("w:gridCol"))]
        assert sum(widths) <= (225 if wide else 156) / 25.4 * 1440 + 2
        rows = table.findall(qn("w:tr"))
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        cells = ["".join(t.text for t in cell.iter(qn("w:t"))) for cell in rows[0].findall(qn("w:tc"))]
        if cells == list(LEDGER_COLUMNS):
            assert wide and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            assert len(rows) == 33
        if cells[:2] == ["措施", "事项"]:
            assert not wide, "the progress table fits upright"
    assert landscape == 1
    section = next(s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert (_mm(section.page_width), _mm(section.page_height)) == (297, 210)
    assert _mm(Emu(section.page_width - section.left_margin - section.right_margin)) == 225


@pytest.fixture(scope="session")
def word_pdfs(pdf_site: Path, tmp_path_factory) -> Path:
    """Each pack's .docx laid out by LibreOffice (headless), as a check of what Word and WPS will show."""
    out = tmp_path_factory.mktemp("word-pdf")
    profile = (out / "profile").as_uri()
    fonts = fontconfig_file(out)  # the Fandol faces the styles name, where Debian keeps them
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(pdf_site / f"packs/{pack}.docx") for pack in PACKS),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(out), "FONTCONFIG_FILE": str(fonts)},
    )
    assert all((out / f"{pack}.pdf").exists() for pack in PACKS), result.stderr
    return out


def test_word_pack_laid_out_keeps_the_grid_and_numbers_pages(word_pdfs: Path, pdf_site: Path):
    with pdfplumber.open(word_pdfs / "report.pdf") as pdf:
        body = [page for page in pdf.pages if re.search(r"— \d+ —", page.extract_text() or "")]
        numbers, full = [], 0
        for index, page in enumerate(body):
            lines: dict[int, list] = {}
            for char in page.chars:
                if abs(char["size"] - 16) < 0.3:
                    lines.setdefault(round(char["top"]), []).append(char)
            assert len(lines) <= 22, page.page_number
            full += len(lines) == 22
            if page.width < page.height:
                for chars in lines.values():
                    # LibreOffice keeps a 、 or ， that may not start a line past the line's end instead of moving
                    # the character before it down; the 28 characters before it stay within the block.
                    chars = sorted(chars, key=lambda c: c["x0"])
                    inside = chars[:-1] if chars[-1]["text"] in "，、。；：？！”）》" else chars
                    assert sum(ord(c["text"]) > 0x2E7F for c in inside) <= 28, "".join(c["text"] for c in chars)
                    assert max(c["x1"] for c in inside) - min(c["x0"] for c in inside) <= 156 / 25.4 * 72 + 1
            number = re.findall(r"— (\d+) —", page.extract_text())[-1]
            numbers.append(int(number))
            words = [w for w in page.extract_words() if w["text"] == number and w["top"] > page.height * 0.8]
            assert (words[-1]["x0"] > page.width / 2) == (index % 2 == 0), "odd pages right, even pages left"
        assert numbers == list(range(1, len(numbers) + 1))
        assert full, "a page of plain text fills all 22 lines"
        text = "".join(page.extract_text() for page in pdf.pages)
    for title in _titles(pdf_site, "report"):
        assert title.replace(" ", "") in text.replace("\n", "").replace(" ", "")


def _heading_pages(path: Path, titles: list[str]) -> tuple[list[int | None], str]:
    """The page number printed on the page each title opens, and the text of the last page."""
    found: dict[str, int] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            numbers = re.findall(r"— (\d+) —", text)
            flat = text.replace("\n", "").replace(" ", "")
            for title in titles:
                if numbers and title not in found and flat.startswith(title.replace(" ", "")):
                    found[title] = int(numbers[-1])
        last = pdf.pages[-1].extract_text() or ""
    return [found.get(title) for title in titles], last


def test_the_word_packs_toc_gives_the_pages_its_headings_fall_on(pdf_site: Path, word_pdfs: Path):
    """Opened in a reader that does not update fields (LibreOffice here), the 目录 the file carries is right:
    each entry's number is the page its heading prints on, in the Word document as in the PDF."""
    for pack in PACKS:
        document = docx.Document(pdf_site / f"packs/{pack}.docx")
        entries = [p.text.rsplit("\t", 1) for p in document.paragraphs if p.style.name == "toc 1"]
        titles, carried = [title for title, _ in entries], [int(number) for _, number in entries]
        assert titles == _titles(pdf_site, pack)
        in_word, last = _heading_pages(word_pdfs / f"{pack}.pdf", titles)
        in_pdf, _ = _heading_pages(pdf_site / f"packs/{pack}.pdf", titles)
        assert carried == in_word == in_pdf, (pack, carried, in_word, in_pdf)
        with pdfplumber.open(word_pdfs / f"{pack}.pdf") as pdf:
            toc = next(page.extract_text() for page in pdf.pages if (page.extract_text() or "").startswith("目 录"))
        shown = [int(number) for number in re.findall(r"(\d+)\s*$", toc, re.MULTILINE)]
        assert shown == carried, "the reader sees the numbers the file carries"
        assert not re.fullmatch(r"\s*— \d+ —\s*", last), "no blank page at the end"
    instructions = "".join(
        t.text for t in docx.Document(pdf_site / "packs/report.docx").element.iter(qn("w:instrText"))
    )
    assert "TOC" in instructions, "the field stays for Word to update"


_SITE_WORKINGS = re.compile(r"docs/|[\w\-.]+\.md\b|Markdown|合并请求")


def _docx_text(path: Path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_no_print_shows_the_sites_workings(pdf_site: Path, word_pdfs: Path):
    printed = {}
    for pack in PACKS:
        for pdf_path in (pdf_site / f"packs/{pack}.pdf", word_pdfs / f"{pack}.pdf"):
            with pdfplumber.open(pdf_path) as pdf:
                printed[str(pdf_path)] = "\n".join(page.extract_text() or "" for page in pdf.pages)
        printed[f"{pack}.docx"] = _docx_text(pdf_site / f"packs/{pack}.docx")
    for name, text in printed.items():
        assert len(text) > 1000, name
        assert not _SITE_WORKINGS.findall(text), name


def test_the_same_sources_give_the_same_office_files(pdf_site: Path, tmp_path: Path):
    again = tmp_path / "site"
    result = mkdocs_build(pdf_site.parent / "project", again, env=PDF_ENV)
    assert result.returncode == 0, result.stderr
    made = ["measures/ledger.xlsx", *(f"packs/{pack}.{suffix}" for pack in PACKS for suffix in ("docx", "pdf"))]
    made += [f"quizzes/report-{sheet}.{suffix}" for sheet in ("questions", "answers") for suffix in ("docx", "pdf")]
    for name in made:
        assert (again / name).read_bytes() == (pdf_site / name).read_bytes(), name
    for name in (made[0], made[1], made[3]):
        with zipfile.ZipFile(again / name) as package:
            assert {info.date_time for info in package.infolist()} == {ZIP_TIME}, name


def test_the_link_check_knows_the_office_files(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    line = append_line(
        project,
        "index.md",
        "[台账](measures/ledger.xlsx)、[材料包](packs/report.docx)、[旧台账](measures/ledger.xls)。",
    )
    problems = [p for p in check.load(project).report.problems if p.path == "docs/index.md"]
    assert [(p.line, p.got) for p in problems] == [(line, "measures/ledger.xls")]


def test_the_ledger_workbook_opened_in_calc_shows_every_task_whole_under_a_clear_title(pdf_site: Path, tmp_path: Path):
    """LibreOffice Calc does not grow rows for wrapped text: the workbook sets each row's height from its
    text, so no 措施 or 任务 is cut to its first line, and the 16 pt title has a row of its own height."""
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(pdf_site / "measures/ledger.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert (tmp_path / "ledger.pdf").exists(), result.stderr
    rows = ledger_rows(PLAN)
    columns = []
    with pdfplumber.open(tmp_path / "ledger.pdf") as pdf:
        first = pdf.pages[0]
        largest = max(c["size"] for c in first.chars)  # Calc scales the sheet to the page's width
        title = [c for c in first.chars if c["size"] == largest]
        note = [c for c in first.chars if c["size"] < largest and c["top"] > title[0]["top"]]
        assert "".join(c["text"] for c in title) == "整改台账"
        assert title and note and max(c["bottom"] for c in title) <= min(c["top"] for c in note), "title clear"
        for page in pdf.pages:
            words = page.extract_words()
            headers = [w for w in words if w["text"] == "任务"]
            starts = [w["x0"] for w in words if re.fullmatch(r"[MT]\d+-\d+", w["text"])]
            if not (headers and starts):
                continue  # the workbook's other sheets (进度, 进展)
            header, left = headers[0], min(starts)
            right = 2 * (header["x0"] + header["x1"]) / 2 - left  # the header is centred in its column
            columns.append(page.within_bbox((left - 2, 0, right + 1, page.height)).extract_text() or "")
    shown = re.sub(r"\s", "", "".join(columns))
    for row in rows:
        task = re.sub(r"\s", "", row.cells()[LEDGER_COLUMNS.index("任务")])
        assert task in shown, task
