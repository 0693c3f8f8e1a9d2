"""The files of docs/ as every check and the build read them: decoded once, front matter parsed once.

Clerks' editors save UTF-8, UTF-8 with a byte-order mark, or GBK/GB18030 ("ANSI" in Notepad and WPS), with
CRLF or LF line ends. The text here is what MkDocs will read (BOM dropped, line ends as LF); a file that is
not UTF-8 is read as GB18030 so nothing is lost, and reported so that it is converted before it is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from studysite.core.frontmatter import FrontMatter, parse, split
from studysite.core.problems import Problem
from studysite.core.readertext import words_of

UTF8, UTF8_BOM, GB18030, UTF16, UNKNOWN = "UTF-8", "UTF-8（带 BOM）", "GB18030", "UTF-16", "未知编码"
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # what Notepad's "Unicode" saves
# The marks of 内部 material: what a clerk writes (found anywhere in a page's words as a reader reads them,
# readertext.words_of), the label the site shows, and the mark printed on paper (GB/T 9704: the two words apart
# by a full-width space).
INTERNAL_PATTERN = re.compile(r"内部资料|注意保存")
# A narrow 传达范围 (发至县处级, 传达至处级以上干部): the page is not for every reader, so a public offline
# edition leaves it out like 内部 material; the served site shows it (its readers are the intranet's).
DISTRIBUTION_PATTERN = re.compile(
    r"(?:发至|传达至|传达到|印发至)[^，。；\n]{0,12}?(?:级|干部|党员|单位|部门|处室)|传达范围"
)
INTERNAL_MARK, DISTRIBUTION_MARK = "内部资料标志", "传达范围"
# Characters without which neither pattern can match a page's words (a reference &#…; may spell any).
_MARK_CHARACTERS = frozenset("内內注传傳发發&")


@dataclass(frozen=True)
class Mark:
    """One 内部资料/注意保存 or 传达范围 mark in a page's words, at its line and column in the page's source."""

    line: int
    col: int
    kind: str  # INTERNAL_MARK or DISTRIBUTION_MARK
    text: str  # as read: spaces and markup between its characters gone


def restriction_marks(text: str) -> list[Mark]:
    """The 内部 and 传达范围 marks of a page (its whole source), judged on its words as a reader reads them."""
    if not _MARK_CHARACTERS.intersection(text):
        return []
    words, blanked = words_of(text)
    marks = []
    for pattern, kind in ((INTERNAL_PATTERN, INTERNAL_MARK), (DISTRIBUTION_PATTERN, DISTRIBUTION_MARK)):
        for match in pattern.finditer(words.text):
            offset = words.source_offset(match.start())
            line = blanked.count("\n", 0, offset) + 1
            marks.append(Mark(line, offset - blanked.rfind("\n", 0, offset), kind, match.group()))
    return sorted(marks, key=lambda mark: (mark.line, mark.col))


INTERNAL_LABEL = "内部资料 注意保存"
INTERNAL_PRINTED = "内部资料　注意保存"


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in; CRLF and CR become LF, as MkDocs reads them."""
    if raw.startswith(_BOM):
        text, encoding = raw[len(_BOM) :].decode("utf-8", errors="replace"), UTF8_BOM
    elif raw.startswith(_UTF16_BOMS):
        text, encoding = raw.decode("utf-16", errors="replace"), UTF16
    else:
        try:
            text, encoding = raw.decode("utf-8"), UTF8
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("gb18030"), GB18030
            except UnicodeDecodeError:
                text, encoding = raw.decode("utf-8", errors="replace"), UNKNOWN
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


@dataclass(frozen=True)
class Source:
    """One Markdown file of docs/, read once per build."""

    src_uri: str  # relative to docs/, e.g. speeches/2025-03-12-示例.md
    text: str
    encoding: str = UTF8
    crlf: bool = False  # written with CRLF line ends (kept when make fix rewrites the file)
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def path(self) -> str:
        """How messages name the file: docs/…"""
        return f"docs/{self.src_uri}"

    @cached_property
    def parsed(self) -> tuple[FrontMatter | None, tuple[Problem, ...]]:
        front, problems = parse(self.path, self.text)
        return front, tuple(problems)

    @property
    def front(self) -> FrontMatter | None:
        return self.parsed[0]

    def line(self, *path: object) -> int:
        """The line of a front-matter key path (the first line when the file has none)."""
        return self.front.line(*path) if self.front else 1

    @property
    def data(self) -> dict:
        """The front matter's fields ({} when there is none or it does not parse)."""
        return self.front.data if self.front else {}

    @cached_property
    def body(self) -> str:
        """The text after the front matter."""
        yaml_text, _ = split(self.text)
        if yaml_text is None:
            return self.text
        lines = self.text.split("\n")
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines) - 1)
        return "\n".join(lines[closing + 1 :])

    @property
    def text_for_mkdocs(self) -> str:
        """The text MkDocs may read: front matter the checks refused (an alias bomb, a tag, bad YAML) is
        blanked, lines kept, so that MkDocs' own YAML parser never sees it; the build stops on the problem."""
        if self.front is not None or split(self.text)[0] is None:
            return self.text
        kept = self.body.count("\n") + 1
        return "\n" * (self.text.count("\n") + 1 - kept) + self.body

    @cached_property
    def marks(self) -> tuple[Mark, ...]:
        """The page's 内部资料/注意保存 and 传达范围 marks (outside code and front matter), as a reader reads them."""
        return tuple(restriction_marks(self.text))

    @property
    def internal(self) -> bool:
        """The page carries a 内部资料/注意保存 mark: the site shows the 内部资料 banner on it."""
        return any(mark.kind == INTERNAL_MARK for mark in self.marks)

    @property
    def restricted(self) -> bool:
        """Not for every reader: marked 内部 or with a narrow 传达范围. A public offline edition leaves it out."""
        return bool(self.marks)

    def encoding_problem(self) -> Problem | None:
        if self.encoding in (UTF8, UTF8_BOM):
            return None
        return Problem(
            self.path,
            1,
            "编码",
            "UTF-8 编码的文本（记事本“另存为”时选 UTF-8，WPS 选“Unicode (UTF-8)”）",
            f"{self.encoding}（GBK）编码" if self.encoding == GB18030 else self.encoding,
            "运行 make fix 可自动转换为 UTF-8，不丢失任何字"
            if self.encoding == GB18030
            else "请用原件重新保存为 UTF-8",
        )


def unparsed_front_matter(sources: list[Source]) -> list[Problem]:
    """Every page's front matter that was refused (bad YAML, anchors and aliases, too deep, too long), not
    only the entries' and measures' that their own checks report (the same Problem, so it is said once): a
    refused front matter is blanked before MkDocs reads the page, and must not vanish without a word."""
    return [problem for source in sources for problem in source.parsed[1]]


def read_source(src_uri: str, raw: bytes) -> Source:
    text, encoding = decode(raw)
    return Source(src_uri, text, encoding, b"\r\n" in raw)


def encode(source: Source, text: str) -> bytes:
    """The text as make fix writes it back: UTF-8 (any BOM kept), with the file's own line ends."""
    if source.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return _BOM + data if source.encoding == UTF8_BOM else data
