"""The clerks' files read into a Document: .docx with python-docx, text-layer .pdf with pdfplumber, and .doc,
.wps and .odt through LibreOffice headless (soffice) into .docx first.

Each reader keeps what tells the parts of a 公文 apart (alignment, size, bold, red, rules) and what the body
keeps (tables, images, footnotes); it decides nothing about the parts, which is studysite.gongwen's job. A file
that cannot be read raises Unreadable with the reason and what to do, in Chinese.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from .document import BOTH, CENTER, LEFT, RIGHT, Block, Document, Note, join_lines, squash

DOCX, PDF = ".docx", ".pdf"
LEGACY = (".doc", ".wps", ".odt")  # read through LibreOffice
OFD = ".ofd"
READABLE = (DOCX, PDF, *LEGACY)
SOFFICE_PACKAGE = "libreoffice-writer-nogui"


class Unreadable(Exception):
    """Why a file cannot be imported, and what the clerk can do, in Chinese."""


def read(path: Path, soffice_profile: Path | None = None) -> Document:
    """The document in a file, by its extension; Unreadable says why not."""
    suffix = path.suffix.lower()
    if suffix == OFD:
        raise Unreadable(
            "暂不能直接读取 .ofd 文件：请在 OFD 阅读器（如数科阅读器、福昕 OFD 版式办公套件）中"
            "“另存为”或“打印”为 PDF，再导入该 PDF"
        )
    if suffix not in READABLE:
        raise Unreadable(f"不是可导入的文件类型（{suffix or '无扩展名'}）：可导入 .docx、.pdf、.doc、.wps、.odt")
    data = path.read_bytes()
    if not data:
        raise Unreadable("文件是空的（0 字节）：请从原处重新复制该文件")
    if suffix == PDF:
        return read_pdf(data)
    if suffix in LEGACY:
        data = convert_to_docx(path, soffice_profile)
    return read_docx(data)


# --- .doc, .wps, .odt: LibreOffice ------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, profile: Path | None = None) -> bytes:
    """The file saved as .docx by LibreOffice headless; profile is a user profile folder to reuse in a run."""
    program = soffice()
    if program is None:
        raise Unreadable(
            f"读取 {path.suffix.lower()} 文件需要 LibreOffice，本机没有安装：请让管理员安装软件包 {SOFFICE_PACKAGE}"
            f"（sudo apt-get install {SOFFICE_PACKAGE}），或用 WPS/Word 把文件“另存为”.docx 后再导入"
        )
    with tempfile.TemporaryDirectory(prefix="studysite-import-") as work:
        work_dir = Path(work)
        source = work_dir / f"in{path.suffix.lower()}"  # a plain name: LibreOffice names its output after it
        shutil.copyfile(path, source)
        profile_dir = profile or work_dir / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work_dir / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired as error:
            raise Unreadable("LibreOffice 转换超时（3 分钟）：请用 WPS/Word 把文件另存为 .docx 后再导入") from error
        converted = work_dir / "out" / "in.docx"
        if not converted.exists() or not converted.stat().st_size:
            raise Unreadable(
                "LibreOffice 无法读取此文件（可能已损坏或设有密码）：请用 WPS/Word 打开后另存为 .docx 再导入"
            )
        return converted.read_bytes()


# --- .docx ------------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_V = "urn:schemas-microsoft-com:vml"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/bmp": "bmp"}


def read_docx(data: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds for a file that is not right
        raise Unreadable(_docx_fault(data)) from error
    return _DocxReader(document).document()


def _docx_fault(data: bytes) -> str:
    """What is wrong with a .docx that does not open, and what to do."""
    if not data.startswith(b"PK"):
        return "不是 Word 文件（.docx）：请用 Word 或 WPS 打开原件，“另存为”.docx 后再导入"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, EOFError, OSError):
        return "文件不完整或已损坏：请从原处重新复制该文件"
    if "word/document.xml" not in names:
        return "不是 Word 文件（.docx）：请用 Word 或 WPS 打开原件，“另存为”.docx 后再导入"
    return "文件内容已损坏，无法读取：请用 Word 或 WPS 打开后另存为 .docx 再导入"


class _DocxReader:
    def __init__(self, document) -> None:
        self.doc = document
        self.part = document.part
        self.blocks: list[Block] = []
        self.images: dict[str, tuple[str, bytes]] = {}  # part name → (our name, bytes)
        self.footnotes = self._footnotes()
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)

    def document(self) -> Document:
        self._container(self.doc.element.body)
        return Document(tuple(self.blocks), tuple(self.images.values()), "docx")

    def _container(self, element) -> None:
        for child in element.iterchildren():
            if child.tag == _w("p"):
                self._paragraph(child)
            elif child.tag == _w("tbl"):
                self._table(child)
            elif child.tag == _w("sdt"):
                for content in child.iterchildren(_w("sdtContent")):
                    self._container(content)

    def _footnotes(self) -> dict[str, str]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        notes = {}
        for rel in self.part.rels.values():
            if rel.reltype != RT.FOOTNOTES or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iterchildren(_w("footnote")):
                if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = "".join(t.text or "" for t in note.iter(_w("t")))
                notes[note.get(_w("id"))] = squash(text)
        return notes

    def _image(self, rel_id: str) -> str | None:
        rel = self.part.rels.get(rel_id)
        if rel is None or rel.is_external:
            return None
        part = rel.target_part
        extension = _IMAGE_TYPES.get(part.content_type)
        if extension is None:
            return None  # an EMF/WMF drawing the site cannot show
        key = str(part.partname)
        if key not in self.images:
            self.images[key] = (f"image{len(self.images) + 1}.{extension}", part.blob)
        return self.images[key][0]

    def _paragraph(self, p) -> None:
        properties = p.find(_w("pPr"))
        style_id = _val(properties, "pStyle")
        for box in _text_boxes(p):
            self._container(box)
        borders = properties.find(_w("pBdr")) if properties is not None else None
        if _border(borders, "top") is not None:
            self.blocks.append(Block(rule=True, red=_red(_border(borders, "top").get(_w("color")))))
        pieces: list[tuple[str, bool, float, bool]] = []  # text, bold, size, red
        notes: list[tuple[int, str]] = []
        images: list[str] = []
        label = self.numbering.label(properties, style_id, self.styles)
        if label:
            pieces.append((label, False, 0.0, False))
        for run in _runs(p):
            run_properties = run.find(_w("rPr"))
            bold, size, red = self.styles.run(run_properties, style_id)
            for child in run.iterchildren():
                tag = child.tag
                if tag == _w("t"):
                    pieces.append((child.text or "", bold, size, red))
                elif tag == _w("tab"):
                    pieces.append(("\t", bold, size, red))
                elif tag in (_w("br"), _w("cr")):
                    pieces.append(("\n", bold, size, red))
                elif tag == _w("footnoteReference") and child.get(_w("id")) in self.footnotes:
                    notes.append((sum(len(piece[0]) for piece in pieces), self.footnotes[child.get(_w("id"))]))
            for blip in run.iter(f"{{{_A}}}blip"):
                name = self._image(blip.get(f"{{{_R}}}embed") or "")
                if name:
                    images.append(name)
            for image_data in run.iter(f"{{{_V}}}imagedata"):
                name = self._image(image_data.get(f"{{{_R}}}id") or "")
                if name:
                    images.append(name)
            if _is_drawn_line(run):
                self.blocks.append(Block(rule=True, red=_drawn_line_red(run)))
        text, note_marks = _with_notes(pieces, notes)
        written = [(t, bold, size, red) for t, bold, size, red in pieces if t.strip()]
        if text:
            lead_length = 0
            if written and not all(bold for _, bold, _, _ in written):
                for piece_text, bold, _, _ in pieces:
                    if piece_text.strip() and not bold:
                        break
                    lead_length += len(piece_text)
            lead = squash("".join(piece[0] for piece in pieces)[:lead_length]) if lead_length else ""
            self.blocks.append(
                Block(
                    text=text,
                    align=self.styles.alignment(properties, style_id),
                    size=max((size for _, _, size, _ in written), default=0.0),
                    bold=bool(written) and all(bold for _, bold, _, _ in written),
                    lead=lead if text.startswith(lead) else "",
                    red=bool(written) and all(red for _, _, _, red in written),
                    notes=note_marks,
                )
            )
        self.blocks += [Block(image=name) for name in images]
        if _border(borders, "bottom") is not None:
            self.blocks.append(Block(rule=True, red=_red(_border(borders, "bottom").get(_w("color")))))

    def _table(self, tbl) -> None:
        from docx.table import Table

        table = Table(tbl, self.doc._body)
        rows = []
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    cells.append("")  # a merged cell's text once, where it starts
                    continue
                seen.add(id(cell._tc))
                cells.append("\n".join(squash(p.text) for p in cell.paragraphs if squash(p.text)))
            rows.append(tuple(cells))
        if any(any(cells) for cells in rows):
            self.blocks.append(Block(rows=tuple(rows)))


def _with_notes(pieces: list[tuple], notes: list[tuple[int, str]]) -> tuple[str, tuple[Note, ...]]:
    """The paragraph's squashed text and its footnotes at their places in it."""
    marker = "\ue002"
    raw = "".join(piece[0] for piece in pieces)
    for at, _ in sorted(notes, reverse=True):
        raw = raw[:at] + marker + raw[at:]
    text = squash(raw)
    found = []
    for _, note_text in sorted(notes):
        at = text.index(marker)
        text = text[:at] + text[at + 1 :]
        found.append(Note(at, note_text))
    return text, tuple(found)


