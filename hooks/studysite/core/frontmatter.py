"""Front matter read the way a clerk wrote it: values as typed, with the line of every key.

MkDocs drops front matter it cannot parse without a word, and YAML turns 2025-02-30 into an error that
hides every other problem of the file; so dates stay strings here and the checks say what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from studysite.core.problems import Problem

_FENCE = "---"


def _typed_as_written(base: type[yaml.resolver.BaseResolver]) -> type:
    """A loader without the timestamp rule: a date is checked by the schema, not by the parser."""
    return type(
        f"TypedAsWritten{base.__name__}",
        (base,),
        {
            "yaml_implicit_resolvers": {
                first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
                for first, resolvers in base.yaml_implicit_resolvers.items()
            }
        },
    )


# libyaml parses front matter about seven times faster; pure-Python PyYAML explains errors better
# (where a list was opened, what was not allowed), so it reads only the files that fail.
_FAST_LOADER = _typed_as_written(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_EXPLAINING_LOADER = _typed_as_written(yaml.SafeLoader)
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REPEAT = "把要重复的内容直接写出来；以 & 或 * 开头的文字请用英文引号括起来"
_DEEP = "文件头只需 键: 值 和一两层列表，请检查括号是否多写"


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)  # key path, e.g. ("sources", 0, "date"), to line
    start_line: int = 1  # the line of the opening ---

    def line(self, *path: object) -> int:
        """The line of a key path, or of its nearest present parent, or of the opening fence."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.start_line


