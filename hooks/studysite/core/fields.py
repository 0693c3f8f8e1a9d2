"""Field checks shared by every front-matter contract: each returns the clean value or a problem.

A check never raises; it reports what it expected and what the clerk typed, in Chinese, at the line of
the field, so one run lists every mistake of every file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, overload

from studysite.core.frontmatter import FrontMatter
from studysite.core.problems import Problem

MISSING = "（未填写）"
UNFILLED = "对照原件填写的值"
UNFILLED_HINT = "原件上没有这一项的，删去这一行"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
T = TypeVar("T")


def format_date(day: date) -> str:
    """2025-03-12 as 2025年3月12日 (no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def shown(value: object) -> str:
    """A clerk's value as it reads in a message: a list as a list, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {shown(item)}" for key, item in value.items()) + "}"
    return str(value)


def path_name(path: tuple, names: Mapping[tuple, str] | None = None) -> str:
    """A key path as a clerk finds it in the file: items[2].status, or M2-2.status where the item has an id."""
    for cut in range(len(path), 0, -1):
        if names and path[:cut] in names:
            return names[path[:cut]] + "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path[cut:])
    return str(path[0]) + "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path[1:])


@dataclass
class Reader:
    """Reads the fields of one file's front matter and collects its problems."""

    path: str
    front: FrontMatter
    labels: dict[str, str]
    problems: list[Problem]
    names: dict[tuple, str] = field(default_factory=dict)  # a nested item's own name: ("items", 1) -> M2-2

    def label(self, *path: object) -> str:
        """items[2].status 状态: the path as a clerk finds it, and the field's Chinese name.

        Nested fields are named by "parent.child" keys in labels (items.status), else by their parent.
        """
        key = str(path[0])
        names = [part for part in path if isinstance(part, str)]
        nested = f"{names[0]}.{names[-1]}" if len(names) > 1 else key
        return f"{path_name(path, self.names)} {self.labels.get(nested, self.labels.get(key, ''))}".rstrip()

    def value(self, *path: object) -> object:
        current: Any = self.front.data  # YAML's tree: each step is checked before it is taken
        for part in path:
            in_mapping = isinstance(current, dict) and part in current
            in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
            if not (in_mapping or in_list):
                return None
            current = current[part]
        return current

    def fail(self, path: tuple, expected: str, got: object, hint: str = "") -> None:
        self.problems.append(
            Problem(self.path, self.front.line(*path), self.label(*path), expected, shown(got) or MISSING, hint)
        )

    def missing(self, key: str, expected: str) -> None:
        self.problems.append(Problem(self.path, self.front.line(key), self.label(key), expected, MISSING))

    def read(
        self, key: str, check: Callable[[Reader, tuple, object], T | None], required: bool = False, within: tuple = ()
    ) -> T | None:
        """The checked value of a field, at the top of the front matter or `within` a nested one (items, 0)."""
        path = within + (key,)
        raw = self.value(*path)
        if raw is None or raw == "" or raw == []:
            if required:
                check(self, path, None)
            return None
        return check(self, path, raw)

    def unfilled(self, keys: Iterable[str]) -> None:
        """Optional fields written with no value: left for a person (make import writes what it could not read
        that way), named at their line until filled in or the line is deleted."""
        for key in keys:
            if key in self.front.data and self.front.data[key] in (None, "", []):
                self.problems.append(
                    Problem(self.path, self.front.line(key), self.label(key), UNFILLED, MISSING, UNFILLED_HINT)
                )

    def unknown_keys(self, allowed: Iterable[str], kind: str, within: tuple = ()) -> None:
        allowed = tuple(allowed)
        fields = self.value(*within)  # the front matter, or a nested table the caller found to be one
        for key in fields if isinstance(fields, dict) else {}:
            if key not in allowed:
                self.problems.append(
                    Problem(
                        self.path,
                        self.front.line(*within, key),
                        f"{path_name(within + (key,), self.names)} 未知字段",
                        f"{kind}可用的字段：{'、'.join(allowed)}",
                        str(key),
                    )
                )


def text(expected: str = "非空文字") -> Callable[[Reader, tuple, object], str | None]:
    def check(reader: Reader, path: tuple, raw: object) -> str | None:
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
        reader.fail(path, expected, raw)
        return None

    return check


# How clerks type a list in one line: names apart with ，、； or spaces (an input method gives full-width ones);
# titles, which may hold commas and spaces themselves, apart with ； only.
NAMES = re.compile(r"[，,、；;\s\u3000]+")
TITLES = re.compile(r"[；;]+")


@overload
def split_list(raw: str | list, separators: re.Pattern = NAMES) -> list[object]: ...
@overload
def split_list(raw: object, separators: re.Pattern = NAMES) -> list[object] | object: ...
def split_list(raw: object, separators: re.Pattern = NAMES) -> list[object] | object:
    """A list field as its items: a text is split at the separators, and so is every text in a list."""
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        return raw
    split: list[object] = []
    for item in items:
        split += [part for part in separators.split(item) if part] if isinstance(item, str) else [item]
    return split


def text_list(
    expected: str, separators: re.Pattern = NAMES
) -> Callable[[Reader, tuple, object], tuple[str, ...] | None]:
    """A list of texts, written as a YAML list or in one line the way clerks type lists (示例甲，示例乙)."""

    def check(reader: Reader, path: tuple, raw: object) -> tuple[str, ...] | None:
        items = split_list(raw, separators)
        if isinstance(items, list) and items and all(isinstance(i, str) and i.strip() for i in items):
            return tuple(dict.fromkeys(item.strip() for item in items))
        reader.fail(path, expected, raw)
        return None

    return check


def parse_iso_date(raw: object) -> tuple[date | None, str]:
    """A date from YYYY-MM-DD, or the reason it is not one."""
    if not isinstance(raw, str) or not _ISO_DATE.match(raw.strip()):
        return None, "日期格式应为 年-月-日，月和日各两位"
    try:
        return date.fromisoformat(raw.strip()), ""
    except ValueError:
        return None, "没有这一天"


def iso_date(reader: Reader, path: tuple, raw: object) -> date | None:
    day, reason = parse_iso_date(raw)
    if day is None:
        reader.fail(path, "日期，如 2025-03-12", raw, reason if raw is not None else "")
    return day


def one_of(choices: Iterable[str], expected: str | None = None) -> Callable[[Reader, tuple, object], str | None]:
    choices = tuple(choices)

    def check(reader: Reader, path: tuple, raw: object) -> str | None:
        if isinstance(raw, str) and raw.strip() in choices:
            return raw.strip()
        reader.fail(path, expected or "、".join(choices) + " 之一", raw)
        return None

    return check


def positive_int(reader: Reader, path: tuple, raw: object) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw
    reader.fail(path, "正整数，如 3", raw)
    return None
