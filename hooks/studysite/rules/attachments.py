"""Files in docs/ that are not pages: published as they are, so what they hold is checked like a page (secret
marks, personal data, on the text a reader gets: studysite.core.readertext), and one standing where an entry should
is named.

What a file is comes from its content, never its name: a .docm, .xlsm, .pptx, .odt or a Word file renamed .pdf
is read for what it is. Only what can be read is let through (an allowlist): the zip-of-XML formats (Office
Open XML, OpenDocument, OFD) with every XML part (body, comments, headers, footers, notes, document
properties, link targets), PDF with a text layer (its text, document information, XMP metadata, annotations),
plain text, and images (pictures, not text). Legacy binary Office files, archives, macros and embedded
objects, and any other binary format cannot be read, and are refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

from studysite.core.kinds import ENTRY_FOLDERS
from studysite.core.problems import Problem
from studysite.core.readertext import BLOCK, Piece, decoded_url, from_html, from_plain
from studysite.core.sources import decode
from studysite.rules.secrecy import text_hits

# The kinds of attachment by name, for the rule on which file kinds are published at all (studysite.rules.statics);
# what a file is, and whether it can be read, is judged here on its content whatever its name.
ZIPPED: tuple[str, ...] = (
    ".docx",
    ".docm",
    ".dotx",
    ".dotm",
    ".xlsx",
    ".xlsm",
    ".xltx",
    ".xltm",
    ".pptx",
    ".pptm",
    ".ppsx",
)
ZIPPED += (".potx", ".odt", ".ods", ".odp", ".odg", ".ott", ".ofd")
READABLE = (*ZIPPED, ".pdf", ".txt", ".csv")
UNREADABLE = (".doc", ".wps", ".rtf", ".xls", ".et", ".ppt", ".dps", ".zip", ".rar", ".7z")  # refused on content
DOCUMENTS = READABLE + UNREADABLE
_OLE = b"\xd0\xcf\x11\xe0"  # the legacy binary Office container (.doc, .xls, .ppt, .wps, .et, .dps, macros)
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_IMAGE_NAMES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
_OFFICE_MARKERS = ("[Content_Types].xml", "mimetype", "OFD.xml")
_ZIP_LIMIT = 200 * 1024 * 1024  # uncompressed bytes read from one file: a zip bomb is refused, not unpacked
_UNREADABLE_EXPECTED = "本站能检查内容的附件（.docx、.pdf 或 .txt）"
_UNREADABLE_ADVICE = "本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入"


class Unreadable(Exception):
    """A file (or a part of it) whose text cannot be read: it is refused, with why (Chinese)."""


def is_document(src_uri: str) -> bool:
    """Attachments and images are read, and what each is judged by its content (a .docx may be an old .doc, a
    .png a Word file); other kinds are the site's own assets or refused by name (studysite.rules.statics)."""
    return src_uri.lower().endswith(DOCUMENTS + _IMAGE_NAMES)


# --- XML parts ----------------------------------------------------------------------------------------------

_XML_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<[!?][^>]*>"
    r"|<(?P<close>/?)(?:[\w.-]+:)?(?P<name>[\w.-]+)(?P<attributes>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/?)>"
    r"|(?P<text>[^<]+)",
    re.DOTALL,
)
_XML_ATTRIBUTE = re.compile(r"""(?:[\w.-]+:)?([\w.-]+)\s*=\s*("[^"]*"|'[^']*')""")
# Elements that end a paragraph, a cell or a note (Word, PowerPoint, Excel, OpenDocument): text inside one is
# joined as the reader sees it (a number split over Word runs is one number), and never across them.
_PARAGRAPHS = frozenset(
    [
        "p",
        "h",
        "tc",
        "tr",
        "si",
        "c",
        "row",
        "is",
        "table-cell",
        "table-row",
        "list-item",
        "txbxContent",
        "comment",
        "footnote",
        "endnote",
        "note",
        "annotation",
        "sp",
        "cell",
    ]
)
_SHOWN = {"br": "\n", "cr": "\n", "line-break": "\n", "tab": " ", "s": " ", "sym": "\u25a1"}  # □: a symbol font's sign
_NAMED_VALUES = frozenset({"target", "href", "descr", "title", "name", "alt", "description", "uri"})


