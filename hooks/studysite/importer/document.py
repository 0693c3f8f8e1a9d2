"""A document as the importer reads it from Word or PDF: blocks in reading order, with the formatting that
tells the parts of a 公文 or a speech apart (alignment, size, bold, red), and its tables, images and footnotes.

The readers (studysite.importer.officefiles) make it; the recognition (studysite.importer.gongwen) reads only this, so it is
tested on block lists without any file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEFT, CENTER, RIGHT, BOTH = "left", "center", "right", "both"


@dataclass(frozen=True)
class Note:
    """A footnote: its reference stands after the at-th character of its block's text."""

    at: int
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph, table, image or rule of the document, in reading order."""

    text: str = ""
    align: str = LEFT
    size: float = 0.0  # the largest font size of its text, in pt (0: not known)
    bold: bool = False  # all of its text is bold
    lead: str = ""  # the bold words that open it (a lead sentence) when the rest is not bold
    red: bool = False  # its text is red (the 发文机关标志)
    rule: bool = False  # a horizontal line: the red rule under the 版头, the rules of the 版记
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row
    image: str = ""  # the name of one of the document's images
    notes: tuple[Note, ...] = ()

    @property
    def is_text(self) -> bool:
        return bool(self.text) and not self.rows and not self.image


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    images: tuple[tuple[str, bytes], ...] = ()  # name (image1.png …) and content, in order of appearance
    source: str = ""  # what it was read from: docx, pdf
    unaccepted: tuple[str, ...] = ()  # 修订, 批注: what a Word file still has unaccepted (importer.revisions)


# --- text as a reader finds it, made plain -----------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Han characters and the CJK and full-width punctuation around them: a space between two of them is layout.
_WIDE = rf"[{_HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·]"
_SPACES = str.maketrans({c: " " for c in "\t\n\v\f\r\u00a0\u2002\u2003\u2009\u3000\u202f"} | {"\u200b": None})
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE}) +(?={_WIDE})")
_FULL_WIDTH_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})


def squash(text: str) -> str:
    """Soft line breaks, tabs, non-breaking and ideographic spaces as one plain space; ends trimmed.

    Readers give block text this way: spaces between Chinese words still tell a name from a post
    (示例局党委书记　示例甲) until the recognition has read them.
    """
    return re.sub(" +", " ", text.translate(_SPACES)).strip()


def clean(text: str) -> str:
    """The text as the site shows it: squashed, and the layout spaces between Chinese characters dropped."""
    return _SPACE_BETWEEN_WIDE.sub("", squash(text))


def plain_digits(text: str) -> str:
    """Full-width digits from an input method as ASCII digits (for dates and 文号, not for the body)."""
    return text.translate(_FULL_WIDTH_DIGITS)


def join_lines(first: str, second: str) -> str:
    """Two pieces of one paragraph broken at a line end: nothing between Chinese, a space between words."""
    if not first or not second:
        return first + second
    if re.match(_WIDE, first[-1]) or re.match(_WIDE, second[0]) or first.endswith("-"):
        return first + second
    return f"{first} {second}"
