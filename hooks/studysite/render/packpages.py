"""What the site shows for study packs: each pack's page (facts, print buttons, its pages) and the index."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from studysite.core.fields import format_date
from studysite.core.pages import PACK_INDEX
from studysite.model.packparts import PRINTABLE_PAGES
from studysite.model.packs import Pack
from studysite.render.md import escape, link, table


def pack_page(pack: Pack, titles: Mapping[str, str], pdf: bool) -> str:
    """What the site shows on a pack's page, after its own text: facts, print buttons, the pages it holds."""
    name = pack.pdf.rsplit("/", 1)[-1]
    word = pack.docx.rsplit("/", 1)[-1]
    facts = [
        ("副标题", pack.subtitle),
        ("印发机关", pack.issuer),
        ("印发日期", format_date(pack.date) if pack.date else None),
        ("发放范围", pack.audience),
        ("密级标注", "内部资料　注意保存" if pack.internal else None),
        ("收录页面", f"{len(pack.pages)} 个"),
    ]
    rows = [f"{label}\n:   {escape(value)}\n" for label, value in facts if value]
    if pdf:
        rows.append(f"PDF 页数\n:   {pdf_pages_mark(pack.src_uri)}\n")
    parts = ["## 材料包信息\n", "\n".join(rows)]
    if pack.internal:
        parts.append(f"{INTERNAL_SENTENCE}\n")
    parts.append("## 打印\n")
    if pdf and pack.parts:
        # Whether one whole file is printable is known once the parts are laid out: hooks/packs.py fills this in.
        parts.append(f"{pack_files_mark(pack)}\n")
        parts.append(
            f"全书按年份和专题分为 {len(pack.parts)} 册，每册一份 PDF 和一份 Word 文档，见下面的“分册”；"
            f"全书不超过 {PRINTABLE_PAGES} 页时另有合订的一份文件。"
            "PDF 按党政机关公文格式（GB/T 9704）排版：A4 纸，封面、目录带页码，正文每页22行、每行28字。\n"
        )
    elif pdf:
        parts.append(
            f"[下载 PDF](<{name}>){{ .md-button }} [下载 Word](<{word}>){{ .md-button }} "
            # Its own name: the page's contents list a heading 打印 too, and a screen reader lists both links.
            f'[打印](<{name}>){{ .md-button .md-button--primary .pack-print aria-label="打印 PDF" }}\n\n'
            "PDF 按党政机关公文格式（GB/T 9704）排版：A4 纸，有封面和目录，目录列出每一页所在的页码；"
            "正文从第1页起在页脚标页码，每页22行、每行28字，正文仿宋、标题宋体、一级小标题黑体、二级小标题楷体。"
            "Word 文档版式相同，可在 Word 或 WPS 中修改后打印；打开时如提示更新域，选“是”以更新目录页码。\n"
        )
    else:
        parts.append(f"{PREVIEW_WITHOUT_FILES}\n")
    if pack.parts:
        parts.append(parts_section(pack, pdf))
    parts.append("## 收录页面\n")
    parts.append(
        "\n".join(f"{n}. {link(titles.get(src, src), src, pack.src_uri)}" for n, src in enumerate(pack.pages, 1)) + "\n"
    )
    return "\n".join(parts)


# Said from the pack's pages, never from its own text: the same pack holds 内部 material in the served site and
# none in the public offline edition, and a sentence a clerk wrote would be wrong in one of them.
INTERNAL_SENTENCE = "收录的页面中有内部资料：PDF 和 Word 文档的封面加印“内部资料　注意保存”，请按内部资料管理。"


# The PDF's page count is known only once WeasyPrint has laid it out, after the pages are rendered: the pages
# carry a mark that hooks/packs.py fills in (with_pdf_pages) before the theme writes them out.
_MARK = re.compile(r'<span class="pdf-pages" data-pack="([^"]*)"></span>')


# Only a preview (make serve, or a build with --no-pdf) goes without the files; a published site has them.
# Said without the commands: readers' pages never show how the site is kept.
PREVIEW_WITHOUT_FILES = "这是网站的预览，没有生成 PDF 和 Word 文档；正式发布的网站上都有。"


