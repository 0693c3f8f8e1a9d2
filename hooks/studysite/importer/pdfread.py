"""A text-layer .pdf read into a Document with pdfplumber (text, tables, rules) and pypdfium2 (pictures).

A PDF has lines, not paragraphs: they are joined back into paragraphs by their indent, length, size and the
gaps between them; running heads and page numbers are dropped, footnotes found at the foot of each page.
A scan without a text layer is refused (Unreadable), not guessed at.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from studysite.importer.document import CENTER, LEFT, RIGHT, Block, Document, Note, join_lines, squash
from studysite.importer.unreadable import Unreadable

_PAGE_NUMBER = re.compile(r"^[—\-－–─]+\s*\d+\s*[—\-－–─]+$")
_SENTENCE_END = re.compile(r"[。：；！？]$")
# A line opening with a heading or list number after a finished sentence starts a paragraph, indented or not.
_NUMBERED_START = re.compile(
    r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]是)"
)
_BOLD_FONT = re.compile(r"Bold|Black|Heavy|Hei|黑", re.IGNORECASE)


def read_pdf(data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as error:  # pdfminer raises many kinds for a broken file
        if _caused_by(error, PDFPasswordIncorrect):
            raise Unreadable(
                "PDF 设有打开密码，无法读取：请向发文单位索取无密码的文件，或输入密码后另存为 PDF"
            ) from error
        raise Unreadable("PDF 文件已损坏或不完整：请从原处重新复制该文件") from error
    with pdf:
        try:
            lines, notes, has_images = _pdf_lines(pages)
        except Exception as error:
            if _caused_by(error, PDFPasswordIncorrect):
                raise Unreadable("PDF 设有打开密码，无法读取：请向发文单位索取无密码的文件") from error
            raise Unreadable("PDF 文件已损坏或不完整：请从原处重新复制该文件") from error
    if not any(line.text for line in lines):
        if has_images:
            raise Unreadable("扫描件没有文字层，请先进行文字识别或提供原件电子版")
        raise Unreadable("PDF 中没有文字")
    images: list[tuple[str, bytes]] = []
    if has_images:
        pictures = _pdf_images(data)
        images = [(line.image, data) for line, data in pictures]
        lines = sorted([*lines, *(line for line, _ in pictures)], key=_reading_order)
    return Document(tuple(_paragraphs(lines, notes)), tuple(images), "pdf")


def _reading_order(line: _Line) -> tuple:
    return (line.page, round(line.top, 1), line.x0)


def _pdf_images(data: bytes) -> list[tuple[_Line, bytes]]:
    """The pictures of a PDF as PNG files, where they stand on their pages (pdfium decodes every filter)."""
    import pypdfium2 as pdfium

    found: list[tuple[_Line, bytes]] = []
    document = pdfium.PdfDocument(data)
    try:
        for number, page in enumerate(document):
            height = page.get_height()
            for picture in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                left, bottom, right, top = picture.get_bounds()
                try:
                    image = picture.get_bitmap(render=False).to_pil()
                except pdfium.PdfiumError:
                    continue  # a picture pdfium cannot decode is left out, the text is still read
                out = io.BytesIO()
                image.save(out, "PNG")
                name = f"image{len(found) + 1}.png"
                found.append(
                    (_Line(number, height - top, left, right, 0.0, image=name, bottom=height - bottom), out.getvalue())
                )
    finally:
        document.close()
    return found


def _caused_by(error: BaseException | None, kind: type) -> bool:
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


class _Line:
    """A visual line of a PDF page (or a table, or a rule), with what the paragraphs are made from."""

    def __init__(self, page: int, top: float, x0: float, x1: float, size: float, text: str = "", **kw) -> None:
        self.page, self.top, self.x0, self.x1, self.size, self.text = page, top, x0, x1, size, text
        self.bottom: float = kw.get("bottom", top + size)
        self.bold: bool = kw.get("bold", False)
        self.lead: str = kw.get("lead", "")
        self.red: bool = kw.get("red", False)
        self.rule: bool = kw.get("rule", False)
        self.rows: tuple = kw.get("rows", ())
        self.image: str = kw.get("image", "")


def _colour_is_red(colour) -> bool:
    if not isinstance(colour, tuple | list):
        return False
    if len(colour) == 3:
        r, g, b = colour
        return r > 0.6 and g < 0.35 and b < 0.35
    if len(colour) == 4:
        c, m, y, k = colour
        return c < 0.3 and m > 0.6 and y > 0.6 and k < 0.4
    return False


_NOTE_MARK = re.compile("\ue002(\\d+):(\\d+)\ue003")
_NARROW = re.compile(r"[!-~]")


def _line_text(chars: list[dict], size: float, page: int, body_size: float) -> str:
    """A line's text from its characters: a space only where the print has one (between words, or a wide
    gap), none between Chinese and digits; a raised small digit in body text is a footnote's reference."""
    text = ""
    previous = None
    for char in chars:
        glyph = char["text"]
        if not glyph.strip():
            previous = previous and {**previous, "space": True}
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            both_narrow = _NARROW.match(glyph) and _NARROW.match(previous["text"])
            if gap > 0.6 * size or (both_narrow and (previous.get("space") or gap > 0.2 * size)):
                text += " "
        superscript = glyph.isdigit() and char["size"] < 0.75 * size and size >= 0.9 * body_size
        if superscript and previous and previous.get("note") and text.endswith("\ue003"):
            text = text[:-1] + glyph + "\ue003"  # the next digit of the same reference
        elif superscript:
            text += f"\ue002{page}:{glyph}\ue003"
        else:
            text += glyph
        previous = {**char, "note": superscript}
    return text


