"""A study pack as a Word document (.docx) that Word and WPS open ready to edit and to print like its PDF.

Made with python-docx from the same cleaned HTML as the PDF (printing.print_content): a cover and a 目录
without page numbers, then each page's title as a real heading (so the navigation pane, the outline and the
TOC field work) and its content as paragraphs, lists and tables, on pages numbered “— 1 —” at the outer
edge. The page, styles and sections (GB/T 9704, landscape for wide tables) are studysite.office.wordformat's.
Everything is editable text; the bytes depend on the sources only (ooxml.repeatable_zip).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

import docx
import lxml.html
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from studysite.core.sources import INTERNAL_PRINTED
from studysite.office.layout import BLOCK_HEIGHT_MM, BLOCK_WIDTH_MM, balanced_lines
from studysite.office.ooxml import repeatable_zip
from studysite.office.printing import (
    INTRO_TITLE,
    TOC_TITLE,
    WIDE,
    PrintedPack,
    cover_lines,
    print_content,
)
from studysite.office.wordformat import (
    _TBLPR_ORDER,
    BODY_PT,
    CELL_MARGIN,
    CELL_MARGIN_TOP,
    FRONT_TITLE_STYLE,
    HEITI,
    SYMBOLS,
    TABLE_STYLE,
    _el,
    _end_section,
    _insert_ordered,
    _page,
    _page_numbers,
    _prepare,
    _restart_numbering,
    _set_fonts,
    _twips,
)
from studysite.render.md import KEEP

_WS = re.compile(r"\s+")
_CJK = r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK}) (?={_CJK})")
_HEADING_STYLES = {"h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4", "h5": "Heading 5", "h6": "Heading 5"}
_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "section", "blockquote", "dl", "pre"}
_BLOCKS |= {"figure", "details", "summary", "hr", "article", "aside", "nav"}


class _Writer:
    """Walks the cleaned HTML of each page and writes paragraphs, lists and tables into the document."""

    def __init__(self, document) -> None:
        self.document = document
        self.styles: dict[str, object] = {}

    def style(self, paragraph, name: str) -> None:
        """Give a paragraph a style by its id, looked up once: python-docx's own setter searches the template's
        hundreds of styles on every call (seconds for a ledger's cells)."""
        if name not in self.styles:
            self.styles[name] = self.document.styles[name].style_id
        paragraph._p.get_or_add_pPr().style = self.styles[name]

    # Inline content -------------------------------------------------------------------------------
    def inline(self, paragraph, element, bold: bool = False, italic: bool = False, font: str | None = None) -> None:
        if element.text:
            self.text(paragraph, element.text, bold, italic, font)
        for child in element:
            if not isinstance(child.tag, str):  # a comment
                pass
            elif child.tag == "br":
                paragraph.add_run().add_break()
                if paragraph._p.style in (None, self.styles.get(TABLE_STYLE)):  # Normal or a table cell
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # a justified line before a break would stretch
            elif child.tag == "img":
                self.picture(paragraph, child)
            else:
                classes = (child.get("class") or "").split()
                self.inline(
                    paragraph,
                    child,
                    bold or child.tag in ("strong", "b") or "overdue" in classes,
                    italic or child.tag in ("em", "i"),
                    SYMBOLS if "task-mark" in classes else font,
                )
                if child.tag in ("sup", "sub") and paragraph.runs:
                    paragraph.runs[-1].font.superscript = child.tag == "sup"
                    paragraph.runs[-1].font.subscript = child.tag == "sub"
            if child.tail:
                self.text(paragraph, child.tail, bold, italic, font)

    def text(self, paragraph, text: str, bold: bool, italic: bool, font: str | None) -> None:
        # White space as a browser sets it, except that a line end between Chinese characters disappears.
        text = _SPACE_BETWEEN_CJK.sub("", _WS.sub(" ", text))
        if not paragraph.runs or paragraph.runs[-1]._r[-1].tag == qn("w:br"):
            text = text.lstrip()  # nothing opens a line with a space, in a browser either
        if not text:
            return
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if font:
            _set_fonts(run._r.get_or_add_rPr(), font)

    def picture(self, paragraph, image) -> None:
        source = urlparse(image.get("src", ""))
        path = Path(unquote(source.path)) if source.scheme in ("file", "") else None
        if path is None or not path.is_file() or path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".bmp"):
            alt = image.get("alt")
            if alt:
                paragraph.add_run(alt)
            return
        native = Image.from_file(str(path))
        width = min(Emu(native.width), Mm(BLOCK_WIDTH_MM))
        paragraph.add_run().add_picture(str(path), width=width)

    # Blocks -------------------------------------------------------------------------------------------
    def paragraph(self, style: str | None = None, indent: bool = True):
        paragraph = self.document.add_paragraph()
        if style:
            self.style(paragraph, style)
        if not indent:
            paragraph.paragraph_format.first_line_indent = 0
        return paragraph

    def blocks(self, element, level: int = 0) -> None:
        """The block children of element; loose text between them becomes paragraphs of its own."""
        loose = None
        if (element.text or "").strip():
            loose = self.paragraph()
            self.text(loose, element.text, False, False, None)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _BLOCKS or child.tag == "img":
                loose = None
                self.block(child, level)
            else:
                if loose is None:
                    loose = self.paragraph()
                wrapper = lxml.html.Element("span")
                wrapper.append(_copy_without_tail(child))
                self.inline(loose, wrapper)
            if (child.tail or "").strip():
                if loose is None:
                    loose = self.paragraph()
                self.text(loose, child.tail, False, False, None)

    def block(self, element, level: int = 0) -> None:
        tag = element.tag
        classes = (element.get("class") or "").split()
        if tag in _HEADING_STYLES:
            self.inline(self.paragraph(_HEADING_STYLES[tag]), element)
        elif tag == "p":
            title = "admonition-title" in classes
            paragraph = self.paragraph(indent=not title and level == 0)
            if title:
                self.inline(paragraph, element, font=HEITI)
            else:
                self.inline(paragraph, element)
        elif tag in ("ul", "ol"):
            self.list(element, level)
        elif tag == "table":
            self.table(element)
        elif tag == "dl":
            self.definitions(element)
        elif tag == "pre":
            for line in element.text_content().splitlines():
                self.paragraph(indent=False).add_run(line)
        elif tag == "img":
            self.picture(self.paragraph(indent=False), element)
        elif tag == "hr":
            return
        elif tag == "div" and WIDE in classes:
            self.landscape(element)
        elif tag == "div" and KEEP in classes:
            self.kept(element, level)
        elif tag == "div" and "admonition" in classes:
            self.blocks(element, level)
            self.paragraph(indent=False)  # the blank grid line the PDF leaves under the box
        else:
            self.blocks(element, level)

    def kept(self, element, level: int) -> None:
        """A block printed whole on one page, as the PDF prints it: each paragraph kept with the next."""
        first = len(self.document.paragraphs)
        self.blocks(element, level)
        added = self.document.paragraphs[first:]
        for paragraph in added:
            paragraph.paragraph_format.keep_together = True
            paragraph.paragraph_format.keep_with_next = paragraph is not added[-1]

    def list(self, element, level: int) -> None:
        """List items as paragraphs with their marker typed in, indented by level: plain editable text."""

        ordered = element.tag == "ol"
        start = int(element.get("start") or 1)
        for number, item in enumerate(element.findall("li"), start=start):
            task = item.find(".//span[@class='task-mark']") is not None
            marker = "" if task else (f"{number}. " if ordered else "• ")
            paragraph = self.paragraph(indent=False)
            paragraph.paragraph_format.left_indent = Pt(BODY_PT * 2 * (level + 1))
            paragraph.paragraph_format.first_line_indent = Pt(-BODY_PT * (1 if not ordered else 1.5)) if marker else 0
            if marker:
                paragraph.add_run(marker)
            # The item's own text, up to its first block (a nested list, a loose item's paragraphs).
            head = lxml.html.Element("span")
            head.text = item.text
            rest: list[lxml.html.HtmlElement] = []
            for child in item:
                if rest or (isinstance(child.tag, str) and child.tag in _BLOCKS):
                    rest.append(child)
                else:
                    head.append(_copy(child))
            if not lxml.html.tostring(head, method="text", encoding="unicode").strip() and rest and rest[0].tag == "p":
                head = rest.pop(0)
            self.inline(paragraph, head)
            for child in rest:
                self.block(child, level + 1)

    def definitions(self, element) -> None:
        """An entry's facts (文号, 日期 …): “label：value” lines, the label in 黑体."""
        label = None
        for child in element:
            if child.tag == "dt":
                label = child
            elif child.tag == "dd":
                paragraph = self.paragraph(indent=False)
                if label is not None:
                    self.inline(paragraph, label, font=HEITI)
                    paragraph.add_run("：")
                lists = [item for item in child if item.tag in ("ol", "ul")]
                if not lists:
                    self.inline(paragraph, child)
                for items in lists:  # 附件: one numbered line each, under the label
                    self.list(items, 0)

    def table(self, element) -> None:
        rows = [row for row in element.iter("tr")]
        cells = [row.xpath("./th | ./td") for row in rows]
        count = max((len(row) for row in cells), default=0)
        if count == 0:
            return
        fractions = _fractions(element, count)
        wide = element.xpath("ancestor::div[contains(concat(' ', @class, ' '), ' wide ')]")
        width = BLOCK_HEIGHT_MM if wide else BLOCK_WIDTH_MM
        table = self.document.add_table(rows=len(rows), cols=count)
        table.style = "Table Grid"
        table.autofit = False  # a fixed layout: the widths below hold
        tblpr = table._tbl.tblPr
        margins = _el("w:tblCellMar")  # 1.5 mm each side, as the PDF pads its cells
        for side, size in (("top", CELL_MARGIN_TOP), ("left", CELL_MARGIN), ("bottom", CELL_MARGIN_TOP)):
            margins.append(_el(f"w:{side}", w=str(size), type="dxa"))
        margins.append(_el("w:right", w=str(CELL_MARGIN), type="dxa"))
        _insert_ordered(tblpr, margins, _TBLPR_ORDER)
        for column, fraction in zip(table.columns, fractions, strict=True):
            column.width = Mm(width * fraction)
        for row, source, html_row in zip(table.rows, cells, rows, strict=True):
            trpr = row._tr.get_or_add_trPr()
            trpr.append(_el("w:cantSplit"))  # a row is never split across pages
            if html_row.getparent().tag == "thead":
                trpr.append(_el("w:tblHeader"))  # the header row repeats on every page
            for index, cell in enumerate(row.cells):
                cell.width = Mm(width * fractions[index])
                paragraph = cell.paragraphs[0]
                self.style(paragraph, TABLE_STYLE)
                if index < len(source):
                    header = source[index].tag == "th"
                    self.inline(paragraph, source[index], font=HEITI if header else None)
        tblpr.find(qn("w:tblW")).set(qn("w:w"), str(_twips(width)))
        tblpr.find(qn("w:tblW")).set(qn("w:type"), "dxa")
        self.paragraph(indent=False)  # a grid line under the table, as the PDF leaves

    def landscape(self, element) -> None:
        """A wide table with its heading on landscape pages of their own, numbered on."""
        _end_section(self.document, landscape=True)
        self.blocks(element)
        _end_section(self.document, landscape=False)


