"""内部 material in the public offline zip (issue 21, item 4): how studysite.build.shipped reads a built page
(as a browser does: entities, percent-encoding, srcset, CSS, <base>, the site's own scripts), and what a page
reaches. The zip itself: tests/build/test_security_offline_build.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.build.shipped import site_path, unreached, urls_in_css, urls_in_html, urls_in_script
from support.offline import (
    FILES,
    INTERNAL_PACK,
    INTERNAL_SPEECH,
)
from support.offline_variants import INTERNAL_ATTACHMENTS, INTERNAL_ONLY, VARIANTS

# --- reading a built page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("a.xlsx", "notices/a.xlsx"),
        (" a.xlsx\n", "notices/a.xlsx"),
        ("a\t.x\nlsx", "notices/a.xlsx"),  # the URL parser drops tabs and line ends
        ("%E9%99%84%E4%BB%B6/a.xlsx", "notices/附件/a.xlsx"),
        ("附件\\a.xlsx", "notices/附件/a.xlsx"),  # a backslash is a slash
        ("./附件/../附件/a.xlsx?v=1#第二页", "notices/附件/a.xlsx"),
        ("%2e%2e/measures/b.docx", "measures/b.docx"),
        ("../measures/", "measures/index.html"),
        ("./", "notices/index.html"),
        ("/assets/site.css", "assets/site.css"),  # read generously: a public page names it
        ("../../../etc/passwd", None),
        ("http://127.0.0.1/a.xlsx", None),
        ("//127.0.0.1/a.xlsx", None),
        ("HTTPS://127.0.0.1/a.xlsx", None),
        ("mailto:shili@example.invalid", None),
        ("java\tscript:alert(1)", None),
        ("data:text/plain,示例", None),
        ("#第二节", None),
        ("?q=1", None),
        ("", None),
    ],
)
def test_a_url_names_the_file_a_browser_opens(url: str, expected: str | None):
    assert site_path("notices", url) == expected


def test_every_url_of_a_page_is_read_as_the_parser_decodes_it():
    html = """<html><head><base href="sub/"><link rel="stylesheet" href="s.css">
    <meta http-equiv="refresh" content="0; url=refresh.html"><style>@import "i.css"; .x{background:url('\\62 g.png')}</style>
    <script>load("inline.js")</script></head><body>
    <a href="&#x9644;&#20214;/e.xlsx">实体</a><a href="&#97;&period;xlsx">命名实体</a>
    <img srcset="one.png 1x, two,comma.png 2x" src="img.png"><div style="background:url(&quot;div.png&quot;)"></div>
    <svg><a xlink:href="svg.pdf"><text>示例</text></a><image href="svg.png"/></svg>
    <object data="obj.pdf"></object><video poster="poster.png"><source src="v.mp4"><track src="t.vtt"></video>
    <iframe srcdoc="&lt;a href=&quot;srcdoc.xlsx&quot;&gt;x&lt;/a&gt;"></iframe>
    <!-- <a href="comment.xlsx">注释里的链接</a> -->
    </body></html>"""
    urls, bases = urls_in_html(html)
    assert bases == ["sub/"]
    for url in (
        "s.css",
        "refresh.html",
        "i.css",
        "bg.png",
        "inline.js",
        "附件/e.xlsx",
        "a.xlsx",
        "one.png",
        "two,comma.png",
        "img.png",
        "div.png",
        "svg.pdf",
        "svg.png",
        "obj.pdf",
        "poster.png",
        "v.mp4",
        "t.vtt",
        "srcdoc.xlsx",
    ):
        assert url in urls, url
    assert "comment.xlsx" not in urls, "a comment is not followed"


def test_stylesheets_and_scripts_name_what_they_load():
    css = """@import url("a.css"); @font-face { src: url(f\\6f nt.woff2) format("woff2") }
    .x { background-image: image-set("x1.png" 1x, 'x2.png' 2x) }"""
    assert {"a.css", "font.woff2", "x1.png", "x2.png"} <= set(urls_in_css(css))
    script = """load("engine.js"); var a = 'find.js', b = `t.js`, c = "\\u0065sc.js", d = "\\x68ex.js";"""
    assert {"engine.js", "find.js", "t.js", "esc.js", "hex.js"} <= set(urls_in_script(script))


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_only_what_a_page_reaches_is_carried(tmp_path):
    site = _site(
        tmp_path / "站点",
        {
            "index.html": '<link rel="stylesheet" href="assets/own.css"><script src="assets/own.js"></script>'
            '<a href="notices/gongkai.html">公开</a><img src="img/logo.png">',
            "notices/gongkai.html": '<a href="%E9%99%84%E4%BB%B6/%E5%85%B1%E7%94%A8.xlsx">共用</a>'
            '<a href="附件/reached.html">网页附件</a><a href="../docs/outside.xlsx">外</a>',
            "notices/附件/共用.xlsx": "共用",
            "notices/附件/reached.html": '<a href="chained.xlsx">再链接</a>',
            "notices/附件/chained.xlsx": "再链接",
            "notices/附件/only-internal.xlsx": "内部",
            "notices/附件/unreached.html": '<a href="from-unreached.xlsx">x</a>',
            "notices/附件/from-unreached.xlsx": "x",
            "assets/own.css": ".x { background: url(font/own.woff2) }",
            "assets/font/own.woff2": "字体",
            "assets/own.js": 'load("engine.js")',
            "assets/engine.js": "引擎",
            "assets/extra.css": "额外",
            "assets/orphan.js": "孤立",
            "img/logo.png": "图",
            "img/orphan.png": "图",
        },
    )
    candidates = [
        "notices/附件/共用.xlsx",
        "notices/附件/reached.html",
        "notices/附件/chained.xlsx",
        "notices/附件/only-internal.xlsx",
        "notices/附件/unreached.html",
        "notices/附件/from-unreached.xlsx",
        "assets/own.css",
        "assets/font/own.woff2",
        "assets/own.js",
        "assets/engine.js",
        "assets/extra.css",
        "assets/orphan.js",
        "img/logo.png",
        "img/orphan.png",
    ]
    assert unreached(site, candidates, ["assets/extra.css"]) == [
        "assets/orphan.js",
        "img/orphan.png",
        "notices/附件/from-unreached.xlsx",
        "notices/附件/only-internal.xlsx",
        "notices/附件/unreached.html",
    ]


def test_the_fixture_pages_hold_what_the_variants_name():
    # Guards the corpus itself: each 内部-only attachment is named by an 内部 page or by none (orphans).
    named = "".join(VARIANTS.values()) + FILES[INTERNAL_PACK] + FILES[INTERNAL_SPEECH]
    for src_uri in INTERNAL_ONLY:
        stem = Path(src_uri).stem
        if "orphan" in stem or "孤立" in stem:
            assert stem not in named, src_uri
        elif stem not in ("speech-only", "pack-only", "entity", "percent"):
            assert stem in VARIANTS[INTERNAL_ATTACHMENTS], src_uri
