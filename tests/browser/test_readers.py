"""The pages readers live in, in Chromium at 1280 × 800 and 390 × 844, on the site with 2,000 fictional entries.

One strict build of the repo's site plus 2,000 fictional entries (scripts/bench.py) and the fixture measure M9
(items overdue, done, long-term), served under a sub-path as the intranet server may place it.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import bench
from studysite.model.listings import LIMIT
from support import FIXTURES, copy_project, mkdocs_build, soup
from support.workings import workings

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ZOOMED = {"width": 640, "height": 400}  # 1280 × 800 at 200 %: the CSS pixels a zoomed page has
INDEX_FOLDERS = ("speeches", "notices", "compilation/contents")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """This module's site: the repo's with 2,000 fictional entries and M9 (it stands in for conftest's, so
    conftest's site_url serves it)."""
    tmp_path = tmp_path_factory.mktemp("readers")
    project = copy_project(tmp_path / "project")
    bench.write_corpus(project / "docs", 2000)
    shutil.copy2(FIXTURES / "measures/m9.md", project / "docs/measures/m9.md")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def index_pages(site: Path) -> list[str]:
    """Every generated index page and group page, as site paths (speeches/, speeches/years/2022/ …)."""
    pages = []
    for folder in INDEX_FOLDERS:
        for page in sorted((site / folder).rglob("index.html")):
            path = page.relative_to(site).parent.as_posix() + "/"
            if not re.search(r"/shili-\d+/$", path):  # an entry, not an index
                pages.append(path)
    return pages


def test_no_index_page_is_longer_than_limit_rows(built_site: Path, browser, site_url: str):
    pages = index_pages(built_site)
    assert "speeches/years/2022/" in pages and "compilation/contents/理想信念/" in pages
    rows = {path: len(soup(built_site / path / "index.html").select("article tbody tr")) for path in pages}
    assert max(rows.values()) <= LIMIT, sorted(rows.items(), key=lambda item: -item[1])[:3]
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        for path in ("speeches/", "notices/by-type/", "compilation/contents/", "speeches/years/2022/"):
            page.goto(site_url + path, wait_until="networkidle")
            assert 0 < page.locator("article tbody tr").count() <= LIMIT, path
        page.close()


def test_an_index_page_on_a_phone_shows_each_title_without_sideways_scrolling(browser, site_url: str):
    page = browser.new_page(viewport=PHONE)
    for path in ("speeches/years/2022/", "notices/years/2024/", "compilation/contents/理想信念/"):
        page.goto(site_url + path, wait_until="networkidle")
        table, column = page.evaluate(
            "() => [document.querySelector('.index-table table').scrollWidth,"
            " document.querySelector('.index-table').clientWidth]"
        )
        assert table <= column, (path, table, column)
        title = page.locator("article .index-table tbody tr").first.locator("a").bounding_box()
        assert title["x"] >= 0 and title["x"] + title["width"] <= PHONE["width"], (path, title)
    page.close()


def test_an_index_leads_to_its_groups_with_counts_and_a_group_page_to_its_entries(browser, site_url: str):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "notices/", wait_until="networkidle")
    first = page.locator("article .index-groups tbody tr").first
    assert first.locator("td").nth(0).inner_text() == "2024年" and first.locator("td").nth(1).inner_text() == "200 份"
    first.locator("a").first.click()
    page.wait_for_url("**/notices/years/2024/")
    assert page.locator("article h1").inner_text().startswith("通报通知·2024年")
    headings = [h.removesuffix("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings[0].startswith("决定（") and len(headings) > 1, "文种 within the year"
    rows = [row.split("\t")[:2] for row in page.locator("article tbody tr").all_inner_texts()]
    same_day = [(a, b) for a, b in zip(rows, rows[1:], strict=False) if a[1] == b[1]]
    assert same_day, "the corpus has notices of one day"

    def number(doc_number: str) -> tuple[int, int]:
        year, serial = re.search(r"〔(\d{4})〕(\d+)号", doc_number).groups()
        return int(year), int(serial)

    assert all(number(a[0]) < number(b[0]) for a, b in same_day), "文号 by year, then number as a number"
    page.locator("article tbody a").first.click()
    page.wait_for_url("**/notices/shili-*/")
    page.close()


def test_the_ledger_table_fits_its_column_without_sideways_scrolling(browser, site_url: str):
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        page.goto(site_url + "measures/ledger/", wait_until="networkidle")
        widths = page.evaluate(
            """() => {
              const table = document.querySelector('.ledger table');
              const column = document.querySelector('.ledger');
              return [table.scrollWidth, column.clientWidth, document.documentElement.scrollWidth, innerWidth];
            }"""
        )
        table, column, document, window = widths
        assert table <= column and document <= window, (viewport, widths)
        # 任务 readable at a glance: its column is the widest one on a screen.
        if viewport is DESKTOP:
            cells = page.evaluate(
                "() => [...document.querySelectorAll('.ledger thead th')].map(th => th.getBoundingClientRect().width)"
            )
            assert cells[1] == max(cells) and cells[1] > 300, cells
        page.close()


def test_the_ledger_filters_stay_in_view_above_the_table(browser, site_url: str):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "measures/ledger/", wait_until="networkidle")
    page.locator(".ledger tbody tr").nth(20).scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(300)
    bar = page.locator(".ledger-filters").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert abs(bar["y"] - (header["y"] + header["height"])) < 2, (bar, header)
    assert page.locator(".ledger-filters select").nth(0).is_visible()
    page.close()


def test_the_ledger_filter_round_trips_through_the_url(browser, site_url: str):
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "measures/ledger/", wait_until="networkidle")
    total = page.locator(".ledger tbody tr").count()
    page.locator(".ledger-filters select[name=status]").select_option("逾期")
    assert parse_qs(urlsplit(page.url).query) == {"status": ["逾期"]}
    visible = [row for row in page.locator(".ledger tbody tr").all() if row.is_visible()]
    assert len(visible) == 1 and visible[0].locator(".overdue").inner_text() == "正在整改（逾期）"
    page.locator(".ledger-filters select[name=owner]").select_option("示例局组织处")
    sent = page.url
    assert parse_qs(urlsplit(sent).query) == {"status": ["逾期"], "owner": ["示例局组织处"]}

    again = browser.new_page(viewport=DESKTOP)
    again.goto(sent, wait_until="networkidle")
    assert again.locator("select[name=status]").input_value() == "逾期"
    assert again.locator("select[name=owner]").input_value() == "示例局组织处"
    assert again.locator(".ledger-count").inner_text() == f"显示 1 / {total} 项"

    again.locator("select[name=owner]").select_option("示例局办公室")
    assert again.locator(".ledger-empty").inner_text() == "没有示例局办公室负责的逾期事项。"
    assert not again.locator(".ledger table").is_visible(), "no bare header row"
    again.locator("select[name=owner]").select_option("全部")
    again.locator("select[name=status]").select_option("全部")
    assert (
        urlsplit(again.url).query == "" and again.locator(".ledger-count").inner_text() == f"显示 {total} / {total} 项"
    )
    assert not again.locator(".ledger-empty").is_visible()
    again.goto(site_url + "measures/ledger/?status=" + "已完成" + "&owner=待定", wait_until="networkidle")
    assert again.locator(".ledger-empty").inner_text() == "没有责任部门待定的已完成事项。"
    page.close()
    again.close()


