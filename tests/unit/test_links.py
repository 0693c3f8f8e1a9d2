"""Links in Markdown: where they point, the anchors a page will have, and which pages the nav reaches."""

from __future__ import annotations

import itertools

from mkdocs.structure.files import File
from pymdownx.slugs import slugify

from studysite.core.pages import relative_url
from studysite.core.problems import Problem
from studysite.render.md import Row, html_link, html_table
from studysite.rules.links import (
    anchors,
    link_problems,
    markdown_links,
    nav_sources,
    orphan_problems,
    page_targets,
    resolve,
    url_sources,
)

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
        ("链接", "../report/problems.md#P9", "在网站上打开report/problems.md，点标题旁的 ¶ 可复制正确的锚点"),
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


# --- links written as HTML (the generated indexes' tables): read as URLs, as the browser resolves them


PAGES = frozenset(
    {
        "index.md",
        "speeches/index.md",
        "speeches/示例 讲话.md",
        "speeches/by-speaker.md",
        "speeches/by-speaker/示例甲.md",
        "speeches/years/2025.md",
        "speeches/years/2025/2.md",
        "report/problems.md",
    }
)
TARGETS = PAGES | {"measures/ledger.csv", "assets/logo.png"}


def test_relative_urls_are_the_ones_mkdocs_writes_for_its_own_links():
    uris = sorted(PAGES | {"measures/ledger.csv", "a/b.c/d.md", "a/b/c/index.md"})
    for directory_urls in (True, False):
        for target, page in itertools.product(uris, uris):
            expected = File(target, "/docs", "/site", directory_urls).url_relative_to(
                File(page, "/docs", "/site", directory_urls)
            )
            assert relative_url(target, page, directory_urls) == expected, (target, page, directory_urls)


def test_an_html_link_resolves_against_the_page_url_to_the_file_published_there():
    assert resolve("speeches/years/2025.md", "../../%E7%A4%BA%E4%BE%8B%20%E8%AE%B2%E8%AF%9D/", True, PAGES) == (
        "page",
        "speeches/示例 讲话.md",
        "",
    )
    assert resolve("speeches/index.md", "by-speaker/#speaker-x", True, PAGES) == (
        "page",
        "speeches/by-speaker.md",
        "speaker-x",
    )
    assert resolve("speeches/years/2025/2.md", "../", True, PAGES)[1] == "speeches/years/2025.md"
    assert resolve("speeches/index.md", "../", True, PAGES)[1] == "index.md"
    assert resolve("report/problems.md", "../../measures/ledger.csv", True, TARGETS)[1] == "measures/ledger.csv"
    # The same text as a Markdown link names a file relative to the page's file, as MkDocs reads it.
    assert resolve("speeches/index.md", "by-speaker.md")[1] == "speeches/by-speaker.md"
    flat = resolve("speeches/years/2025.md", "2025/2.html", True, PAGES, directory_urls=False)
    assert flat[1] == "speeches/years/2025/2.md"
    assert url_sources("speeches/", True) == ["speeches.md", "speeches/index.md", "speeches/README.md"]


def test_html_links_written_by_html_link_reach_their_targets_for_reachability():
    page = "speeches/years/2025.md"
    table = html_table(
        ("标题",),
        [
            (html_link("示例 讲话", "speeches/示例 讲话.md", page),),
            Row((html_link("示例甲", "speeches/by-speaker/示例甲.md", page),), {"data-owner": "办公室"}),
            (html_link("第2部分", "speeches/years/2025/2.md", page),),
        ],
    )
    assert page_targets(page, table, PAGES) == {
        "speeches/示例 讲话.md",
        "speeches/by-speaker/示例甲.md",
        "speeches/years/2025/2.md",
    }
    assert '<tr data-owner="办公室">' in table
    assert link_problems(f"docs/{page}", page, table, TARGETS, lambda _: None) == []


def test_a_broken_html_link_is_reported_with_its_line_and_a_hint():
    text = "# 示例\n\n<p>见<a href='../../示例讲话/'>讲话</a>，<img src='../assets/logo.png'></p>\n"
    problems = link_problems("docs/speeches/years/2025.md", "speeches/years/2025.md", text, TARGETS, lambda _: None)
    assert [(p.line, p.field, p.got) for p in problems] == [
        (3, "链接", "../../示例讲话/"),
        (3, "图片", "../assets/logo.png"),
    ]
    assert "本页网址为 speeches/years/2025/" in problems[0].hint
    # From the page's URL, three levels up reach the image; the checker agrees with the browser.
    fixed = "<img src='../../../assets/logo.png'>\n"
    assert link_problems("docs/x.md", "speeches/years/2025.md", fixed, TARGETS, lambda _: None) == []


def test_an_html_link_to_a_missing_anchor_is_reported():
    text = '<a href="../by-speaker/#speaker-示例乙">示例乙</a>\n'
    anchors = {"speeches/by-speaker.md": {"speaker-示例甲"}}
    problems = link_problems("docs/speeches/x.md", "speeches/x.md", text, TARGETS, anchors.get)
    assert [p.got for p in problems] == ["../by-speaker/#speaker-示例乙"]


def test_markdown_links_marks_which_links_are_html():
    links = markdown_links('[甲](a.md) <a href="b/">乙</a>\n')
    assert [(link.target, link.html) for link in links] == [("a.md", False), ("b/", True)]


def test_a_near_miss_is_named_case_and_heading_punctuation():
    targets = frozenset({"speeches/a.md", "speeches/images/会议现场.JPG", "report/index.md"})
    ids = {"report/index.md": {"三党委常委分析检查情况"}, "speeches/a.md": set()}
    text = "![现场](images/会议现场.jpg) [三](../report/index.md#三、党委常委分析检查情况)\n"
    problems = link_problems("docs/speeches/a.md", "speeches/a.md", text, targets, lambda src: ids.get(src))
    assert [p.hint for p in problems] == [
        "改为 “images/会议现场.JPG”（文件名的大小写不同，网站上大小写有区别）",
        "改为 “#三党委常委分析检查情况”（锚点是标题去掉标点后的文字）",
    ]
