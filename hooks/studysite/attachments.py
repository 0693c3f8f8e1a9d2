"""Files in docs/ that are not pages: a Word or PDF file dropped in by hand is published as it is, so what it
holds is checked like a page (secret marks, personal data), and one standing where an entry should is named.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import PurePosixPath

from .lint import security
from .pages import NOTICE_DIR, SPEECH_DIR
from .problems import Problem
from .sources import decode

# What can be read here, and so checked: the zip-of-XML formats (Office, OpenDocument, OFD), PDF with a text
# layer, plain text. The older binary formats cannot be, and must be saved as one of these first.
ZIPPED = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".ofd")
READABLE = (*ZIPPED, ".pdf", ".txt", ".csv")
UNREADABLE = (".doc", ".wps", ".rtf", ".xls", ".et", ".ppt", ".dps", ".zip", ".rar", ".7z")
DOCUMENTS = READABLE + UNREADABLE
_XML_TEXT = re.compile(r">([^<>]+)<")


def is_document(src_uri: str) -> bool:
    return src_uri.lower().endswith(DOCUMENTS)


def _zipped_text(data: bytes) -> str | None:
    """Every text node of every XML part: paragraphs, cells, slides, notes, headers, footers and comments."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".xml")
            ]
    except (zipfile.BadZipFile, OSError, RuntimeError):  # RuntimeError: an encrypted member
        return None
    return "\n".join(html.unescape(text) for part in parts for text in _XML_TEXT.findall(part) if text.strip())


def _pdf_text(data: bytes) -> str | None:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    except Exception:  # noqa: BLE001 - a damaged or encrypted PDF: it cannot be checked, which is the finding
        return None
    return text if text.strip() else None


def _text(suffix: str, data: bytes) -> str | None:
    """The text of a readable file (None: no text to read, such as a scan or a damaged file)."""
    if suffix in (".txt", ".csv"):
        return decode(data)[0]
    return _zipped_text(data) if suffix in ZIPPED else _pdf_text(data)


# The kinds `make import` reads: such a file beside the entries and linked from none is a document to import.
_IMPORTABLE = (".docx", ".doc", ".wps", ".odt", ".pdf", ".ofd", ".txt")


def attachment_problems(src_uri: str, data: bytes, linked: bool) -> list[Problem]:
    """What is wrong with a document file in docs/: where it stands, or what it holds.

    linked: a page links to it (an attachment); a Word or PDF file in speeches/ or notices/ that no page links
    to was most likely put there to become an entry.
    """
    path = f"docs/{src_uri}"
    name = PurePosixPath(src_uri).name
    suffix = PurePosixPath(name.lower()).suffix
    beside_entries = src_uri.startswith((SPEECH_DIR, NOTICE_DIR)) and src_uri.count("/") == 1
    if beside_entries and not linked and (name.lower().endswith(_IMPORTABLE) or name.lower().endswith(".md.txt")):
        if name.lower().endswith(".md.txt"):
            advice = "记事本把文件存成了 .md.txt：请把文件名改为以 .md 结尾"
        else:
            advice = (
                f'Word、WPS、PDF 文件请用 make import SRC="{path}" 导入为条目，再删去原文件；'
                "若是某篇资料的附件，请在该资料中链接它"
            )
        return [Problem(path, 1, "文件", "讲话、通报通知的 Markdown 文件（.md）", name, advice)]
    if suffix in UNREADABLE:
        return [
            Problem(
                path,
                1,
                "附件",
                "本站能检查内容的附件（.docx、.pdf 或 .txt）",
                name,
                "本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入",
            )
        ]
    text = _text(suffix, data)
    if text is None:
        expected = "有文字层的 PDF" if suffix == ".pdf" else "能打开的文件"
        advice = "本站无法检查其中是否有密级标志或个人信息（扫描件、设有密码或已损坏）：请换成有文字层、不设密码的文件"
        return [Problem(path, 1, "附件", expected, name, advice)]
    return [
        Problem(path, 1, finding.rule, finding.expected, finding.got, f"在附件中：{finding.advice}")
        for finding in security(path, text)
    ]