def _copy(element):
    return lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))


def _copy_without_tail(element):
    copy = _copy(element)
    copy.tail = None
    return copy


def _fractions(table, count: int) -> list[float]:
    """The column widths printing.py gave the table (colgroup), else equal ones."""
    widths = []
    for col in table.xpath("./colgroup/col"):
        match = re.search(r"width:\s*([\d.]+)%", col.get("style") or "")
        widths.append(float(match.group(1)) / 100 if match else 0.0)
    if len(widths) != count or not all(widths):
        return [1 / count] * count
    total = sum(widths)
    return [w / total for w in widths]


def _cover(document, printed: PrintedPack) -> None:
    pack = printed.pack
    if pack.internal:
        mark = document.add_paragraph(style=FRONT_TITLE_STYLE)
        mark.alignment = WD_ALIGN_PARAGRAPH.LEFT
        mark.add_run(INTERNAL_PRINTED)
    for _ in range(4):  # the title a third down the page, as the PDF sets it
        document.add_paragraph().paragraph_format.first_line_indent = 0
    title = document.add_paragraph(style="Title")
    for index, line in enumerate(balanced_lines(pack.title)):
        if index:
            title.add_run().add_break()
        title.add_run(line)
    document.add_paragraph().paragraph_format.first_line_indent = 0
    for line in cover_lines(printed):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = 0


