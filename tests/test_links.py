"""Links in Markdown: where they point, the anchors a page will have, and which pages the nav reaches."""

from __future__ import annotations

from pymdownx.slugs import slugify

from studysite.links import anchors, link_problems, markdown_links, nav_sources, orphan_problems, resolve
from studysite.problems import Problem

SLUGIFY = slugify(case="lower")


def test_links_are_found_with_their_place_and_code_is_skipped():
    text = (
        "---\ntitle: 示例\n---\n"
        '见[甲](a.md)和![图](<images/示例 图.png> "说明")。\n'
        "`[不是](链接.md)` 与 [乙](b.md#第一节)\n"
        "```\n[代码](c.md)\n```\n"
        "[参考]: ../d.md\n"
        "<a href=\"e.md\">戊</a><img src='f.png'>\n"
    )
    assert [(link.line, link.col, link.target, link.image) for link in markdown_links(text)] == [
        (4, 2, "a.md", False),
        (4, 12, "images/示例 图.png", True),
        (5, 17, "b.md#第一节", False),
        (9, 7, "../d.md", False),
        (10, 1, "e.md", False),
        (10, 21, "f.png", True),
    ]


def test_links_resolve_like_mkdocs_resolves_them():
    assert resolve("speeches/a.md", "../report/index.md#P1") == ("page", "report/index.md", "P1")
    assert resolve("speeches/a.md", "2025-03-12-%E7%A4%BA%E4%BE%8B.md") == ("page", "speeches/2025-03-12-示例.md", "")
    assert resolve("speeches/a.md", "#第一节") == ("page", "speeches/a.md", "第一节")
    assert resolve("speeches/a.md", "/report/") == ("absolute", "/report/", "")
    assert resolve("speeches/a.md", "https://example.cn/") is None


def test_anchors_are_the_ids_toc_and_attr_list_will_give():
    markdown = (
        "# 一、总体要求\n\n## 重复\n\n## 重复\n\n## P1 问题 {#P1}\n\n"
        '文字 {#自定义}\n\n<span id="html-id"></span>\n\n## 带**强调**和[链接](x.md)的标题\n\n说明[^1]\n'
    )
    assert anchors(markdown, SLUGIFY) == {
        "一总体要求", "重复", "重复_1", "P1", "自定义", "html-id", "带强调和链接的标题", "fn:1", "fnref:1",
    }  # fmt: skip


def test_a_missing_anchor_and_a_missing_file_are_told_apart():
    targets = frozenset({"speeches/a.md", "report/problems.md", "report/index.md"})
    ids = {"report/problems.md": {"P1"}, "speeches/a.md": set()}
    text = "[甲](../report/problems.md#P9) [乙](../report/problems.md#P1) [丙](../report/) [丁](../x.md)\n"
    problems = link_problems("docs/speeches/a.md", "speeches/a.md", text, targets, lambda src: ids.get(src))
    assert [(p.field, p.got, p.hint) for p in problems] == [
        ("链接", "../report/problems.md#P9", "在浏览器中打开report/problems.md，点标题旁的 ¶ 可复制正确的锚点"),
        ("链接", "../report/", "改为 “../report/index.md”"),
        ("链接", "../x.md", "检查文件名和所在目录，路径相对于本页所在目录"),
    ]


def test_nav_sources_walk_nested_sections_and_skip_external_links():
    nav = [
        {"首页": "index.md"},
        {"报告": ["report/index.md", {"问题": "report/problems.md"}]},
        {"外网": "https://x.cn"},
    ]
    assert nav_sources(nav) == {"index.md", "report/index.md", "report/problems.md"}


def test_a_page_linked_from_an_index_is_reachable_and_a_lonely_page_is_reported():
    links = {
        "index.md": {"speeches/index.md"},
        "speeches/index.md": {"speeches/a.md"},
        "speeches/a.md": {"index.md"},
        "speeches/lost.md": {"speeches/a.md"},
    }
    [problem] = orphan_problems(links, ["index.md"], links)
    assert problem == Problem(
        "docs/speeches/lost.md",
        1,
        "页面",
        "能从网站导航到达的页面（讲话、通报通知放进 docs/speeches/、docs/notices/ 即自动列入索引；其他页面请在某个栏目页加链接）",
        "没有任何导航或页面链接到本页",
    )
