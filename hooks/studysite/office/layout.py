"""Print layout decisions shared by the PDF and the Word document: title lines and table columns.

Both formats get the same answers, so a pack's title breaks and its tables' columns match on either.
Widths are in em of the text they are set in (a Chinese character is one em, a Latin letter or digit half).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The GB/T 9704 text block: 156 mm wide, 225 mm high; a wide table's page turns it sideways (225 mm wide).
BLOCK_WIDTH_MM = 156.0
BLOCK_HEIGHT_MM = 225.0
TITLE_PT = 22.0  # 2号
TABLE_PT = 10.5  # 5号
# A title line holds 156 mm / 22 pt = 20.1 characters; a little under so a Latin letter wider than half an
# em never pushes a balanced line into a third.
TITLE_LINE_EM = 19.5
# No column is made narrower than this many characters of its widest cell: 已完成, 长期坚持 never stack;
# longer text wraps after four characters at the least, a date never.
MIN_COLUMN_EM = 4.0
# A column never asks for more than this, so one long cell does not starve the others.
MAX_COLUMN_EM = 40.0
# Cell padding and rules, per column, in em of table text (1.5 mm each side and a 0.5 pt rule).
CELL_PADDING_EM = 0.9

# Never at the start of a line (GB/T 15834 line-start rules) or at its end.
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·％%,.;:?!)]}")
_NO_LINE_END = set("（《「『【〔〈“‘([{")
# A break after a pause or before an opening bracket reads better: taken when it is this close to even.
_PAUSES = set("，、；：")
_PAUSE_BONUS_EM = 2.5
_WORD = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|[0-9A-Za-z][0-9A-Za-z.\-/]*")


def char_width(character: str) -> float:
    return 1.0 if unicodedata.east_asian_width(character) in "WFA" else 0.5


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def _breakable(text: str, index: int) -> bool:
    """A line may break before text[index]."""
    before, after = text[index - 1], text[index]
    if after in _NO_LINE_START or before in _NO_LINE_END or after.isspace():
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _pause(text: str, index: int) -> bool:
    return text[index - 1] in _PAUSES or text[index] in _NO_LINE_END


# A break inside a word (党风廉|政建设) reads badly on a title line: word ends come from jieba, the site's own
# word cutter, and a break elsewhere costs as much as this many characters of imbalance.
_INSIDE_WORD_EM = 3.0


@functools.lru_cache(maxsize=1024)
def word_ends(text: str) -> frozenset[int]:
    """The places between words of a Chinese text (jieba, imported only when a title wraps)."""
    import jieba

    jieba.setLogLevel(60)  # its loading messages are not for the build's log
    ends, position = set(), 0
    for word in jieba.cut(text, HMM=False):
        position += len(word)
        ends.add(position)
    return frozenset(ends)


def balanced_lines(text: str, per_line: float = TITLE_LINE_EM) -> list[str]:
    """A title as the fewest lines that hold it, of near-equal length: no line holds one lone character.

    Breaks follow the line-start rules (no 。 or ） first, no （ last), never split a Latin word or a number,
    and fall after a pause (、，) or before a bracket when one is near the even point.
    """
    text = text.strip()
    total = text_width(text)
    if total <= per_line:
        return [text]
    widths = [0.0]
    for character in text:
        widths.append(widths[-1] + char_width(character))
    breaks = [i for i in range(1, len(text)) if _breakable(text, i)]
    between_words = word_ends(text)
    for count in range(math.ceil(total / per_line), len(text) + 1):
        lines, start = [], 0
        for k in range(1, count):
            fitting = [b for b in breaks if b > start and widths[b] - widths[start] <= per_line]
            if not fitting:
                break
            target = total * k / count
            end = min(
                fitting,
                key=lambda b: (
                    abs(widths[b] - target)
                    - _PAUSE_BONUS_EM * _pause(text, b)
                    + _INSIDE_WORD_EM * (b not in between_words),
                    b,
                ),
            )
            lines.append(text[start:end])
            start = end
        else:
            if widths[-1] - widths[start] <= per_line:
                return [*lines, text[start:]]
    return [text]


@dataclass(frozen=True)
class Columns:
    fractions: tuple[float, ...]  # each column's share of the table's width, summing to 1
    wide: bool  # too many columns for the upright text block: the table gets a landscape page


def _least(cell: str, width: Callable[[str], float] | None = None) -> float:
    """The narrowest a cell may be without stacking: its longest line up to MIN_COLUMN_EM, its longest word
    (a Latin word, a number, a date)."""
    width = width or spaced_width
    lines = cell.split("\n") or [""]
    longest_line = max(width(line) for line in lines)
    longest_word = max((width(word) for word in _WORD.findall(cell)), default=0.0)
    return max(min(longest_line, MIN_COLUMN_EM), min(longest_word, MAX_COLUMN_EM / 2))


def column_widths(rows: Sequence[Sequence[str]], font_pt: float = TABLE_PT, spaced: bool = True) -> Columns:
    """Column widths from the cells' content (header row included).

    Every column gets at least what keeps its short cells whole; what is left of the text block goes to the
    columns whose text would wrap, in proportion to how much they hold. A table whose minimum does not fit
    the upright block is wide: it is printed on a landscape page, where the block is 225 mm wide.
    """
    count = max((len(row) for row in rows), default=0)
    if count == 0:
        return Columns((), False)
    columns = [[row[c] if c < len(row) else "" for row in rows] for c in range(count)]
    # spaced: text set with a quarter em around Latin and digit runs (the PDF, Word); a spreadsheet has none.
    width = spaced_width if spaced else text_width
    least = [max(max(_least(cell, width) for cell in column), 1.0) + CELL_PADDING_EM for column in columns]
    natural = [
        max(min(max(width(line) for line in cell.split("\n")), MAX_COLUMN_EM) for cell in column) + CELL_PADDING_EM
        for column in columns
    ]
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    upright = BLOCK_WIDTH_MM / 25.4 * 72 / font_pt
    wide = sum(least) > upright
    available = (BLOCK_HEIGHT_MM if wide else BLOCK_WIDTH_MM) / 25.4 * 72 / font_pt
    if sum(natural) <= available:
        widths = natural
    elif sum(least) >= available:
        widths = least
    else:
        spare = available - sum(least)
        wants = [n - m for n, m in zip(natural, least, strict=True)]
        widths = [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]
    total = sum(widths)
    return Columns(tuple(w / total for w in widths), wide)


# Word and LibreOffice set a quarter em between Chinese characters and digits or Latin letters (Word's
# autoSpaceDE/DN, which LibreOffice applies whatever the file says); the PDF sets the same so its lines break
# where theirs do. Only a Han character directly against a Latin letter or digit: punctuation and spaces take none.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACED_RUN = re.compile(rf"(?<=[{_HAN}])[0-9A-Za-z]+|[0-9A-Za-z]+(?=[{_HAN}])")


def spaced_runs(text: str) -> list[tuple[str, bool, bool]]:
    """text cut into pieces: (piece, a Han character just before it, a Han character just after it); only
    Latin or digit runs that touch a Han character have either flag."""
    pieces: list[tuple[str, bool, bool]] = []
    start = 0
    for match in _SPACED_RUN.finditer(text):
        if match.start() > start:
            pieces.append((text[start : match.start()], False, False))
        before = match.start() > 0 and re.match(f"[{_HAN}]", text[match.start() - 1]) is not None
        after = match.end() < len(text) and re.match(f"[{_HAN}]", text[match.end()]) is not None
        pieces.append((match.group(0), before, after))
        start = match.end()
    if start < len(text):
        pieces.append((text[start:], False, False))
    return pieces


SPACE_EM = 0.23  # pack.css's .sp-b/.sp-a margin: LibreOffice's quarter em less the body's 0.3 pt tracking


def spaced_width(text: str) -> float:
    """A text's width as printed, with the space around Latin and digit runs that touch Chinese."""
    return text_width(text) + SPACE_EM * sum(before + after for _, before, after in spaced_runs(text))