def _runs(p):
    """The runs of a paragraph in order, inside hyperlinks, insertions and smart tags too; deletions left out."""
    for child in p.iterchildren():
        if child.tag == _w("r"):
            yield child
        elif child.tag in (_w("hyperlink"), _w("ins"), _w("smartTag"), _w("customXml"), _w("fldSimple")):
            yield from _runs(child)
        elif child.tag == _w("sdt"):
            for content in child.iterchildren(_w("sdtContent")):
                yield from _runs(content)


def _text_boxes(p) -> list:
    """Text boxes anchored in a paragraph (a 版头 is often one), the VML fallback copy left out."""
    return [
        box for box in p.iter(_w("txbxContent")) if not any(a.tag == f"{{{_MC}}}Fallback" for a in box.iterancestors())
    ]


def _is_drawn_line(run) -> bool:
    return any(g.get("prst") == "line" for g in run.iter(f"{{{_A}}}prstGeom")) or any(
        True for _ in run.iter(f"{{{_V}}}line")
    )


def _drawn_line_red(run) -> bool:
    colours = [c.get("val") for c in run.iter(f"{{{_A}}}srgbClr")]
    colours += [line.get("strokecolor") for line in run.iter(f"{{{_V}}}line")]
    return any(_red(colour) for colour in colours if colour)


