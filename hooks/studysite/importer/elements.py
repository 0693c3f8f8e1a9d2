"""The elements of a 公文 that are read the same wherever they stand: a date as printed, a list of names, the
附件说明's items. studysite.importer.gongwen and studysite.importer.layouts find where they are."""

from __future__ import annotations

import re
from datetime import date

from studysite.importer.document import clean, plain_digits, squash

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "Ｏ": 0, "0": 0}
_CN_NUMBER = "〇○零OＯ一二三四五六七八九十"
_DATE = re.compile(
    rf"^(?P<open>[（(]?)\s*(?P<y>\d{{4}}|[{_CN_NUMBER}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_NUMBER}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_NUMBER}]{{1,3}})\s*日\s*(?P<close>[）)]?)$"
)
_LIST_SEPARATORS = "、，,；;"
_BRACKETS = {"（": "）", "(": ")", "〔": "〕", "［": "］", "[": "]", "【": "】", "《": "》"}
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(?P<items>.*)$")
_ATTACHMENT_ITEM = re.compile(r"(?:^|\s)(\d+)\s*[.．、]\s*")


def iso_date(text: str) -> str | None:
    """2025-03-12 from a line that is only a date: 2025年3月12日, 二〇二五年三月十二日, （2025年3月12日）."""
    match = _DATE.match(squash(plain_digits(text)))
    if not match or bool(match.group("open")) != bool(match.group("close")):
        return None
    year, month, day = (_number(match.group(key)) for key in ("y", "m", "d"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _number(text: str) -> int:
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 4:  # a year is written digit by digit: 二〇二五
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.rpartition("十")  # 十二, 二十, 三十一
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def names(text: str) -> list[str]:
    """主送机关 or 抄送机关 as a list: apart at 、，；, without the closing ：or 。; never inside brackets
    (各县（市、区）党委 is one name)."""
    parts, current, closing = [], "", []
    for char in clean(text).rstrip("：:。."):
        if char in _BRACKETS:
            closing.append(_BRACKETS[char])
        elif closing and char == closing[-1]:
            closing.pop()
        elif char in _LIST_SEPARATORS and not closing:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return [name for name in (clean(part) for part in parts) if name]


def attachment_items(text: str) -> list[str]:
    """附件：1. 示例议程 2. 示例名单 → the names, without numbers and closing punctuation."""
    text = clean(text)
    parts = _ATTACHMENT_ITEM.split(" " + text)
    if len(parts) == 1:
        return [text.strip(" 。")] if text.strip(" 。") else []
    return [item.strip(" 。；;") for item in parts[2::2] if item.strip(" 。；;")]


_CHINESE_ORDINAL = re.compile(r"^第(?P<n>[〇零一二三四五六七八九十百]+)号$")


def arabic_order_number(text: str) -> str:
    """A 令号 in Chinese numerals as the contract writes it (第三十一号 → 第31号, 第一百零二号 → 第102号); other
    text unchanged."""
    match = _CHINESE_ORDINAL.match(text)
    if not match:
        return text
    hundreds, _, rest = match.group("n").rpartition("百")
    value = (_number(hundreds) if hundreds else 1) * 100 if "百" in match.group("n") else 0
    rest = rest.lstrip("零〇")
    value += _number(rest) if rest else 0
    return f"第{value}号" if value else text
