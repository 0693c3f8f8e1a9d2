"""Page bodies whose structure Python-Markdown cannot render in reasonable time or stack depth.

Python-Markdown's inline patterns rescan a paragraph for every unclosed `[` (or `(` after `]`, or `<`), so
thousands of them in one paragraph take minutes to hours; deeply nested blocks (quotes, lists, admonitions,
`<div markdown>`) take seconds per level or exhaust Python's stack. Such a page is not a mistake of the
program but of the page: it is refused here, at its line, by an allowlist of sane bounds on what real pages
hold (docs/ and the 2,000-entry bench corpus: lines and blocks under 540 characters, no unclosed `[`,
`[` nested once, one level of `>`, no HTML, runs of two `*`), not by listing tricks.
The build hands a refused page's body to Markdown not at all (hooks/guards.py); it stops on the problem anyway.

Everything here is linear in the page's length. A block is a run of non-blank lines (a `>` alone is blank):
inline processing never sees more than one block's text at once, apart from a tag's markdown="span" content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studysite.core.problems import Problem

MAX_LINE = 10_000  # characters on one line
MAX_BLOCK = 20_000  # characters in one block (paragraph, table, list without blank lines)
MAX_UNCLOSED = 40  # unclosed `[` (`![`, `[^`), `(` or `<` in one block, each
MAX_BRACKET_DEPTH = 6  # `[` inside `[` in one block
MAX_RUN = {"`": 10, "*": 60, "_": 120}  # one run of the same character (a fence: 3–5 backticks; blanks: ____)
MAX_NESTING = 16  # quote `>`, list and indentation levels of one line
MAX_HTML_DEPTH = 16  # HTML elements inside one another (<div markdown> in <div markdown> …)

FIELD = "正文结构"  # every problem of this module; the build renders no page that has one (hooks/guards.py)

_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_OPTIONAL_END = frozenset(
    ["p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "colgroup", "rt", "rp"]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_RUNS = re.compile(r"`+|\*+|_+")
_PREFIX = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # a horizontal rule, not a list in a list
_BLANK = re.compile(r"^[ \t>]*$")


@dataclass
class _Found:
    line: int
    expected: str
    got: str


def _nesting(line: str) -> int:
    """Quote markers, list markers and 4-column indents before the line's text."""
    if _RULE.match(line):
        return 0
    depth, at = 0, 0
    indent = len(line) - len(line.lstrip(" \t"))
    columns = len(line[:indent].expandtabs(4))
    while True:
        match = _PREFIX.match(line, at)
        if not match or match.end() == at:
            break
        depth += 1
        at = match.end()
    return depth + columns // 4


def _unclosed(block: str) -> tuple[int, int, int, int]:
    """Unclosed `[`, deepest `[` nesting, unclosed `(` and unclosed `<` of one block."""
    depth = deepest = parens = angles = 0
    for character in re.findall(r"[\[\]()<>\n]", block):
        if character == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif character == "]":
            if depth:
                depth -= 1
        elif character == "(":
            parens += 1
        elif character == ")":
            parens = max(0, parens - 1)
        elif character == "<":
            angles += 1
        elif character == ">":
            angles = max(0, angles - 1)
    return depth, deepest, parens, angles


def _checks(lines: list[str]) -> dict[str, _Found]:
    """The first line breaking each bound (by kind), lines numbered from 0 within the body."""
    found: dict[str, _Found] = {}

    def note(kind: str, index: int, expected: str, got: str) -> None:
        found.setdefault(kind, _Found(index, expected, got))

    html_depth = 0
    start = 0
    for index, line in enumerate([*lines, ""]):
        if index < len(lines):
            if len(line) > MAX_LINE:
                note("line", index, f"每行不超过 {MAX_LINE} 个字符（请分段）", f"{len(line)} 个字符")
            for run in _RUNS.finditer(line) if len(line) >= 3 else ():
                mark = run.group()[0]
                if len(run.group()) > MAX_RUN[mark]:
                    note(f"run{mark}", index, f"连续的“{mark}”不超过 {MAX_RUN[mark]} 个", f"{len(run.group())} 个")
            nesting = _nesting(line) if line[:1] in " \t>-*+0123456789" else 0
            if nesting > MAX_NESTING:
                note("nesting", index, f"引用、列表和缩进不超过 {MAX_NESTING} 层", f"{nesting} 层")
            if "<" in line:
                for tag in _TAG.finditer(line):
                    closing, name, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3)
                    if name in _VOID or name in _OPTIONAL_END or selfclosing:
                        continue
                    html_depth = max(0, html_depth - 1) if closing else html_depth + 1
                    if html_depth > MAX_HTML_DEPTH:
                        note("html", index, f"HTML 元素嵌套不超过 {MAX_HTML_DEPTH} 层", f"{html_depth} 层")
        if index < len(lines) and not _BLANK.match(line):
            continue
        if index > start:  # the block lines[start:index] ends here
            block = "\n".join(lines[start:index])
            if len(block) > MAX_BLOCK:
                note("block", start, f"一段不超过 {MAX_BLOCK} 个字符（请用空行分段）", f"{len(block)} 个字符")
            if any(mark in block for mark in "[(<"):
                squares, deepest, parens, angles = _unclosed(block)
                for kind, count, bound, what in (
                    ("[", squares, MAX_UNCLOSED, "未配对的“[”"),
                    ("depth", deepest, MAX_BRACKET_DEPTH, "“[”嵌套"),
                    ("(", parens, MAX_UNCLOSED, "未配对的“(”"),
                    ("<", angles, MAX_UNCLOSED, "未配对的“<”"),
                ):
                    if count > bound:
                        unit = "层" if kind == "depth" else "个"
                        note(kind, start, f"同一段中{what}不超过 {bound} {unit}", f"{count} {unit}")
        start = index + 1
    return found


def complexity_problems(path: str, text: str, body: str) -> list[Problem]:
    """The page's body beyond the bounds: one problem per kind, at the first line (block) beyond it."""
    offset = text.count("\n", 0, len(text) - len(body))  # lines before the body
    problems = []
    for found in _checks(body.split("\n")).values():
        problems.append(Problem(path, offset + found.line + 1, FIELD, found.expected, found.got))
    return problems


def unrenderable(problems: Iterable[Problem]) -> frozenset[str]:
    """The paths (docs/…) of the pages with a problem of this module: nothing may hand them to Markdown."""
    return frozenset(problem.path for problem in problems if problem.field == FIELD)
