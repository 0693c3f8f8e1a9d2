"""Self-tests (docs/quizzes/*.md, `type: quiz`): questions written by clerks in Markdown, read into a model.

The format, as issue 24 states it: each `## ` heading holds a question's stem; a task list gives its options
(`- [x]` right, `- [ ]` wrong: one right → 单选, several → 多选, exactly 正确 and 错误 → 判断), or a line
`答案：…` makes it a 填空 (accepted answers apart with ；); a line `出处：[页面](链接)“原文”` is required, a
line `解析：…` optional. Text before the first question is the quiz's introduction.

Here the file is read and every fault of its form found; whether the quoted words stand on the linked page is
a check over the whole site (studysite.rules.quotes), since it needs the other pages, and so is a quiz with no
question yet (as `make new` writes it: the new file is right, it is just not finished).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from studysite.core.fields import Reader, text
from studysite.core.frontmatter import FrontMatter
from studysite.core.kinds import QUIZ
from studysite.core.pages import is_quiz_path
from studysite.core.problems import Problem
from studysite.core.sources import Source
from studysite.model.entries import topics_of

SINGLE, MULTIPLE, TRUE_FALSE, FILL = "单选", "多选", "判断", "填空"
TRUE, FALSE = "正确", "错误"
FIELD = "自测题"


@dataclass(frozen=True)
class Option:
    text: str
    right: bool


@dataclass(frozen=True)
class Citation:
    label: str  # the link's words: 会议报告
    target: str  # the link as written: ../report/index.md#P1
    quote: str  # the quoted words, without their quotation marks
    line: int


@dataclass(frozen=True)
class Question:
    number: int  # 1, 2, … in the quiz's order
    line: int  # the stem's line in the file
    stem: str
    kind: str  # SINGLE, MULTIPLE, TRUE_FALSE or FILL
    options: tuple[Option, ...]  # empty for FILL
    answers: tuple[str, ...]  # FILL: every accepted answer, as written
    citation: Citation
    explanation: str = ""
    note: str = ""  # lines under the stem that are none of the above (shown with the stem)

    @property
    def right(self) -> tuple[int, ...]:
        """The right options' indexes."""
        return tuple(index for index, option in enumerate(self.options) if option.right)


@dataclass(frozen=True)
class Quiz:
    src_uri: str
    path: str
    title: str
    questions: tuple[Question, ...]  # none yet in a quiz `make new` just made: the checks refuse it
    topics: tuple[str, ...] = ()
    first_line: int = 1  # the line the body starts on
    written: int = 0  # questions written (## headings), well-formed or not

    def cited(self) -> frozenset[str]:
        """The pages its 出处 link to, by src_uri (as a Markdown link resolves; the link check judges the rest)."""
        folder = posixpath.dirname(self.src_uri)
        paths = (urlsplit(q.citation.target).path for q in self.questions)
        return frozenset(posixpath.normpath(posixpath.join(folder, unquote(path))) for path in paths if path)

    def counts(self) -> dict[str, int]:
        """How many questions of each kind, in the order 单选, 多选, 判断, 填空."""
        return {kind: sum(q.kind == kind for q in self.questions) for kind in (SINGLE, MULTIPLE, TRUE_FALSE, FILL)}


def normalised_answer(answer: str) -> str:
    """An answer as it is compared: full- and half-width alike (NFKC), no whitespace, letters in one case.
    docs/assets/quiz.js compares a reader's answer the same way."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", answer)).casefold()


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_OPTION = re.compile(r"^\s{0,3}[-*+]\s+\[([ xX])\]\s+(.*\S)\s*$")
_EMPTY_OPTION = re.compile(r"^\s{0,3}[-*+]\s+\[([ xX])\]\s*$")
_KEYED = re.compile(r"^\s*(答案|出处|解析)\s*[：:]\s*(.*?)\s*$")
_LINK = re.compile(r"^\[([^\]]*)\]\(\s*(<[^>]*>|[^)\s]+)\s*\)\s*(.*)$")
# The quoted words: “…” (the national standard's), also 「…」 or "…" as an input method or Word may type them.
_QUOTES = {"“": "”", "「": "」", '"': '"'}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ANSWERS = re.compile(r"[；;]")
EXPECTED_CITATION = "出处：[页面名](相对链接)“原文”，原文与所链接页面上的文字一字不差"


def _shown(text: str) -> str:
    """Clerk-typed text as the quiz shows it (plain, escaped when rendered): bold marks dropped. Underscores stay,
    they are a 填空's blank (会前梳理了____条意见建议)."""
    return text.replace("**", "").strip()


