"""The elements of a 公文 that are read the same wherever they stand: a date as printed, a list of names, the 主送,
the 附件说明's items. studysite.importer.gongwen and studysite.importer.layouts find where they are."""

from __future__ import annotations

import re

from studysite.core.dates import numeral, written_date
from studysite.importer.document import CENTER, Block, clean, plain_digits, squash

# A line that is only a date, maybe in brackets (a speech's （2025年3月12日）); the date itself is core.dates'.
_DATE = re.compile(r"^(?P<open>[（(]?)\s*(?P<date>[^（()）]+?)\s*(?P<close>[）)]?)$")
_LIST_SEPARATORS = "、，,；;"
_BRACKETS = {"（": "）", "(": ")", "〔": "〕", "［": "］", "[": "]", "【": "】", "《": "》"}
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(?P<items>.*)$")
LEVEL_1 = re.compile(r"^[一二三四五六七八九十百]+、")
LEVEL_2 = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_RECIPIENTS = re.compile(r"^(?P<names>[^。；;！？!?]{2,120})[:：]$")
_ATTACHMENT_ITEM = re.compile(r"(?:^|\s)(\d+)\s*[.．、]\s*")


def iso_date(text: str) -> str | None:
    """2025-03-12 from a line that is only a date: 2025年3月12日, 二〇二五年三月十二日, （2025年3月12日）; read by
    the parser `make new` uses too (studysite.core.dates)."""
    match = _DATE.match(squash(plain_digits(text)))
    if not match or bool(match.group("open")) != bool(match.group("close")):
        return None
    day, _ = written_date(match.group("date"))
    return day.isoformat() if day else None


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
    found: list[str] = []
    for name in (clean(part) for part in parts):
        if len(name) == 1 and found:  # 市政府各委、办、局: one character is the end of the name before it
            found[-1] += f"、{name}"
        elif name:
            found.append(name)
    return found


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
    value = (numeral(hundreds) if hundreds else 1) * 100 if "百" in match.group("n") else 0
    rest = rest.lstrip("零〇")
    value += numeral(rest) if rest else 0
    return f"第{value}号" if value else text


# Words of a sentence that ends in ：(6月9日，……研究了以下事项：; 现将有关事项通知如下：), never of a 主送's names.
_NOT_ADDRESSEE = re.compile(
    r"\d\s*[月日]|[〇一二三四五六七八九十]月|[日年][，,]|如下|以下|下列|事项|主持|召开|同志们|我们"
)
_ADDRESSEE_MAX = 30  # one organisation's name


def recipients_at(blocks: list[Block], at: int) -> tuple[list[str], int]:
    """The 主送机关 under the title: one line ending in ：, or several, each but the last ending in ，or 、
    (a long list set one group a line); the names and the index after them, or none."""
    lines: list[str] = []
    for k in range(at, min(at + 6, len(blocks))):
        if not blocks[k].is_text or blocks[k].align == CENTER:
            return [], at
        lines.append(clean(blocks[k].text))
        if lines[-1].endswith(("：", ":")):
            match = _RECIPIENTS.match("".join(lines))
            found = names(match.group("names")) if match and not LEVEL_1.match(match.group("names")) else []
            if (
                not found
                or _NOT_ADDRESSEE.search(match.group("names") if match else "")
                or any(len(name) > _ADDRESSEE_MAX for name in found)
            ):
                return [], at
            return found, k + 1
        if not lines[-1].endswith(("，", ",", "、")):
            return [], at
    return [], at
