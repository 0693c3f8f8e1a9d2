"""One problem found in a contributor's file, in the form every check reports: path:line: field: expected, got."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# What could break a `path:line:` message or reorder it on screen: control characters (newline, CR, tab …) and
# the bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C). Shown as escapes, \n or \u202e.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(character: str) -> str:
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown_path(path: str) -> str:
    """A file name as a message shows it: every control, format or separator character but the space escaped,
    so a name holding a newline or U+202E can never print a fake line or turn one around."""
    if path.isprintable():
        return path
    return "".join(
        _escape(c) if c != " " and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cs", "Cn") else c
        for c in path
    )


def shown_text(text: str) -> str:
    """A quoted value as a message shows it: control and bidirectional characters escaped, the rest as written."""
    return "".join(_escape(c) if unicodedata.category(c) == "Cc" or _BIDI.match(c) else c for c in text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository, e.g. docs/notices/x.md
    line: int
    field: str
    expected: str
    got: str
    hint: str = ""

    def __post_init__(self) -> None:
        # Escaped once, here: every form a problem is printed in (this __str__, `make check`'s lines) shows it so.
        object.__setattr__(self, "path", shown_path(self.path))
        for name in ("expected", "got", "hint"):  # a hint may name another file (与 docs/x.md:3 重复)
            value = getattr(self, name)
            if isinstance(value, str) and not value.isprintable():
                object.__setattr__(self, name, shown_text(value))

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
