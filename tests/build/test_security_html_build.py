"""Issue 21, items 2, 3, 6, 10 in `make check` and real builds: markup in front matter refused at the same
lines, titles escaped in every template place, comments kept from every page, contributor files a browser
would run refused and never copied. Fictional payloads only (示例局, 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

import check
from studysite.core import plaintext
from support import build_quietly, copy_project

NOTICE = """---
type: notice
title: {title}
doc_type: 通知
issuer: 示例局
date: 2025-04-01
classification: 公开
description: {description}
---

示例正文。
"""


def _notice(project: Path, name: str, title: str, description: str = "示例说明") -> Path:
    path = project / "docs/notices" / f"{name}.md"
    path.write_text(NOTICE.format(title=title, description=description), encoding="utf-8")
    return path


def test_check_and_build_refuse_markup_in_front_matter_at_the_same_lines(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    _notice(project, "shili-a", "'关于示例<base href=\"//127.0.0.1/\">的通知'")
    _notice(project, "shili-b", "示例&#60;script&#62;通知", "'示例\"><script src=x.js></script>'")
    _notice(project, "shili-c", "示例局 A&B 小组的通知")  # plain: no problem
    assert check.main(["--root", str(project)]) == 1
    checked = sorted(
        line.replace(":1: ", ": ", 1)
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("docs/notices/shili-")
    )
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built
    mine = sorted(line for line in printed if line.startswith("docs/notices/shili-"))
    assert [line.split(": ", 2)[0] for line in mine] == [
        "docs/notices/shili-a.md:3",
        "docs/notices/shili-b.md:3",
        "docs/notices/shili-b.md:8",
    ]
    assert all("（文件头文字）: 应为 纯文字" in line for line in mine)
    assert checked == mine


@pytest.fixture
def unchecked_front_matter(monkeypatch):
    """The front-matter check switched off, to show what the next defences do on their own."""
    import studysite.model.entries

    monkeypatch.setattr(studysite.model.entries, "front_matter_problems", lambda source: [])


def test_titles_and_descriptions_reach_every_template_place_escaped(tmp_path: Path, unchecked_front_matter):
    project = copy_project(tmp_path / "project")
    _notice(project, "shili-a", "'示例<base href=\"//127.0.0.1/\">通知 A&B'", "'示例\"><script src=x.js></script>'")
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    page = (tmp_path / "site/notices/shili-a/index.html").read_text(encoding="utf-8")
    assert "<base" not in page and "<script src=x.js" not in page and 'src="x.js"' not in page
    assert "<title>示例&lt;base href=&#34;//127.0.0.1/&#34;&gt;通知 A&amp;B - 学习资料站</title>" in page
    assert 'content="示例&#34;&gt;&lt;script src=x.js&gt;&lt;/script&gt;"' in page
    header = page.split('data-md-component="header-topic"', 1)[1].split("</span>", 1)[0]
    assert "示例&lt;base href=&#34;//127.0.0.1/&#34;&gt;通知 A&amp;B" in header
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 学习资料站</title>" in home, "the home page's title is as before"


def test_the_finished_page_judge_stops_what_escaping_would_have_missed(
    tmp_path: Path, unchecked_front_matter, monkeypatch
):
    monkeypatch.setattr(plaintext.EscapedPages, "escape", lambda self, page, others: None)
    project = copy_project(tmp_path / "project")
    _notice(project, "shili-a", "'示例<base href=\"//127.0.0.1/\">通知'")
    _notice(project, "shili-b", "示例通知", '\'示例"><script src="//127.0.0.1/x.js"></script>\'')
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built
    mine = sorted(line for line in printed if line.startswith("docs/notices/"))
    assert "docs/notices/shili-a.md:3: 网页 HTML: 应为 本站模板和正文允许的元素，实为 “<base>”（删除 <base>）" in mine
    assert any(line.startswith("docs/notices/shili-b.md:8: 网页 HTML: 应为 本站自己的脚本文件") for line in mine), mine
    assert not (tmp_path / "site").exists(), "a failed build publishes nothing"


def test_comments_reach_no_published_page_and_their_text_is_still_checked(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/report/problems.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n<!-- 审核意见：示例局第一条 -->\n\n<div markdown>\n正文<!-- 审核意见：第二条 -->\n</div>\n\n"
        + "<details><summary>示例</summary><!-- 审核意见：第三条 --></details>\n",
        encoding="utf-8",
    )
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    for path in (tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "审核意见" not in text and "<!--" not in text, path
    secret = project / "docs/report/index.md"
    secret.write_text(secret.read_text(encoding="utf-8") + "\n<!-- 绝密★示例 -->\n", encoding="utf-8")
    built, printed = build_quietly(project, tmp_path / "site2")
    assert not built and any(line.startswith("docs/report/index.md:") for line in printed), printed


def test_the_build_refuses_them_and_copies_none_into_the_site(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    (docs / "x.js").write_text("window.__ran = 1;\n", encoding="utf-8")
    (docs / "a.html").write_text("<script>window.__ran = 1</script>\n", encoding="utf-8")
    (docs / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n', encoding="utf-8")
    (docs / "c.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>\n', encoding="utf-8")
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built
    found = sorted(line.split(": ", 1)[0] for line in printed if line.startswith("docs/") and "文件类型" in line)
    assert found == ["docs/a.html:1", "docs/b.svg:1", "docs/c.svg:1", "docs/x.js:1"]
    assert not (tmp_path / "site").exists()


def test_check_refuses_them_as_the_build_does(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    (project / "docs/x.js").write_text("window.__ran = 1;\n", encoding="utf-8")
    (project / "docs/b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "docs/x.js:1" in out and "docs/b.svg:1" in out
