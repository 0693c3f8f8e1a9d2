"""Front matter read as typed, with lines, and YAML errors turned into a clerk's message."""

from __future__ import annotations

from studysite.core.frontmatter import parse
from studysite.core.problems import Problem


def test_values_stay_as_typed_and_every_key_has_its_line():
    text = "---\ntype: speech\ndate: 2025-02-30\nsources:\n  - publisher: 示例日报\n    date: 2025-03-13\n---\n\n正文\n"
    front, problems = parse("docs/speeches/a.md", text)
    assert problems == []
    assert front.data["date"] == "2025-02-30"  # an impossible date is the schema's to report, not YAML's
    assert front.line("date") == 3
    assert front.line("sources", 0) == 5
    assert front.line("sources", 0, "date") == 6
    assert front.line("missing") == 1


def test_no_front_matter_is_not_a_problem_here():
    assert parse("docs/a.md", "# 标题\n") == (None, [])


def test_a_colon_in_a_title_is_explained_at_its_line():
    text = "---\ntype: notice\ntitle: 示例: 标题\n---\n"
    assert parse("docs/notices/a.md", text) == (
        None,
        [
            Problem(
                "docs/notices/a.md",
                3,
                "文件头",
                "合法的 YAML（键: 值，每行一项）",
                "title: 示例: 标题",
                "文字中含有英文冒号加空格（: ），请用英文引号把整段文字括起来；YAML 报错：mapping values are not allowed here",
            )
        ],
    )


def test_an_unclosed_list_is_reported_where_it_opens():
    text = "---\ntype: notice\nissuer: [示例局\ndate: 2025-03-01\n---\n"
    _, problems = parse("docs/notices/a.md", text)
    assert [(p.line, p.got) for p in problems] == [(3, "issuer: [示例局")]
    assert problems[0].hint.startswith("方括号列表没有闭合，缺少 ]")


def test_a_tab_is_named():
    _, problems = parse("docs/notices/a.md", "---\nreview:\n\tby: 办公室\n---\n")
    assert problems[0].hint.startswith("这一行有 Tab 键留下的空白：字段名要顶格写（删去行首空白）")