def _footnote_zone(found_lines: list[dict], body_size: float) -> tuple[int, list[str]]:
    """The footnotes at the foot of a page: its last lines in a smaller size (their numbers may be full
    size, on the same visual line). The index of the zone's first line, and each visual line's text."""
    start = len(found_lines)
    while start > 0:
        line = found_lines[start - 1]
        size = max((c["size"] for c in line["chars"] if c["text"].strip()), default=body_size)
        if size < 0.8 * body_size or re.fullmatch(r"\d+", line["text"].strip()):
            start -= 1
        else:
            break
    zone = found_lines[start:]
    if not any(max(c["size"] for c in line["chars"]) < 0.8 * body_size for line in zone):
        return len(found_lines), []
    visual: list[list[dict]] = []
    for line in sorted(zone, key=lambda line: line["top"]):
        if visual and line["top"] < max(other["bottom"] for other in visual[-1]):
            visual[-1].append(line)
        else:
            visual.append([line])
    return start, [squash(" ".join(x["text"] for x in sorted(group, key=lambda x: x["x0"]))) for group in visual]


def _pdf_lines(pages) -> tuple[list[_Line], dict[tuple[int, int], str], bool]:
    """Every page's lines, tables and rules in reading order; the footnotes by (page, number)."""
    lines: list[_Line] = []
    notes: dict[tuple[int, int], str] = {}
    has_images = False
    for number, page in enumerate(pages):
        has_images = has_images or bool(page.images)
        tables = page.find_tables() if (page.rects or page.lines) else []
        boxes = [table.bbox for table in tables]
        for table in tables:
            rows = tuple(tuple(squash(cell or "") for cell in row) for row in table.extract())
            x0, top, x1, bottom = table.bbox
            lines.append(_Line(number, top, x0, x1, 0.0, rows=rows, bottom=bottom))
        outside = page
        for box in boxes:
            outside = outside.outside_bbox(box)
        found_lines = outside.extract_text_lines(return_chars=True, strip=True)
        sizes = Counter(round(c["size"]) for line in found_lines for c in line["chars"] if c["text"].strip())
        body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        zone_start, zone = _footnote_zone(found_lines, body_size)
        note_number = None
        for text in zone:
            match = re.match(r"^(\d+)\s*(.*)$", text)
            if match:
                note_number = int(match.group(1))
                notes[(number, note_number)] = match.group(2)
            elif note_number is not None:
                notes[(number, note_number)] = join_lines(notes[(number, note_number)], text)
        for found in found_lines[:zone_start]:
            chars = [c for c in found["chars"] if c["text"].strip()]
            if not chars:
                continue
            size = max(c["size"] for c in chars)
            bold = [bool(_BOLD_FONT.search(c.get("fontname", ""))) for c in chars]
            lead = ""
            if any(bold) and not all(bold):
                lead = _line_text(chars[: bold.index(False)], size, number, body_size)
            lines.append(
                _Line(
                    number,
                    found["top"],
                    found["x0"],
                    found["x1"],
                    size,
                    squash(_line_text(found["chars"], size, number, body_size)),
                    bottom=found["bottom"],
                    bold=all(bold),
                    lead=lead,
                    red=sum(_colour_is_red(c.get("non_stroking_color")) for c in chars) > len(chars) / 2,
                )
            )
        for shape in [*page.lines, *page.rects]:
            width, height = shape["x1"] - shape["x0"], abs(shape["bottom"] - shape["top"])
            inside_table = any(
                b[0] - 1 <= shape["x0"] and shape["x1"] <= b[2] + 1 and b[1] - 1 <= shape["top"] <= b[3] + 1
                for b in boxes
            )
            if height <= 3 and width > page.width * 0.3 and not inside_table:
                colour = shape.get("stroking_color") if shape in page.lines else shape.get("non_stroking_color")
                red = _colour_is_red(colour) or _colour_is_red(shape.get("stroking_color"))
                lines.append(_Line(number, shape["top"], shape["x0"], shape["x1"], 0.0, rule=True, red=red))
    lines.sort(key=_reading_order)
    return _without_running_heads(lines, len(pages)), notes, has_images


