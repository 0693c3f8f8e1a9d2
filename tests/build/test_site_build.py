"""The repo's own site, built with `mkdocs build --strict` into a temporary folder and read back as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import bench
from search_corpus import index_pages, index_postings
from studysite.model.meeting_report import correct_periods, parse_report
from studysite.rules.resources import css_urls, is_external, loaded_urls
from studysite.search.searchindex import read_varints
from support import REPO, SOURCE_REPORT, append_line, copy_project, mkdocs_build, soup
from support.workings import workings

REPORT = parse_report(SOURCE_REPORT.read_text(encoding="utf-8"))

PAGES = {
    "index.html": "学习资料站",
    "report/index.html": "局党委专题民主生活会召开情况汇报",
    "report/problems/index.html": "问题清单",
    "measures/index.html": "措施打算",
    "compilation/index.html": "学习资料汇编",
    "compilation/contents/index.html": "汇编目录",
    "speeches/index.html": "讲话索引",
    "speeches/by-speaker/index.html": "讲话·按讲话人",
    "speeches/by-topic/index.html": "讲话·按专题",
    "notices/index.html": "通报通知索引",
    "notices/by-type/index.html": "通报通知·按文种",
    "notices/by-issuer/index.html": "通报通知·按发文机关",
    "measures/ledger/index.html": "整改台账",
    "measures/mapping/index.html": "问题—措施对照",
    "packs/index.html": "学习材料包",
    "quizzes/index.html": "自测题",
    "quizzes/report/index.html": "会议报告应知应会自测",
    "packs/report/index.html": "局党委专题民主生活会会议报告及整改措施",
    "packs/compilation/index.html": "党委机关专题教育整顿学习资料汇编",
    **{f"measures/{p.id.lower()}/index.html": f"{p.id} {p.heading}" for p in REPORT.measures + REPORT.tasks},
}


def article_text(page) -> str:
    """The page's own text: without permalinks, the 已学 control and the last-changed footer."""
    article = page.select_one("article")
    for extra in article.select("a.headerlink, .study-mark, .md-source-file"):
        extra.decompose()
    return article.get_text()


def test_every_page_is_built_with_its_chinese_title(built_site: Path):
    for path, title in PAGES.items():
        page = soup(built_site / path)
        assert page.select_one("article h1").get_text(strip=True).removesuffix("¶") == title, path
        assert page.html["lang"] == "zh"


def test_no_page_of_the_repo_site_shows_the_sites_workings(built_site: Path):
    for path in sorted(built_site.rglob("index.html")):
        page = soup(path)
        if page.select_one("article") is None:
            continue
        assert workings(article_text(page)) == [], path.relative_to(built_site)
        assert not [a["href"] for a in page.select("article [href]") if ".md" in a["href"]], path


def test_the_nav_titles_are_chinese(built_site: Path):
    nav = soup(built_site / "index.html").select(".md-nav--primary > .md-nav__list > .md-nav__item")
    titles = [item.select_one(".md-nav__link").get_text(" ", strip=True) for item in nav]
    assert titles == ["首页", "会议报告", "问题清单", "措施打算", "学习资料汇编", "学习材料包", "自测题", "检索"]


def test_the_report_page_holds_the_whole_corrected_report_and_no_slip_periods(built_site: Path):
    text = re.sub(r"\s+", "", article_text(soup(built_site / "report/index.html")))
    corrected, offsets = correct_periods(SOURCE_REPORT.read_text(encoding="utf-8"))
    assert text == re.sub(r"\s+", "", corrected)
    for sentence in ("民主生活会。市委赵秘书长", "重要指示。现将有关情况", "纠偏正向。(3)", "民主集中制的质量。用好"):
        assert sentence in text
    for slip in ("民主生活会.市委", "重要指示.现将", "纠偏正向.(3)", "质量.用好"):
        assert slip not in text