def split(text: str) -> tuple[str | None, int]:
    """The YAML between the opening and closing --- and the 1-based line it starts on (None: no front matter)."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != _FENCE:
        return None, 1
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (_FENCE, "..."):
            return "\n".join(lines[1:index]), 2
    return "\n".join(lines[1:]), 2


# YAML's complaints that clerks meet most, with what to do about them.
_YAML_HINTS = (
    ("mapping values are not allowed", "文字中含有英文冒号加空格（: ），请用英文引号把整段文字括起来"),
    ("expected ',' or ']'", "方括号列表没有闭合，缺少 ]"),
    ("expected ',' or '}'", "花括号没有闭合，缺少 }"),
    (
        "found character '\\t'",
        "这一行有 Tab 键留下的空白：字段名要顶格写（删去行首空白）；只有列表下的子项才缩进，并用空格",
    ),
    ("could not find expected ':'", "每行应为 键: 值，冒号为英文冒号且后面要有空格"),
    ("found undefined alias", "以 * 开头的文字请用引号括起来"),
)


def yaml_hint(reason: str) -> str:
    for needle, hint in _YAML_HINTS:
        if needle in reason:
            return f"{hint}；YAML 报错：{reason}"
    return f"YAML 报错：{reason}"


def _record_lines(node: yaml.Node, path: tuple, offset: int, lines: dict[tuple, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (key_node.value,)
            lines[key_path] = key_node.start_mark.line + offset
            _record_lines(value_node, key_path, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + offset
            _record_lines(item, path + (index,), offset, lines)


def _load(loader_class: type, yaml_text: str) -> tuple[yaml.Node | None, object]:
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


def _yaml_problem(path: str, text: str, yaml_text: str, first_line: int) -> Problem:
    try:
        _load(_EXPLAINING_LOADER, yaml_text)
        error: yaml.YAMLError = yaml.YAMLError("libyaml 报错")
    except yaml.YAMLError as explained:
        error = explained
    # An unclosed [, { or quote is noticed lines later; the line that opened it is the one to fix.
    context = str(getattr(error, "context", "") or "")
    unclosed_quote = "quoted scalar" in context
    unclosed = unclosed_quote or str(getattr(error, "problem", "")).startswith("expected ','")
    mark = (unclosed and getattr(error, "context_mark", None)) or getattr(error, "problem_mark", None)
    line = first_line + (mark.line if mark else 0)
    lines = text.splitlines()
    got = lines[line - 1].strip() if line <= len(lines) else ""
    reason = getattr(error, "problem", None) or str(error)
    hint = yaml_hint(reason)
    if unclosed_quote:
        hint = f"这一行的引号没有闭合，请在文字末尾补上同样的英文引号；YAML 报错：{context}，{reason}"
    return Problem(path, line, "文件头", "合法的 YAML（键: 值，每行一项）", got, hint)


# Front matter is a flat table with lists of small tables (sources:, review:); nothing a clerk writes nests
# deeper than this. Deeper nesting is refused before it is built: Python's recursion stops near 1,000 levels.
MAX_DEPTH = 8
_OPENING: tuple[type[yaml.Token], ...] = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
)
_OPENING += (yaml.FlowSequenceStartToken,)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _unsafe_structure(yaml_text: str, first_line: int) -> tuple[int, str] | None:
    """(line, hint) of the first anchor, alias, merge key or too-deep nesting, from the tokens alone.

    An alias repeats what its anchor names, so nine levels of nine aliases in 1 KB become 9^9 values when the
    document is built (a billion laughs); scanning tokens is linear, so the bomb is refused before anything is
    built. Clerks never need anchors, aliases or merge keys (<<): a value is written out where it is used."""
    depth, after_key = 0, False
    try:
        for token in yaml.scan(yaml_text, Loader=_SCANNER):
            line = first_line + token.start_mark.line
            if isinstance(token, yaml.AnchorToken):
                return line, f"请删去 YAML 锚点“&{token.value}”，{_REPEAT}"
            if isinstance(token, yaml.AliasToken):
                return line, f"请删去 YAML 别名“*{token.value}”，{_REPEAT}"
            if after_key and isinstance(token, yaml.ScalarToken) and token.plain and token.value == "<<":
                return line, f"请删去 YAML 合并键“<<”，{_REPEAT}"
            after_key = isinstance(token, yaml.KeyToken)
            depth += isinstance(token, _OPENING) - isinstance(token, _CLOSING)
            if depth > MAX_DEPTH:
                return line, f"嵌套超过 {MAX_DEPTH} 层；{_DEEP}"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if "nesting depth" in str(error) and mark is not None:  # libyaml stops at 1,000 levels by itself
            return first_line + mark.line, f"嵌套超过 {MAX_DEPTH} 层；{_DEEP}"
        return None  # not YAML at all: the loader says where, with the usual hints
    return None


def _structure_problem(path: str, text: str, found: tuple[int, str]) -> Problem:
    line, hint = found
    lines = text.splitlines()
    got = _cut(lines[line - 1].strip()) if line <= len(lines) else ""
    return Problem(path, line, "文件头", "直接写出的值（不用 YAML 锚点 &、别名 *、合并键 <<，不深层嵌套）", got, hint)


def _cut(line: str) -> str:
    return line if len(line) <= 80 else line[:77] + "……"


# Real front matter is some ten to forty lines; a longer one is a page pasted in by mistake, or an attempt to
# make the parser work (the explaining parser takes some 20 s over 1 MB).
MAX_LINES, MAX_CHARS = 200, 20_000


def _size_problem(path: str, yaml_text: str, first_line: int) -> Problem | None:
    lines = yaml_text.count("\n") + 1
    if lines <= MAX_LINES and len(yaml_text) <= MAX_CHARS:
        return None
    got = f"{lines} 行、{len(yaml_text)} 个字符"
    hint = "文件头只写字段；正文写在第二个 --- 之后。请检查第二个 --- 是否漏写"
    return Problem(path, first_line - 1, "文件头", f"不超过 {MAX_LINES} 行、{MAX_CHARS} 个字符", got, hint)


def parse(path: str, text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse a page's front matter; a YAML error becomes one problem at the line to fix."""
    yaml_text, first_line = split(text)
    if yaml_text is None:
        return None, []
    too_long = _size_problem(path, yaml_text, first_line)
    if too_long is not None:
        return None, [too_long]
    unsafe = _unsafe_structure(yaml_text, first_line)
    if unsafe is not None:
        return None, [_structure_problem(path, text, unsafe)]
    try:
        node, data = _load(_FAST_LOADER, yaml_text)
    except yaml.YAMLError:
        return None, [_yaml_problem(path, text, yaml_text, first_line)]
    if node is None or not isinstance(data, dict):  # no node: an empty document, data {}
        got = yaml_text.strip().splitlines()[0] if yaml_text.strip() else ""
        return None, [Problem(path, first_line, "文件头", "键: 值 形式的字段表", got)]
    lines: dict[tuple, int] = {}
    _record_lines(node, (), first_line, lines)
    return FrontMatter(data, lines, first_line - 1), []
