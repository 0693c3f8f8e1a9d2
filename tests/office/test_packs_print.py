"""Study packs printed: real PDFs (a build with PDFs, make build) read back with pdfplumber, fonts and glyphs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from studysite.model.entries import load_catalogue
from studysite.render.ledger import LEDGER_COLUMNS
from studysite.rules.fonts import missing_glyphs
from support import append_line, copy_project, mkdocs_build, soup
from support.corpus import GOOD, TOPICS, entry_files
from support.workings import workings

CATALOGUE, _ = load_catalogue(entry_files(GOOD), TOPICS)


def test_a_character_no_font_has_is_reported():
    assert missing_glyphs("学习资料☑☐—") == []
    assert missing_glyphs("学习\ue000资料") == ["\ue000"]


def _body_pages(pdf) -> list:
    """Pages after the cover and the 目录: the ones that carry a page number."""
    return [page for page in pdf.pages if re.search(r"— \d+ —", page.extract_text() or "")]


def test_titles_print_in_order_and_the_toc_numbers_are_the_pages_they_stand_on(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        toc = pdf.pages[1].extract_text()
        entries = re.findall(r"^(.+?)[·.…\s]+(\d+)$", toc, re.MULTILINE)
        assert entries[0] == ("局党委专题民主生活会召开情况汇报", "1")
        assert [title for title, _ in entries][-3:] == [
            "T4 着眼认清危害重点抓好退休党员的学习教育",
            "问题—措施对照",
            "整改台账",
        ]
        for title, number in entries:
            page = next(p for p in _body_pages(pdf) if re.search(rf"— {number} —", p.extract_text()))
            assert page.extract_text().lstrip().startswith(title[:10]), (title, number)


def test_page_numbers_restart_at_one_on_the_outer_edge(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        assert "— " not in pdf.pages[0].extract_text() and "— " not in pdf.pages[1].extract_text()
        numbers = []
        for index, page in enumerate(_body_pages(pdf)):
            words = page.extract_words(extra_attrs=["size"])
            number_words = [w for w in words if re.fullmatch(r"\d+", w["text"]) and abs(w["size"] - 14) < 0.5]
            numbers.append(int(number_words[-1]["text"]))
            x = number_words[-1]["x0"]
            assert (x > page.width / 2) == (index % 2 == 0), "odd pages right, even pages left"
        assert numbers == list(range(1, len(numbers) + 1))


def test_body_text_keeps_the_22_by_28_grid(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        for page in _body_pages(pdf):
            body = [c for c in page.chars if abs(c["size"] - 16) < 0.3]
            lines: dict[int, list] = {}
            for char in body:  # by baseline: a ☐ in another face stands on the line, its top a little lower
                lines.setdefault(round(char["matrix"][5]), []).append(char)
            assert len(lines) <= 22, page.page_number
            for chars in lines.values():
                # Chinese characters are counted; digits and Latin letters are narrower, the width bounds them.
                assert sum(ord(c["text"]) > 0x2E7F for c in chars) <= 28, "".join(c["text"] for c in chars)
                assert max(c["x1"] for c in chars) - min(c["x0"] for c in chars) <= 156 / 25.4 * 72 + 1
        full = [
            p for p in _body_pages(pdf) if len({round(c["top"]) for c in p.chars if abs(c["size"] - 16) < 0.3}) == 22
        ]
        assert full, "a page of plain text fills all 22 lines"


def test_fonts_are_simplified_chinese_faces_and_bookmarks_exist(pdf_site: Path):
    fonts = subprocess.run(
        ["pdffonts", str(pdf_site / "packs/report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    cjk = [name for name in names if "CJK" in name]
    assert all("CJK-SC" in name for name in cjk), names
    assert not any("JP" in name for name in names)
    # GB/T 9704's faces: the body 3号仿宋, titles 小标宋 (a bold 宋), “一、” 黑体, “（一）” 楷体, page numbers 宋体.
    faces: dict[str, set[str]] = {}
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        page = next(p for p in pdf.pages if "一、专题民主生活会的基本情况" in (p.extract_text() or ""))
        for line in page.extract_text_lines():
            faces[line["text"]] = {c["fontname"].split("+")[-1] for c in line["chars"] if not c["text"].isspace()}
    assert faces["局党委专题民主生活会召开情况汇报"] == {"FandolSong-Bold"}
    assert faces["一、专题民主生活会的基本情况"] == {"FandolHei"}
    body = [fonts for text, fonts in faces.items() if len(text) > 20]
    assert body and all(fonts <= {"FandolFang", "FandolFang-Bold"} for fonts in body), faces  # bold lead sentences
    assert next(fonts for text, fonts in faces.items() if re.fullmatch(r"— \d+ —", text)) == {"FandolSong"}
    assert any(name.endswith("+FandolKai") for name in names), "（一） headings in 楷体"
    with open(pdf_site / "packs/report.pdf", "rb") as handle:
        outlines = [(level, title) for level, title, *_ in PDFDocument(PDFParser(handle)).get_outlines()]
    assert (1, "局党委专题民主生活会召开情况汇报") in outlines
    assert (2, "一、专题民主生活会的基本情况") in outlines


def test_internal_compilation_is_marked_and_checklists_print_their_state(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/compilation.pdf") as pdf:
        cover = pdf.pages[0].extract_text()
        assert cover.startswith("内部资料") and "注意保存" in cover
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert "关于示例违纪问题的通报" in text and "虚构的通报正文。" in text
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "☑ M9-1 制定示例学习制度" in text and "☐ M9-2 开展示例专题学习" in text


def test_pack_pages_on_the_site_link_their_pdf_and_print_button(pdf_site: Path):
    page = soup(pdf_site / "packs/report/index.html")
    buttons = {a.get_text(strip=True): a["href"] for a in page.select("a.md-button")}
    assert buttons == {"下载 PDF": "../report.pdf", "下载 Word": "../report.docx", "打印": "../report.pdf"}
    assert "pack-print" in page.select_one("a.md-button--primary")["class"]
    listed = [li.get_text(strip=True) for li in page.select("article ol li")]
    assert listed[0] == "局党委专题民主生活会召开情况汇报" and listed[-1] == "整改台账"
    index = soup(pdf_site / "packs/index.html")
    assert [a["href"] for a in index.select("article table a") if a.get_text() in ("PDF", "Word")] == [
        "compilation.pdf",
        "compilation.docx",
        "report.pdf",
        "report.docx",
    ]
    assert (pdf_site / "packs/report.docx").stat().st_size > 0


def test_pack_pages_say_how_many_pages_they_hold_and_how_many_the_pdf_has(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        sheets = len(pdf.pages)
    page = soup(pdf_site / "packs/report/index.html")
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select("article dt")],
            [dd.get_text(strip=True) for dd in page.select("article dd")],
            strict=True,
        )
    )
    assert facts["收录页面"] == "15 个" and facts["PDF 页数"] == f"{sheets} 页"
    index = soup(pdf_site / "packs/index.html")
    assert [th.get_text() for th in index.select("article thead th")] == [
        "材料包",
        "收录页面",
        "PDF 页数",
        "密级",
        "下载",
    ]
    row = next(tr for tr in index.select("article tbody tr") if "会议报告及整改措施" in tr.get_text())
    assert [td.get_text() for td in row.select("td")][1:3] == ["15 个", f"{sheets} 页"]
    assert "pdf-pages" not in (pdf_site / "packs/index.html").read_text(encoding="utf-8")


def test_no_pdf_shows_the_sites_workings(pdf_site: Path):
    """No docs/ path, .md file, front-matter key or maintainer instruction on paper either."""
    for path in sorted(pdf_site.rglob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "整改" in text or "讲话" in text or "自测" in text, path
        assert workings(text) == [], path


def test_a_missing_glyph_stops_the_pdf_build_and_make_check_at_the_line_it_stands_on(tmp_path: Path, capsys):
    import check

    project = copy_project(tmp_path / "project")
    line = append_line(project, "compilation/index.md", "生僻字\U00017000。")  # a Tangut sign: no installed font has it
    message = (
        f"docs/compilation/index.md:{line}: 字形: 应为 打印字体中有的字，实为 “\U00017000（U+17000）”"
        "（学习材料包《党委机关专题教育整顿学习资料汇编》印出来会是空白方框；请改用规范字，或安装含该字的字体）"
    )
    result = mkdocs_build(project, tmp_path / "site", env={"STUDYSITE_PDF": "1"})
    assert result.returncode == 1 and message in result.stderr
    assert check.main(["--root", str(project)]) == 1
    path, number, rest = message.split(":", 2)
    assert f"{path}:{number}:1:{rest}" in capsys.readouterr().out, "make check names it too (the fonts are installed)"


def _title_lines(page) -> list[str]:
    """The page title's lines (2号 text) at the top of a body page."""
    lines: dict[int, str] = {}
    for char in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
        if abs(char["size"] - 22) < 0.5:
            lines[round(char["top"])] = lines.get(round(char["top"]), "") + char["text"]
    return list(lines.values())


