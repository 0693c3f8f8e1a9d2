"""The text a reader gets, worked out once for every guard: from a page's Markdown, its rendered HTML or an
attachment's text.

A guard that reads the characters a contributor typed is beaten by anything that changes them on the way to
the reader: a character reference (&#26426;), a zero-width or other invisible character, an inline tag or
emphasis splitting a number, a line break inside it, full-width, mathematical or other scripts' digits,
Chinese numerals, a percent-encoded tel: link. So every guard reads this text instead: references decoded,
tags and inline markup dropped (their attribute values, link targets and comments kept as pieces of their
own, since the page still carries them), invisible characters removed, NFKC applied, every decimal digit
made ASCII and Chinese numerals too where they run as a number. Line breaks stay: one is a soft break the
guards read through (a number or a mark wrapped over a line), a blank line (or a table cell, a list item, a
block of the HTML) ends a block, and nothing is joined across it.

Each piece keeps where its characters came from, so a finding is named at the source's line and column.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

BLOCK = "\n\n"  # ends a block: no number or mark is read across it

Edit = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True)
class _Map:
    """One rewriting pass: where each character of its output stood in its input."""

    new_starts: list[int]
    edits: list[tuple[int, int, int]]  # (old start, old end, new length), in order

    def old(self, position: int) -> int:
        index = bisect_right(self.new_starts, position) - 1
        if index < 0:
            return position
        start, end, length = self.edits[index]
        offset = position - self.new_starts[index]
        if offset < length:  # inside a replacement: its source, as near as lengths allow
            return start + min(offset, max(end - start - 1, 0))
        return end + offset - length


def _apply(text: str, edits: Iterable[Edit]) -> tuple[str, _Map | None]:
    parts, new_starts, kept, at, size = [], [], [], 0, 0
    for start, end, replacement in edits:
        if start < at:  # overlapping edits: the first one wins
            continue
        parts.append(text[at:start])
        size += start - at
        new_starts.append(size)
        kept.append((start, end, len(replacement)))
        parts.append(replacement)
        size += len(replacement)
        at = end
    if not kept:
        return text, None
    parts.append(text[at:])
    return "".join(parts), _Map(new_starts, kept)


@dataclass
class Piece:
    """Text a reader gets, with the way back to the source: offset in the source of each character."""

    text: str
    base: int = 0  # where the piece's raw text starts in the source
    maps: list[_Map] = field(default_factory=list)

    def rewrite(self, edits: Iterable[Edit]) -> None:
        self.text, new_map = _apply(self.text, edits)
        if new_map is not None:
            self.maps.append(new_map)

    def sub(self, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> None:
        self.rewrite((m.start(), m.end(), replace(m)) for m in pattern.finditer(self.text))

    def source_offset(self, position: int) -> int:
        for step in reversed(self.maps):
            position = step.old(position)
        return self.base + position


# --- characters -------------------------------------------------------------------------------------------

# Chinese numerals as the digits of a number: 一三八…, 壹贰叁…, 〇 and ○ for nought, 幺 for one as it is read out.
_NUMERALS = {**{c: str(i) for i, c in enumerate("〇一二三四五六七八九")}, "○": "0", "零": "0", "幺": "1"}
_NUMERALS |= {c: str(i + 1) for i, c in enumerate("壹贰叁肆伍陆柒捌玖")} | {"貳": "2", "參": "3", "陸": "6"}
_NUMERAL_CLASS = "0-9" + "".join(_NUMERALS)
# Within a number: what may stand between its digits (the ideographic space is a space by then), or one line
# break.
# 一, ー and 〜 stand for a dash between Arabic digits (138一1234一5678), never between Chinese numerals.
SEPARATOR = r"(?:[ \t.\-/()\[\]_~*·・‐-―−（）［］．－／＿～一ー〜]{1,3}|[ \t]*\n[ \t]*(?=\S))"
_DASH_BETWEEN_DIGITS = "一"
# Seven or more: a date (二〇二五年) or an ordinal (第一二三条) is shorter.
_NUMERAL_RUN = re.compile(rf"[{_NUMERAL_CLASS}](?:{SEPARATOR}?[{_NUMERAL_CLASS}]){{6,}}")
# Characters that may need work: all but ASCII, the common Han block and CJK punctuation (full-width punctuation
# stays as typed, so messages quote it; full-width letters, digits and the asterisk do not).
_UNUSUAL = re.compile(
    r"[^\t\n\x20-\x7e\u4e00-\u9fff\u3001-\u3006\u3008-\u3011\uff01-\uff09\uff0b-\uff0f\uff1a-\uff20"
    r"\uff3b-\uff40\uff5b-\uff5e]"
)
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc", "Co", "Cs", "Zl", "Zp"})
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, blank Braille: show nothing


# The traditional and variant forms of the characters of the marks (機密★長期, 祕密, 絕密, 份號, 密級, 內部資料,
# 傳達範圍): NFKC leaves them apart from the simplified forms the guards read.
_VARIANTS = str.maketrans(
    {"機": "机", "祕": "秘", "袐": "秘", "絕": "绝", "絶": "绝", "號": "号", "級": "级", "內": "内", "資": "资",
     "傳": "传", "達": "达", "發": "发", "範": "范", "圍": "围", "幹": "干", "黨": "党", "單": "单", "長": "长", "個": "个"}
)  # fmt: skip
_VARIANT_CLASS = re.compile("[" + "".join(chr(c) for c in _VARIANTS) + "]")


def _numeral(match: re.Match) -> str:
    """A run of numerals as ASCII digits; 一 between two Arabic digits is a dash and stays."""
    text, start = match.string, match.start()
    return "".join(
        c
        if c == _DASH_BETWEEN_DIGITS
        and text[start + k - 1 : start + k] in "0123456789"
        and text[start + k + 1 : start + k + 2] in "0123456789"
        and 0 < start + k < len(text) - 1
        else _NUMERALS.get(c, c)
        for k, c in enumerate(match.group())
    )


def _reader_character(character: str) -> str:
    """One unusual character as a reader reads it: nothing if it is invisible, else its NFKC form, digits ASCII."""
    if character in "\u2028\u2029\r\x0b\x0c\x85":
        return "\n"
    if unicodedata.category(character) in _INVISIBLE_CATEGORIES or character in _INVISIBLE_LETTERS:
        return ""
    plain = unicodedata.normalize("NFKC", character)
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in plain)


def plain_characters(piece: Piece) -> Piece:
    """Invisible characters removed, NFKC, every script's digits and Chinese numerals in a number as ASCII, the
    traditional forms of the marks' characters simplified."""
    if _UNUSUAL.search(piece.text):
        piece.sub(_UNUSUAL, lambda m: _reader_character(m.group()))
    if _NUMERAL_RUN.search(piece.text):
        piece.sub(_NUMERAL_RUN, _numeral)
    if _VARIANT_CLASS.search(piece.text):
        piece.sub(_VARIANT_CLASS, lambda m: m.group().translate(_VARIANTS))
    return piece


