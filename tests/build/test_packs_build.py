"""A pack page on a build without PDFs says there is none."""

from __future__ import annotations

from pathlib import Path

from support import soup


def test_without_pdfs_the_pack_page_says_there_is_none(built_site: Path):
    text = soup(built_site / "packs/report/index.html").select_one("article").get_text()
    preview = "这是网站的预览，没有生成 PDF 和 Word 文档；正式发布的网站上都有。"
    assert preview in text
    assert not (built_site / "packs/report.pdf").exists() and not (built_site / "packs/report.docx").exists()
    index = soup(built_site / "packs/index.html")
    assert preview in index.select_one("article").get_text() and "可下载" not in index.select_one("article").get_text()
    assert not [a for a in index.select("article a") if a["href"].endswith((".pdf", ".docx"))]