def _val(properties, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(_w(tag))
    return element.get(_w("val")) if element is not None else None


def _border(borders, side: str):
    if borders is None:
        return None
    border = borders.find(_w(side))
    if border is None or border.get(_w("val")) in (None, "nil", "none"):
        return None
    return border


def _red(colour: str | None) -> bool:
    """FF0000 and the reds of 公文 templates (C00000, E60012 …), not orange or pink."""
    if not colour or not re.fullmatch(r"#?[0-9A-Fa-f]{6}", colour):
        return colour in ("red", "#red")
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x50 and b <= 0x50


def _on(element) -> bool | None:
    """A toggle property (w:b): present and not switched off."""
    if element is None:
        return None
    return element.get(_w("val")) not in ("0", "false", "off")


class _Styles:
    """Paragraph and run properties as Word applies them: direct, character style, paragraph style chain,
    document defaults."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self.by_id = {s.get(_w("styleId")): s for s in styles.iterchildren(_w("style"))}
        self.default_paragraph = next(
            (
                s.get(_w("styleId"))
                for s in styles.iterchildren(_w("style"))
                if s.get(_w("type")) == "paragraph" and _on_attr(s.get(_w("default")))
            ),
            None,
        )
        defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.defaults = defaults
        self.cache: dict = {}

    def _chain(self, style_id: str | None) -> list:
        """The style and its bases, nearest first."""
        chain, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            style_id = _val(style, "basedOn")
        return chain

    def _run_property(self, run_properties, paragraph_style: str | None, tag: str):
        if run_properties is not None and run_properties.find(_w(tag)) is not None:
            return run_properties.find(_w(tag))
        key = (_val(run_properties, "rStyle"), paragraph_style or self.default_paragraph, tag)
        if key not in self.cache:
            found = None
            for style in self._chain(key[0]) + self._chain(key[1]):
                properties = style.find(_w("rPr"))
                if properties is not None and properties.find(_w(tag)) is not None:
                    found = properties.find(_w(tag))
                    break
            if found is None and self.defaults is not None:
                found = self.defaults.find(_w(tag))
            self.cache[key] = found
        return self.cache[key]

    def run(self, run_properties, paragraph_style: str | None) -> tuple[bool, float, bool]:
        """bold, size in pt, red."""
        bold = _on(self._run_property(run_properties, paragraph_style, "b")) or False
        size_element = self._run_property(run_properties, paragraph_style, "sz")
        size = int(size_element.get(_w("val"))) / 2 if size_element is not None else 10.5
        colour = self._run_property(run_properties, paragraph_style, "color")
        return bold, size, _red(colour.get(_w("val")) if colour is not None else None)

    def alignment(self, properties, style_id: str | None) -> str:
        value = _val(properties, "jc")
        if value is None:
            for style in self._chain(style_id or self.default_paragraph):
                value = _val(style.find(_w("pPr")), "jc")
                if value:
                    break
        return {"center": CENTER, "right": RIGHT, "end": RIGHT, "both": BOTH, "distribute": BOTH}.get(value, LEFT)


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


_CHINESE = "〇一二三四五六七八九"


def _chinese_count(n: int) -> str:
    if n < 10:
        return _CHINESE[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[units] if units else "")
    return str(n)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalFullWidth": lambda n: str(n).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)}),
    "chineseCounting": _chinese_count,
    "chineseCountingThousand": _chinese_count,
    "taiwaneseCounting": _chinese_count,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
}


class _Numbering:
    """Word's automatic numbering (一、 （一） 1.) as the labels it prints, counted through the document."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → format, text, start
        self.counts: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in numbering.iterchildren(_w("abstractNum"))}
        for num in numbering.iterchildren(_w("num")):
            definition = abstract.get(_val(num, "abstractNumId"))
            if definition is None:
                continue
            overrides = {o.get(_w("ilvl")): o for o in num.iterchildren(_w("lvlOverride"))}
            for level in definition.iterchildren(_w("lvl")):
                ilvl = level.get(_w("ilvl"))
                start = int(_val(level, "start") or 1)
                override = overrides.get(ilvl)
                if override is not None and _val(override, "startOverride"):
                    start = int(_val(override, "startOverride"))
                self.levels[(num.get(_w("numId")), int(ilvl))] = (
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                    start,
                )

    def label(self, properties, style_id: str | None, styles: _Styles) -> str:
        num_pr = properties.find(_w("numPr")) if properties is not None else None
        if num_pr is None:
            for style in styles._chain(style_id):
                style_pr = style.find(_w("pPr"))
                num_pr = style_pr.find(_w("numPr")) if style_pr is not None else None
                if num_pr is not None:
                    break
        if num_pr is None:
            return ""
        num_id, level = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        if (num_id, level) not in self.levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        starts = [self.levels.get((num_id, i), ("", "", 1))[2] for i in range(9)]
        counts[level] = counts[level] + 1 if counts[level] else starts[level]
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        number_format, text, _ = self.levels[(num_id, level)]
        if number_format in ("bullet", "none"):
            return ""

        def value(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            fmt = self.levels.get((num_id, index), ("decimal", "", 1))[0]
            return _FORMATS.get(fmt, str)(counts[index] or starts[index])

        return re.sub(r"%(\d)", value, text)


# --- .pdf -------------------------------------------------------------------------------------------------

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

    found = []
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


def _caused_by(error: BaseException, kind: type) -> bool:
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
    """Page numbers (— 3 —) and a head or foot repeated on most pages are not text."""
    kept = [line for line in lines if not (line.text and _PAGE_NUMBER.match(line.text))]
    if pages < 2:
        return kept
    repeated = Counter(line.text for line in kept if line.text)
    page_of = {}
    for line in kept:
        if line.text:
            page_of.setdefault(line.text, set()).add(line.page)
    running = {
        text
        for text, count in repeated.items()
        if count >= 2 and len(page_of[text]) >= max(2, pages // 2 + 1) and len(text) < 40
    }
    return [line for line in kept if line.text not in running or not line.text]


def _paragraphs(lines: list[_Line], notes: dict[tuple[int, int], str]) -> list[Block]:
    """Visual lines joined into paragraphs: a paragraph ends at a short line, an indented or centred line,
    a change of size, or a wide gap; a line that runs to the right margin goes on, across pages too."""
    text_lines = [line for line in lines if line.text]
    left = min(line.x0 for line in text_lines)
    right = max(line.x1 for line in text_lines)
    centre = (left + right) / 2
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
        if abs(mid - centre) < 2 * char and line.x0 > left + 2 * char:
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
            or previous.x1 < right - 2 * char
            or (line.page == previous.page and line.top - previous.bottom > 1.2 * char)
            or (_SENTENCE_END.search(previous.text) and _NUMBERED_START.match(line.text))
        )
        if starts:
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
