"""Personal numbers taken out of what an import writes: a mobile, ID or bank-card number in a field or the body.

What counts as one is the guards' own definition (studysite.rules.secrecy.personal_numbers: full-width digits,
spaces and dots inside a number count), so nothing the build would refuse reaches docs/, not even for a moment.
The number goes with its label (手机：, 身份证号) and the separator it leaves behind; the contact's name and an
office landline stay. The importer says what it removed and where, never the number itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from studysite.importer.document import Block, Note
from studysite.rules.secrecy import personal_numbers

# A label written just before the number, and the mark after it: they mean nothing once the number is gone.
_LABEL = re.compile(
    r"(?:(?:联系|办公|移动|个人)?(?:电话|手机|手机号码?|号码|电话号码)|身份证(?:号码?)?|公民身份号码|(?:银行)?卡号|账号)"
    r"\s*[:：]?\s*$"
)
_SEPARATORS = "，、；,; \u3000"
_OPENING = "（(【[“"
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[）)]")
_CLOSING = "）)】]”"


@dataclass(frozen=True)
class Removed:
    """What was taken out, said in Chinese: 手机号（附注）, 身份证号（正文第3段）."""

    rule: str
    where: str

    def __str__(self) -> str:
        return f"{self.rule}（{self.where}）"


def without_numbers(text: str) -> tuple[str, list[str], list[tuple[int, int]]]:
    """The text with every personal number (and its label) taken out, the rules of what went, and the cut spans
    (in the text as given, for moving what points into it)."""
    found = personal_numbers(text)
    if not found:
        return text, [], []
    cuts: list[tuple[int, int]] = []
    for start, end, _ in found:
        label = _LABEL.search(text, max(0, start - 12), start)
        if label and label.end() == start and _label_alone(text, label):
            start = label.start()
        cuts.append((start, end))
    cuts = _tidied(text, cuts)
    kept, at = [], 0
    for start, end in cuts:
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    return _EMPTY_BRACKETS.sub("", "".join(kept)).strip(), [rule for _, _, rule in found], cuts


def _label_alone(text: str, label: re.Match[str]) -> bool:
    """A label that means nothing without its number: with its colon (手机：), or a word of its own (，手机139…);
    one that ends a longer word (工资卡号) stays, so the sentence still reads."""
    before = text[label.start() - 1] if label.start() else "\n"
    return label.group().rstrip().endswith(("：", ":")) or before in _SEPARATORS + _OPENING + "。：:\n"


def _tidied(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each cut widened over what it leaves dangling: （139…） goes whole, ，139…） → ）, （139…，示例甲 → （示例甲."""
    tidy: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        before = start
        while before > 0 and text[before - 1] in " \u3000":
            before -= 1
        after = end
        while after < len(text) and text[after] in " \u3000":
            after += 1
        previous = text[before - 1] if before else "\n"
        following = text[after] if after < len(text) else "\n"
        if previous in "（(" and following in "）)":
            start, end = before - 1, after + 1  # （139…）: the brackets held only the number
        elif previous in _SEPARATORS and (following in _CLOSING + _SEPARATORS + "。！？!?\n"):
            start = before - 1  # ，139…） or ，139…，
        elif following in _SEPARATORS and previous in _OPENING + "：:\n":
            end = after + 1  # （139…，示例甲 or a number first in the text
        else:
            start = before  # 赵示例 139…）: the space that set the number apart goes with it
        if tidy and start <= tidy[-1][1]:
            tidy[-1] = (tidy[-1][0], max(end, tidy[-1][1]))
        else:
            tidy.append((start, end))
    return tidy


def _moved(at: int, cuts: list[tuple[int, int]]) -> int:
    """A position in the text after the cuts (a footnote's place)."""
    gone = sum(min(end, at) - start for start, end in cuts if start < at)
    return at - gone


def _block(block: Block) -> tuple[Block, list[str], list[str], list[str]]:
    """A block without personal numbers: its new form, and what went from its text, its table cells, its notes."""
    text, from_text, cuts = without_numbers(block.text)
    notes, from_notes = [], []
    for note in block.notes:
        note_text, rules, _ = without_numbers(note.text)
        notes.append(Note(_moved(note.at, cuts), note_text))
        from_notes += rules
    rows, from_rows = [], []
    for row in block.rows:
        cells = []
        for cell in row:
            cell_text, rules, _ = without_numbers(cell)
            cells.append(cell_text)
            from_rows += rules
        rows.append(tuple(cells))
    lead = block.lead if block.lead and text.startswith(block.lead) else ""
    changed = replace(block, text=text, lead=lead, notes=tuple(notes), rows=tuple(rows))
    return changed, from_text, from_rows, from_notes


def clean_body(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Removed]]:
    """The body without personal numbers; where each was (正文第N段 counts paragraphs as the import's summary does)."""
    kept, removed = [], []
    paragraph = table = 0
    for block in blocks:
        paragraph += block.is_text
        table += bool(block.rows)
        changed, from_text, from_rows, from_notes = _block(block)
        removed += [Removed(rule, f"正文第{paragraph}段") for rule in from_text]
        removed += [Removed(rule, f"第{table}个表格") for rule in from_rows]
        removed += [Removed(rule, f"正文第{paragraph}段的脚注") for rule in from_notes]
        if changed.text or changed.rows or changed.image or changed.rule or not block.text:
            kept.append(changed)
    return tuple(kept), removed


def clean_fields(fields: dict[str, object], labels: dict[str, str]) -> tuple[dict[str, object], list[Removed]]:
    """The front matter's values without personal numbers; an item or a value left empty goes."""
    cleaned: dict[str, object] = {}
    removed: list[Removed] = []
    for key, value in fields.items():
        where = labels.get(key, key)
        if isinstance(value, str):
            value, rules, _ = without_numbers(value)
            removed += [Removed(rule, where) for rule in rules]
        elif isinstance(value, list | tuple):
            items = []
            for item in value:
                if isinstance(item, str):
                    item, rules, _ = without_numbers(item)
                    removed += [Removed(rule, where) for rule in rules]
                if item:
                    items.append(item)
            value = items
        if value not in ("", []):
            cleaned[key] = value
    return cleaned, removed


def said(removed: list[Removed]) -> str:
    """已删除个人信息：手机号（附注）、身份证号（正文第3段） — each kind once per place."""
    return "已删除个人信息：" + "、".join(dict.fromkeys(str(r) for r in removed))