def _blank_comments(body: str) -> str:
    """The body with its comments blanked, lines kept (a template's note is no question)."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)


def parse_citation(value: str, line: int) -> Citation | None:
    link = _LINK.match(value.strip())
    if link is None:
        return None
    label, target, rest = link.group(1).strip(), link.group(2).strip("<>").strip(), link.group(3).strip()
    rest = rest.rstrip("。.").rstrip()  # a full stop after the closing quote ends the line, it is not quoted
    closing = _QUOTES.get(rest[:1])
    if not label or not target or closing is None or len(rest) < 3 or not rest.endswith(closing):
        return None
    quote = rest[1:-1].strip()
    return Citation(label, target, quote, line) if quote else None


MAX_QUESTIONS = 200


class _Block:
    """One question as written: its stem and the lines under it."""

    def __init__(self, line: int, stem: str) -> None:
        self.line, self.stem = line, stem
        self.options: list[tuple[int, Option]] = []
        self.keyed: dict[str, list[tuple[int, str]]] = {"答案": [], "出处": [], "解析": []}
        self.note: list[str] = []


def _blocks(path: str, body: str, first_line: int) -> tuple[list[_Block], list[Problem]]:
    blocks: list[_Block] = []
    problems: list[Problem] = []
    for number, raw in enumerate(_blank_comments(body).split("\n"), first_line):
        heading = _HEADING.match(raw)
        if heading and len(heading.group(1)) == 2:
            stem = _shown(heading.group(2))
            if not stem:
                problems.append(Problem(path, number, FIELD, "## 后写题干", "（空）"))
            blocks.append(_Block(number, stem))
            continue
        if not blocks or (heading and len(heading.group(1)) == 1):
            continue  # the title and the introduction before the first question
        block = blocks[-1]
        option, keyed = _OPTION.match(raw), _KEYED.match(raw)
        if option:
            block.options.append((number, Option(_shown(option.group(2)), option.group(1) != " ")))
        elif _EMPTY_OPTION.match(raw):
            problems.append(Problem(path, number, FIELD, "选项文字（- [x] 或 - [ ] 之后）", raw.strip()))
        elif keyed:
            block.keyed[keyed.group(1)].append((number, keyed.group(2)))
        elif raw.strip():
            block.note.append(raw.strip())
    return blocks, problems


def _question(path: str, number: int, block: _Block, problems: list[Problem]) -> Question | None:
    found = len(problems)
    where = f"第{number}题"
    for key, lines in block.keyed.items():
        for line, _ in lines[1:]:
            problems.append(Problem(path, line, FIELD, f"{where}只有一行“{key}：”", f"第{lines[0][0]}行已有"))
    answers_line = block.keyed["答案"][:1]
    options = tuple(option for _, option in block.options)
    kind = FILL
    answers: tuple[str, ...] = ()
    if options and answers_line:
        problems.append(
            Problem(
                path,
                answers_line[0][0],
                FIELD,
                f"{where}只用一种答法：选项（- [x] / - [ ]）或“答案：”（填空）",
                "既有选项又有答案",
                "选择题删去“答案：”一行，填空题删去选项",
            )
        )
    elif options:
        texts = {option.text for option in options}
        right = [option for option in options if option.right]
        if texts & {TRUE, FALSE} and (len(options) != 2 or texts != {TRUE, FALSE}):
            got = "、".join(option.text for option in options)
            problems.append(Problem(path, block.line, FIELD, f"{where}（判断题）只有“正确”“错误”两个选项", got))
        elif not right:
            problems.append(Problem(path, block.line, FIELD, f"{where}至少一个正确选项（- [x]）", "没有正确选项"))
        elif texts == {TRUE, FALSE}:
            kind = TRUE_FALSE
            if len(right) != 1:
                problems.append(Problem(path, block.line, FIELD, f"{where}（判断题）只勾选一项", "两项都勾选了"))
        else:
            kind = SINGLE if len(right) == 1 else MULTIPLE
        if len(texts) != len(options) and kind != TRUE_FALSE:
            problems.append(Problem(path, block.line, FIELD, f"{where}的选项各不相同", "有重复的选项"))
    elif answers_line:
        line, value = answers_line[0]
        answers = tuple(a.strip() for a in _ANSWERS.split(value) if a.strip())
        if not answers:
            problems.append(Problem(path, line, FIELD, f"{where}的答案（几种答法用；分开）", "（空）"))
    else:
        problems.append(
            Problem(path, block.line, FIELD, f"{where}的选项（- [x] / - [ ]）或一行“答案：”", "没有选项也没有答案")
        )
    citation = None
    if not block.keyed["出处"]:
        problems.append(Problem(path, block.line, FIELD, f"{where}有一行{EXPECTED_CITATION}", "没有出处"))
    else:
        line, value = block.keyed["出处"][0]
        citation = parse_citation(value, line)
        if citation is None:
            problems.append(Problem(path, line, FIELD, EXPECTED_CITATION, value or "（空）"))
    explanation = _shown(block.keyed["解析"][0][1]) if block.keyed["解析"] else ""
    if len(problems) > found or citation is None or not block.stem:
        return None
    return Question(
        number, block.line, block.stem, kind, options, answers, citation, explanation, "\n".join(block.note)
    )


def read_quiz(source: Source, front: FrontMatter, topics: tuple[str, ...]) -> tuple[Quiz | None, list[Problem]]:
    """One quiz file → its quiz, or the problems that keep it from the site."""
    reader = Reader(source.path, front, QUIZ.labels, [])
    reader.unknown_keys(QUIZ.keys, QUIZ.label)
    if reader.value("type") != QUIZ.key:
        reader.fail(("type",), QUIZ.expected_type, reader.value("type"))
    title = reader.read("title", text("自测题标题"), QUIZ.needs("title"))
    chosen = reader.read("topics", topics_of(topics)) or ()
    problems = list(reader.problems)
    first_line = source.text.count("\n") - source.body.count("\n") + 1
    blocks, found = _blocks(source.path, source.body, first_line)
    problems += found
    questions = [q for n, block in enumerate(blocks, 1) if (q := _question(source.path, n, block, problems))]
    seen: dict[tuple, int] = {}
    for question in questions:
        key = (question.stem, question.options, question.answers)
        if key in seen:
            problems.append(
                Problem(source.path, question.line, FIELD, "每道题只出现一次", f"与第{seen[key]}行的题目重复")
            )
        seen.setdefault(key, question.line)
    if len(blocks) > MAX_QUESTIONS:
        # Every question is printed on two sheets and scored in the reader's browser: a quiz of thousands would
        # print hundreds of pages and stall the page. A bank that large is several quizzes.
        problems.append(
            Problem(
                source.path,
                blocks[MAX_QUESTIONS].line,
                FIELD,
                f"每套自测题最多 {MAX_QUESTIONS} 道题",
                f"{len(blocks)} 道题",
                "请分成几套，每套一个文件",
            )
        )
    if title is None:
        return None, problems
    # A quiz with problems keeps its well-formed questions, so their quotes are checked in the same run.
    quiz = Quiz(source.src_uri, source.path, title, tuple(questions), tuple(chosen), first_line, len(blocks))
    return quiz, problems


def load_quizzes(sources: Iterable[Source], topics: tuple[str, ...]) -> tuple[tuple[Quiz, ...], list[Problem]]:
    """The quiz files (quizzes/) → the quizzes and every problem of their form."""
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    for source in sorted((s for s in sources if is_quiz_path(s.src_uri)), key=lambda s: s.src_uri):
        front, unparsed = source.parsed
        if unparsed:
            problems += unparsed
            continue
        quiz, found = read_quiz(source, front or FrontMatter({}), topics)
        quizzes += [quiz] if quiz else []
        problems += found
    return tuple(quizzes), problems
