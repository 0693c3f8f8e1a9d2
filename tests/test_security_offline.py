"""内部 material in the public offline zip (issue 21, item 4): it carries only files its public pages reach.

First how studysite.build.shipped reads a built page (as a browser does: entities, percent-encoding, srcset, CSS,
<base>, the site's own scripts), then real builds of a fictional project (示例局) whose 内部 notice links to
attachments in every way Markdown and HTML allow, with files no page links to: the zip scripts/offline.py
makes holds none of them, nor their text anywhere (pages, search index, packs' PDF and Word files, ledger
downloads), while `make offline INTERNAL=1` still holds everything.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from conftest import mkdocs_build
from offline_fixtures import (
    FILES,
    INTERNAL_NOTICE,
    INTERNAL_PACK,
    INTERNAL_SPEECH,
    commit,
    docx,
    make_project,
    make_zip,
    sentences,
    text_of,
    unpack,
    xlsx,
)
from studysite.build.shipped import site_path, unreached, urls_in_css, urls_in_html, urls_in_script

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


# --- real builds --------------------------------------------------------------------------------------------


def _png() -> bytes:
    """A one-pixel PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + (chunk(b"IEND", b""))
    )


INTERNAL_ATTACHMENTS = "notices/2025-02-23-shili-neibu-fujian.md"
PUBLIC_ATTACHMENTS = "notices/2025-02-24-shili-gongkai-fujian.md"
VARIANTS = {
    INTERNAL_ATTACHMENTS: """---
type: notice
title: 示例局内部附件汇总通报
doc_type: 通报
issuer: 示例局办公室
date: 2025-02-23
classification: 内部
doc_number: 示办发〔2025〕5号
---

附表一见[统计
表一](附件/wrap-text.xlsx)。
附表二见[统计表二](
附件/wrap-target.xlsx)。
附表三见[统计表三][ref3]，附表十二见[统计表十二]。
附表四见<a href="附件/raw.xlsx">统计表四</a>。

<div markdown="1">附表五见[统计表五](附件/md-in-html.xlsx)。</div>

附表六见<a href="&#x9644;&#20214;/entity.xlsx">统计表六</a>。
附表七见[统计表七](%E9%99%84%E4%BB%B6/percent.xlsx)。
附表八见[共用表](附件/shared.xlsx)。
附表九见[统计表九](./附件/../附件/dots.xlsx)。
附表十见[统计表十](<附件/angle brackets.xlsx>)。
附表十一见<a
  href=%E9%99%84%E4%BB%B6/raw-wrapped.xlsx>统计表十一</a>。

![内部示意图](附件/internal-only.png)

<img src="%E9%99%84%E4%BB%B6/raw-image.png" alt="2">

[ref3]: 附件/ref.xlsx
[统计表十二]:
    附件/ref-implicit.xlsx
""",
    PUBLIC_ATTACHMENTS: """---
type: notice
title: 关于示例局公开附件的通知
doc_type: 通知
issuer: 示例局
date: 2025-02-24
classification: 公开
doc_number: 示发〔2025〕11号
---

公开附表见[共用表](附件/shared.xlsx)。
公开附表二见[公开
附表二](附件/public-wrap.xlsx)。
公开附表四见[公开附表四][p4]。
汇总情况见[内部附件汇总通报](2025-02-23-shili-neibu-fujian.md)。

![公开示意图](附件/public.png)

[p4]: 附件/public-ref.xlsx
""",
}
# Attachments only 内部 pages reach (the variants above, the 内部资料 speech and the 内部 pack), and none at all.
INTERNAL_ONLY = [
    *(
        f"notices/附件/{name}.xlsx"
        for name in (
            "wrap-text",
            "wrap-target",
            "ref",
            "ref-implicit",
            "raw",
            "raw-wrapped",
            "md-in-html",
            "entity",
            "percent",
            "dots",
            "angle brackets",
            "speech-only",
            "pack-only",
            "orphan",
        )
    ),
    "notices/附件/internal-only.png",
    "notices/附件/raw-image.png",
    "notices/附件/orphan-image.png",
    "measures/孤立附件.docx",
    "机密材料/深层/orphan.docx",
]
PUBLIC_FILES = [
    "notices/附件/shared.xlsx",
    "notices/附件/public-wrap.xlsx",
    "notices/附件/public-ref.xlsx",
    "notices/附件/public.png",
]
SITE_ASSETS = [
    "assets/site.css",
    "assets/elder.css",
    "assets/readers.css",
    "assets/elder.js",
    "assets/ledger.js",
    "assets/print.js",
    "assets/search/header.js",
    "assets/search/engine.js",
    "assets/search/find.js",
    "assets/search/search.css",
]
INTERNAL_TEXT = "虚构内部附表文字"  # in every 内部-only attachment