def xml_pieces(xml: str) -> list[Piece]:
    """The text of one XML part: paragraphs joined within (where the part has paragraphs), else every element a
    block of its own (document properties: fields never run together); link targets and descriptions too."""
    body = any(f"{name}>" in xml or f"{name} " in xml for name in (":p", ":si", "<si", ":h", "<c ", ":tc"))
    out: list[str] = []
    side: list[Piece] = []
    for token in _XML_TOKEN.finditer(xml):
        if token.group("text") is not None or token.group("cdata") is not None:
            out.append(token.group("text") or token.group("cdata") or "")
            continue
        name = token.group("name")
        if name is None:
            continue
        for attribute in _XML_ATTRIBUTE.finditer(token.group("attributes") or ""):
            if attribute.group(1).lower() in _NAMED_VALUES:
                side.append(Piece(decoded_url(attribute.group(2)[1:-1])))
        if name in _SHOWN:
            out.append(_SHOWN[name])
        elif (token.group("close") or token.group("empty")) and (not body or name in _PARAGRAPHS):
            out.append(BLOCK)
    return from_html("".join(out).replace("<", "&lt;")) + [p for s in side for p in from_plain(s.text)]


# --- formats ------------------------------------------------------------------------------------------------

_PLACES = (
    (re.compile(r"(^|/)(docProps/|meta\.xml$|custom\.xml$|OFD\.xml$)|/core\.xml$", re.I), "在附件的文件属性中"),
    (re.compile(r"comment", re.I), "在附件的批注中"),
    (re.compile(r"header|footer", re.I), "在附件的页眉页脚中"),
    (re.compile(r"footnote|endnote", re.I), "在附件的脚注尾注中"),
    (re.compile(r"\.rels$", re.I), "在附件的链接中"),
)


def _place(part: str) -> str:
    return next((place for pattern, place in _PLACES if pattern.search(part)), "在附件中")


def _zip_texts(data: bytes, depth: int = 0) -> list[tuple[str, list[Piece]]]:
    """Every XML part of an Office, OpenDocument or OFD file, by where it is; embedded Office files too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if depth == 0 and not any(marker in names for marker in _OFFICE_MARKERS):
                raise Unreadable(_UNREADABLE_EXPECTED)  # an archive: its files cannot be judged one by one
            if sum(info.file_size for info in archive.infolist()) > _ZIP_LIMIT or len(names) > 10_000:
                raise Unreadable("解压后过大的文件")
            texts = []
            for name in names:
                member = archive.read(name)
                if member.startswith(_OLE):
                    raise Unreadable(f"嵌入的宏或 OLE 对象（{name}）")
                if member.startswith(b"PK\x03\x04") and depth < 3:
                    texts += [(_place(name), pieces) for _, pieces in _zip_texts(member, depth + 1)]
                elif member.lstrip()[:1] == b"<":
                    texts.append((_place(name), xml_pieces(decode(member)[0])))
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as error:
        raise Unreadable("能打开的文件") from error  # RuntimeError: an encrypted member
    return texts


def _pdf_texts(data: bytes) -> list[tuple[str, list[Piece]]]:
    """A PDF's text layer page by page, its document information and XMP metadata, its annotations and links."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
            if not "".join(pages).strip():
                raise Unreadable("有文字层的 PDF")
            texts = [("在附件中", from_plain(text)) for text in pages]
            info = [str(value) for value in pdf.metadata.values()]
            texts.append(("在附件的文件属性中", [p for value in info for p in from_plain(value)]))
            xmp = pdf.doc.catalog.get("Metadata")
            if xmp is not None:
                stream = xmp.resolve() if hasattr(xmp, "resolve") else xmp
                texts.append(("在附件的文件属性中", xml_pieces(decode(stream.get_data())[0])))
            annotations = [
                decoded_url(str(annotation.get(key) or ""))
                for page in pdf.pages
                for annotation in page.annots
                for key in ("contents", "uri", "title")
            ]
            texts.append(("在附件的批注或链接中", [p for value in annotations for p in from_plain(value)]))
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged or encrypted PDF: it cannot be checked, which is the finding
        raise Unreadable("能打开的文件") from error
    return texts