def parts_section(pack: Pack, pdf: bool) -> str:
    """The pack's parts (分册), in order, each with its pages, its PDF's page count and its two files."""
    rows = [
        (
            escape(part.label),
            f"{len(part.pages)} 个",
            pdf_pages_mark(part.src_uri) if pdf else "—",
            f"{link('PDF', part.pdf, pack.src_uri)} · {link('Word', part.docx, pack.src_uri)}" if pdf else "未附",
        )
        for part in pack.parts
    ]
    return "\n".join(
        [
            "## 分册\n",
            "每篇资料收在它的年份和第一个专题那一册中，各册合起来正好是全书。\n",
            table(("分册", "收录页面", "PDF 页数", "下载"), rows),
        ]
    )


def pdf_pages_mark(src_uri: str) -> str:
    return f'<span class="pdf-pages" data-pack="{html.escape(src_uri, quote=True)}"></span>'


def with_pdf_pages(content: str, pages: Mapping[str, int | str]) -> str:
    """A rendered page with each pack's (or part's) PDF page count in place of its mark; a count is said as
    N 页, a text as it is."""
    if "pdf-pages" not in content:
        return content

    def said(match: re.Match) -> str:
        count = pages[html.unescape(match.group(1))]
        return f"{count} 页" if isinstance(count, int) else html.escape(count)

    return _MARK.sub(said, content)


# A pack in parts has one whole file only while it stays printable (PRINTABLE_PAGES): its page and the packs
# index carry this mark where the whole file's links go, and hooks/packs.py puts in the links or says why not.
_FILES_MARK = re.compile(r'<span class="pack-files" data-pack="([^"]*)"></span>')


def pack_files_mark(pack: Pack) -> str:
    return f'<span class="pack-files" data-pack="{html.escape(pack.src_uri, quote=True)}"></span>'


def whole_buttons(pdf_url: str, docx_url: str) -> str:
    """The whole file's buttons, as the pack page of a pack without parts has them (Markdown's attr_list HTML)."""
    pdf, docx = html.escape(pdf_url, quote=True), html.escape(docx_url, quote=True)
    return (
        f'<a class="md-button" href="{pdf}">下载 PDF</a> <a class="md-button" href="{docx}">下载 Word</a> '
        f'<a aria-label="打印 PDF" class="md-button md-button--primary pack-print" href="{pdf}">打印</a>'
    )


def too_big(pages: int, parts: int) -> str:
    """What stands in for the whole file's buttons when the whole would not be printable."""
    return f"全书各册合计 {pages} 页，超过 {PRINTABLE_PAGES} 页，不合订成一份文件；请按下面的分册（共 {parts} 册）下载或打印。"


def with_pack_files(content: str, said: Mapping[str, str]) -> str:
    """A rendered page with each pack-in-parts' mark replaced by its HTML (whole_buttons, links, or too_big)."""
    if "pack-files" not in content:
        return content
    return _FILES_MARK.sub(lambda m: said[html.unescape(m.group(1))], content)


def _downloads(pack: Pack) -> str:
    if pack.parts:  # the whole file, when there is one, and the parts on the pack's page
        return f"{pack_files_mark(pack)} · {link(f'分 {len(pack.parts)} 册', pack.src_uri, PACK_INDEX, '分册')}"
    return f"{link('PDF', pack.pdf, PACK_INDEX)} · {link('Word', pack.docx, PACK_INDEX)}"


def packs_index(packs: tuple[Pack, ...], pdf: bool) -> str:
    rows = [
        (
            link(pack.title, pack.src_uri, PACK_INDEX),
            f"{len(pack.pages)} 个",
            pdf_pages_mark(pack.src_uri) if pdf else "—",
            "内部资料" if pack.internal else pack.level,
            _downloads(pack) if pdf else "未附",
        )
        for pack in packs
    ]
    return "\n".join(
        [
            "# 学习材料包\n",
            f"共 {len(packs)} 个材料包。每个材料包把一组页面按顺序编成一份文件，版式按党政机关公文格式。"
            + ("可下载 PDF 打印或下载 Word 文档修改。\n" if pdf else f"{PREVIEW_WITHOUT_FILES}\n"),
            table(("材料包", "收录页面", "PDF 页数", "密级", "下载"), rows),
        ]
    )