def _toc(document, printed: PrintedPack, numbers: Sequence[int]) -> None:
    """A TOC field over the page titles (Heading 1), its entries filled in with the PDF's page numbers until
    Word or WPS updates it (they are asked to on opening)."""
    document.add_paragraph(TOC_TITLE, style=FRONT_TITLE_STYLE)
    pages = printed.pages
    first = document.add_paragraph(style="toc 1")
    run = first.add_run()
    run._r.append(_el("w:fldChar", fldCharType="begin"))
    instruction = _el("w:instrText")
    instruction.text = ' TOC \\o "1-1" \\h \\z \\u '
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    first.add_run()._r.append(instruction)
    first.add_run()._r.append(_el("w:fldChar", fldCharType="separate"))
    paragraph = first
    for index, page in enumerate(pages):
        if index:
            paragraph = document.add_paragraph(style="toc 1")
        paragraph.add_run(page.title)
        paragraph.add_run("\t" + (str(numbers[index]) if index < len(numbers) else ""))
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="end"))


def _drop_empty_last_section(document) -> None:
    """A document that ends with a landscape table ends its section there: the upright section opened after it
    holds nothing and would print as a blank numbered page. The landscape section becomes the last one."""
    body = document.element.body
    sentinel = body[-1]
    if sentinel.tag != qn("w:sectPr") or len(body) < 2:
        return
    closing = body[-2]  # the paragraph that holds the previous section's properties
    own = closing.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if own is None or "".join(text.text or "" for text in closing.iter(qn("w:t"))):
        return
    body.replace(sentinel, own)
    body.remove(closing)


