"""Issue 21, items 2, 3, 6, 10: what a reader's browser gets is judged as the browser reads it.

Front matter is plain text (refused with markup, escaped anyway); the finished page passes the template's and
the contributor's allowlists; contributor files a browser would run are refused; comments are taken out;
URLs are judged as browsers normalise them. Fictional payloads only (示例局, 127.0.0.1). The same through
`make check` and real builds: tests/build/test_security_html_build.py.
"""

from __future__ import annotations

import pytest

from studysite.core import plaintext
from studysite.core.sources import Source
from studysite.rules.allowlist import html_findings, leaves_site, normalised_url, url_scheme
from studysite.rules.pagecheck import SiteAssets, page_findings, tokens, without_comments
from studysite.rules.statics import refusal
from support.allowlist import render

# --- front matter is plain text -------------------------------------------------------------------------------

MARKUP_TITLES = [
    '关于示例<base href="//127.0.0.1/">的通知',
    "示例<script>alert(1)</script>",
    "示例</title><script>alert(1)</script>",
    "示例<!-- 注释 -->通知",
    "示例<img src=x onerror=alert(1)>",
    "示例 &lt;base href=x&gt;",
    "示例&#60;script&#62;",
    "示例&#x3C;svg onload=alert(1)&#x3E;",
    "示例&lt",  # a legacy reference without its semicolon still decodes
    "示例&amp;lt;b&amp;gt;",
    "示例 > 引用",
    "<示例>",
    "示例<svg/onload=alert(1)>",
    "示例<a href=javascript:alert(1)>点我</a>",
]
PLAIN_TITLES = [
    "关于示例事项的通知",
    "示例局 A&B 小组",
    "示例 & 通知",
    "《示例》学习体会",
    "示例＜全角＞括号",
    "R&D 示例",
]


@pytest.mark.parametrize("title", MARKUP_TITLES)
def test_markup_in_a_front_matter_string_is_found(title: str):
    assert plaintext.markup_in(title)


@pytest.mark.parametrize("title", PLAIN_TITLES)
def test_plain_text_with_ampersands_and_chinese_passes(title: str):
    assert not plaintext.markup_in(title)


def test_every_string_of_any_pages_front_matter_is_judged_at_its_line():
    text = (
        "---\ntitle: 示例页\ndescription: '示例\"><script src=x.js></script>'\nauthor: 示例甲\nhide:\n"
        "  - toc\n  - <b>nav</b>\nsources:\n  - publisher: 示例&lt;日报\n---\n\n正文。\n"
    )
    problems = plaintext.front_matter_problems(Source("report/extra.md", text))
    assert [str(p) for p in problems] == [
        "docs/report/extra.md:3: description（文件头文字）: 应为 纯文字（不含 <、> 或 &lt; &#60; 这类 HTML 写法），"
        '实为 “示例"><script src=x.js></script>”（' + plaintext.HINT + "）",
        f"docs/report/extra.md:7: hide[2]（文件头文字）: 应为 {plaintext.EXPECTED}，实为 “<b>nav</b>”（{plaintext.HINT}）",
        f"docs/report/extra.md:9: sources[1].publisher（文件头文字）: 应为 {plaintext.EXPECTED}，实为 “示例&lt;日报”"
        f"（{plaintext.HINT}）",
    ]


def test_escaped_values_print_as_text_and_survive_jinjas_escape_filter():
    from jinja2 import Environment

    value = plaintext.escaped({"title": 'A&B <base href="x">', "hide": ["toc"], "n": 3})
    env = Environment()
    assert env.from_string("{{ m.title }}|{{ m.title | e }}").render(m=value) == (
        "A&amp;B &lt;base href=&#34;x&#34;&gt;|A&amp;B &lt;base href=&#34;x&#34;&gt;"
    )
    assert "toc" in value["hide"] and value["n"] == 3


# --- the finished page's judge ----------------------------------------------------------------------------------

