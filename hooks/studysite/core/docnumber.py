"""发文字号: 机关代字〔四位年份〕序号号 (GB/T 9704-2012 7.2.4), and what exactly a wrong one got wrong."""

from __future__ import annotations

import re

EXPECTED = "机关代字〔四位年份〕序号号"
_VALID = re.compile(r"^[^\s〔〕\[\]［］【】（）()\d]+〔\d{4}〕[1-9]\d*号$")
_ORDER_NUMBER = re.compile(r"^第[1-9]\d*号$")  # 令号 of a 命令（令）
_ANNOUNCEMENT_NUMBER = re.compile(r"^\d{4}年第[1-9]\d*号$")  # number of a 公告
_YEAR_IN_BRACKETS = re.compile(r"[〔\[［【（(]\s*(\d*)\s*[〕\]］】）)]")
_TAIL = re.compile(r"[〕\]］】）)]\s*(第?)\s*(\d*)\s*(号?)\s*$")

_BRACKET_FAULTS = (
    ("[]［］", "方括号应为六角括号〔〕"),
    ("【】", "方头括号【】应为六角括号〔〕"),
    ("（）()", "圆括号应为六角括号〔〕"),
)


def expected_for(doc_type: str | None) -> str:
    if doc_type == "命令（令）":
        return f"令号 第N号，或 {EXPECTED}"
    if doc_type == "公告":
        return f"公告编号 四位年份年第N号，或 {EXPECTED}"
    return EXPECTED


def is_valid(number: str, doc_type: str | None = None) -> bool:
    if _VALID.match(number):
        return True
    if doc_type == "命令（令）":
        return bool(_ORDER_NUMBER.match(number))
    if doc_type == "公告":
        return bool(_ANNOUNCEMENT_NUMBER.match(number))
    return False


_PARTS = re.compile(r"^(.*?)〔(\d{4})〕([1-9]\d*)号$")
_ORDER_PARTS = re.compile(r"^第([1-9]\d*)号$")
_ANNOUNCEMENT_PARTS = re.compile(r"^(\d{4})年第([1-9]\d*)号$")


def sort_key(number: str | None) -> tuple:
    """Where a 文号 stands in a list: by 机关代字, then year, then number as a number (7号 before 12号).

    令号 and 公告 numbers sort by year and number after the 发文字号; a missing one comes last.
    """
    if not number:
        return (2, "", 0, 0)
    if match := _PARTS.match(number):
        return (0, match.group(1), int(match.group(2)), int(match.group(3)))
    if match := _ANNOUNCEMENT_PARTS.match(number):
        return (1, "", int(match.group(1)), int(match.group(2)))
    if match := _ORDER_PARTS.match(number):
        return (1, "", 0, int(match.group(1)))
    return (1, number, 0, 0)


def faults(number: str) -> list[str]:
    """The specific mistakes in a 文号 that is not valid, in the order a reader meets them."""
    found = []
    if re.match(r"^[〔\[［【（(]", number):
        found.append("缺少机关代字")
    for brackets, message in _BRACKET_FAULTS:
        if any(bracket in number for bracket in brackets):
            found.append(message)
    year = _YEAR_IN_BRACKETS.search(number)
    if year is None:
        found.append("年份应放在六角括号〔〕内")
    elif len(year.group(1)) != 4:
        found.append("年份应写全四位")
    if re.search(r"\s", number):
        found.append("文号中不应有空格")
    tail = _TAIL.search(number)
    if tail:
        prefix, digits, suffix = tail.groups()
        if prefix:
            found.append("序号前不加“第”")
        if digits.startswith("0"):
            found.append("序号不编虚位")
        if not digits:
            found.append("缺少序号")
        if not suffix:
            found.append("序号后应加“号”")
    return found