def _is_text(data: bytes) -> bool:
    text, _ = decode(data)
    return "\ufffd" not in text and not re.search(r"[\x00-\x08\x0e-\x1f]", text[:65536])


def read_texts(data: bytes) -> list[tuple[str, list[Piece]]] | None:
    """The texts of a file by where they are in it; None for an image (a picture: no text to read).

    Raises Unreadable for anything else that cannot be read.
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_texts(data)
    if b"%PDF-" in data[:1024]:
        return _pdf_texts(data)
    if data.startswith(_IMAGES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None
    if data.startswith(_OLE) or data.startswith(b"{\\rtf") or not _is_text(data):
        raise Unreadable(_UNREADABLE_EXPECTED)
    text = decode(data)[0]
    return [("在附件中", from_html(text) if "<" in text or "&" in text else from_plain(text))]


# The kinds `make import` reads: such a file beside the entries and linked from none is a document to import.
_IMPORTABLE = (".docx", ".doc", ".wps", ".odt", ".pdf", ".ofd", ".txt")


def _refused(path: str, name: str, reason: str) -> Problem:
    if reason in ("有文字层的 PDF", "能打开的文件"):
        advice = "本站无法检查其中是否有密级标志或个人信息（扫描件、设有密码或已损坏）：请换成有文字层、不设密码的文件"
        return Problem(path, 1, "附件", reason, name, advice)
    if reason == _UNREADABLE_EXPECTED:
        return Problem(path, 1, "附件", reason, name, _UNREADABLE_ADVICE)
    advice = f"附件中有{reason}，本站无法检查其中是否有密级标志或个人信息：请删去后另存为 .docx 或 PDF 再放入"
    return Problem(path, 1, "附件", _UNREADABLE_EXPECTED, name, advice)


def attachment_problems(src_uri: str, data: bytes, linked: bool) -> list[Problem]:
    """What is wrong with a file in docs/ that is not a page: where it stands, or what it holds.

    linked: a page links to it (an attachment); a Word or PDF file in speeches/ or notices/ that no page links
    to was most likely put there to become an entry.
    """
    path = f"docs/{src_uri}"
    name = PurePosixPath(src_uri).name
    beside_entries = src_uri.startswith(ENTRY_FOLDERS) and src_uri.count("/") == 1
    if beside_entries and not linked and (name.lower().endswith(_IMPORTABLE) or name.lower().endswith(".md.txt")):
        if name.lower().endswith(".md.txt"):
            advice = "记事本把文件存成了 .md.txt：请把文件名改为以 .md 结尾"
        else:
            advice = (
                f'Word、WPS、PDF 文件请用 make import SRC="{path}" 导入为条目，再删去原文件；'
                "若是某篇资料的附件，请在该资料中链接它"
            )
        return [Problem(path, 1, "文件", "讲话、通报通知的 Markdown 文件（.md）", name, advice)]
    try:
        texts = read_texts(data)
    except Unreadable as refusal:
        return [_refused(path, name, str(refusal))]
    return sorted(
        {
            Problem(path, 1, hit.rule, hit.expected, hit.got, f"{place}：{hit.advice}")
            for place, pieces in texts or ()
            for hit in text_hits(pieces)
        }
    )
