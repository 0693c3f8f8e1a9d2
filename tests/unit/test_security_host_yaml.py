"""Front matter cannot make the build host work without end: YAML anchors, aliases and merge keys, deep
nesting and a front matter the size of a book are refused from the tokens, before anything is parsed."""

from __future__ import annotations

import time

import pytest

from studysite.core.frontmatter import parse
from studysite.core.sources import read_source

EXPECTED = "直接写出的值（不用 YAML 锚点 &、别名 *、合并键 <<，不深层嵌套）"
REPEAT = "把要重复的内容直接写出来；以 & 或 * 开头的文字请用英文引号括起来"


def bomb(levels: int) -> str:
    """A billion laughs: each level names the one before nine times (fictional words only)."""
    lines = ['l0: &l0 ["示例","示例","示例","示例","示例","示例","示例","示例","示例"]']
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


def page(front: str) -> str:
    return f"---\ntitle: 示例\n{front}\n---\n\n# 示例\n\n正文。\n"


def problems_of(front: str) -> list[str]:
    return [str(p) for p in parse("docs/report/a.md", page(front))[1]]


@pytest.mark.parametrize("levels", [3, 7, 9, 12])
def test_an_alias_bomb_is_refused_at_its_first_anchor_in_well_under_a_second(levels):
    text = page(bomb(levels))
    assert len(text.encode()) < 2048
    started = time.perf_counter()
    source = read_source("report/a.md", text.encode())
    problems = source.parsed[1]
    assert time.perf_counter() - started < 0.2
    assert [str(p) for p in problems] == [
        f'docs/report/a.md:3: 文件头: 应为 {EXPECTED}，实为 “l0: &l0 ["示例","示例","示例","示例","示例","示例","示例","示例","示例"]”'
        f"（请删去 YAML 锚点“&l0”，{REPEAT}）"
    ]
    assert source.front is None and "&l0" not in source.text_for_mkdocs and "*l0" not in source.text_for_mkdocs
    assert source.text_for_mkdocs.count("\n") == text.count("\n"), "the body keeps its line numbers"


@pytest.mark.parametrize(
    ("front", "line", "hint"),
    [
        ("a: &x 示例\nb: *x", 3, "请删去 YAML 锚点“&x”"),
        ("b: *undefined", 3, "请删去 YAML 别名“*undefined”"),
        ("? &k key\n: 示例", 3, "请删去 YAML 锚点“&k”"),
        ("*k : 示例", 3, "请删去 YAML 别名“*k”"),
        ("sources:\n  - &s {publisher: 示例}\n  - *s", 4, "请删去 YAML 锚点“&s”"),
        ("a: !!str &x 示例", 3, "请删去 YAML 锚点“&x”"),
        ("base:\n  <<: {publisher: 示例}", 4, "请删去 YAML 合并键“<<”"),
        ("sources:\n  - <<: {date: 2025-01-01}", 4, "请删去 YAML 合并键“<<”"),
        ("list: [&a 1, *a]", 3, "请删去 YAML 锚点“&a”"),
        ("text: |\n  正文\nother: &t 示例", 5, "请删去 YAML 锚点“&t”"),
    ],
)
def test_anchors_aliases_and_merge_keys_are_refused_at_their_line(front, line, hint):
    (problem,) = problems_of(front)
    assert problem.startswith(f"docs/report/a.md:{line}: 文件头: 应为 {EXPECTED}，实为 “")
    assert problem.endswith(f"（{hint}，{REPEAT}）")


@pytest.mark.parametrize(
    "front",
    [
        'title2: "&x *y"',
        "note: 甲 & 乙 * 丙",
        "note: 'a: &b'",
        "issuer: 示例局<<办公室>>",
        'key: "<<"',
        "sources:\n  - publisher: 示例日报\n    date: 2025-03-13",
    ],
)
def test_the_characters_themselves_in_text_are_fine(front):
    assert problems_of(front) == []


@pytest.mark.parametrize(
    "front",
    [
        "a: " + "[" * 9 + "]" * 9,
        "a: " + "[" * 5000,
        "a: " + "{b: " * 20 + "}" * 20,
        "\n".join(" " * i + "k:" for i in range(12)),
    ],
)
def test_deep_nesting_is_refused_without_recursing(front):
    started = time.perf_counter()
    (problem,) = problems_of(front)
    assert time.perf_counter() - started < 1
    assert ": 文件头: 应为 " + EXPECTED in problem and "嵌套超过 8 层；文件头只需 键: 值 和一两层列表" in problem


def test_a_front_matter_as_long_as_a_book_is_refused_before_it_is_parsed():
    front = "\n".join(f"k{i}: 示例" for i in range(5000)) + "\nbad: a: b"
    started = time.perf_counter()
    (problem,) = problems_of(front)
    assert time.perf_counter() - started < 0.5
    chars = len("title: 示例\n" + front)
    assert problem == (
        "docs/report/a.md:1: 文件头: 应为 不超过 200 行、20000 个字符，实为 “5002 行、"
        f"{chars} 个字符”（文件头只写字段；正文写在第二个 --- 之后。请检查第二个 --- 是否漏写）"
    )