def test_part_headings_keep_chinese_ids_and_points_have_stable_anchors(built_site: Path):
    page = soup(built_site / "report/index.html")
    assert [h2["id"] for h2 in page.select("article h2")] == [
        "一专题民主生活会的基本情况",
        "二对正风肃纪反腐的认识和反思",
        "三党委常委分析检查情况",
        "四进一步加强班子建设的措施打算",
    ]
    for point in REPORT.problems + REPORT.measures + REPORT.tasks:
        assert re.sub(r"\s+", "", page.find(id=point.id).get_text()) == point.text
    problems = soup(built_site / "report/problems/index.html")
    assert [h2["id"] for h2 in problems.select("article h2")] == ["P1", "P2", "P3", "P4", "P5"]


def test_each_measure_and_task_page_quotes_the_report(built_site: Path):
    for point in REPORT.measures + REPORT.tasks:
        quote = soup(built_site / f"measures/{point.id.lower()}/index.html").select_one("article blockquote")
        assert quote.get_text(strip=True) == point.text


def test_nothing_is_loaded_from_outside(built_site: Path):
    offenders = []
    for html_file in built_site.rglob("*.html"):
        for url in loaded_urls(html_file.read_text(encoding="utf-8")):
            if is_external(url):
                offenders.append((html_file.relative_to(built_site).as_posix(), url))
    for css_file in built_site.rglob("*.css"):
        for url in css_urls(css_file.read_text(encoding="utf-8")):
            if is_external(url):
                offenders.append((css_file.relative_to(built_site).as_posix(), url))
    assert offenders == []
    home = soup(built_site / "index.html")
    assert home.select("link[rel=stylesheet]"), "the check must see the theme's stylesheets"
    assert home.select("script[src]"), "the check must see the theme's scripts"
    assert not home.select("a[href*='squidfunk']"), "no generator link to an external site"


def test_search_index_finds_words_inside_longer_words_and_lunr_stays_empty(built_site: Path):
    lunr = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == [], "Material's one-file index would grow with the site; ours loads in pieces"
    meta = json.loads((built_site / "search/meta.json").read_text(encoding="utf-8"))
    pages = index_pages(built_site)
    assert meta["documents"] == len(pages) == len(list((built_site / "search/text").glob("*.json")))
    assert meta["find"] == "find/" and "find/" not in {page["u"] for page in pages}, "the 检索 page is no result"
    report = next(number for number, page in enumerate(pages) if page["u"] == "report/")
    # 支部 stands only inside 党支部 in the report: jieba alone would never index it.
    assert report in index_postings(built_site, "支部") and report in index_postings(built_site, "选人")
    assert not list((built_site / "search").rglob("*.js")), "scripts for file:// only when asked for"


def test_the_find_page_is_in_the_nav_and_its_facts_come_from_the_content_model(built_site: Path):
    home = soup(built_site / "index.html")
    assert "检索" in [a.get_text(strip=True) for a in home.select(".md-tabs a")]
    page = soup(built_site / "find/index.html")
    form = page.select_one("[data-study-find] form[role=search]")
    assert form.select_one("input[name=q]") and page.select_one("[data-study-find-sort]")
    assert page.select_one(".md-sidebar--primary").has_attr("hidden"), "the filters need the width: no sidebar"
    catalogue = json.loads((built_site / "search/catalogue.json").read_text(encoding="utf-8"))
    urls = [page["u"] for page in index_pages(built_site)]
    kinds = dict(zip(urls, read_varints(catalogue["columns"]["type"]), strict=True))
    types = catalogue["facets"][0]
    assert types["key"] == "type" and types["names"][:5] == ["会议报告", "措施", "学习材料包", "自测题", "其他页面"]
    by_name = {name: (number + 1) * 2 for number, name in enumerate(types["names"])}  # one value: (v + 1) * 2
    assert kinds["report/"] == by_name["会议报告"] and kinds["measures/m1/"] == by_name["措施"]
    assert kinds["speeches/"] == by_name["其他页面"], "an index of entries is not an entry"
    assert kinds["quizzes/report/"] == kinds["quizzes/"] == by_name["自测题"]


