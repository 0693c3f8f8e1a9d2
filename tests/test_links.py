"""Links written as HTML (the generated indexes' tables): read as URLs, as the browser resolves them."""

from __future__ import annotations

import itertools

from mkdocs.structure.files import File

from studysite.links import link_problems, markdown_links, page_targets, resolve, url_sources
from studysite.md import Row, html_link, html_table
from studysite.pages import relative_url

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
