"""The study record in real strict builds (issue 24): the 已学 control on every reading page and on no other, the
header link to 我的学习 on every page, and 我的学习's catalogue and totals — on the intranet site and in the
public offline edition (no directory URLs, no 内部 pages)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from support import mkdocs_build
from support.offline import INTERNAL_NOTICE, INTERNAL_PACK, INTERNAL_SPEECH, make_project

READING = {
    "report/index.md",
    "report/problems.md",
    *(f"measures/{name}.md" for name in ("m1", "m2", "m3", "m4", "m5", "t1", "t2", "t3", "t4")),
    "packs/report.md",
    "packs/compilation.md",
}
NOT_READING = ("index.md", "measures/index.md", "measures/ledger.md", "measures/mapping.md", "speeches/index.md")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("study") / "project")


@pytest.fixture(scope="module")
def sites(project: Path) -> dict[str, Path]:
    built = {}
    for name, env in (("intranet", {}), ("offline", {"STUDYSITE_OFFLINE": "1"})):
        site = project.parent / name
        result = mkdocs_build(project, site, env=env)
        assert result.returncode == 0, result.stderr
        built[name] = site
    return built


def html_of(site: Path, src_uri: str, directory_urls: bool) -> Path:
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / (stem.removesuffix("index") + "index.html")
    return site / (f"{stem}/index.html" if directory_urls else f"{stem}.html")


def entries(project: Path, internal: bool) -> set[str]:
    found = {
        path.relative_to(project / "docs").as_posix()
        for folder in ("speeches", "notices")
        for path in (project / "docs" / folder).glob("*.md")
    }
    if internal:
        return found
    # The public edition leaves out 内部 material: classified so, or marked 内部资料.
    return {
        src_uri
        for src_uri in found
        if "classification: 内部" not in (text := (project / "docs" / src_uri).read_text(encoding="utf-8"))
        and "内部资料" not in text
    }


@pytest.mark.parametrize("edition", ["intranet", "offline"])
def test_every_reading_page_and_no_other_has_the_control_with_its_id_and_title(sites, project, edition):
    directory_urls = edition == "intranet"
    reading = READING | entries(project, internal=directory_urls) | ({INTERNAL_PACK} if directory_urls else set())
    for src_uri in sorted(reading):
        soup = BeautifulSoup(html_of(sites[edition], src_uri, directory_urls).read_text(encoding="utf-8"), "lxml")
        (control,) = soup.select("article [data-study-mark]")
        assert control["data-study-id"] == src_uri
        assert control["data-study-title"] == soup.select_one("article h1").get_text().rstrip("¶")
        assert control.find_previous("h1") is soup.select_one("article h1"), "under the page's title"
        assert control.button.get_text() == "标记为已学" and control.button["aria-pressed"] == "false"
    for src_uri in NOT_READING:
        soup = BeautifulSoup(html_of(sites[edition], src_uri, directory_urls).read_text(encoding="utf-8"), "lxml")
        assert not soup.select("[data-study-mark]"), src_uri


@pytest.mark.parametrize("edition", ["intranet", "offline"])
def test_every_page_links_to_my_study_in_its_header(sites, edition):
    site = sites[edition]
    target = site / "study" / "index.html"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if page.name == "404.html":
            continue  # its links are written from the site's root: it is served at any missing address
        (link,) = soup.select(".md-header a.study-header-link")
        assert link.get_text(" ", strip=True) == "我的学习"
        assert (page.parent / link["href"]).resolve() in (target, target.parent), page


@pytest.mark.parametrize("edition", ["intranet", "offline"])
def test_my_study_lists_the_reading_pages_of_this_edition_and_their_totals(sites, project, edition):
    directory_urls = edition == "intranet"
    page = sites[edition] / "study" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("article h1").get_text().rstrip("¶") == "我的学习"
    assert "学习记录只保存在这台电脑的这个浏览器中" in soup.select_one("article").get_text()
    reading = READING | entries(project, internal=directory_urls) | ({INTERNAL_PACK} if directory_urls else set())
    items = soup.select("[data-study-catalogue] li[data-study-id]")
    assert {item["data-study-id"] for item in items} == reading and len(items) == len(reading)
    assert (INTERNAL_NOTICE in reading and INTERNAL_SPEECH in reading) is directory_urls
    for item in items:
        linked = (page.parent / unquote(item["data-study-href"])).resolve()
        assert linked == html_of(sites[edition], item["data-study-id"], directory_urls).resolve() or (
            linked / "index.html" == html_of(sites[edition], item["data-study-id"], directory_urls).resolve()
        )
    totals = {row.th.get_text(): row.td.get_text() for row in soup.select("tr[data-study-group]")}
    speeches = len([s for s in reading if s.startswith("speeches/")])
    notices = len([s for s in reading if s.startswith("notices/")])
    assert totals["讲话"] == f"0/{speeches}" and totals["通报通知"] == f"0/{notices}"
    assert totals["会议报告"] == "0/2" and totals["措施"] == "0/9"
    assert totals["学习材料包"] == f"0/{3 if directory_urls else 2}"
    assert totals["局党委专题民主生活会会议报告及整改措施"] == "0/11"
    buttons = [button.get_text() for button in soup.select(".study-record__buttons button")]
    assert buttons == ["打印学习记录", "导出学习记录", "导入学习记录", "清除学习记录"]
    index = "\n".join(
        path.read_text(encoding="utf-8") for path in (sites[edition] / "search").rglob("*") if path.is_file()
    )
    assert "学习记录只保存" not in index and "data-study" not in index, "我的学习 is no search result"
    sheet = soup.select_one("[data-study-sheet]")
    assert sheet.select_one(".study-sheet__title").get_text() == "个人学习记录"
    assert [blank.parent.get_text() for blank in sheet.select(".study-sheet__blank")] == ["姓名：", "支部："]
