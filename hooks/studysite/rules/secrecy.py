"""Marks of classified documents and personal data, judged on the text a reader gets (studysite.core.readertext).

Each stops the build. Pages are judged on their Markdown (at the exact line and column) and again on the HTML
MkDocs renders (what rendering alone reveals, named at the nearest source line); attachments on every text
they carry (studysite.rules.attachments). `make check` and the build call the same functions on the same text.

A mark of a state secret (GB/T 9704, 保密法) is a level word (绝密, 机密, 秘密) followed by a star-like sign or a
保密期限; what may follow a level word in ordinary prose is a short allowlist (Han characters, letters, the
punctuation of a sentence), so any other sign after it (★ ✱ ▲ * ※ …) is a mark, however it is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from studysite.core.frontmatter import parse, split
from studysite.core.problems import Problem
from studysite.core.readertext import SEPARATOR, Piece, from_html, from_markdown, from_plain, plain_characters
from studysite.core.sources import Source
from studysite.rules.findings import Finding

SECRET_EXPECTED = "非涉密内容（涉密不上网，上网不涉密）"
PERSONAL_EXPECTED = "不含个人信息的正文"
SECRET_RULES = ("国家秘密标志", "份号", "密级标注")

# Between the characters of a word: spaces, markup left in the text, a soft line break (never a blank line).
_GAP = r"(?:[ \t*_~^`]|\n(?![ \t]*\n))*"
_LEVEL = rf"(?:绝{_GAP}密|机{_GAP}密|秘{_GAP}密)"
# What a level word may be followed by in a sentence; any other sign after it is a mark's star.
_PROSE = r"，。、；：！？…—\-－·“”‘’\"'（）()《》〈〉【】\[\]「」『』,.;:!?/"
_STAR = rf"(?![{_PROSE}])[^\w\s]"
_TERM = rf"(?:\d+{_GAP}(?:年|个{_GAP}月)|长{_GAP}期)"
_TERM_IN_WORDS = rf"[〇一二三四五六七八九十两]+{_GAP}(?:年|个{_GAP}月)"
_LEVEL_WORD = re.compile(_LEVEL)
_WITH_TERM = re.compile(rf"{_GAP}(?:[^\w\n]{_GAP}){{0,3}}{_TERM}")  # 机密5年, 机密★5年, 绝密·长期
_WITH_STAR = re.compile(
    rf"{_GAP}(?:[{_PROSE}]{_GAP}){{0,2}}{_STAR}(?:{_GAP}[^\w\n]){{0,3}}(?:{_GAP}(?:{_TERM}|{_TERM_IN_WORDS}))?"
)
_LEVEL_ALONE = re.compile(rf"^[^\w\n]*({_LEVEL})[^\w\n]*$", re.MULTILINE)
_COPY_NUMBER = re.compile(rf"份{_GAP}号")
_COPY_VALUE = re.compile(rf"{_GAP}[:：]?[ \t]*[^\s]*")
_HEADER = re.compile(rf"密{_GAP}级(?:和保密期限)?")
_HEADER_VALUE = re.compile(rf"{_GAP}[:：][ \t]*[^\s]*|{_GAP}[:：]?{_GAP}(?:[^\w\n]{_GAP}){{0,3}}{_LEVEL}\S*")
_LINE_START = re.compile(r"(?:^|\n)[^\w\n]*$")


@dataclass(frozen=True)
class Hit:
    """One guard's finding in a piece of reader text: its span, and the unmasked text (never shown)."""

    start: int
    end: int
    rule: str
    expected: str
    got: str
    advice: str
    raw: str

    def __post_init__(self) -> None:  # a line break inside what is quoted is shown as a space
        object.__setattr__(self, "got", re.sub(r"\s*\n\s*", " ", self.got))


def _at_line_start(text: str, position: int) -> bool:
    return bool(_LINE_START.search(text, max(0, position - 40), position))