def variant_project(target: Path) -> Path:
    """The offline fixture project with the variants, committed."""
    project = make_project(target)
    docs = project / "docs"
    for src_uri, text in VARIANTS.items():
        (docs / src_uri).write_text(text, encoding="utf-8")
    for page, line in (
        (INTERNAL_SPEECH, "讲话附件见[附表](../notices/附件/speech-only.xlsx)。"),
        (INTERNAL_PACK, "材料包附表见[附表](../notices/附件/pack-only.xlsx)。"),
    ):
        path = docs / page
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    for src_uri in INTERNAL_ONLY:
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        stem = Path(src_uri).stem
        data = {".xlsx": xlsx, ".docx": docx}.get(Path(src_uri).suffix)
        (docs / src_uri).write_bytes(data(f"{INTERNAL_TEXT}{stem}") if data else _png())
    for src_uri in PUBLIC_FILES:
        data = xlsx(f"虚构公开附表文字{Path(src_uri).stem}") if src_uri.endswith(".xlsx") else _png()
        (docs / src_uri).write_bytes(data)
    commit(project, "2025-03-12T11:00:00+08:00", "附件")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return variant_project(tmp_path_factory.mktemp("variants") / "project")


@pytest.fixture(scope="module")
def public_folder(project: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("public")
    return unpack(make_zip(project, work / "dist"), work / "unpacked")


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")}


def test_the_public_zip_carries_only_files_public_pages_reach(public_folder: Path):
    found = _files(public_folder)
    assert [name for name in INTERNAL_ONLY if name in found] == []
    assert [name for name in PUBLIC_FILES + SITE_ASSETS if name not in found] == []
    assert not [name for name in found if name.startswith("机密材料")], "no folder left empty either"
    assert "notices/2025-02-24-shili-gongkai-fujian.html" in found
    assert "notices/2025-02-23-shili-neibu-fujian.html" not in found


def test_no_file_of_the_public_zip_holds_internal_text(project: Path, public_folder: Path):
    texts = {
        path.relative_to(public_folder).as_posix(): text_of(path) for path in public_folder.rglob("*") if path.is_file()
    }
    assert {"search/meta.js", "measures/ledger.csv", "measures/ledger.xlsx", "packs/report.pdf"} <= set(texts)
    assert any(name.endswith(".docx") and name.startswith("packs/") for name in texts), "packs' Word files read"
    leaked = [name for name, text in texts.items() if INTERNAL_TEXT in text]
    assert leaked == []
    pages = [INTERNAL_ATTACHMENTS, INTERNAL_NOTICE, INTERNAL_SPEECH, INTERNAL_PACK]
    internal = {s for page in pages for s in sentences((project / "docs" / page).read_text(encoding="utf-8"))}
    internal = {s for s in internal if len(re.findall(r"[\u4e00-\u9fff]", s)) >= 4}  # text, not markup
    assert len(internal) > 15, internal
    internal |= {"示例局内部附件汇总通报", "统计表十一", "wrap-text", "ref-implicit", "angle brackets"}
    assert [(s, name) for s in sorted(internal) for name, text in texts.items() if s.replace(" ", "") in text] == []
    # The same reading finds the public attachments' text and the public page where a reader looks for it.
    assert "虚构公开附表文字public-wrap" in texts["notices/附件/public-wrap.xlsx"]
    search = "".join(text for name, text in texts.items() if name.startswith("search/"))
    assert "公开附表见共用表" in search and "汇总情况见内部附件汇总通报" in search


def test_a_public_page_links_its_attachments_and_names_the_withheld_page_as_text(public_folder: Path):
    from conftest import soup
    from studysite.build.edition import WITHHELD_NOTE

    article = soup(public_folder / PUBLIC_ATTACHMENTS.replace(".md", ".html")).select_one("article")
    targets = sorted(a["href"] for a in article.select("a[href*='.xlsx']")) + [article.img["src"]]
    resolved = sorted(site_path("notices", href) for href in targets)
    assert resolved == sorted(PUBLIC_FILES)
    assert all((public_folder / name).is_file() for name in resolved)
    assert "内部附件汇总通报" + WITHHELD_NOTE in article.get_text()


def test_the_internal_edition_still_carries_everything(project: Path, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_OFFLINE": "1", "STUDYSITE_INTERNAL": "1"})
    assert result.returncode == 0, result.stderr
    found = _files(site)
    assert [name for name in INTERNAL_ONLY + PUBLIC_FILES + SITE_ASSETS if name not in found] == []
    # Each variant is a real link or image of the page a reader gets (else its absence above proves nothing).
    html = (site / INTERNAL_ATTACHMENTS.replace(".md", ".html")).read_text(encoding="utf-8")
    reached = {site_path("notices", url) for url in urls_in_html(html)[0]}
    named = [name for name in INTERNAL_ONLY if Path(name).stem in VARIANTS[INTERNAL_ATTACHMENTS]]
    assert len(named) == 13 and [name for name in named if name not in reached] == []


def test_the_fixture_pages_hold_what_the_variants_name():
    # Guards the corpus itself: each 内部-only attachment is named by an 内部 page or by none (orphans).
    named = "".join(VARIANTS.values()) + FILES[INTERNAL_PACK] + FILES[INTERNAL_SPEECH]
    for src_uri in INTERNAL_ONLY:
        stem = Path(src_uri).stem
        if "orphan" in stem or "孤立" in stem:
            assert stem not in named, src_uri
        elif stem not in ("speech-only", "pack-only", "entity", "percent"):
            assert stem in VARIANTS[INTERNAL_ATTACHMENTS], src_uri


def test_make_offline_checks_the_folder_itself_before_packing(tmp_path, monkeypatch, capsys):
    import offline
    from offline_fixtures import edition_environment

    root = tmp_path / "project"
    _site(
        root / "docs",
        {
            "index.md": "# 首页\n",
            "notices/附件/公开.xlsx": "公开",
            "notices/附件/内部.xlsx": "内部",
            "孤立/深层/孤立.pdf": "孤立",
            "assets/site.css": "x",
        },
    )

    def built(root_: Path, folder: Path, edition, **env) -> list[str]:  # a build whose hook left files in
        _site(
            folder,
            {
                "index.html": '<link rel="stylesheet" href="assets/site.css"><a href="notices/附件/公开.xlsx">公开</a>',
                "notices/附件/公开.xlsx": "公开",
                "notices/附件/内部.xlsx": "内部",
                "孤立/深层/孤立.pdf": "孤立",
                "assets/site.css": "x",
            },
        )
        return []

    monkeypatch.setattr(offline, "build_and_check", built)
    with edition_environment():
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741737600")
        assert offline.main(["--root", str(root), "--dist", str(tmp_path / "dist")]) == 1
        assert not list((tmp_path / "dist").glob("*")), "no zip, no partial file"
        err = capsys.readouterr().err.splitlines()
        assert err == [
            "离线版中有 2 个文件没有公开页面引用：",
            "docs/notices/附件/内部.xlsx:1: 离线版: 应为 公开页面引用的文件（不含内部资料的离线版只收录这些），"
            "实为 “没有公开页面引用”",
            "docs/孤立/深层/孤立.pdf:1: 离线版: 应为 公开页面引用的文件（不含内部资料的离线版只收录这些），"
            "实为 “没有公开页面引用”",
            "没有生成离线版。",
        ]
        # The edition with 内部 material carries every file: nothing to refuse there.
        assert offline.main(["--root", str(root), "--dist", str(tmp_path / "dist"), "--internal", "1"]) == 0


def test_a_public_page_of_the_zip_loads_everything_in_chromium_and_search_finds_it(public_folder: Path):
    from playwright.sync_api import sync_playwright

    import test_browser

    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(test_browser.CHROMIUM), args=test_browser.CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto((public_folder / PUBLIC_ATTACHMENTS.replace(".md", ".html")).as_uri())
        page.wait_for_load_state("load")
        assert page.eval_on_selector("article img", "img => img.complete && img.naturalWidth") == 1
        # The theme's styles are there (nothing of the site's own was left out with the attachments).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        test_browser.search_in_header(page, "公开附表", attempts=5)
        titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
        assert "关于示例局公开附件的通知" in titles, titles
        assert not any("内部" in title for title in titles), titles
        browser.close()
    assert failed == []
