"""A study pack as one printable document: cover, 目录 with page numbers, 说明, every page; then its PDF.

The HTML is assembled from the pages MkDocs rendered; WeasyPrint (imported only when a PDF is made) lays
it out with pack.css. Every character must have a glyph in an installed font (studysite.rules.fonts, checked
before printing by studysite.rules.checks.glyph_problems), or the pack is refused.
The Word document (wordpack.py) is made from the same cleaned HTML, so both print the same text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from studysite.core.fields import format_date
from studysite.core.sources import INTERNAL_PRINTED
from studysite.model.packs import Pack
from studysite.office.layout import balanced_lines, column_widths, spaced_runs
from studysite.rules.fonts import font_face_css, print_font_files

CSS_FILE = Path(__file__).parent / "pack.css"
CSS = font_face_css() + CSS_FILE.read_text(encoding="utf-8")
_FAMILIES = re.compile(r"font-family\s*:\s*([^;}]+)")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def print_resources() -> tuple[Path, ...]:
    """Every file printing reads besides the pages: the CSS and the font files it names, as fontconfig finds
    them now (a font installed or upgraded under a name the CSS asks for changes the list), and any file an
    @font-face url() names. The office cache keys on these (filecache.fingerprint)."""
    files = {CSS_FILE}
    families = {name.strip().strip("'\"") for found in _FAMILIES.findall(CSS) for name in found.split(",")}
    for url in _URL.findall(CSS):
        path = Path(url.removeprefix("file://"))
        files.add(path if path.is_absolute() else CSS_FILE.parent / path)
    files.update(print_font_files())  # the faces GB/T 9704 asks for, named by rules.fonts
    return tuple(sorted(files | _font_files(frozenset(families - {""}))))


@functools.cache
def _font_files(families: frozenset[str]) -> set[Path]:
    """The font file fontconfig gives each family (asked once per process: a build is short, and fonts are
    installed between builds, not during one)."""
    import shutil
    import subprocess

    files = set()
    if shutil.which("fc-match"):
        for family in sorted(families):
            found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True)
            if found.returncode == 0 and found.stdout:
                files.add(Path(found.stdout))
    return files


@dataclass(frozen=True)
class PrintPage:
    src_uri: str
    title: str
    content: str  # the page's rendered HTML, as MkDocs made it
    base: str  # file:// URL its relative links resolve against (the page's place in the docs folder)


@dataclass(frozen=True)
class PrintedPack:
    """Everything a pack prints: its pages, its own introduction and the date on its cover."""

    pack: Pack
    pages: list[PrintPage]
    intro: str = ""  # the pack file's text under its title, rendered to HTML
    day: date | None = None  # printed_date()
    report: bool = False  # a report (整改进展情况): its page alone, page 1 first, no cover and no 目录


def printed_date(pack: Pack, changed: Mapping[str, date]) -> date | None:
    """The cover's date: the pack's own date, else the newest last change of its pages (git history).

    Never the day of the build, so the same sources print the same document.
    """
    if pack.date:
        return pack.date
    return max((changed[src_uri] for src_uri in pack.pages if src_uri in changed), default=None)


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


SCREEN_ONLY = "screen-only"  # the class of blocks only the site shows (where files live, download links)
WIDE = "wide"  # the class of a table, with its heading, printed on a landscape page
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def cell_text(cell) -> str:
    """A table cell's text with its line breaks (<br>) kept as newlines."""
    return "".join("\n" if getattr(node, "tag", None) == "br" else node for node in cell.xpath(".//text() | .//br"))


def table_rows(table) -> list[list[str]]:
    return [[cell_text(cell).strip() for cell in row.xpath("./th | ./td")] for row in table.iter("tr")]


def _lay_out_tables(root) -> None:
    """Give each table column widths from its content; put tables too wide for the upright page, with the
    heading just above them, on a landscape page of their own."""
    import lxml.html  # only builds that print load it

    for table in list(root.iter("table")):
        columns = column_widths(table_rows(table))
        colgroup = lxml.html.Element("colgroup")
        for fraction in columns.fractions:
            colgroup.append(lxml.html.Element("col", style=f"width: {fraction * 100:.2f}%"))
        table.insert(0, colgroup)
        if not columns.wide:
            continue
        target = table
        parent = table.getparent()
        if parent is not root and parent.tag == "div" and len(parent) == 1 and not (parent.text or "").strip():
            target = parent  # the table's own wrapper (the ledger's div)
        before = target.getprevious()
        wrapper = lxml.html.Element("div", {"class": WIDE})
        target.addprevious(wrapper)
        if before is not None and before.tag in _HEADINGS and not (before.tail or "").strip():
            wrapper.append(before)
        wrapper.append(target)


def _screen_only(element) -> bool:
    return SCREEN_ONLY in (element.get("class") or "").split()


SPACE_BEFORE, SPACE_AFTER = "sp-b", "sp-a"  # a Latin or digit run with a quarter em before, after it