def decoded_url(value: str) -> str:
    """A URL or attribute value as it acts: references and percent-escapes decoded (nested ones too)."""
    value = html.unescape(value)
    for _ in range(3):
        decoded = unquote(value)
        if decoded == value:
            break
        value = decoded
    return value


# --- HTML ---------------------------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?([A-Za-z][\w:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "head",
        "script",
        "style",
        "noscript",
        "textarea",
        "select",
        "button",
        "label",
        "iframe",
        "object",
    ]
)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?")
_INERT_ATTRIBUTES = frozenset({"class", "id", "style", "type", "rel", "target", "lang", "dir", "role", "width"})


def _tag_edit(piece: Piece, match: re.Match, side: list[Piece]) -> str:
    """A tag leaves nothing (inline), a line break (br) or a block boundary; its attribute values are pieces."""
    for attribute in _ATTRIBUTE.finditer(match.group(2)):
        name, value = attribute.group(1).lower(), attribute.group(2)
        if value and name not in _INERT_ATTRIBUTES:
            value = value[1:-1] if value[:1] in "\"'" else value
            side.append(Piece(decoded_url(value), piece.source_offset(match.start(2) + attribute.start(2))))
    name = match.group(1).lower()
    return "\n" if name == "br" else BLOCK if name in _BLOCK_TAGS else ""