def test_a_ledger_item_opens_its_details(browser, site_url: str):
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "measures/ledger/", wait_until="networkidle")
    row = page.locator(".ledger tbody tr", has=page.locator(".ledger-id", has_text="M9-1"))
    assert not row.locator("dl").is_visible()
    row.locator("summary").click()
    details = row.locator("dl").inner_text()
    assert "佐证材料" in details and "示办发〔2025〕2号" in details and "销号日期" in details
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone", "zoomed-200"])
def test_the_reports_headings_are_reachable_from_the_drawer(browser, site_url: str, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(site_url + "report/", wait_until="networkidle")
    assert not page.locator(".md-sidebar--secondary").is_visible(), "no 目录 at the side on this screen"
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary label.md-nav__link[for=__toc]").click()
    part = page.locator(".md-nav--primary .md-nav--secondary a", has_text="三、党委常委分析检查情况")
    assert part.is_visible()
    part.click()
    page.wait_for_url("**/report/#*")
    assert unquote(urlsplit(page.url).fragment) == "三党委常委分析检查情况"
    top = page.evaluate("() => document.getElementById('三党委常委分析检查情况').getBoundingClientRect().top")
    assert 0 <= top < viewport["height"] / 2
    page.close()


def test_the_home_page_leads_to_the_ledger_the_packs_and_the_ten_newest_entries(
    built_site: Path, browser, site_url: str, tmp_path: Path
):
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        page.goto(site_url, wait_until="networkidle")
        links = {a.inner_text(): a.get_attribute("href") for a in page.locator("article a").all()}
        assert links["整改台账"] == "measures/ledger/" and links["学习材料包"] == "packs/"
        newest = page.locator("article h2:has-text('最新收录') + ul li")
        assert newest.count() == 10
        dates = [re.match(r"(\d+)年(\d+)月(\d+)日", text).groups() for text in newest.all_inner_texts()]
        assert dates == sorted(dates, key=lambda d: tuple(map(int, d)), reverse=True)
        newest.first.locator("a").click()
        page.wait_for_url("**/shili-*/")
        page.close()
    # The ten are the newest of the catalogue, by their date.
    written = bench.write_corpus(tmp_path, 2000)
    days = sorted((re.search(r"^date: (\S+)$", p.read_text(), re.M).group(1) for p in written), reverse=True)
    listed = [li.get_text() for li in soup(built_site / "index.html").select("article h2#最新收录 + ul li")]
    expected = [f"{int(d[:4])}年{int(d[5:7])}月{int(d[8:])}日" for d in days[:10]]
    assert [text.split(" ")[0] for text in listed] == expected


_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HREF_MD = re.compile(r"""(?:href|src)="[^"]*\.md(?:[#"?])""")


def test_no_built_page_shows_the_sites_workings(built_site: Path):
    """Every page's article: no docs/ path, .md file, front-matter key or instruction for the people who keep it."""
    found = {}
    pages = 0
    for path in built_site.rglob("*.html"):
        match = _ARTICLE.search(path.read_text(encoding="utf-8"))
        if match is None:  # the 404 page's
            continue
        pages += 1
        article = match.group(1)
        text = html.unescape(_TAG.sub(" ", article))
        shown = workings(text) + _HREF_MD.findall(article)
        if shown:
            found[path.relative_to(built_site).as_posix()] = shown[:3]
    assert pages > 2000
    assert found == {}
