"""What the site shows for study packs: each pack's page (facts, print buttons, its pages) and the index."""

from __future__ import annotations

from collections.abc import Mapping

from .fields import format_date
from .md import escape, link, table
from .packs import Pack
from .pages import PACK_INDEX


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
        ("页数", f"收录 {len(pack.pages)} 个页面"),
    ]
    parts = ["## 材料包信息\n", "\n".join(f"{label}\n:   {escape(value)}\n" for label, value in facts if value)]
    parts.append("## 打印\n")
    if pdf:
        parts.append(
            f"[下载 PDF](<{name}>){{ .md-button }} [下载 Word](<{word}>){{ .md-button }} "
            # Its own name: the page's contents list a heading 打印 too, and a screen reader lists both links.
            f'[打印](<{name}>){{ .md-button .md-button--primary .pack-print aria-label="打印 PDF" }}\n\n'
            "PDF 按党政机关公文格式（GB/T 9704）排版：A4 纸，封面、目录带页码，正文每页22行、每行28字。"
            "Word 文档版式相同，可在 Word 或 WPS 中修改后打印；打开时如提示更新域，选“是”以更新目录页码。\n"
        )
    else:
        parts.append(
            "PDF 和 Word 文档在 `make build` 或 `make pdf` 时生成；`make serve` 预览时不生成，以保持预览速度。\n"
        )
    parts.append("## 收录页面\n")
    parts.append(
        "\n".join(f"{n}. {link(titles.get(src, src), src, pack.src_uri)}" for n, src in enumerate(pack.pages, 1)) + "\n"
    )
    return "\n".join(parts)


def packs_index(packs: tuple[Pack, ...], pdf: bool) -> str:
    rows = [
        (
            link(pack.title, pack.src_uri, PACK_INDEX),
            str(len(pack.pages)),
            "内部资料" if pack.internal else pack.level,
            f"{link('PDF', pack.pdf, PACK_INDEX)} · {link('Word', pack.docx, PACK_INDEX)}" if pdf else "预览时不生成",
        )
        for pack in packs
    ]
    return "\n".join(
        [
            "# 学习材料包\n",
            f"共 {len(packs)} 个材料包。每个材料包把一组页面按顺序编成一份文件，可下载 PDF 打印或下载 Word 文档修改，版式按党政机关公文格式。\n",
            table(("材料包", "页面数", "密级", "下载"), rows),
        ]
    )