def _drop_markup(piece: Piece, side: list[Piece]) -> None:
    """Comments and tags out of the flow, references decoded; what comments and attributes hold become pieces."""
    comments: list[Piece] = []

    def comment(match: re.Match) -> str:
        comments.append(Piece(match.group(1), piece.source_offset(match.start(1))))
        return ""

    if "<!--" in piece.text:
        piece.sub(_COMMENT, comment)
    if "<" in piece.text:
        piece.sub(_TAG, lambda m: _tag_edit(piece, m, side))
    if "&" in piece.text:
        piece.sub(_ENTITY, lambda m: html.unescape(m.group()))
    for inner in comments:  # a comment is published in the page's source: read like the page
        _drop_markup(inner, side)
    side.extend(comments)


def from_html(text: str) -> list[Piece]:
    """A rendered page (or an SVG, an XML part): its text flow first, then attribute values and comments."""
    flow = Piece(text)
    side: list[Piece] = []
    _drop_markup(flow, side)
    return [plain_characters(p) for p in (flow, *side)]


def from_plain(text: str, base: int = 0) -> list[Piece]:
    """Text already without markup (an attachment's paragraphs, a PDF's text layer)."""
    return [plain_characters(Piece(text, base))]


# --- Markdown -----------------------------------------------------------------------------------------------

# What starts a line and is markup: the front matter's fences and keys (a value is shown, its key is not),
# headings, quotes, list and task markers, definitions, code fences, admonition and details openers (their
# title is shown), table rules. A table row's pipes end cells: each cell is a block of its own.
_LINE_MARKUP = re.compile(
    r"^(?=[ \t]*[-.`~|:#>*+!?])(?:"
    r"(?:---|\.\.\.)[ \t]*$"  # front-matter fences, rules
    r"|[ \t]*(?:```|~~~)[^\n]*$"  # code fences (the code itself is text)
    r"|[ \t]*\|?[ \t]*:?-{3,}[-|: \t]*$"  # table rules
    r"|[ \t]*(?:(?:\#{1,6}|[-*+:])[ \t]+(?:\[[ xX]\][ \t]+)?|>[ \t]?)+"  # block prefixes; a list's number stays
    r"|[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*[ \t]*)",  # an admonition's type (its title stays)
    re.MULTILINE,
)
_TITLE_QUOTES = re.compile(r'(?<=^)"|"[ \t]*$', re.MULTILINE)
_FRONT_KEY = re.compile(r"""^[ \t]*(?:-[ \t]+)?(?:[\w-]+:[ \t]*)?(?:-[ \t]+)?["']?""", re.MULTILINE)
_YAML_CLOSE = re.compile(r"""["'][ \t]*$""", re.MULTILINE)
_TABLE_PIPE = re.compile(r"(?<!\\)\|")
_ROW_PIPE = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
# Autolinks (<tel:…>, <https://…>): the reader sees the address, so it stays in the flow.
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*)>")
# A link's or image's target (and title): not shown, but acted on: a piece of its own, decoded.
_LINK_TARGET = re.compile(r"\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(\S+)(?:[ \t]+(.+))?$", re.MULTILINE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\](?!:)")
# Inline markup shown as nothing: escapes' backslashes, code ticks, link brackets, doubled emphasis marks,
# and a single * or _ that opens and closes emphasis (an unpaired one is shown as it is, and may be a star).
_INLINE = re.compile(r"(?=[\\`!\[\]*_~=^+])(?:\\(?=[!-/:-@\[-`{-~])|`+|!?\[|\]|\*\*|__|~~|==|\^\^|\+\+)")
_EMPHASIS = re.compile(r"(?<![*\\])\*(?=[^\s*])[^\n*]*?[^\s*\\]\*(?!\*)|(?<![\w\\])_(?=\S)[^\n_]*?\S_(?!\w)")