ASSETS = SiteAssets(frozenset({"assets/elder.js", "assets/javascripts/study-base.js"}), frozenset({"assets/site.css"}))
CLEAN = (
    '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>示例 &lt;b&gt;</title>'
    '<link rel="stylesheet" href="../../assets/site.css"><link rel="icon" href="../../assets/images/favicon.png">'
    '<script src="../../assets/javascripts/study-base.js" data-md-scope="../.."></script>'
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script></head><body dir="ltr">'
    '<header class="md-header"><form class="md-search__form" name="search"><input type="text" name="query" '
    'required></form></header><article><h1 id="a">示例</h1><p>正文</p></article>'
    '<script id="__config" type="application/json">{"base": "../.."}</script></body></html>'
)
INJECTED = [
    ('<base href="//127.0.0.1/">', "<base>"),
    ('<script src="//127.0.0.1/x.js"></script>', "<script src=//127.0.0.1/x.js>"),
    ('<script src="../../x.js"></script>', "<script src=../../x.js>"),
    ('<script src="http:\\\\127.0.0.1\\x.js"></script>', "<script src=http:\\\\127.0.0.1\\x.js>"),
    ("<script>alert(1)</script>", "<script>（内联脚本）"),
    ('<script type="module">alert(1)</script>', "<script>（内联脚本）"),
    ('<script type="application/json" src="../../assets/elder.js">alert(1)</script>', "<script> 中的脚本"),
    ('<meta http-equiv="refresh" content="0;url=//127.0.0.1/">', "<meta http-equiv>"),
    ('<link rel="stylesheet" href="//127.0.0.1/a.css">', "<link href=//127.0.0.1/a.css>"),
    ('<link rel="import" href="x.html">', "<link rel=import>"),
    ('<svg onload="alert(1)"><path d="M0"/></svg>', "<svg onload>"),
    ("<svg><script>alert(1)</script></svg>", "<script>（内联脚本）"),
    ('<img src=x onerror="alert(1)">', "<img onerror>"),
    ("<img/src/onerror=alert(1)>", "<img onerror>"),
    ('<a href="x"onclick="alert(1)">示例</a>', "<a onclick>"),
    ('<A HREF="JaVaScRiPt:alert(1)">示例</A>', "JaVaScRiPt:alert(1)"),
    ('<a href="java&#x09;script:alert(1)">示例</a>', "java\tscript:alert(1)"),
    ('<iframe src="x.html"></iframe>', "<iframe>"),
    ('<form action="//127.0.0.1/"><input type="password"></form>', "<form action>"),
    ('<input type="password" name="p">', "<input type=password>"),
    ('<button type="submit" formaction="//127.0.0.1/">提交</button>', "<button formaction>"),
    ("<object data=x.swf></object>", "<object>"),
    ('<img src="http:\\\\127.0.0.1\\x.png">', "http:\\\\127.0.0.1\\x.png"),
    ('<img src="//127.0.0.1/x.png">', "//127.0.0.1/x.png"),
    ('<a href="ftp://127.0.0.1/x">示例</a>', "ftp://127.0.0.1/x"),
    ('<a href="data:text/html,x">示例</a>', "data:text/html,x"),
    ('<a href="file:///etc/passwd">示例</a>', "file:///etc/passwd"),
    ('<span style="background:url(//127.0.0.1/x)">示例</span>', "<span style>"),
    ("<plaintext>", "<plaintext>"),
    ("<template><script>alert(1)</script></template>", "<template>"),
    ("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "<math>"),
    ('<div title="x" <script>', "<div <script>"),
]


def test_the_sites_own_page_passes():
    assert page_findings(CLEAN, "notices/shili-a/", ASSETS) == []


@pytest.mark.parametrize(("injected", "got"), INJECTED)
def test_anything_outside_the_template_and_contributor_allowlists_is_found(injected: str, got: str):
    page = CLEAN.replace("<p>正文</p>", f"<p>正文</p>{injected}")
    assert got in [finding.got for finding in page_findings(page, "notices/shili-a/", ASSETS)]


@pytest.mark.parametrize(
    "title",
    ["</title><script>alert(1)</script>", "<svg><title><img src=x onerror=alert(1)></title></svg>", "<b>示例</b>"],
)
def test_markup_in_the_title_element_is_refused_though_browsers_read_it_as_text(title: str):
    page = CLEAN.replace("示例 &lt;b&gt;</title>", title + "</title>", 1)
    assert page_findings(page, "notices/shili-a/", ASSETS) != []


def test_an_unclosed_tag_is_refused():
    page = CLEAN.split("<p>正文</p>")[0] + '<p>正文</p><img src="x" onerror="alert(1)>'
    assert [f.got[:4] for f in page_findings(page, "notices/shili-a/", ASSETS)] == ["<img"]
    quoted = CLEAN.replace("<p>正文</p>", '<p>正文</p><img src="x" onerror="alert(1)>')  # the quote runs on
    assert page_findings(quoted, "notices/shili-a/", ASSETS) != []


def test_the_tokenizer_follows_quotes_as_browsers_do():
    html = '<a title="x>y" onclick=z>示例</a><p title=\'a"b\'>c</p><i a=1 b = "2" c>d</i>'
    names = [(t.name, [a for a, _ in t.attributes]) for t in tokens(html).tags]
    assert names == [("a", ["title", "onclick"]), ("p", ["title"]), ("i", ["a", "b", "c"])]


@pytest.mark.parametrize("html", [CLEAN, *(CLEAN.replace("<p>正文</p>", i) for i, _ in INJECTED)])
def test_the_quick_tokenizer_agrees_with_the_careful_one_or_steps_aside(html: str):
    from studysite.rules.pagecheck import _quick_tokens, _tokens

    quick, careful = _quick_tokens(html), _tokens(html)
    if quick is not None:
        assert [(t.name, t.raw, t.attributes) for t in quick.tags] == [
            (t.name, t.raw, t.attributes) for t in careful.tags
        ]
        assert quick.comments == careful.comments


# --- comments ---------------------------------------------------------------------------------------------------

COMMENTS = [
    ("<p>正文<!-- 审核意见：示例局 --></p>", "<p>正文</p>"),
    ("<p>正文<!-->审核意见</p>", "<p>正文审核意见</p>"),
    ("<p>正文<!--->审核意见</p>", "<p>正文审核意见</p>"),
    ("<p>正文<!-- 意见 --!>后文</p>", "<p>正文后文</p>"),
    ("<p>正文<!-- 多行\n意见\n--></p>", "<p>正文</p>"),
    ("<p>正文<?审核 意见?></p>", "<p>正文</p>"),
    ("<p>正文<!审核意见></p>", "<p>正文</p>"),
    ("<p>正文</ 审核意见></p>", "<p>正文</p>"),
    ("<!doctype html><p>正文<!-- a --><!-- b --></p>", "<!doctype html><p>正文</p>"),
    ("<p>正文<!-- 未闭合的意见", "<p>正文"),
    ("<code>&lt;!-- 代码示例 --&gt;</code>", "<code>&lt;!-- 代码示例 --&gt;</code>"),
]


@pytest.mark.parametrize(("html", "expected"), COMMENTS)
def test_comments_are_taken_out_as_browsers_end_them(html: str, expected: str):
    assert without_comments(html) == expected


# --- contributor forms and URLs ---------------------------------------------------------------------------------

FORMS = [
    '<form><input name="q"></form>',
    '<form method="post"><textarea name="t"></textarea></form>',
    "<select><option>示例</option></select>",
    "<button>提交</button>",
    '<input type="password">',
    '<input type="search" name="q">',
    '<input type="checkbox" name="agree">',
    '<input type="hidden" name="token" value="x">',
    "<fieldset><legend>示例</legend></fieldset>",
    "<output>1</output>",
    '<label>示例<input type="text"></label>',
    '<div markdown="1"><form><input></form></div>',
]


@pytest.mark.parametrize("markdown_text", FORMS)
def test_forms_and_controls_are_refused_on_contributor_pages(markdown_text: str):
    assert html_findings(render(markdown_text)) != []


def test_a_task_list_box_is_still_allowed():
    assert html_findings(render("- [x] 已完成\n- [ ] 未完成\n")) == []


URLS = [
    ("http:\\\\127.0.0.1\\x.png", "http://127.0.0.1/x.png", True),
    ("\\\\127.0.0.1\\x.png", "//127.0.0.1/x.png", True),
    ("/\\127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("//127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("\x01\x02 //127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("/\t/127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("/\n/127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("https:127.0.0.1/x.png", "https:127.0.0.1/x.png", True),
    ("HTTP://127.0.0.1/x.png", "HTTP://127.0.0.1/x.png", True),
    ("&#47;&#47;127.0.0.1/x.png", "//127.0.0.1/x.png", True),
    ("images/x.png", "images/x.png", False),
    ("../x.png", "../x.png", False),
]


@pytest.mark.parametrize(("value", "normal", "external"), URLS)
def test_urls_are_normalised_as_browsers_do_before_hosts_are_judged(value: str, normal: str, external: bool):
    assert normalised_url(value) == normal
    assert leaves_site(value) is external


@pytest.mark.parametrize(
    "markdown_text",
    [
        '<img src="http:\\\\127.0.0.1\\x.png" alt="示例">',
        '<img src="\\\\127.0.0.1\\x.png" alt="示例">',
        '<img src="/\\127.0.0.1/x.png" alt="示例">',
        '<img src=" //127.0.0.1/x.png" alt="示例">',
        '<img src="https:127.0.0.1/x.png" alt="示例">',
        "![示例](http:\\\\127.0.0.1\\x.png)",
    ],
)
def test_images_from_another_host_are_refused_in_every_spelling(markdown_text: str):
    assert any(f.rule == "外部资源" for f in html_findings(render(markdown_text))), markdown_text


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/x",
        "FTP://127.0.0.1/x",
        " ftp://127.0.0.1/x",
        "data:text/html,x",
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
        "ws://127.0.0.1/",
        "blob:http://127.0.0.1/x",
        "jar:x",
        "f\ttp://127.0.0.1/",
        "sms:10086",
        "intent://x",
    ],
)
def test_schemes_outside_the_allowlist_are_refused(url: str):
    assert url_scheme(url) not in {None, "http", "https", "mailto", "tel"}
    assert [f.rule for f in html_findings(render(f'<a href="{url}">示例</a>'))] == ["链接协议"]


