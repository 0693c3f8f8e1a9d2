"""Editions, what a public offline edition leaves out, the built-site check and the zip, without a build."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import offline
from studysite.build.edition import (
    SERVED,
    WITHHELD_NOTE,
    Edition,
    edition_from,
    edition_notice,
    prune_nav,
    server_only,
    withheld,
    without_links_to,
)
from studysite.build.inputs import BuildInputs, Settings
from studysite.build.state import make_build
from studysite.core.sources import read_source
from studysite.render.headers import SECURITY_HEADERS
from studysite.rules.sitecheck import check_built_site
from support import REPO

TOPICS = ("警示教育",)


def source(src_uri: str, text: str):
    return read_source(src_uri, text.encode("utf-8"))


def notice(name: str, level: str, body: str = "虚构的正文。") -> object:
    return source(
        f"notices/{name}.md",
        f"---\ntype: notice\ntitle: 示例{name}\ndoc_type: 通报\nissuer: 示例局\ndate: 2025-01-0{len(name)}\n"
        f"classification: {level}\n---\n\n{body}\n",
    )


def pack(name: str, *pages: str) -> object:
    listed = "\n".join(f"  - {page}" for page in pages)
    return source(f"packs/{name}.md", f"---\ntype: pack\ntitle: 示例{name}\npages:\n{listed}\n---\n")


def test_the_environment_names_the_edition_and_bad_values_are_reported():
    assert edition_from({}) == (Edition(False, True, None), [])
    assert edition_from({"STUDYSITE_OFFLINE": "1"})[0] == Edition(True, False, None)
    offline_internal, _ = edition_from({"STUDYSITE_OFFLINE": "1", "STUDYSITE_INTERNAL": "1"})
    assert offline_internal.internal and not offline_internal.withholds_internal
    assert edition_from({"STUDYSITE_INTERNAL": "0"})[0].internal, "the served site always holds 内部 material"
    edition, problems = edition_from({"STUDYSITE_OFFLINE": "yes", "STUDYSITE_EDITION_DATE": "2025-02-30"})
    assert [str(p) for p in problems] == [
        "环境变量:1: STUDYSITE_OFFLINE: 应为 1（是）或 0（否），实为 “yes”",
        "环境变量:1: STUDYSITE_EDITION_DATE: 应为 日期，如 2025-06-30，实为 “2025-02-30”（没有这一天）",
    ]


def test_the_notice_on_every_page_says_which_edition_it_is():
    assert edition_notice(Edition()) is None
    public = BeautifulSoup(edition_notice(Edition(True, False, date(2025, 3, 12))), "html.parser").span
    assert public["class"] == ["edition-notice"] and public.get_text().startswith("离线版，资料截至 2025年3月12日。")
    internal = BeautifulSoup(edition_notice(Edition(True, True, date(2025, 3, 12))), "html.parser").span
    assert internal["class"] == ["edition-notice", "edition-notice--internal"]  # the one that prints (site.css)
    assert internal.get_text().startswith("内部资料 注意保存 离线版")


def test_what_a_public_edition_leaves_out():
    marked = source("speeches/marked.md", "---\ntype: speech\n---\n\n内部资料\n\n正文。\n")
    quoted = source("report/quoted.md", "# 引用\n\n```\n内部资料\n```\n")
    sources = [
        notice("甲", "内部", "见[附表](甲表.xlsx)和[共用表](共用.xlsx)。"),
        notice("乙", "公开", "见[共用表](共用.xlsx)。"),
        marked,
        quoted,
        pack("named", "notices/甲.md", "notices/乙.md"),  # names an 内部 page: 内部 as a whole
        pack("folder", "notices/"),  # the public notices remain
        pack("only", "speeches/marked.md"),  # nothing would remain
    ]
    # Pages only: which files of docs/ a public edition carries is read from its built pages (studysite.build.shipped).
    assert withheld(sources, TOPICS) == {"notices/甲.md", "speeches/marked.md", "packs/named.md", "packs/only.md"}


def test_a_public_build_state_holds_nothing_left_out_and_still_checks_links():
    sources = [notice("甲", "内部"), notice("乙", "公开", "另见[甲](甲.md)。"), pack("folder", "notices/")]
    nav = [{"首页": "index.md"}, {"通报": ["notices/甲.md", "notices/乙.md"]}]

    def inputs(edition: Edition) -> BuildInputs:
        return BuildInputs(Settings(date(2025, 3, 12), edition), tuple(sources), (), TOPICS, None, None, True, ())

    build = make_build(inputs(Edition(True, False)))
    assert build.withheld == {"notices/甲.md"}
    assert [n.src_uri for n in build.site.catalogue.notices] == ["notices/乙.md"]
    assert build.site.packs[0].pages == ("notices/乙.md",)
    assert "甲" not in build.generated["notices/index.md"]
    assert not build.report.stopping, build.report.stopping
    served = make_build(inputs(SERVED))
    assert served.withheld == frozenset() and len(served.site.catalogue.notices) == 2
    assert prune_nav(nav, build.withheld) == [{"首页": "index.md"}, {"通报": ["notices/乙.md"]}]
    assert prune_nav([{"通报": ["notices/甲.md"]}, "index.md"], build.withheld) == ["index.md"]


@pytest.mark.parametrize(
    ("page_url", "href", "hidden"),
    [
        ("notices/乙.html", "%E7%94%B2.html", "notices/%E7%94%B2.html"),
        ("notices/乙/", "../%E7%94%B2/#part", "notices/%E7%94%B2/"),
        ("index.html", "notices/%E7%94%B2.html", "notices/%E7%94%B2.html"),
    ],
)
def test_links_to_pages_left_out_become_text(page_url: str, href: str, hidden: str):
    html = f'<p>见<a href="{href}">甲通报</a>和<a href="other.html">乙</a>。</p>'
    assert without_links_to(html, page_url, frozenset({hidden})) == (
        f'<p>见甲通报{WITHHELD_NOTE}和<a href="other.html">乙</a>。</p>'
    )


def test_server_only_files():
    for path in ("404.html", "sitemap.xml", "assets/javascripts/lunr/min/lunr.zh.min.js", "a/b.min.js.map"):
        assert server_only(path), path
    for path in ("index.html", "search/meta.json", "assets/javascripts/bundle.a5f9d56c.min.js", "packs/x.pdf"):
        assert not server_only(path), path


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_built_site_check_finds_what_readers_would_miss(tmp_path):
    site = write(
        tmp_path / "站点",
        {
            "index.html": '<link rel="stylesheet" href="assets/a.css">\n<a href="https://intranet.example/">内网</a>\n'
            '<img src="https://cdn.example/x.png">\n<a href="measures/">措施</a>\n<a href="/report/">报告</a>\n'
            '<a href="gone.html#p">旧页</a>\n<a href="%E6%95%B4%E6%94%B9.html">整改</a>\n',
            "assets/a.css": '.x { mask-image: url("data:image/svg+xml;x"); background: url(../fonts/f.woff2) }',
            "measures/index.html": "<p>措施</p>",
            "整改.html": "<p>整改</p>",
        },
    )
    served = [str(p) for p in check_built_site(site, ["index.html", "packs/a.pdf"], offline=False)]
    assert served == [
        "站点/packs/a.pdf:1: 文件: 应为 构建生成的页面或下载文件，实为 “缺少”",
        "站点/assets/a.css:1: 链接: 应为 网站中存在的文件，实为 “../fonts/f.woff2”",
        "站点/index.html:3: 外部资源: 应为 站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用），"
        "实为 “https://cdn.example/x.png”",
        "站点/index.html:5: 链接: 应为 相对链接（网站可能放在服务器的子路径下，也可能从文件夹打开），实为 “/report/”",
        "站点/index.html:6: 链接: 应为 网站中存在的文件，实为 “gone.html#p”",
    ]
    offline_only = set(map(str, check_built_site(site, [], offline=True))) - set(served)
    assert offline_only == {
        "站点/index.html:4: 链接: 应为 指向 .html 文件的链接（离线版从文件夹打开，指向目录会显示文件列表），实为 “measures/”"
    }


def test_the_zip_is_one_dated_folder_in_name_order_and_the_same_bytes_each_time(tmp_path):
    folder = write(tmp_path / "site", {"index.html": "首页", "b/整改 台账.html": "台账", "a.css": "x"})
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    offline.write_zip(folder, first, "学习资料站-离线版-2025-03-12", date(2025, 3, 12))
    (folder / "index.html").touch()  # a newer file time changes nothing
    offline.write_zip(folder, second, "学习资料站-离线版-2025-03-12", date(2025, 3, 12))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as opened:
        infos = opened.infolist()
        assert opened.read("学习资料站-离线版-2025-03-12/b/整改 台账.html").decode() == "台账"
    assert [i.filename.split("/", 1)[1] for i in infos] == ["", "a.css", "b/", "b/整改 台账.html", "index.html"]
    assert {i.date_time for i in infos} == {(2025, 3, 12, 0, 0, 0)}
    assert all(i.flag_bits & 0x800 for i in infos), "names marked UTF-8, as Windows' unzip reads them"


def test_the_edition_is_named_and_dated_in_china_time():
    assert offline.edition_name(date(2025, 3, 12), False) == "学习资料站-离线版-2025-03-12"
    assert offline.edition_name(date(2025, 3, 12), True) == "学习资料站-离线版-内部资料-注意保存-2025-03-12"
    # 2025-03-11 20:00 UTC is already 2025-03-12 in Beijing.
    assert offline.source_date(REPO, {"SOURCE_DATE_EPOCH": "1741723200"}) == date(2025, 3, 12)
    with pytest.raises(offline.NoDate, match="SOURCE_DATE_EPOCH 应为秒数"):
        offline.source_date(REPO, {"SOURCE_DATE_EPOCH": "2025-03-12"})


def test_nginx_config_sends_every_security_header_wherever_it_sets_headers():
    config = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    # nginx drops every inherited add_header in a block that sets one: each block setting Cache-Control must
    # repeat every security header (a block runs from its Cache-Control line to its next location or "}").
    blocks = [
        re.split(r"^\s*(?:location\b|\})", part, maxsplit=1, flags=re.MULTILINE)[0]
        for part in config.split('add_header Cache-Control "')[1:]
    ]
    assert len(blocks) >= 2
    for block in blocks:
        for name, value in SECURITY_HEADERS.items():
            assert f'add_header {name} "{value}" always;' in block, (name, block)
