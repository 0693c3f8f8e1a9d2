"""The layouts of GB/T 9704-2012 beside the plain 文件格式, brought back to the parts studysite.importer.gongwen reads.

Offices lay a 版头 or 版记 out in a Word table (文号 and 签发人 side by side, 印发机关 and date in two cells);
a 联合行文 names two or more issuers, on the 版头 and in the 署名; a 纪要 (§10.3) has its 纪要标志 and 期号 where
others have the 发文机关标志, and its office and date on one line above the rule; a 命令 (§10.2) has a 令号 and
no title; a 决议 or 公报 says under its title in brackets when and by whom it was adopted. Each is recognised
here by that structure, not by any one document's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studysite.importer.document import CENTER, RIGHT, Block, clean, plain_digits, squash
from studysite.importer.elements import iso_date

_HEAD_CELL = re.compile(
    r"[〔\[［【]\s*\d{2,4}\s*[〕\]］】]\s*第?\s*\d+\s*号|签\s*发\s*人|文\s*件$|纪\s*要$|令$|^(特急|加急|特提|平急)"
    r"|^\d{4}\s*年.{1,6}日$"  # a 纪要's date beside its office
)
_IMPRINT_CELL = re.compile(r"^(抄\s*送|分\s*送|抄\s*报)\s*[:：]|印\s*发$")
_CELL_MAX = 40  # a cell of the 版头 or 版记 holds a name, a number or a date, not a paragraph


def _cells(block: Block) -> list[str]:
    return [clean(cell) for row in block.rows for cell in row if clean(cell)]


def _layout_table(block: Block, pattern: re.Pattern[str]) -> bool:
    cells = _cells(block)
    return bool(cells) and all(len(cell) <= _CELL_MAX for cell in cells) and any(pattern.search(c) for c in cells)


def unfold_tables(blocks: list[Block]) -> list[Block]:
    """A 版头 or 版记 laid out in a table as the lines it prints: each row's cells in one line, left to right.

    A table counts as the 版头 when it comes before any paragraph of text and holds a 文号, a 签发人 or a
    标志; as the 版记 when only rules, pictures or other such tables follow it and it holds 抄送 or 印发."""
    out: list[Block] = []
    seen_text = False
    for k, block in enumerate(blocks):
        at_head = not seen_text and _layout_table(block, _HEAD_CELL)
        at_end = _layout_table(block, _IMPRINT_CELL) and all(
            not b.is_text or _layout_table(b, _IMPRINT_CELL) for b in blocks[k + 1 :]
        )
        if block.rows and (at_head or at_end or (seen_text and _signed_table(block, blocks[k + 1 :]))):
            align = CENTER if at_head else (block.align if at_end else RIGHT)
            for row in block.rows:
                cells = list(dict.fromkeys(clean(cell) for cell in row if clean(cell)))  # a merged cell once
                if cells:
                    out.append(Block(text=" ".join(cells), align=align))
            continue
        seen_text = seen_text or (block.is_text and (len(clean(block.text)) > _CELL_MAX or "。" in block.text))
        out.append(block)
    return out


def _signed_table(block: Block, after: list[Block]) -> bool:
    """The 署名 and 成文日期 in a table (joint issuers' names side by side over their seals): at most three
    rows, names above (no figures in them), the last row only the date, and no date of its own after it."""
    if not 1 < len(block.rows) <= 3:
        return False
    *names, last = [[clean(cell) for cell in row if clean(cell)] for row in block.rows]
    return (
        len(last) == 1
        and bool(iso_date(last[0]))
        and any(names)
        and all(
            _BODY_NAME_MIN - 1 <= len(name) <= _CELL_MAX and not re.search(r"\d", name) for row in names for name in row
        )
        and not any(b.is_text and iso_date(b.text) for b in after)
    )


# --- 联合行文 -------------------------------------------------------------------------------------------

_BODY_NAME_MIN = 4  # 示例局办公室: an organisation's name is longer than a post (市长) or a person's name


def organisations(line: str) -> list[str]:
    """The issuers on one line of a 版头 or a 署名: apart where the print leaves space between full names
    (中共示例市委办公室　示例市人民政府办公室), one name when the spaces only spread its letters."""
    parts = [clean(part) for part in re.split(r" |文\s*件", squash(line)) if clean(part)]
    if len(parts) > 1 and all(len(part) >= _BODY_NAME_MIN for part in parts):
        return parts
    return [clean(line)] if clean(line) else []


def spaced_title(title: str, issuers: list[str]) -> str:
    """A joint title keeps the issuers apart, as printed: 甲办公室 乙办公室关于……的通知."""
    joined = "".join(issuers)
    if len(issuers) > 1 and title.startswith(joined):
        return " ".join(issuers) + title[len(joined) :]
    return title


# --- 纪要 ------------------------------------------------------------------------------------------------

_MINUTES_MARK = re.compile(r"纪\s*要$")
# 第3期, （2025年第5期）, 〔2025〕第12期, 2025年第5期（总第40期）: the 期号 under a 纪要标志.
_ISSUE_NUMBER = re.compile(
    r"^[（(]?(?:[〔\[［【(（]?(?P<year>\d{4})\s*(?:年|[〕\]］】)）]))?\s*第\s*(?P<n>[\d〇一二三四五六七八九十百]+)\s*期"
    r"[）)]?(?:[（(]?总第\s*\d+\s*期[）)]?)?$"
)
_OFFICE_AND_DATE = re.compile(r"^(?P<office>\S.*?)\s+(?P<date>(\d{4}|[〇○零一二三四五六七八九]{4})\s*年.+日)$")


@dataclass(frozen=True)
class MinutesHead:
    end: int  # index of the first block after the 版头
    office: str = ""
    date_text: str = ""
    mark: str = ""  # the 纪要标志 (示例局局长办公会议纪要): the title of a 纪要 that has no other
    issue: str = ""  # the 期号 as the title writes it: 第3期, 2025年第12期

    @property
    def title(self) -> str:
        return f"{self.mark}（{self.issue}）" if self.issue else self.mark


def _issue(text: str) -> str:
    match = _ISSUE_NUMBER.match(text.replace(" ", ""))
    if not match:
        return ""
    number = match.group("n")
    number = str(int(number)) if number.isdigit() else number
    return f"{match.group('year')}年第{number}期" if match.group("year") else f"第{number}期"


def minutes_head(blocks: list[Block]) -> MinutesHead | None:
    """A 纪要's 版头: 纪要标志 (on one line, or wrapped over two of the same look), maybe its 期号, the office
    and date on one line, the rules; None when not one."""
    k = 0
    while k < len(blocks) and not blocks[k].is_text:
        k += 1
    if k >= len(blocks) or k > 3:
        return None
    mark = blocks[k]
    text = clean(mark.text)
    following = blocks[k + 1] if k + 1 < len(blocks) else Block()
    if (
        not _MINUTES_MARK.search(text)
        and following.is_text
        and _MINUTES_MARK.search(clean(following.text))
        and following.red == mark.red
        and abs(following.size - mark.size) < 0.6
    ):
        text += clean(following.text)  # a large 标志 wrapped (a PDF line each)
        k += 1
    if not _MINUTES_MARK.search(text) or not (mark.red or mark.align == CENTER) or len(text) > 30:
        return None
    k += 1
    office, day, issue = "", "", ""
    while k < len(blocks) and (blocks[k].rule or (blocks[k].is_text and not office)):
        line = squash(plain_digits(blocks[k].text))
        if blocks[k].rule:
            k += 1
            continue
        if _issue(line):
            issue = issue or _issue(line)
            k += 1
            continue
        match = _OFFICE_AND_DATE.match(line)
        following = blocks[k + 1] if k + 1 < len(blocks) else Block()
        if match and iso_date(match.group("date")):
            office, day = clean(match.group("office")), match.group("date")
        elif following.is_text and iso_date(following.text) and not re.search(r"\d", line):
            office, day = clean(line), following.text  # the office on the left, the date on a line of its own
            k += 1
        else:
            break
        k += 1
    return MinutesHead(k, office, day, text, issue)


# --- 命令, 决议, 公报 -------------------------------------------------------------------------------------

_ORDER_MARK = re.compile(r"^(?P<issuer>.+?)(命令|令)$")
_ADOPTED = re.compile(
    r"^[（(](?P<date>(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}?\s*日)"
    r"\s*(?P<by>\S.*?)\s*(通过|批准|审议通过)[）)]$"
)


def order_issuer(marks: tuple[str, ...]) -> str | None:
    """The issuer of a 命令 from its 标志 (示例市人民政府令 → 示例市人民政府)."""
    if len(marks) == 1 and (match := _ORDER_MARK.match(marks[0])):
        return match.group("issuer")
    return None


def adopted(text: str) -> tuple[str, str] | None:
    """（2025年5月20日某某大会通过）under a 决议's or 公报's title: its date as printed and the body that adopted it."""
    match = _ADOPTED.match(clean(plain_digits(text)))
    return (match.group("date"), match.group("by")) if match else None


def closed_brackets(blocks: list[Block], at: int) -> list[Block]:
    """A bracketed line a PDF broke in two ((2025年…第三次全 / 体会议通过)) joined again."""
    if at >= len(blocks) or not blocks[at].is_text:
        return blocks
    text = clean(blocks[at].text)
    if not text.startswith(("（", "(")) or text.endswith(("）", ")")):
        return blocks
    for end in range(at + 1, min(at + 3, len(blocks))):
        if not blocks[end].is_text:
            return blocks
        text += clean(blocks[end].text)
        if text.endswith(("）", ")")):
            joined = Block(text=text, align=blocks[at].align, size=blocks[at].size)
            return [*blocks[:at], joined, *blocks[end + 1 :]]
    return blocks
