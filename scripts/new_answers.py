"""The answers `make new` takes, each checked as it is typed: a date, a name, a choice, a 文号 …

Each check returns the clean value (full-width digits made plain, a 文号 made canonical) or raises Refused
with the reason in Chinese; the same checks serve an answer typed at a question and an argument on the
command line (scripts/new.py), so both are held to the build's own rules. Imported by scripts/new.py once it
has put hooks/ on the path.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date

from studysite.core import docnumber
from studysite.core.dates import FORMS, written_date
from studysite.core.fields import NAMES, format_date
from studysite.core.kinds import KINDS as REGISTRY
from studysite.core.kinds import Kind
from studysite.model.entries import CLASSIFICATIONS, SECRET_LEVELS
from studysite.model.measures import TBD
from studysite.rules.lint import canonical_doc_number

# What `make new` offers, by menu number: the registry's kinds that have a `new` entry, and two changes to a
# measure's items. Each: key → (number, label, words a clerk may type for it).
_ITEM_ACTIONS = {
    "item": ("3", "整改事项", ("整改事项", "事项", "添加事项")),
    "status": ("4", "更新事项状态", ("更新事项状态", "更新状态", "状态", "更新")),
}


def menu(kinds: tuple[Kind, ...] = REGISTRY) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    offered = {kind.key: (kind.new.number, kind.label, (kind.label, *kind.new.words)) for kind in kinds if kind.new}
    return dict(sorted((offered | _ITEM_ACTIONS).items(), key=lambda item: int(item[1][0])))


KINDS = menu()


class Refused(argparse.ArgumentTypeError):
    """A reason, in Chinese, why an answer is not taken or nothing was written (argparse shows it as is)."""


# Full-width digits, Latin letters, hyphen and space, as an input method types them, made plain; Chinese
# brackets and punctuation stay as they are (命令（令） is a 文种's own name).
_PLAIN = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0D]}
    | {"\u3000": " "}
)


def normalized(answer: str) -> str:
    """An answer as typed with an input method: full-width digits and letters made plain, ends trimmed."""
    return answer.translate(_PLAIN).strip()


def a_date(answer: str) -> str:
    """2025-03-12 from 2025-03-12, 2025-3-12, 2025年3月12日, 二〇二五年三月十二日, 2025.3.12 or 2025/3/12: the
    dates `make import` reads in a document (studysite.core.dates)."""
    day, reason = written_date(normalized(answer))
    if day is None:
        raise Refused(f"应为日期，如 {FORMS}，实为 “{answer}”（{reason}）")
    return day.isoformat()


def a_date_or_tbd(answer: str) -> str:
    return TBD if normalized(answer) == TBD else a_date(answer)


def a_date_until(today: date, what: str = "日期") -> Callable[[str], str]:
    """A real day not after today: a 成文日期, a speech's day or a 销号日期 cannot lie ahead."""

    def check(answer: str) -> str:
        value = a_date(answer)
        if date.fromisoformat(value) > today:
            raise Refused(f"{what}不能晚于今天（{format_date(today)}），实为 “{answer}”")
        return value

    return check


def a_closing_date(today: date) -> Callable[[str], str]:
    return a_date_until(today, "销号日期")


def one_of(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    """A choice by its name or its number in the list (1 = the first; full-width digits too)."""

    def check(answer: str) -> str:
        text = normalized(answer)
        if text in choices or text.upper() in choices:  # m2 is M2
            return text if text in choices else text.upper()
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        listed = "  ".join(f"{n} {c}" for n, c in enumerate(choices, 1))
        raise Refused(f"{what}应为 {listed} 之一（可输入序号），实为 “{answer}”")

    return check


def a_kind(answer: str) -> str:
    text = normalized(answer)
    for kind, (number, _, names) in KINDS.items():
        if text in (number, kind, *names):
            return kind
    listed = "  ".join(f"{number} {label}" for number, label, _ in KINDS.values())
    raise Refused(f"应为 {listed} 之一（输入序号或名称），实为 “{answer}”")


_NOT_A_NAME = re.compile(r"^[\d\W_]+$|^\d{4}\s*[年./-]")


def a_names(answer: str) -> list[str]:
    names = [name for name in NAMES.split(normalized(answer)) if name]
    if not names:
        raise Refused("至少写一个名称")
    odd = [name for name in names if _NOT_A_NAME.match(name)]
    if odd:
        raise Refused(f"应为姓名或机关名称，多个用、分隔，实为 “{'、'.join(odd)}”")
    return names


def a_occasion(answer: str) -> str:
    text = answer.strip()
    if "《" in text or "》" in text:
        raise Refused(f"场合写会议名称，不加书名号，实为 “{text}”")
    if _NOT_A_NAME.match(normalized(text)):
        raise Refused(f"场合应为会议或活动的名称，如 示例局理论学习中心组学习会，实为 “{text}”")
    return text


def a_classification(answer: str) -> str:
    if normalized(answer).startswith(SECRET_LEVELS):
        raise Refused(f"密级应为 {_menu(CLASSIFICATIONS)} 之一，实为 “{answer}”：涉密文件不得收入本站，请不要添加")
    return one_of(CLASSIFICATIONS, "密级")(answer)


def a_past_date(today: date) -> Callable[[str], str]:
    return a_date_until(today)


def a_text(answer: str) -> str:
    text = answer.strip()
    if not text:
        raise Refused("不能为空")
    return text


def a_doc_number(doc_type: str | None, taken: dict[str, str] | None = None) -> Callable[[str], str]:
    """A 文号, made canonical; taken: the 文号 already in the compilation, by the file that holds it."""

    def check(answer: str) -> str:
        text = canonical_doc_number(normalized(answer).replace(" ", "")) or answer.strip()
        if taken and text in taken:
            raise Refused(
                f"文号 {text} 已收录在 {taken[text]}：同一份公文不必再添加（按 Ctrl-C 退出）；如不是，请核对文号"
            )
        if docnumber.is_valid(text, doc_type):
            return text
        reasons = "；".join(docnumber.faults(text)) or "格式不对"
        raise Refused(f"文号应为 {docnumber.expected_for(doc_type)}，如 示发〔2025〕7号，实为 “{answer}”（{reasons}）")

    return check


def a_topics(allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
    def check(answer: str) -> list[str]:
        topics = []
        for typed in a_names(answer):
            topic = one_of(allowed, "专题")(typed)
            topics.append(topic)
        return topics

    return check


def evidence_text(typed: str) -> str:
    """One 佐证材料 as typed, a 文号 among them put right (示组发[2025]3号 → 示组发〔2025〕3号)."""
    text = typed.strip()
    return canonical_doc_number(normalized(text).replace(" ", "")) or text


def _menu(choices: tuple[str, ...]) -> str:
    return "  ".join(f"{n} {c}" for n, c in enumerate(choices, 1))