def _spans(text: str) -> tuple[str, list]:
    """A text's leading plain part, then a span for each spaced run, each with the plain text after it."""
    import lxml.html

    lead, spans = "", []  # type: str, list
    for piece, before, after in spaced_runs(text):
        if not (before or after):
            if spans:
                spans[-1].tail = (spans[-1].tail or "") + piece
            else:
                lead += piece
            continue
        span = lxml.html.Element(
            "span", {"class": " ".join(c for c, on in ((SPACE_BEFORE, before), (SPACE_AFTER, after)) if on)}
        )
        span.text = piece
        spans.append(span)
    return lead, spans


def _space_latin_runs(root) -> None:
    """Mark each Latin or digit run that touches a Han character, for pack.css's quarter-em space."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in ("style", "script"):
            continue
        if element.text:
            element.text, spans = _spans(element.text)
            for index, span in enumerate(spans):
                element.insert(index, span)
        if element.tail and element is not root:
            element.tail, spans = _spans(element.tail)
            for span in reversed(spans):
                element.addnext(span)


def for_paper(content: str) -> str:
    """Drop what only the screen shows; lay tables out for paper; space Latin runs as Word does."""
    import lxml.html  # only builds that print load it

    root = lxml.html.fragment_fromstring(content, create_parent="div")
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _screen_only(e)]:
        element.drop_tree()
    _lay_out_tables(root)
    _space_latin_runs(root)
    inner = html.escape(root.text or "", quote=False)
    return inner + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def print_content(content: str, number: int, base: str) -> str:
    """A page's HTML made fit for paper: no permalinks, no own title, boxes as ☑/☐, links as text, ids unique,
    images found from wherever the page stands (all pages share one document), nothing screen-only, tables
    with columns from their content."""
    content = _SRC.sub(lambda m: m.group(1) + urljoin(base, html.unescape(m.group(2))) + m.group(3), content)
    content = _HEADERLINK.sub("", content)
    content = _FIRST_H1.sub("", content, count=1)
    content = _CHECKBOX.sub(_mark, content)
    content = _LINK.sub(r"\1", content)  # a link on paper leads nowhere; its text stays
    content = for_paper(content) if content.strip() else content
    return _ID.sub(lambda m: f' id="p{number}-{m.group(1)}"', content)


def title_html(title: str) -> str:
    """A title as balanced lines: a wrapped title never leaves one character alone on its last line."""
    return "<br>".join(html.escape(line) for line in balanced_lines(title))


def cover_lines(printed: PrintedPack) -> list[str]:
    """The cover's lines under the title, as the PDF and the Word document print them."""
    pack = printed.pack
    lines = [pack.subtitle, pack.issuer, format_date(printed.day) if printed.day else None]
    lines.append(f"发放范围：{pack.audience}" if pack.audience else None)
    return [line for line in lines if line]


INTRO_TITLE = "说　　明"
TOC_TITLE = "目　　录"


def document(printed: PrintedPack) -> str:
    """The whole pack as one HTML document for WeasyPrint."""
    pack, pages = printed.pack, printed.pages
    cover = [f'<p class="cover-mark">{INTERNAL_PRINTED}</p>' if pack.internal else ""]
    cover.append(f'<h1 class="cover-title">{title_html(pack.title)}</h1>')
    cover += [f"<p>{html.escape(line)}</p>" for line in cover_lines(printed)]
    toc = "".join(f'<li><a href="#page-{n}">{html.escape(page.title)}</a></li>' for n, page in enumerate(pages, 1))
    intro = ""
    if printed.intro.strip():
        intro = (
            f'<section class="intro"><h2 class="front-title">{INTRO_TITLE}</h2>'
            f"{print_content(printed.intro, 0, pages[0].base if pages else '')}</section>"
        )
    body = "".join(
        f'<section class="page{" first" if n == 1 else ""}" id="page-{n}">'
        f'<h1 class="page-title">{title_html(page.title)}</h1>{print_content(page.content, n, page.base)}</section>'
        for n, page in enumerate(pages, 1)
    )
    front = (
        ""
        if printed.report
        else f'<section class="cover">{"".join(cover)}</section>'
        f'<section class="toc"><h2 class="front-title">{TOC_TITLE}</h2><ol>{toc}</ol></section>{intro}'
    )
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{html.escape(pack.title)}</title>'
        f"<style>{CSS}</style></head><body>{front}{body}</body></html>"
    )


def render_pdf(printed: PrintedPack) -> tuple[bytes, tuple[int, ...], int]:
    """The pack's PDF, the page number each page's title prints on, and its number of pages (WeasyPrint is
    imported here: builds without PDFs never load it)."""
    from weasyprint import HTML

    rendered = HTML(string=document(printed)).render()
    starts: dict[str, int] = {}
    for index, page in enumerate(rendered.pages):
        for name in page.anchors:  # a section's id is an anchor on every page it runs over: its first counts
            starts.setdefault(name, index)
    first = starts.get("page-1", 0)
    numbers = tuple(starts.get(f"page-{n}", first) - first + 1 for n in range(1, len(printed.pages) + 1))
    return rendered.write_pdf(), numbers, len(rendered.pages)
