"""A date as people write it, read one way for `make new`'s answers and for `make import`'s documents.

2025-03-12, 2025-3-12, 2025.3.12, 2025/3/12, 2025年3月12日 and the older 公文's 二〇二五年三月十二日 (〇, ○, 零 or O
for nought, 十 in the month and day), with full-width digits from an input method and spaces between the parts.
"""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "Ｏ": 0, "0": 0}
_CN_NUMBER = "〇○零OＯ一二三四五六七八九十"
_FULL_WIDTH = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)} | {"\u3000": " "})
_WRITTEN = re.compile(
    rf"^(?P<y>\d{{4}}|[{_CN_NUMBER}]{{4}})\s*(?:年\s*(?P<m1>\d{{1,2}}|[{_CN_NUMBER}]{{1,2}})\s*月"
    rf"\s*(?P<d1>\d{{1,2}}|[{_CN_NUMBER}]{{1,3}})\s*日"
    r"|\s*(?P<sep>[-./／－．])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})\s*日?)$"
)
FORMS = "2025-03-12 或 2025年3月12日"


def numeral(text: str) -> int:
    """The value of ASCII digits or Chinese numerals as dates and 令号 write them (二〇二五, 十二, 三十一)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 4:  # a year is written digit by digit: 二〇二五
        return int("".join(str(_CN_DIGITS.get(c, 0)) for c in text))
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, units = text.rpartition("十")  # 十二, 二十, 三十一
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def written_date(text: str) -> tuple[date | None, str]:
    """The date a text is (nothing else around it), or the reason it is not one: 不是日期 or 没有这一天."""
    plain = text.translate(_FULL_WIDTH).strip()
    match = _WRITTEN.match(plain)
    if not match:
        return None, f"日期写法应如 {FORMS}"
    month, day = match.group("m1") or match.group("m2"), match.group("d1") or match.group("d2")
    try:
        return date(numeral(match.group("y")), numeral(month), numeral(day)), ""
    except ValueError:
        return None, "没有这一天"