def _side_pieces(piece: Piece, pattern: re.Pattern, side: list[Piece], keep: bool = False) -> None:
    """Each match out of the flow (keep: its first group stays, as shown), its groups decoded as pieces."""

    def cut(match: re.Match) -> str:
        for group in range(1, (pattern.groups or 0) + 1):
            if match.group(group):
                side.append(Piece(decoded_url(match.group(group)), piece.source_offset(match.start(group))))
        return match.group(1) if keep else ""

    piece.sub(pattern, cut)


def _front_matter_end(text: str) -> int:
    if not text.startswith("---"):
        return 0
    match = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE).search(text, 3)
    return match.end() if match else 0


def from_markdown(text: str, rows: bool = False) -> list[Piece]:
    """A page's source as its reader gets it: the flow of its text first, then targets, attributes, comments.

    rows: a table row is read as a reader reads it, its cells one after another apart by a space (a number
    split over cells, | 138 | 1234 | 5678 |); else each cell is a block of its own (a mark alone in a cell)."""
    flow = Piece(text)
    side: list[Piece] = []
    end = _front_matter_end(text)
    if end:  # a front-matter value is shown (title, speaker) or searched: keys and YAML quotes are not
        edits = [(m.start(), m.end(), "") for m in _FRONT_KEY.finditer(text, 0, end) if m.end() > m.start()]
        edits += [(m.start(), m.end(), "") for m in _YAML_CLOSE.finditer(text, 0, end)]
        flow.rewrite(sorted(edits))
    flow.sub(_LINE_MARKUP, lambda m: "")
    if "!!!" in text or "???" in text:
        flow.sub(_TITLE_QUOTES, lambda m: "")
    if "|" in flow.text:
        flow.sub(_ROW_PIPE, lambda m: " ") if rows else flow.sub(_TABLE_PIPE, lambda m: BLOCK)
    if "<" in flow.text:
        _side_pieces(flow, _AUTOLINK, side, keep=True)
    if "](" in flow.text:
        _side_pieces(flow, _LINK_TARGET, side)
    if "]:" in flow.text:
        _side_pieces(flow, _REFERENCE, side)
    if "[^" in flow.text:
        flow.sub(_FOOTNOTE_REFERENCE, lambda m: "")
    _drop_markup(flow, side)
    flow.sub(_INLINE, lambda m: "")
    if "*" in flow.text or "_" in flow.text:
        flow.rewrite(
            edit
            for m in _EMPHASIS.finditer(flow.text)
            for edit in ((m.start(), m.start() + 1, ""), (m.end() - 1, m.end(), ""))
        )
    return [plain_characters(p) for p in (flow, *side)]


# --- what a page says: its words as read ----------------------------------------------------------------------

_CODE_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_SPACES = re.compile(r"[^\S\n]+")
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def words_of(markdown: str) -> tuple[Piece, str]:
    """The words of a page's text as a reader reads them, for marks a reader recognises (内部资料): front matter
    and code left out, markup dropped, table cells joined as a row is read, and every space and soft line break
    between the characters removed (内 部 资 料, **内部**资料, | 内部 | 资料 |); blank lines still part blocks.
    Returns the piece and the text its offsets (source_offset) are in: the markdown with front matter and code
    lines emptied, so that every other line has the number and columns it has in the markdown."""
    lines = markdown.split("\n")
    end = _front_matter_end(markdown)
    first_body = markdown.count("\n", 0, end) + 1 if end else 0
    in_code = False
    for index in range(len(lines)):
        if index < first_body:
            lines[index] = ""
        elif _CODE_FENCE.match(lines[index]):
            in_code = not in_code
            lines[index] = ""
        elif in_code:
            lines[index] = ""
    blanked = "\n".join(lines)  # line by line: every kept line stands where it stood
    flow = from_markdown(blanked, rows=True)[0]
    flow.sub(_SPACES, lambda m: "")
    flow.sub(_SOFT_BREAK, lambda m: "")
    return flow, blanked
