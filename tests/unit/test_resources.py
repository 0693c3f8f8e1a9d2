"""Detection of resources a page would load from outside the intranet."""

from __future__ import annotations

from studysite.core.problems import Problem, stop_message
from studysite.rules.resources import external_resource_problems, is_external, loaded_urls, scan


def test_external_forms_are_recognised_and_local_ones_are_not():
    assert [is_external(u) for u in ("https://a.cn/x.png", "http://a.cn", "//cdn.cn/x.js", "ftp://h/x")] == [
        True,
        True,
        True,
        True,
    ]
    assert [is_external(u) for u in ("img/x.png", "../a.css", "/assets/x.js", "data:image/png;base64,AA", "#top")] == [
        False,
        False,
        False,
        False,
        False,
    ]


def test_scan_also_collects_link_targets_with_or_without_loading_tags():
    links = """<a href="../a/">甲</a><a name="n">无</a><a class='x' href='#p1'>乙</a><a href=b/?x=1&amp;y=2>丙</a>"""
    assert scan(links) == ([], ["../a/", "#p1", "b/?x=1&y=2"])
    assert scan(links + '<img src="x.png">') == (["x.png"], ["../a/", "#p1", "b/?x=1&y=2"])


def test_every_loading_attribute_and_css_url_is_collected_but_plain_links_are_not():
    html = """
    <p><a href="https://example.cn/read">a link a reader clicks</a></p>
    <img src="https://a.cn/1.png" srcset="https://a.cn/2.png 2x, local.png 1x">
    <script src="//cdn.cn/x.js"></script>
    <link rel="stylesheet" href="http://a.cn/s.css">
    <iframe src="https://a.cn/frame"></iframe>
    <object data="https://a.cn/o.swf"></object>
    <video poster="https://a.cn/p.jpg"></video>
    <div style="background: url('https://a.cn/bg.png')"></div>
    <style>@import "https://a.cn/i.css"; p { background: url(https://a.cn/s.png) }</style>
    """
    assert loaded_urls(html) == [
        "https://a.cn/1.png",
        "https://a.cn/2.png",
        "local.png",
        "//cdn.cn/x.js",
        "http://a.cn/s.css",
        "https://a.cn/frame",
        "https://a.cn/o.swf",
        "https://a.cn/p.jpg",
        "https://a.cn/bg.png",
        "https://a.cn/s.png",
        "https://a.cn/i.css",
    ]


def test_a_problem_names_the_file_the_line_and_the_url():
    source = "---\ntitle: 示例\n---\n\n# 示例\n\n![图](https://example.cn/a.png)\n"
    html = '<h1>示例</h1><p><img alt="图" src="https://example.cn/a.png"></p>'
    problems = external_resource_problems("docs/speeches/a.md", source, loaded_urls(html))
    assert problems == [
        Problem(
            "docs/speeches/a.md",
            7,
            "外部资源",
            "站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用）",
            "https://example.cn/a.png",
        )
    ]
    assert stop_message(problems) == (
        "发现 1 处问题，构建已停止：\n"
        "docs/speeches/a.md:7: 外部资源: 应为 站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用），"
        "实为 “https://example.cn/a.png”"
    )
