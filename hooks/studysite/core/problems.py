"""One problem found in a contributor's file, in the form every check reports: path:line: field: expected, got."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository, e.g. docs/notices/x.md
    line: int
    field: str
    expected: str
    got: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f"（{self.hint}）" if self.hint else ""
        return f"{self.path}:{self.line}: {self.field}: 应为 {self.expected}，实为 “{self.got}”{hint}"


def stop_message(problems: list[Problem]) -> str:
    """All problems of a run as one message, sorted by file and line, for the build to stop with."""
    lines = [str(problem) for problem in sorted(set(problems))]
    return f"发现 {len(lines)} 处问题，构建已停止：\n" + "\n".join(lines)


def line_of(text: str, needle: str, default: int = 1) -> int:
    """1-based line of the first occurrence of needle in text, or default when it is not there."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else default


def hand_written_copies(generated: Iterable[str], exists: Callable[[str], bool]) -> list[Problem]:
    """A file in docs/ standing where the build generates a page: the build's page must win, so it stops."""
    return [
        Problem(f"docs/{src_uri}", 1, "文件", "不存在（此页由构建自动生成，请删除该文件）", src_uri)
        for src_uri in generated
        if exists(src_uri)
    ]
