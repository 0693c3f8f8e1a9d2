"""The built site in Debian's Chromium, driven by Playwright's Python API (never `playwright install`)."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest

from support import REPO
from support.browser import (
    ARTIFACTS,
    CHROMIUM,
    ENGINE_SCRIPTS,
    QuietHandler,
    filter_ledger_by_status,
    search_in_header,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
)


def test_home_page_loads_only_from_the_local_server_and_search_finds_zhenggai(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    search_in_header(page, "整改")
    # jieba's segmentation leaves U+200B between words in the result titles; a reader does not see them.
    titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    assert "整改台账" in titles, titles
    assert any(title.startswith("M2 ") for title in titles), titles
    assert page.locator(".md-search-result__meta").inner_text().endswith("个符合条件的结果")
    page.wait_for_load_state("networkidle")

    hosts = {urlparse(url).hostname for url in requested if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, requested
    assert any(url.endswith("search/search_index.json") for url in requested)
    page.close()


def test_ledger_filters_by_status_and_owner_on_the_page(browser, site_url: str):
    page = browser.new_page()
    page.goto(site_url + "measures/ledger/", wait_until="networkidle")
    _, total = filter_ledger_by_status(page)
    page.locator(".ledger-filters select").nth(1).select_option("局党委书记、副书记")
    assert page.locator(".ledger-count").inner_text() == f"显示 1 / {total} 项"
    page.close()


def test_a_single_page_prints_without_screen_furniture_or_a_blank_last_page(browser, site_url: str, tmp_path):
    import pdfplumber

    page = browser.new_page()
    page.goto(site_url + "report/problems/", wait_until="networkidle")
    page.pdf(path=str(tmp_path / "problems.pdf"), format="A4")
    page.close()
    with pdfplumber.open(tmp_path / "problems.pdf") as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    assert texts[-1].strip(), "no blank last page"
    printed = "".join(texts)
    assert "问题清单" in printed and "P5" in printed
    assert "搜索" not in printed and "学习资料汇编" not in printed, "no header, tabs or navigation"


def result_titles(page) -> list[str]:
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "措施",
            {"措施打算", "M2 坚持公道正派选人用人", "会议报告"},
        ),  # also inside 整改措施, 措施打算
        ("党委", {"会议报告", "M4 浓厚党内生活原则空气"}),  # not cut to 党*
        ("整改措施", {"首页", "局党委专题民主生活会会议报告及整改措施"}),
        ("支部", {"会议报告"}),  # only inside 党支部
    ],
)
def test_header_search_finds_words_inside_longer_words(browser, site_url: str, query: str, expected: set[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    search_in_header(page, query)
    titles = result_titles(page)
    assert expected <= set(titles), titles
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert marks and set(marks) == {query}, "excerpts highlight the words found"
    page.close()


def test_the_exact_phrase_ranks_first_and_enter_opens_the_result(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    search_in_header(page, "选人用人")
    assert result_titles(page)[0] == "M2 坚持公道正派选人用人", "the phrase in the title ranks first"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/measures/m2/**")
    assert page.locator("article h1").inner_text().startswith("M2 坚持公道正派选人用人")
    # Enter straight from the box opens the best result too (Material weighs every link in the list).
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url, wait_until="networkidle")
    search_in_header(page, "选人用人")
    page.keyboard.press("Enter")
    page.wait_for_url("**/measures/m2/**")
    assert errors == []
    page.close()


def test_the_browser_cuts_queries_into_the_same_shards_as_the_index(browser, site_url: str):
    from studysite.search.searchindex import shard_of

    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.wait_for_function("() => window.StudySearch && window.StudySearch.Engine")  # header.js loads it on every page
    pieces = ["整改", "措施", "党", "m2", "2025", "〔"]
    in_browser = page.evaluate("pieces => pieces.map(p => StudySearch.shardOf(p, 4096))", pieces)
    assert in_browser == [shard_of(piece, 4096) for piece in pieces]
    assert page.evaluate("StudySearch.piecesOf('党支部')") == ["党支", "支部"]
    # Words at spaces, each as written (digits and Latin beside Han in it), quotes at either end left off.
    assert page.evaluate("StudySearch.termsOf('整改措施 M2-1 “党委” 负责同志３ 示发〔2019〕5号')") == [
        "整改措施", "m2-1", "党委", "负责同志3", "示发〔2019〕5号",
    ]  # fmt: skip
    assert page.evaluate("StudySearch.piecesOf('负责同志3')") == ["负责", "同志", "志3"]
    assert page.evaluate("StudySearch.piecesOf('2019年')") == ["2019年"]
    page.close()


def test_a_page_holding_the_pairs_of_a_phrase_apart_is_no_result(browser, tmp_path):
    from studysite.search.searchindex import IndexedPage, Section, build

    apart = "选人的事，人用得好，用人要公道。" * 5  # every pair of 选人用人, never the phrase, many times
    documents = [
        IndexedPage("apart/", "示例甲", (Section("", "", apart),)),
        IndexedPage("exact/", "示例乙", (Section("", "", "坚持公道正派选人用人。"),)),
        IndexedPage("title/", "选人用人示例", (Section("", "", "正文。"),)),
    ]
    root = tmp_path / "web"
    for path, content in build(documents).items():
        (root / "search" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "search" / path).write_bytes(content)
    (root / "assets/search").mkdir(parents=True)
    for name in ENGINE_SCRIPTS:
        (root / "assets/search" / name).write_bytes((REPO / "docs/assets/search" / name).read_bytes())
    (root / "index.html").write_text("<!DOCTYPE html><title>示例</title>", encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    page = browser.new_page()
    page.goto(url)
    for name in ENGINE_SCRIPTS:
        page.add_script_tag(url=url + "assets/search/" + name)
    found = page.evaluate(
        "async base => (await new StudySearch.Engine(base).search('选人用人', 10)).results.map(r => [r.url, r.score])",
        url + "search/",
    )
    page.close()
    server.shutdown()
    assert [u for u, _ in found] == ["title/", "exact/"], "the phrase in the title first; the pairs apart: no match"
    assert found[0][1] == 1000 and found[1][1] == 1