def _marks(text: str) -> list[Hit]:
    hits: list[Hit] = []
    advice = "删除该页，涉密文件不得收入本站"
    for match in _LEVEL_WORD.finditer(text):
        tail = _WITH_TERM.match(text, match.end()) or _WITH_STAR.match(text, match.end())
        if tail:
            got = text[match.start() : tail.end()].strip()
            hits.append(Hit(match.start(), tail.end(), "国家秘密标志", SECRET_EXPECTED, got, advice, got))
    taken = {hit.start for hit in hits}
    for match in _LEVEL_ALONE.finditer(text):
        if match.start(1) not in taken:
            got = match.group(1)
            alone = "独占一行（或一个表格单元格）的密级是涉密文件的版头，删除该页"
            hits.append(Hit(match.start(1), match.end(1), "国家秘密标志", SECRET_EXPECTED, got, alone, got))
    for match in _COPY_NUMBER.finditer(text):
        value = _COPY_VALUE.match(text, match.end())  # always matches, if only the empty text
        value_end = value.end() if value else match.end()
        got = text[match.start() : value_end].strip()
        numbered = re.search(r"\d{3}", got)
        if _at_line_start(text, match.start()) or (numbered and text[match.start() - 1 : match.start()] != "身"):
            advice = "份号只出现在涉密文件上，删除该行并核实密级"
            hits.append(Hit(match.start(), value_end, "份号", "不含份号的正文", got, advice, got))
    for match in _HEADER.finditer(text):
        value = _HEADER_VALUE.match(text, match.end())
        if value and (_at_line_start(text, match.start()) or _LEVEL_WORD.search(value.group())):
            got = text[match.start() : value.end()].strip()
            advice = "删除照抄的密级行；非密资料在文件头写 classification"
            hits.append(Hit(match.start(), value.end(), "密级标注", "不含密级版头的正文", got, advice, got))
    return hits


# --- personal data ------------------------------------------------------------------------------------------

_RUN = re.compile(rf"\d(?:{SEPARATOR}?\d)*(?:{SEPARATOR}?[Xx](?![A-Za-z]))?")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# The provinces of GB/T 2260: an 18-digit number starting elsewhere is not an ID number.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_COUNTRY_CODE = re.compile(r"(?:\+|00)?86[ \t-]?$")
_YEARS = re.compile(r"(?:(?:19|20)\d\d)+")


