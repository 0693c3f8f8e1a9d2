"""Every page reachable from the nav: link resolution and the orphan check."""

from __future__ import annotations

from studysite.problems import Problem
from studysite.reachability import nav_sources, orphan_problems, resolve


def test_links_resolve_like_a_browser_resolves_them():
    assert resolve("", "report/") == "report/"
    assert resolve("report/", "../speeches/a/#x") == "speeches/a/"
    assert resolve("report/problems/", "../") == "report/"
    assert resolve("report/", "#P1") == "report/"
    assert resolve("report/", "..") == ""
    assert resolve("", "https://example.cn/") is None


def test_nav_sources_walk_nested_sections_and_skip_external_links():
    nav = [
        {"首页": "index.md"},
        {"报告": ["report/index.md", {"问题": "report/problems.md"}]},
        {"外网": "https://x.cn"},
    ]
    assert nav_sources(nav) == {"index.md", "report/index.md", "report/problems.md"}


def test_a_page_linked_from_an_index_is_reachable_and_a_lonely_page_is_reported():
    pages = {
        "index.md": ("", ["speeches/"]),
        "speeches/index.md": ("speeches/", ["a/"]),
        "speeches/a.md": ("speeches/a/", ["../"]),
        "speeches/lost.md": ("speeches/lost/", ["../a/"]),
    }
    assert orphan_problems(pages, ["index.md", "speeches/index.md"]) == [
        Problem(
            "docs/speeches/lost.md",
            1,
            "页面",
            "列入导航（mkdocs.yml 的 nav）或由某个栏目页、索引链接到",
            "无法从导航到达的页面",
        )
    ]