def test_our_scripts_are_files_not_inline(built_site: Path):
    for name in ("index.html", "find/index.html", "report/index.html"):
        page = soup(built_site / name)
        ours = [s["src"] for s in page.select("script[src]") if "assets/search/" in s["src"]]
        assert [src.rsplit("/", 1)[1] for src in ours] == ["header.js"], "the rest is loaded when needed"
        inline = [s.get_text() for s in page.select("script:not([src])") if "search" in s.get_text()]
        assert not [text for text in inline if "__config" in text and "worker" in text], "no inline config rewrite"


def test_two_builds_give_the_same_bytes(built_site: Path, tmp_path: Path):
    second = tmp_path / "again"
    assert mkdocs_build(REPO, second).returncode == 0
    first_files = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    assert first_files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    changed = [f for f in first_files if (built_site / f).read_bytes() != (second / f).read_bytes()]
    assert not (built_site / "sitemap.xml.gz").exists(), "an empty sitemap would carry the build date"
    assert changed == []


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (
            "![图](https://example.cn/a.png)",
            "外部资源: 应为 站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用），实为 “https://example.cn/a.png”",
        ),
        (  # a local image with no words for readers who cannot see it
            "![](<会场 照片.png>)",
            "图片说明: 应为 图片的文字说明（读屏软件把它读给看不见图片的读者），实为 “![](<会场 照片.png>)”",
        ),
    ],
)
def test_an_image_not_every_reader_gets_stops_the_build_and_names_the_page(tmp_path: Path, image: str, message: str):
    project = copy_project(tmp_path / "project")
    (project / "docs/compilation/会场 照片.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    line = append_line(project, "compilation/index.md", image)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"docs/compilation/index.md:{line}: {message}" in result.stderr


def test_edit_link_appears_only_when_the_intranet_git_server_is_named(built_site: Path, tmp_path: Path):
    assert soup(built_site / "report/index.html").select_one("a.md-content__button") is None
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nrepo_url: https://git.example.internal/party/xuexi\nedit_uri: _edit/main/docs/\n",
        encoding="utf-8",
    )
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    button = soup(tmp_path / "site/report/index.html").select_one("a.md-content__button")
    assert button["href"] == "https://git.example.internal/party/xuexi/_edit/main/docs/report/index.md"
    assert button["title"] == "编辑此页"


def test_internal_marks_pass_strict_and_put_a_banner_on_the_page(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    append_line(project, "report/problems.md", "本页为内部资料，注意保存。发至县处级领导干部。")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "INFO    -  docs/report/problems.md:" in result.stderr and "传达范围（提示）" in result.stderr
    banner = soup(tmp_path / "site/report/problems/index.html").select_one("article .admonition.warning")
    assert banner.select_one(".admonition-title").get_text(strip=True) == "内部资料 注意保存"


def test_a_typography_slip_fails_the_strict_build_with_its_line(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    line = append_line(project, "compilation/index.md", "以上资料,供学习使用.")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"WARNING -  docs/compilation/index.md:{line}:5: 半角标点（警告）: 应为 中文后用全角标点，实为 “,”（建议：改为 “，”）（make fix 可自动修正）"
        in result.stderr
    )
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr


def test_the_index_built_in_a_second_process_is_the_same_bytes(tmp_path: Path):
    """Large sites build the search index beside the templates (hooks/search.py); small ones in the build."""
    project = copy_project(tmp_path / "project")
    indexes = {}
    for worker in ("0", "1"):
        site = tmp_path / f"site-{worker}"
        result = mkdocs_build(project, site, "-v", env={"STUDYSITE_SEARCH_WORKER": worker})
        assert result.returncode == 0, result.stderr
        assert ("在另一个进程中生成" in result.stderr) == (worker == "1")
        # scripts/bench.py adds the second process's peak memory, read from this line, to the build's
        assert (bench.memory_of(100.0, result.stderr) > 110.0) == (worker == "1")
        folder = site / "search"
        indexes[worker] = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert len(indexes["1"]) > 16 and indexes["1"] == indexes["0"]
