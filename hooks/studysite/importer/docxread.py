"""A .docx read into a Document with python-docx: paragraphs, tables, images, footnotes, rules and text boxes.

Word keeps a 公文's 版头 in text boxes and draws its red rules as paragraph borders or shapes; each becomes a
Block with what tells the parts apart (alignment, size, bold, red). How styles and numbering apply is
studysite.importer.docxstyles'; what the blocks are (标题, 主送机关 …) is studysite.importer.gongwen's.
"""

from __future__ import annotations

import io
import zipfile

from studysite.importer.document import Block, Document, Note, squash
from studysite.importer.docxstyles import _Numbering, _red, _Styles, _val, _w
from studysite.importer.revisions import row_deleted, runs, text_of, unaccepted
from studysite.importer.unreadable import Unreadable

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_V = "urn:schemas-microsoft-com:vml"

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
        body = self.doc.element.body
        return Document(tuple(self.blocks), tuple(self.images.values()), "docx", unaccepted(body))

    def _container(self, element) -> None:
        for child in element.iterchildren():
            if child.tag == _w("p"):
                self._paragraph(child)
            elif child.tag == _w("tbl"):
                self._table(child)
            elif child.tag == _w("sdt"):
                for content in child.iterchildren(_w("sdtContent")):
                    self._container(content)

    def _footnotes(self) -> dict[str | None, str]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        notes: dict[str | None, str] = {}  # by w:id, as a footnoteReference names it
        for rel in self.part.rels.values():
            if rel.reltype != RT.FOOTNOTES or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iterchildren(_w("footnote")):
                if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = "".join(text_of(paragraph) for paragraph in note.iter(_w("p")))  # changes accepted
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
        for run in runs(p):
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
            if row_deleted(row._tr):
                continue
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    cells.append("")  # a merged cell's text once, where it starts
                    continue
                seen.add(id(cell._tc))
                cells.append("\n".join(squash(text_of(p._p)) for p in cell.paragraphs if squash(text_of(p._p))))
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


def _border(borders, side: str):
    if borders is None:
        return None
    border = borders.find(_w(side))
    if border is None or border.get(_w("val")) in (None, "nil", "none"):
        return None
    return border