def test_wrapped_titles_are_balanced(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        titles = [_title_lines(page) for page in _body_pages(pdf)]
    wrapped = [lines for lines in titles if len(lines) > 1]
    assert ["T4 着眼认清危害重点", "抓好退休党员的学习教育"] in wrapped
    for lines in wrapped:
        lengths = [len(line.replace(" ", "")) for line in lines]
        # near-even, or broken at the title's own pause (、，) when one stands near the middle
        assert min(lengths) >= 2 and (max(lengths) - min(lengths) <= 4 or lines[0].endswith(("、", "，"))), lines


def test_cover_has_the_date_and_the_packs_introduction_follows_the_toc(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        cover, toc, intro = (pdf.pages[i].extract_text() for i in range(3))
    # No date in the pack file: the newest commit of its pages (the fixture's history), not the build day.
    assert cover.splitlines()[-1] == "2025年6月20日"
    assert toc.startswith("目 录") and intro.startswith("说 明")
    # (a quarter em between Chinese and digits, as Word sets it, reads as a space)
    assert "本材料包收录会议报告全文、查摆的5个方面问题" in re.sub(r"\s", "", intro)


def test_wide_tables_print_on_landscape_pages_with_whole_rows_and_their_header(pdf_site: Path):
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        landscape = [page for page in _body_pages(pdf) if page.width > page.height]
        assert landscape, "the ledger's ten columns do not fit the upright block"
        numbers = []
        for page in landscape:
            rows = [row for table in page.extract_tables() for row in table]
            assert rows[0] == [*LEDGER_COLUMNS], "the header row repeats on every page"
            # A row split across pages would start a page with an empty 序号 cell.
            numbers += [int(row[0]) for row in rows[1:]]
            for row in rows[1:]:
                assert all("\n" not in cell for cell in (row[0], row[6], row[7]) if len(cell) <= 4), row
        assert numbers == list(range(1, 33))
        text = "\n".join(page.extract_text() for page in landscape)
        assert landscape[0].extract_text().lstrip().startswith("台账明细"), "the heading goes with its table"
        assert "长期坚持" in text and "2025年6月30日" in re.sub(r"[ \t]", "", text)
        upright = next(p for p in _body_pages(pdf) if p.extract_text().lstrip().startswith("整改台账"))
        assert "措施 事项 完成率 情况" in upright.extract_text(), "short headers are never stacked"


def test_screen_only_text_stays_on_the_site_and_never_prints(pdf_site: Path):
    downloads = soup(pdf_site / "measures/ledger/index.html").select_one("p.screen-only")
    assert "下载台账" in downloads.get_text() and "CSV" in downloads.get_text()
    assert soup(pdf_site / "speeches/by-topic/index.html").select_one(".screen-only").get_text().startswith("另见")
    with pdfplumber.open(pdf_site / "packs/report.pdf") as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "整改台账" in text and "下载台账" not in text and "CSV" not in text and "详情" not in text


def test_the_compilation_pack_lists_its_parts_with_their_page_counts_and_prints_every_entry_once(pdf_site: Path):
    page = soup(pdf_site / "packs/compilation/index.html")
    article = page.select_one("article")
    headings = [h2.get_text(strip=True).rstrip("¶") for h2 in article.select("h2")]
    assert headings == ["材料包信息", "打印", "分册", "收录页面"]
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in article.select("dt")],
            [dd.get_text(strip=True) for dd in article.select("dd")],
            strict=True,
        )
    )
    with pdfplumber.open(pdf_site / "packs/compilation.pdf") as pdf:
        assert facts["PDF 页数"] == f"{len(pdf.pages)} 页"  # said in 材料包信息, before 打印
    # Small enough to print whole: the whole file's buttons too.
    buttons = {a.get_text(strip=True): a["href"] for a in article.select("a.md-button")}
    assert buttons == {
        "下载 PDF": "../compilation.pdf",
        "下载 Word": "../compilation.docx",
        "打印": "../compilation.pdf",
    }
    table = next(t for t in article.select("table") if t.select_one("th").get_text() == "分册")
    assert [th.get_text() for th in table.select("thead th")] == ["分册", "收录页面", "PDF 页数", "下载"]
    rows = [[td for td in tr.select("td")] for tr in table.select("tbody tr")]
    labels = [row[0].get_text() for row in rows]
    assert labels == ["总览", "2024年·未标注专题", "2025年·理想信念", "2025年·选人用人", "2025年·警示教育"]
    entries = {}
    for row in rows:
        links = {a.get_text(): a["href"] for a in row[3].select("a")}
        assert links["Word"] == links["PDF"].removesuffix(".pdf") + ".docx"
        pdf_file = pdf_site / "packs" / links["PDF"].removeprefix("../")
        with pdfplumber.open(pdf_file) as pdf:
            assert row[2].get_text() == f"{len(pdf.pages)} 页"
            text = "".join((p.extract_text() or "") for p in pdf.pages).replace("\n", "")
        entries[row[0].get_text()] = text
        assert int(row[1].get_text().removesuffix(" 个")) >= 1
    assert sum(int(row[1].get_text().removesuffix(" 个")) for row in rows) == int(facts["收录页面"].removesuffix(" 个"))
    del entries["总览"]  # the 汇编's overview lists every title; each entry prints in one part only
    for entry in entry_files(GOOD):
        title = entry.parsed[0].data["title"]
        assert sum(title in text for text in entries.values()) == 1, title
