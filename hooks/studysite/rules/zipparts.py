"""The parts of an Office Open XML, OpenDocument or OFD file (a zip of parts), read by allowlist.

Every part is read or judged: XML parts (in the encoding their reader decodes them with:
studysite.rules.xmlparts) and text parts are read; pictures, fonts, printer settings and OFD signatures hold no
text a reader is shown; an Office file embedded in one is read the same way, to a bounded depth and size. Anything
else (an embedded archive, a legacy OLE object or macro, a PDF or any unknown binary) cannot be checked part by
part, and the whole file is refused, naming the part.
"""

from __future__ import annotations

import io
import re
import zipfile

from studysite.core.readertext import Piece, from_plain
from studysite.rules.xmlparts import Unreadable, place, xml_pieces, xml_text

OLE = b"\xd0\xcf\x11\xe0"  # the legacy binary Office container (.doc, .xls, .ppt, .wps, .et, .dps, macros)
MARKERS = ("[Content_Types].xml", "mimetype", "OFD.xml")
UNREADABLE_EXPECTED = "本站能检查内容的附件（.docx、.pdf 或 .txt）"
ZIP_LIMIT = 200 * 1024 * 1024  # uncompressed bytes read from one file, nested files included
DEPTH = 3  # Office files embedded in Office files, at most
PICTURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"II\xbc",  # JPEG XR (.wdp)
    b"\xd7\xcd\xc6\x9a",  # placeable WMF
    b"\x01\x00\x09\x00",  # WMF
    b"\x02\x00\x09\x00",
    b"VCLMTF",  # OpenDocument's StarView metafile (an embedded object's picture)
)
# Parts with no text a reader is shown, by name: fonts (Word obfuscates its own), printer settings, OFD seals.
_OPAQUE = re.compile(
    r"\.(odttf|ttf|otf|ttc|fntdata|eot)$|(^|/)printerSettings\d*\.bin$|(^|/)Signs?/.*\.(dat|esl)$", re.I
)


def is_picture(data: bytes) -> bool:
    """A picture by its first bytes: pictures hold no text to read (EMF: record 1 with the ' EMF' signature)."""
    if data.startswith(PICTURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return True
    return data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF"


def is_office(names: list[str]) -> bool:
    return any(marker in names for marker in MARKERS)


class _Budget:
    def __init__(self) -> None:
        self.left = ZIP_LIMIT


def zip_texts(data: bytes, depth: int = 0, budget: _Budget | None = None) -> list[tuple[str, list[Piece]]]:
    """Every part of an Office, OpenDocument or OFD file read, by where it is; embedded Office files too."""
    budget = budget or _Budget()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if not is_office(names):
                raise Unreadable(UNREADABLE_EXPECTED)  # an archive: its files cannot be judged one by one
            budget.left -= sum(info.file_size for info in archive.infolist())
            if budget.left < 0 or len(names) > 10_000:
                raise Unreadable("解压后过大的文件")
            texts = []
            for info in archive.infolist():
                if not info.is_dir():
                    texts += _part_texts(info.filename, archive.read(info), depth, budget)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError, ValueError) as error:
        raise Unreadable("能打开的文件") from error  # RuntimeError: an encrypted member
    return texts


def _part_texts(name: str, part: bytes, depth: int, budget: _Budget) -> list[tuple[str, list[Piece]]]:
    """One part's texts: read, let through as holding none, or the whole file refused naming the part."""
    if part.startswith(OLE):
        raise Unreadable(f"嵌入的宏或 OLE 对象（{name}）")
    if part.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            office = is_office(zipfile.ZipFile(io.BytesIO(part)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            office = False
        if not office:
            raise Unreadable(f"嵌入的压缩包（{name}）")
        if depth + 1 >= DEPTH:
            raise Unreadable(f"层层嵌套的 Office 文件（{name}）")
        try:
            return [(place(name), pieces) for _, pieces in zip_texts(part, depth + 1, budget)]
        except Unreadable as refusal:
            reason = str(refusal)
            raise Unreadable(reason if "（" in reason else f"无法检查的嵌入文件（{name}）") from refusal
    text = xml_text(part, name)
    if text is not None:
        pieces = xml_pieces(text) if text.lstrip().startswith("<") else from_plain(text)
        return [(place(name), pieces)]
    if not part or is_picture(part) or _OPAQUE.search(name):
        return []
    try:
        text = part.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if (
        text is not None
        and b"%PDF-" not in part[:1024]
        and not text.startswith("{\\rtf")
        and not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text)
    ):
        return [(place(name), from_plain(text))]  # mimetype, or any plain text part: read as text
    raise Unreadable(f"无法检查的嵌入文件（{name}）")
