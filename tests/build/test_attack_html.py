"""Issue 21, attacker trial findings 7, 8 and two minor ones, each with the attacker's variants and held-out ones.

7: a markup declaration or bogus comment in a body (<!DOCTYPE …>, <!x>, <?x>) never reaches a published page
   (only the template's leading <!doctype html> stays), and its text is still checked.
8: a contributor page cannot wear the theme's identity (Material's md-* classes, __search ids, data-md-*).
Minor: every same-rule HTML problem of a page is listed at its own line; a file name with control or bidi
characters is printed escaped, so it cannot fake a log line. Fictional content only (示例局).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import check
from studysite.core.problems import Problem, shown_path
from studysite.core.sources import Source
from studysite.rules.allowlist import IDENTITY_RULE, allowlist_problems, html_findings
from studysite.rules.pagecheck import _quick_tokens, _tokens, without_comments
from support import build_quietly, copy_project
from support.allowlist import render

NOTICE = """---
type: notice
title: 关于示例事项的通知{n}
doc_type: 通知
issuer: 示例局
date: 2025-04-01
classification: 公开
description: 示例说明
---

{body}
"""


def _notice(project: Path, name: str, body: str, n: str = "") -> Path:
    path = project / "docs/notices" / f"{name}.md"
    path.write_text(NOTICE.format(body=body, n=n), encoding="utf-8")
    return path


def _printed(project: Path, tmp_path: Path, capsys) -> tuple[int, list[str], bool, list[str]]:
    code = check.main(["--root", str(project)])
    checked = capsys.readouterr().out.splitlines()
    built, printed = build_quietly(project, tmp_path / "site")
    return code, checked, built, printed


# --- 7: declarations and bogus comments ---------------------------------------------------------------------

DECLARATIONS = [
    ("<!doctype html><p>正文</p>\n<!DOCTYPE 审核意见子>\n<p>后文</p>", "<!doctype html><p>正文</p>\n\n<p>后文</p>"),
    ("<!DOCTYPE html><body><!doctype 审核意见></body>", "<!DOCTYPE html><body></body>"),
    ("\n<!doctype html><p><!DOCTYPE html PUBLIC '审核'>x</p>", "\n<!doctype html><p>x</p>"),
    ("<!doctype html><p><!ELEMENT 审核意见>x</p>", "<!doctype html><p>x</p>"),
    ("<!doctype html><p><![CDATA[审核意见]]>x</p>", "<!doctype html><p>x</p>"),
    ("<!doctype html><p><?xml 审核意见?>x</p>", "<!doctype html><p>x</p>"),
    ("<!doctype html><p><!审核意见>x</p>", "<!doctype html><p>x</p>"),
    ("<p>正文</p><!doctype html>", "<p>正文</p>"),  # not first in the page: not the template's
]


@pytest.mark.parametrize(("html", "expected"), DECLARATIONS)
def test_declarations_but_the_leading_doctype_are_taken_out(html: str, expected: str):
    assert without_comments(html) == expected
    quick = _quick_tokens(html)
    assert quick is None or quick.comments == _tokens(html).comments


def test_declarations_reach_no_published_page_and_their_text_is_still_checked(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    page = project / "docs/report/problems.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n<!DOCTYPE 审核意见子>\n\n<?审核意见丑?>\n\n<div markdown>\n<!doctype 审核意见寅>\n</div>\n",
        encoding="utf-8",
    )
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    for path in (tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "审核意见" not in text, path
        assert text.lower().count("<!doctype") == (1 if text.lstrip().lower().startswith("<!doctype") else 0), path
    secret = project / "docs/report/index.md"
    secret.write_text(secret.read_text(encoding="utf-8") + "\n<!DOCTYPE 绝密★示例>\n", encoding="utf-8")
    code, checked, built, printed = _printed(project, tmp_path / "again", capsys)
    assert code == 1 and any(line.startswith("docs/report/index.md:") for line in checked), checked
    assert not built and any(line.startswith("docs/report/index.md:") for line in printed), printed


# --- 8: the theme's identity ---------------------------------------------------------------------------------

THEME_PARTS = [
    # the attacker's
    '段落\n{: id="__search" }',
    "段落\n{: .md-search__form .md-header }",
    '段落\n{: data-md-component="search" }',
    '<label for="__search">搜索</label>',
    # held out
    '<div id="__drawer" markdown>x</div>',
    '<span class="md-header__button">x</span>',
    "段落\n{: .md-typeset .screen-only }",
    '<a href="#__toc">目录</a>',
    "[目录](#__nav_1)",
    '<span aria-controls="__search">x</span>',
    '段落\n{: aria-labelledby="__nav_1_label" }',
    '段落\n{: data-md-toggle="search" }',
    "<span data-elder-toggle>大字</span>",
    '<div class="tabbed-set">x</div>',
    '!!! md-banner "标题"\n    正文',
    "## __nav_1\n\n正文",
    '<label for="study-find-q">检索</label>',
    '<p id="md-content">x</p>',
    '<span id="_x">x</span>',
]


@pytest.mark.parametrize("markdown_text", THEME_PARTS)
def test_the_themes_ids_classes_and_data_attributes_are_refused(markdown_text: str):
    findings = html_findings(render(markdown_text))
    assert IDENTITY_RULE in [finding.rule for finding in findings], findings


OWN_PARTS = [
    '!!! note "标题"\n    正文',
    '??? tip "提示"\n    正文',
    "!!! warning\n    正文",
    "- [x] 已完成\n- [ ] 未完成",
    "正文[^1]。\n\n[^1]: 注释。",
    "## 一、总体情况\n\n见[总体情况](#一总体情况)。",
    "段落\n{: #T1 }",
    "段落\n{ .screen-only }",
    "```python\nx = 1\n```",
    "<div data-search-exclude markdown>\n正文\n</div>",
    "| 甲 | 乙 |\n|:-|-:|\n| 1 | 2 |",
    '<span title="说明" lang="zh">正文</span>',
]


@pytest.mark.parametrize("markdown_text", OWN_PARTS)
def test_what_the_sites_markdown_writes_passes(markdown_text: str):
    assert html_findings(render(markdown_text)) == []


def test_check_and_build_refuse_the_themes_identity_in_chinese(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    _notice(
        project, "shili-ui", '正文。\n{: id="__search" }\n\n<label for="__drawer">菜单</label>\n\n段落\n{: .md-header }'
    )
    code, checked, built, printed = _printed(project, tmp_path, capsys)
    mine = sorted(line for line in printed if line.startswith("docs/notices/shili-ui.md:"))
    assert code == 1 and not built
    assert [line.split(": ", 2)[0] for line in mine] == [
        "docs/notices/shili-ui.md:12",
        "docs/notices/shili-ui.md:14",
        "docs/notices/shili-ui.md:17",
    ], mine
    assert all(f": {IDENTITY_RULE}: 应为 " in line for line in mine)
    assert "实为 “id=__search”" in mine[0] and "实为 “for=__drawer”" in mine[1] and "class=md-header" in mine[2]
    assert sorted(line.replace(":1: ", ": ", 1) for line in checked if line.startswith("docs/notices/shili-ui")) == mine
    assert not (tmp_path / "site/notices/shili-ui/index.html").exists() or "__search" not in (
        tmp_path / "site/notices/shili-ui/index.html"
    ).read_text(encoding="utf-8")


# --- every occurrence at its own line ------------------------------------------------------------------------


def test_every_same_rule_problem_is_listed_at_its_own_line():
    body = "".join(f'<span onclick="alert({n})">示例{n}</span>\n\n' for n in range(4))
    source = Source("notices/shili.md", NOTICE.format(n="", body=body))
    problems = allowlist_problems(source, render(source.body))
    assert [(p.line, p.field, p.got) for p in problems] == [
        (line, "事件处理属性", "onclick") for line in (11, 13, 15, 17)
    ]
    same_line = Source(
        "notices/shili.md",
        NOTICE.format(n="", body='<span onclick="a()" class="md-x">甲</span><b onclick="b()">乙</b>'),
    )
    problems = allowlist_problems(same_line, render(same_line.body))
    assert len(set(problems)) == len(problems) == 3 and {p.line for p in problems} == {11}


def test_check_and_build_list_all_four_onclick(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    _notice(project, "shili-four", "".join(f'<span onclick="alert({n})">示例{n}</span>\n\n' for n in range(4)))
    code, checked, built, printed = _printed(project, tmp_path, capsys)
    mine = sorted(line for line in printed if line.startswith("docs/notices/shili-four.md:"))
    assert [line.split(": ", 2)[0] for line in mine] == [f"docs/notices/shili-four.md:{n}" for n in (11, 13, 15, 17)]
    assert all("事件处理属性: 应为 不含脚本的 HTML，实为 “onclick”" in line for line in mine)
    assert (
        sorted(line.replace(":1: ", ": ", 1) for line in checked if line.startswith("docs/notices/shili-four")) == mine
    )


# --- file names that could fake a log line -------------------------------------------------------------------

NAMES = [
    ("shili\n伪造.md:1: 无问题", "shili\\n伪造.md:1: 无问题"),
    ("shili\r伪造", "shili\\r伪造"),
    ("shili\t伪造", "shili\\t伪造"),
    ("shili\u202edm.txt", "shili\\u202edm.txt"),
    ("shili\u2066伪造\u2069", "shili\\u2066伪造\\u2069"),
    ("shili\u200e\u200f", "shili\\u200e\\u200f"),
    ("shili\u2028伪造", "shili\\u2028伪造"),
    ("shili\x1b[2K伪造", "shili\\x1b[2K伪造"),
]


@pytest.mark.parametrize(("name", "shown"), NAMES)
def test_a_file_name_is_shown_escaped(name: str, shown: str):
    problem = Problem(f"docs/notices/{name}.md", 3, "事件处理属性", "不含脚本的 HTML", "onclick")
    assert str(problem) == f"docs/notices/{shown}.md:3: 事件处理属性: 应为 不含脚本的 HTML，实为 “onclick”"
    assert shown_path(f"docs/notices/{shown}.md") == f"docs/notices/{shown}.md"  # once escaped, as it stays
    assert shown_path("docs/notices/关于 示例（一）.md") == "docs/notices/关于 示例（一）.md"


def test_check_and_build_print_file_names_escaped(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    names = [name for name, _ in NAMES[:6]]
    for n, name in enumerate(names):
        _notice(project, name, '<span onclick="alert(1)">示例</span>', "一二三四五六"[n])
    code, checked, built, printed = _printed(project, tmp_path, capsys)
    assert code == 1 and not built
    for output in (checked, printed):
        assert not any(line.startswith(("docs/notices/x.md", "伪造", "dm.txt")) for line in output), output
        assert not any(c in line for line in output for c in "\r\t\u202e\u2066\u2069\u200e\u200f"), output
        for _, shown in NAMES[:6]:
            assert any(line.startswith(f"docs/notices/{shown}.md:11") and "onclick" in line for line in output), (
                shown,
                output,
            )