def _without_running_heads(lines: list[_Line], pages: int) -> list[_Line]:
    """Page numbers (— 3 —) and a head or foot repeated on most pages are not text. A running head is the
    first or last line of each page it is on, at one height: the same words elsewhere (a joint issuer's
    name on the 版头 and again in the 署名) are text."""
    kept = [line for line in lines if not (line.text and _PAGE_NUMBER.match(line.text))]
    if pages < 2:
        return kept
    edges: set[int] = set()  # id() of each page's first and last line of text
    for page in {line.page for line in kept}:
        on_page = [line for line in kept if line.page == page and line.text]
        if on_page:
            edges |= {id(on_page[0]), id(on_page[-1])}
    found: dict[str, list[_Line]] = {}
    for line in kept:
        if line.text:
            found.setdefault(line.text, []).append(line)
    running = {
        text
        for text, same in found.items()
        if len({line.page for line in same}) >= max(2, pages // 2 + 1)
        and len(text) < 40
        and all(id(line) in edges for line in same)
        and max(line.top for line in same) - min(line.top for line in same) < 12
    }
    return [line for line in kept if line.text not in running or not line.text]


def _runs_on(previous: _Line, line: _Line, full: float) -> bool:
    """A line kept short by the line-breaking rules (a closing mark may not start a line, so the last
    characters went down with it) goes on: it stops mid-sentence, within a few characters of the margin,
    and the next line is neither indented nor numbered."""
    char = previous.size or 12.0
    return (
        previous.x1 > full - 5 * char
        and not _SENTENCE_END.search(previous.text)
        and not _NUMBERED_START.match(line.text)
        and abs(line.size - previous.size) < 0.5
    )


def _paragraphs(lines: list[_Line], notes: dict[tuple[int, int], str]) -> list[Block]:
    """Visual lines joined into paragraphs: a paragraph ends at a short line, an indented or centred line,
    a change of size, or a wide gap; a line that runs to the right margin goes on, across pages too."""
    text_lines = [line for line in lines if line.text]
    left = min(line.x0 for line in text_lines)
    right = max(line.x1 for line in text_lines)
    centre = (left + right) / 2
    sizes = Counter(round(line.size) for line in text_lines)
    body_size = max(sizes, key=lambda size: (sizes[size], size))
    # Where full lines of text end, short of the rightmost print (a right-aligned date, a wide title) by
    # what the character grid leaves: the body's lines that start at the margin or one indent in.
    full = max(
        (line.x1 for line in text_lines if round(line.size) == body_size and line.x0 < left + 3 * line.size),
        default=right,
    )
    blocks: list[Block] = []
    current: dict | None = None
    previous: _Line | None = None

    def close() -> None:
        nonlocal current
        if current:
            text, found = current["text"], []
            while match := _NOTE_MARK.search(text):
                text = text[: match.start()] + text[match.end() :]
                note = notes.get((int(match.group(1)), int(match.group(2))))
                if note:
                    found.append(Note(match.start(), note))
            blocks.append(
                Block(
                    text=text,
                    notes=tuple(found),
                    align=current["align"],
                    size=current["size"],
                    bold=current["bold"],
                    lead=current["lead"],
                    red=current["red"],
                )
            )
        current = None

    for line in lines:
        if line.rule or line.rows or line.image:
            close()
            blocks.append(Block(rule=line.rule, red=line.red, rows=line.rows, image=line.image))
            previous = None
            continue
        char = line.size or 12.0
        mid = (line.x0 + line.x1) / 2
        # A centred line stands in from the margins; a title's larger type may fill all but a character of it.
        inset = char if line.size > body_size + 1 else 2 * char
        if abs(mid - centre) < 2 * char and line.x0 > left + inset and line.x1 < right - char:
            align = CENTER
        elif line.x0 > centre:
            align = RIGHT
        else:
            align = LEFT
        starts = (
            current is None
            or previous is None
            or align != LEFT
            or current["align"] != LEFT
            or abs(line.size - previous.size) > 1
            or line.x0 > left + 1.2 * char
            or (previous.x1 < full - 2 * char and not _runs_on(previous, line, full))
            or (line.page == previous.page and line.top - previous.bottom > 1.2 * char)
            or (_SENTENCE_END.search(previous.text) and _NUMBERED_START.match(line.text))
        )
        if starts or current is None:  # (no current block: starts is true)
            close()
            current = {
                "text": line.text,
                "align": align,
                "size": line.size,
                "bold": line.bold,
                "lead": line.lead,
                "red": line.red,
            }
        else:
            if current["bold"] and not line.bold:  # the bold lead ended with the line above
                current["lead"] = join_lines(current["text"], line.lead)
            current["text"] = join_lines(current["text"], line.text)
            current["bold"] = current["bold"] and line.bold
            current["red"] = current["red"] and line.red
        previous = line
    close()
    return blocks
