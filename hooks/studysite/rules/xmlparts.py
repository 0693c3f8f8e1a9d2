"""The text of one XML part of an attachment (Office Open XML, OpenDocument, OFD, XMP), decoded as the reader's
application decodes it: by its byte order mark, else by its first bytes (UTF-16 and UTF-32 without a mark), else by
the encoding its declaration names (UTF-8 when it names none). A part that cannot be decoded so is refused, never
read with replacement characters: what a reader's application shows must be what is checked.
"""

from __future__ import annotations

import codecs
import re

from studysite.core.readertext import BLOCK, Piece, decoded_url, from_html, from_plain


class Unreadable(Exception):
    """A file (or a part of it) whose text cannot be read: it is refused, with why (Chinese)."""


_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" or "<" in UTF-32 and UTF-16 without a byte order mark (XML 1.0, appendix F).
_FIRST_BYTES = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
_WIDE = ("utf_16", "utf_32", "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")


def xml_text(data: bytes, name: str) -> str | None:
    """The text of a part that is XML or carries a byte order mark, or None when it is neither.

    Raises Unreadable when it is XML that cannot be decoded as its reader would decode it."""
    encoding = next((enc for mark, enc in _MARKS if data.startswith(mark)), None)
    skip = len(next(mark for mark, enc in _MARKS if enc == encoding)) if encoding else 0
    if encoding is None:
        encoding = next((enc for first, enc in _FIRST_BYTES if data.startswith(first)), None)
    if encoding is None:
        if data.lstrip()[:1] != b"<":
            return None
        declared = _DECLARED.match(data[:512])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        try:
            if codecs.lookup(encoding).name.replace("-", "_") in _WIDE:
                raise Unreadable(f"编码声明与内容不符的部件（{name}）")
        except LookupError as error:
            raise Unreadable(f"无法识别编码 {encoding} 的部件（{name}）") from error
    try:
        text = data[skip:].decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise Unreadable(f"编码有误的部件（{name}）") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


_PLACES = (
    (re.compile(r"(^|/)(docProps/|meta\.xml$|custom\.xml$|OFD\.xml$)|/core\.xml$", re.I), "在附件的文件属性中"),
    (re.compile(r"comment", re.I), "在附件的批注中"),
    (re.compile(r"header|footer", re.I), "在附件的页眉页脚中"),
    (re.compile(r"footnote|endnote", re.I), "在附件的脚注尾注中"),
    (re.compile(r"\.rels$", re.I), "在附件的链接中"),
)


def place(part: str) -> str:
    """Where in the attachment a part's text is, as messages say it."""
    return next((where for pattern, where in _PLACES if pattern.search(part)), "在附件中")
