"""What the site shows for study packs: each pack's page (facts, print buttons, its pages) and the index."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from studysite.core.fields import format_date
from studysite.core.pages import PACK_INDEX
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
        rows.append(f"PDF 页数\n:   {pdf_pages_mark(pack)}\n")
    parts = ["## 材料包信息\n", "\n".join(rows)]
    if pack.internal:
        parts.append(f"{INTERNAL_SENTENCE}\n")
    parts.append("## 打印\n")
    if pdf:
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


def pdf_pages_mark(pack: Pack) -> str:
    return f'<span class="pdf-pages" data-pack="{html.escape(pack.src_uri, quote=True)}"></span>'


def with_pdf_pages(content: str, pages: Mapping[str, int]) -> str:
    """A rendered page with each pack's PDF page count in place of its mark."""
    if "pdf-pages" not in content:
        return content
    return _MARK.sub(lambda m: f"{pages[html.unescape(m.group(1))]} 页", content)


def packs_index(packs: tuple[Pack, ...], pdf: bool) -> str:
    rows = [
        (
            link(pack.title, pack.src_uri, PACK_INDEX),
            f"{len(pack.pages)} 个",
            pdf_pages_mark(pack) if pdf else "—",
            "内部资料" if pack.internal else pack.level,
            f"{link('PDF', pack.pdf, PACK_INDEX)} · {link('Word', pack.docx, PACK_INDEX)}" if pdf else "未附",
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