@pytest.mark.parametrize("url", ["https://127.0.0.1/", "mailto:shili@example.invalid", "tel:010-12345678", "x/", "#a"])
def test_allowed_schemes_and_relative_links_pass(url: str):
    assert html_findings(render(f'<a href="{url}">示例</a>')) == []


# --- static files -----------------------------------------------------------------------------------------------

REFUSED_FILES = [
    ("a.html", "网页文件（.html）"),
    ("notices/b.HTM", "网页文件（.htm）"),
    ("c.xhtml", "网页文件（.xhtml）"),
    ("d.shtml", "网页文件（.shtml）"),
    ("e.js", "脚本文件（.js）"),
    ("f.mjs", "脚本文件（.mjs）"),
    ("g.svg", "SVG 图形（可带脚本）（.svg）"),
    ("h.SVGZ", "SVG 图形（可带脚本）（.svgz）"),
    ("i.xml", "XML 文件（可带样式表和脚本）（.xml）"),
    ("j.css", "样式表（.css）"),
    ("k.exe", ".exe 文件"),
    ("l.php", ".php 文件"),
    ("m", "没有扩展名的文件"),
    ("n.png.html", "网页文件（.html）"),
    ("assets/search/x.html", "网页文件（.html）"),
    ("assets/evil.js", "脚本文件（.js）"),
]


@pytest.mark.parametrize(("src_uri", "got"), REFUSED_FILES)
def test_files_a_browser_would_run_and_unknown_kinds_are_refused(src_uri: str, got: str):
    problem = refusal(src_uri, frozenset({"assets/ledger.js"}))
    assert problem is not None and (problem.path, problem.line, problem.got) == (f"docs/{src_uri}", 1, got)


@pytest.mark.parametrize(
    "src_uri", ["a.png", "b.JPG", "c.jpeg", "d.gif", "e.webp", "f.pdf", "g.docx", "h.xlsx", "i.ofd", "j.txt", "k.md"]
)
def test_pages_images_and_attachments_pass(src_uri: str):
    assert refusal(src_uri) is None


def test_the_sites_own_assets_stay():
    own = frozenset({"assets/ledger.js", "assets/site.css"})
    assert refusal("assets/ledger.js", own) is None and refusal("assets/site.css", own) is None
    assert refusal("assets/search/engine.js", own) is None