def word_pack(printed: PrintedPack, numbers: Sequence[int] = ()) -> bytes:
    """The pack's .docx bytes. numbers: the page each page's title prints on in the PDF (for the 目录)."""
    document = docx.Document()
    _prepare(document, printed)
    _page(document.sections[0])
    writer = _Writer(document)
    if not printed.report:
        _cover(document, printed)
        _end_section(document, landscape=False)  # the 目录 (and 说明): no page numbers yet
        _toc(document, printed, numbers)
        if printed.intro.strip():
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            document.add_paragraph(INTRO_TITLE, style=FRONT_TITLE_STYLE)
            base = printed.pages[0].base if printed.pages else ""
            writer.blocks(lxml.html.fragment_fromstring(print_content(printed.intro, 0, base), create_parent="div"))
        _end_section(document, landscape=False)
    body = document.sections[-1]
    body.start_type = WD_SECTION.ODD_PAGE  # page 1 on a right-hand page, as the PDF prints it
    _restart_numbering(body, 1)
    _page_numbers(body)
    for number, page in enumerate(printed.pages, start=1):
        heading = writer.paragraph("Heading 1")
        if number > 1:
            heading.paragraph_format.page_break_before = True
        for index, line in enumerate(balanced_lines(page.title)):
            if index:
                heading.add_run().add_break()
            heading.add_run(line)
        content = print_content(page.content, number, page.base)
        if content.strip():
            writer.blocks(lxml.html.fragment_fromstring(content, create_parent="div"))
    _drop_empty_last_section(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return repeatable_zip(buffer.getvalue())