def is_valid_id_number(candidate: str) -> bool:
    """18-digit 公民身份号码 with a valid ISO 7064 MOD 11-2 check digit (GB 11643)."""
    total = sum(int(digit) * weight for digit, weight in zip(candidate[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == candidate[17].upper()


def looks_like_id_number(candidate: str) -> bool:
    """A real province and a real birth date: a person's number even when a typo broke its check digit."""
    if candidate[:2] not in _PROVINCES:
        return False
    try:
        born = date(int(candidate[6:10]), int(candidate[10:12]), int(candidate[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def is_luhn_valid(digits: str) -> bool:
    """The check digit of bank card numbers (ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _masked(value: str, keep_start: int, keep_end: int) -> str:
    """Personal data shown in a CI log only in part: the digits between are starred, separators kept."""
    digits = [i for i, c in enumerate(value) if c.isascii() and c.isalnum()]
    hidden = set(digits[keep_start : len(digits) - keep_end])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def _numbers(text: str, start: int, end: int) -> list[Hit]:
    """ID, mobile and card numbers in one run of digits, each starting and ending where a group of it does."""
    positions = [i for i in range(start, end) if text[i].isdigit() or text[i] in "Xx"]
    digits = "".join(text[i] for i in positions)
    count = len(positions)
    opens = [i == 0 or positions[i] != positions[i - 1] + 1 for i in range(count)]
    closes = [i == count - 1 or positions[i + 1] != positions[i] + 1 for i in range(count)]
    hits: list[Hit] = []
    used: set[int] = set()

    def written_as_one(first: int, last: int) -> bool:
        """Separators as a number is written: one kind throughout (138 1234 5678, 1 3 8 …), or up to three of
        two kinds ((138)1234-5678); decimals and measures in a row (2.5 0 0 1.5-2) are no number."""
        gaps = [text[positions[k] + 1 : positions[k + 1]] for k in range(first, last)]
        gaps = [gap for gap in gaps if gap]
        kinds = {gap.strip(" \t") or " " for gap in gaps}
        spaced_out = len(gaps) == last - first  # every digit apart: 1 3 8 1 2 3 4 5 6 7 8
        return (len(kinds) <= 1 and (len(gaps) <= 4 or spaced_out)) or (len(kinds) == 2 and len(gaps) <= 3)

    def add(first: int, last: int, rule: str, advice: str, keep: tuple[int, int], prefix: str = "") -> None:
        span_start, span_end = positions[first] - len(prefix), positions[last] + 1
        raw = text[span_start:span_end]
        got = prefix + _masked(raw[len(prefix) :], *keep)
        hits.append(Hit(span_start, span_end, rule, PERSONAL_EXPECTED, got, advice, raw))
        used.update(range(first, last + 1))

    for i in range(count - 17):
        candidate = digits[i : i + 18]
        if opens[i] and closes[i + 17] and candidate[:17].isdigit() and written_as_one(i, i + 17):
            if is_valid_id_number(candidate):
                add(i, i + 17, "身份证号", "删除身份证号", (4, 4))
            elif looks_like_id_number(candidate):
                add(i, i + 17, "疑似身份证号", "地区和出生日期都像真实号码（校验位写错也是他人的号码），请删除", (4, 4))
    for i in range(count - 10):
        if digits[i] != "1" or digits[i + 1] not in "3456789" or not closes[i + 10] or used & {i, i + 10}:
            continue
        after_code = (i >= 2 and digits[i - 2 : i] == "86" and opens[i - 2]) or (
            i >= 4 and digits[i - 4 : i] == "0086" and opens[i - 4]
        )  # 8613812345678: the country code written against the number
        if (opens[i] or after_code) and written_as_one(i, i + 10):
            prefix = _COUNTRY_CODE.search(text, max(0, positions[i] - 6), positions[i])
            add(i, i + 10, "手机号", "删除手机号，需要时写办公电话", (3, 4), prefix.group() if prefix else "")
    for i in range(count - 15):
        for length in (19, 18, 17, 16):
            last = i + length - 1
            if last >= count or not (opens[i] and closes[last]) or used & set(range(i, last + 1)):
                continue
            if not written_as_one(i, last):
                continue
            candidate = digits[i : last + 1]
            card = candidate.isdigit() and len(set(candidate)) > 2 and not _YEARS.fullmatch(candidate)
            if card and is_luhn_valid(candidate):
                add(i, last, "银行卡号", "删除银行卡号", (4, 4))
                break
    return hits


def _personal_data(text: str) -> list[Hit]:
    hits = []
    for run in _RUN.finditer(text):
        if sum(c.isdigit() for c in run.group()) >= 11:
            hits += _numbers(text, run.start(), run.end())
    return hits


PERSONAL_RULES = ("身份证号", "疑似身份证号", "手机号", "银行卡号")


def personal_numbers(text: str) -> list[tuple[int, int, str]]:
    """Each ID, mobile or card number in a plain text, as the guards find it (full-width digits, spaces and dots
    inside a number count): its span in the text as given, and its rule. The importer drops them."""
    spans = []
    for piece in from_plain(text):
        for hit in _personal_data(piece.text):
            spans.append((piece.source_offset(hit.start), piece.source_offset(hit.end - 1) + 1, hit.rule))
    return sorted(spans)


def hits_in(text: str) -> list[Hit]:
    """Every guard's findings in one piece of reader text."""
    return _marks(text) + _personal_data(text)


# --- pages ------------------------------------------------------------------------------------------------


def _strings(value: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string of a parsed front matter (keys too) and every number as the page shows it, with its key path."""
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found += [(path, str(key))] + _strings(item, path + (key,))
        return found
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _strings(item, path + (index,))]
    if isinstance(value, bool) or value is None:
        return []
    return [(path, str(value))]


_VALUE_START = re.compile(r"""[ \t]*(?:-[ \t]+)?(?:[^:\n]*:[ \t]+)?(?:-[ \t]+)?[|>"'\[]?""")


def _blank_front_matter(text: str) -> tuple[str, int]:
    """The text with the front matter's lines (between its fences) blanked, same length; and its last line."""
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines) - 1)
    for index in range(1, closing):
        lines[index] = " " * len(lines[index])
    return "\n".join(lines), closing


def _front_matter_findings(path: str, text: str) -> tuple[str, set[Finding]]:
    """The findings in a page's front matter as its YAML is read (what the page shows: \\u and \\x escapes decoded,
    invisible characters removed; read again as Markdown, as a template may render it), each at its key's line; and the text left for the rest of the guards. Front
    matter that does not parse (the build stops on it) is read as typed instead."""
    if split(text)[0] is None:
        return text, set()
    front, _ = parse(path, text)
    if front is None:
        return text, set()
    lines = text.split("\n")
    found = set()
    for key_path, value in _strings(front.data):
        pieces = [plain_characters(Piece(value))] + from_markdown(value)  # as text, and as a page may render it
        for hit in (hit for piece in pieces for hit in hits_in(piece.text)):
            line = front.line(*key_path)
            start = _VALUE_START.match(lines[line - 1]) if line <= len(lines) else None
            column = start.end() + 1 if start else 1
            found.add(Finding(path, line, column, hit.rule, hit.expected, hit.got, hit.advice))
    blanked, _ = _blank_front_matter(text)
    return blanked, found


@lru_cache(maxsize=4096)
def _page_findings(path: str, text: str) -> tuple[Finding, ...]:
    body, found = _front_matter_findings(path, text)
    readings = [(piece, _marks(piece.text) + _personal_data(piece.text)) for piece in from_markdown(body)]
    if "|" in body:  # a table row read as a reader reads it: a number split over its cells
        readings += [(piece, _personal_data(piece.text)) for piece in from_markdown(body, rows=True)[:1]]
    for piece, hits in readings:
        for hit in hits:
            offset = piece.source_offset(hit.start)
            line_start = text.rfind("\n", 0, offset) + 1
            line = text.count("\n", 0, offset) + 1
            found.add(Finding(path, line, offset - line_start + 1, hit.rule, hit.expected, hit.got, hit.advice))
    return tuple(sorted(found))


def security(path: str, text: str, lines: object = None) -> list[Finding]:
    """Marks of classified documents and personal data in a page's source as its reader gets it: each stops the
    build (front matter, alt text, link targets and comments too). lines: unused, kept for the callers' form."""
    return list(_page_findings(path, text))


def _source_line(source: Source, hit: Hit) -> int:
    """The line of the source a rendered finding most likely came from (its digits, else its first word)."""
    digits = re.sub(r"\D", "", hit.raw)
    for piece in from_markdown(source.text):
        found = [(m.group(), m.start()) for m in re.finditer(r"\d", piece.text)]
        at = "".join(d for d, _ in found).find(digits) if digits else -1
        if at >= 0:
            return source.text.count("\n", 0, piece.source_offset(found[at][1])) + 1
    word = re.sub(r"\W", "", hit.raw)[:1]
    at = source.text.find(word) if word else -1
    body = len(source.text) - len(source.body)
    return source.text.count("\n", 0, at if at >= 0 else body) + 1


def rendered_problems(source: Source, html: str) -> list[Problem]:
    """What the guards find in a page's rendered HTML when its source passed them (a page already refused is
    named at its exact places): rendering can join what the source kept apart."""
    if _page_findings(source.path, source.text):
        return []
    return sorted(
        {
            Problem(source.path, _source_line(source, hit), hit.rule, hit.expected, hit.got, hit.advice)
            for piece in from_html(html)
            for hit in hits_in(piece.text)
        }
    )


def text_hits(pieces: list[Piece]) -> list[Hit]:
    """The findings of an attachment's texts, in order."""
    return [hit for piece in pieces for hit in hits_in(piece.text)]
