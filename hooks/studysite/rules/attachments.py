"""Files in docs/ that are not pages: published as they are, so what they hold is checked like a page (secret
marks, personal data, on the text a reader gets: studysite.core.readertext), and one standing where an entry should
is named.

What a file holds must be what its name says (studysite.rules.statics.content_problem: an HTML page or a Word
file called .png is refused), and only what can be read fully is let through (an allowlist): the zip-of-XML formats
(Office Open XML, OpenDocument, OFD) part by part (studysite.rules.zipparts: every XML part in its declared
encoding, embedded Office files), PDF with a text layer (studysite.rules.pdfparts: its text, document information,
XMP metadata, annotations, bookmarks, form fields), plain text, and images (pictures, not text). Legacy binary
Office files, archives, macros, embedded archives and other embedded files, PDF scripts, launch actions, embedded
files and XFA forms, and any other binary format cannot be read, and are refused.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from studysite.core.kinds import ENTRY_FOLDERS
from studysite.core.problems import Problem
from studysite.core.readertext import Piece, from_html, from_plain
from studysite.core.sources import decode
from studysite.rules.pdfparts import pdf_texts
from studysite.rules.secrecy import text_hits
from studysite.rules.statics import content_problem
from studysite.rules.xmlparts import Unreadable, xml_pieces
from studysite.rules.zipparts import OLE as _OLE
from studysite.rules.zipparts import UNREADABLE_EXPECTED as _UNREADABLE_EXPECTED
from studysite.rules.zipparts import zip_texts

__all__ = ["Unreadable", "attachment_problems", "is_document", "read_texts", "xml_pieces"]

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
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_IMAGE_NAMES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
_UNREADABLE_ADVICE = "本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入"


def is_document(src_uri: str) -> bool:
    """Attachments and images are read, and what each is judged by its content (a .docx may be an old .doc, a
    .png a Word file); other kinds are the site's own assets or refused by name (studysite.rules.statics)."""
    return src_uri.lower().endswith(DOCUMENTS + _IMAGE_NAMES)


def _is_text(data: bytes) -> bool:
    text, _ = decode(data)
    return "\ufffd" not in text and not re.search(r"[\x00-\x08\x0e-\x1f]", text[:65536])


def read_texts(data: bytes) -> list[tuple[str, list[Piece]]] | None:
    """The texts of a file by where they are in it; None for an image (a picture: no text to read).

    Raises Unreadable for anything else that cannot be read.
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return zip_texts(data)
    if b"%PDF-" in data[:1024]:
        return pdf_texts(data)
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
    mismatch = content_problem(src_uri, data)
    if mismatch is not None:
        return [mismatch]
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
