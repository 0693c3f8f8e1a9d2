"""A study pack as one printable document: cover, 目录 with page numbers, every page; then its PDF.

The HTML is assembled from the pages MkDocs rendered; WeasyPrint (imported only when a PDF is made) lays
it out with pack.css. Every character must have a glyph in an installed font, or the pack is refused.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .fields import format_date
from .packs import Pack
from .problems import Problem

CSS = (Path(__file__).parent / "pack.css").read_text(encoding="utf-8")
INTERNAL_MARK = "内部资料　注意保存"
# The faces pack.css asks for that Debian provides; other characters must be found by fontconfig.
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai", "DejaVu Sans")


@dataclass(frozen=True)
class PrintPage:
    src_uri: str
    title: str
    content: str  # the page's rendered HTML, as MkDocs made it
    base: str  # file:// URL its relative links resolve against (the page's place in the docs folder)


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_FIRST_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)
# A task-list box, with or without the label and indicator Material's tasklist wraps it in.
_CHECKBOX = re.compile(
    r'(?:<label class="task-list-control">)?(<input type="checkbox"[^>]*>)'
    r'(?:\s*<span class="task-list-indicator"></span></label>)?'
)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_SRC = re.compile(r'(\ssrc=")([^"]+)(")')

_CHECKED = re.compile(r"\schecked\b")


def _mark(match: re.Match) -> str:
    box = "☑" if _CHECKED.search(match.group(1)) else "☐"
    return f'<span class="task-mark">{box}</span> '


def print_content(content: str, number: int, base: str) -> str:
    """A page's HTML made fit for paper: no permalinks, no own title, boxes as ☑/☐, links as text, ids unique,
    images found from wherever the page stands (all pages share one document)."""
    content = _SRC.sub(lambda m: m.group(1) + urljoin(base, html.unescape(m.group(2))) + m.group(3), content)
    content = _HEADERLINK.sub("", content)
    content = _FIRST_H1.sub("", content, count=1)
    content = _CHECKBOX.sub(_mark, content)
    content = _LINK.sub(r"\1", content)  # a link on paper leads nowhere; its text stays
    return _ID.sub(lambda m: f' id="p{number}-{m.group(1)}"', content)


def document(pack: Pack, pages: list[PrintPage]) -> str:
    """The whole pack as one HTML document for WeasyPrint."""
    cover = [f'<p class="cover-mark">{INTERNAL_MARK}</p>' if pack.internal else ""]
    cover.append(f'<h1 class="cover-title">{html.escape(pack.title)}</h1>')
    for value in (pack.subtitle, pack.issuer, format_date(pack.date) if pack.date else None):
        if value:
            cover.append(f"<p>{html.escape(value)}</p>")
    if pack.audience:
        cover.append(f"<p>发放范围：{html.escape(pack.audience)}</p>")
    toc = "".join(f'<li><a href="#page-{n}">{html.escape(page.title)}</a></li>' for n, page in enumerate(pages, 1))
    body = "".join(
        f'<section class="page" id="page-{n}">'
        f'<h1 class="page-title">{html.escape(page.title)}</h1>{print_content(page.content, n, page.base)}</section>'
        for n, page in enumerate(pages, 1)
    )
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{html.escape(pack.title)}</title>'
        f"<style>{CSS}</style></head><body>"
        f'<section class="cover">{"".join(cover)}</section>'
        f'<section class="toc"><h2 class="toc-title">目　　录</h2><ol>{toc}</ol></section>'
        f"{body}</body></html>"
    )


def _font_files(family: str) -> tuple[str, int] | None:
    result = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", family], capture_output=True, text=True)
    names, _, rest = result.stdout.partition("\t")
    if result.returncode or family not in names.split(","):
        return None
    file, _, index = rest.partition("\t")
    return file, int(index or 0)


def _covered(characters: set[str]) -> set[str]:
    from fontTools.ttLib import TTFont

    covered: set[str] = set()
    for family in FONT_FAMILIES:
        found = _font_files(family)
        if found:
            with TTFont(found[0], fontNumber=found[1], lazy=True) as font:
                cmap = font.getBestCmap() or {}
            covered |= {c for c in characters if ord(c) in cmap}
    return covered


def missing_glyphs(text: str) -> list[str]:
    """Characters no installed font can draw: they would print as empty boxes (tofu)."""
    characters = {c for c in text if not c.isspace() and ord(c) >= 0x20}
    left = sorted(characters - _covered(characters))
    return [
        c
        for c in left
        if not subprocess.run(
            ["fc-list", f":charset={ord(c):x}", "family"], capture_output=True, text=True
        ).stdout.strip()
    ]


def _page_text(page: PrintPage) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.content)) + page.title


def glyph_problems(pack: Pack, pages: list[PrintPage]) -> list[Problem]:
    """One problem per character no font can draw, naming the first page it stands on (fonts read once)."""
    texts = [(page.src_uri, _page_text(page)) for page in pages]
    missing = missing_glyphs("".join(text for _, text in texts))
    return [
        Problem(
            f"docs/{pack.src_uri}",
            1,
            "字形",
            "已安装字体中有的字",
            character,
            f"出现在 docs/{next(src for src, text in texts if character in text)}；请安装含该字的字体或改用规范字",
        )  # fmt: skip
        for character in missing
    ]


def render_pdf(pack: Pack, pages: list[PrintPage]) -> tuple[bytes, int]:
    """The pack's PDF and its number of sheets' sides (WeasyPrint is imported here: builds without PDFs never
    load it)."""
    from weasyprint import HTML

    laid_out = HTML(string=document(pack, pages)).render()
    return laid_out.write_pdf(), len(laid_out.pages)
