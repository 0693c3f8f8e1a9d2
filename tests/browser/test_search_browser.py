"""Search in Debian's Chromium on a fictional compilation served under a sub-path: the header search's true
count and every result reachable by scrolling, the 检索 page's filters, sort, address, keyboard use and
highlighting, failed loads, and the same from file:// (the offline edition)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
import yaml

from bench import write_corpus
from search_corpus import scanned_pages
from studysite.search.searchindex import IndexedPage, Section, build
from support import copy_project, mkdocs_build
from support.browser import CHROMIUM, QuietHandler, checked_page, pages_holding

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")

ENTRIES = 48  # more results than Material's first screen and the 检索 page's first page of 20
UNREACHABLE = "无法读取搜索索引"


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    write_corpus(project / "docs", ENTRIES)
    return project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """The site with fictional entries, built strict; each entry's facts as its front matter says them."""
    tmp_path = tmp_path_factory.mktemp("search-corpus")
    project = _project(tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    entries = {}
    for path in sorted((project / "docs").glob("*/shili-*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        listed = lambda value: value if isinstance(value, list) else [value] if value else []  # noqa: E731
        entries[f"{path.parent.name}/{path.stem}/"] = {
            "type": front["type"],
            "date": date.fromisoformat(str(front["date"])),
            "doc_type": front.get("doc_type"),
            "issuer": listed(front.get("issuer")),
            "speaker": listed(front.get("speaker")),
            "topic": listed(front.get("topics")),
            "title": front["title"],
        }
    return {"site": site, "entries": entries, "texts": scanned_pages(site)}


def _serve(site: Path, tmp_path: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    root = tmp_path / "webroot"
    (root / "xuexi").mkdir(parents=True)
    (root / "xuexi" / "site").symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/xuexi/site/"


@pytest.fixture(scope="module")
def url(corpus, tmp_path_factory) -> Iterator[str]:
    """The site under a sub-path of the web server, as the intranet server may place it."""
    server, address = _serve(corpus["site"], tmp_path_factory.mktemp("web"))
    yield address
    server.shutdown()


@pytest.fixture
def page(browser):
    with checked_page(browser) as page:
        yield page


expected = pages_holding  # the answer key: a scan of the built HTML, not the index


def header_search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


def meta(page) -> str:
    return page.locator(".md-search-result__meta").inner_text()


def result_paths(page, base: str, selector: str) -> list[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    return [urlparse(href).path.removeprefix(urlparse(base).path) for href in hrefs]


# The header search


def test_the_header_count_is_the_true_number_and_scrolling_reaches_every_result(page, corpus, url):
    matching = expected(corpus, "整改")
    assert len(matching) > 30, "enough results to scroll"
    page.goto(url, wait_until="networkidle")
    header_search(page, "整改")
    assert meta(page) == f"{len(matching)} 个符合条件的结果"
    items = page.locator(".md-search-result__item")
    # Material's first screen: ten, and four more at once when the list (the best result drawn, the others
    # still filling in) does not yet fill the panel.
    assert items.count() in (10, 14), "Material's first screen"
    scroller = page.locator(".md-search__scrollwrap")
    for _ in range(60):  # the reader scrolls on: Material draws four more each time the end comes into view
        if items.count() == len(matching):
            break
        scroller.evaluate("el => { el.scrollTop = el.scrollHeight - el.clientHeight - 100; }")
        page.wait_for_timeout(30)
        scroller.evaluate("el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(30)
    assert items.count() == len(matching), "every match is reachable in Material's own list"
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.md-search-result__item h1')].some(h => h.textContent.includes('载入'))"
    )
    shown = result_paths(page, url, ".md-search-result__item > a:first-child")
    assert len(shown) == len(set(shown)) and set(shown) == matching
    assert all("整改" in page.locator(".md-search-result__item").nth(i).inner_text() for i in (0, 12, len(shown) - 1))


def test_a_count_past_999_is_said_exactly(page, corpus, url, tmp_path):
    # Material writes 1.2k from a thousand on: a site of 1,234 small pages, its index made by the build's code.
    site = tmp_path / "site"
    shutil.copytree(corpus["site"], site)
    shutil.rmtree(site / "search/shards")
    shutil.rmtree(site / "search/positions")
    documents = [IndexedPage(f"p{n}/", f"示例第{n}页", (Section("", "", "整改事项"),)) for n in range(1234)]
    for path, content in build(documents, "find/").items():
        (site / "search" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "search" / path).write_bytes(content)
    server, address = _serve(site, tmp_path)
    page.goto(address, wait_until="networkidle")
    header_search(page, "整改")
    assert meta(page) == "1234 个符合条件的结果"
    assert page.locator(".study-search-all").inner_text() == "查看全部 1234 条结果"
    server.shutdown()


def test_the_last_line_leads_to_the_find_page_with_the_query(page, corpus, url):
    matching = expected(corpus, "整改措施")
    page.goto(url + "report/", wait_until="networkidle")
    header_search(page, "整改措施")
    link = page.locator(".study-search-all")
    assert link.inner_text() == f"查看全部 {len(matching)} 条结果"
    # Material's keys: ↑ from the box goes to the last link of the list, which is this line.
    page.locator("input.md-search__input").focus()
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == link.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/find/?q=*")
    assert parse_qs(urlparse(page.url).query) == {"q": ["整改措施"]}
    page.locator("[data-study-find][data-state=ready]").wait_for()
    assert page.locator("[data-study-find]").get_attribute("data-total") == str(len(matching))
    assert page.locator(".md-search__input").input_value() == "", "Material's own box stays closed"
    assert page.locator("input#study-find-q").input_value() == "整改措施"


def test_a_result_opens_its_page_with_the_words_highlighted(page, url):
    page.goto(url, wait_until="networkidle")
    header_search(page, "选人用人")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/?h=*")
    marks = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marks and set(marks) == {"选人用人"}


def test_a_failed_load_is_said_and_tried_again_at_the_next_query(page, url):
    failing = {"on": True}
    page.route("**/search/shards/**", lambda route: route.abort() if failing["on"] else route.continue_())
    page.goto(url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type("整改")
    page.keyboard.press("End")
    page.wait_for_function(
        f"() => document.querySelector('.md-search-result__meta').textContent.includes('{UNREACHABLE}')"
    )
    assert page.locator(".md-search-result__item").count() == 0 and "没有找到" not in meta(page)
    failing["on"] = False
    page.keyboard.type("措施")
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert meta(page).endswith("个符合条件的结果")


# The 检索 page


def find(page, url: str, query: str = "") -> None:
    page.goto(url + "find/" + query, wait_until="networkidle")
    ready(page)


def ready(page) -> None:
    page.locator("[data-study-find][data-state=ready]").wait_for()


def changed(page, action) -> None:
    """Do something on the 检索 page and wait until it has drawn its new results."""
    page.evaluate(
        "() => { window.__drawn = new Promise(r => document.addEventListener('study-find-rendered', r, {once: true})); }"
    )
    action()
    page.evaluate("() => window.__drawn")


def total(page) -> int:
    return int(page.locator("[data-study-find]").get_attribute("data-total"))


def shown_entries(page, url: str) -> list[str]:
    return result_paths(page, url, ".study-find__title")


def count_beside(page, key: str, value: str) -> int:
    label = page.locator(f".study-find__option:has(input[name={key}][value='{value}'])")
    if label.is_hidden():  # a long list shows its first values until the reader asks for all
        changed(page, lambda: page.locator(f"[data-more={key}]").click())
    return int(label.locator(".study-find__count").inner_text())


def matches(entry: dict, key: str, value: str) -> bool:
    if key == "year":
        return str(entry["date"].year) == value
    if key == "type":
        return entry["type"] == value
    return value in entry[key] if isinstance(entry[key], list) else entry[key] == value


FILTERS = [
    ("type", "notice"),
    ("year", "2020"),
    ("doc_type", "通报"),
    ("issuer", "示例局纪委"),
    ("speaker", "示例甲"),
    ("topic", "廉洁自律"),
]


@pytest.mark.parametrize(("key", "value"), FILTERS)
def test_each_filter_narrows_to_the_entries_whose_front_matter_says_so(page, corpus, url, key, value):
    matching = expected(corpus, "整改")
    wanted = {u for u in matching if u in corpus["entries"] and matches(corpus["entries"][u], key, value)}
    assert wanted, "the corpus has such entries"
    find(page, url, "?q=" + quote("整改"))
    assert total(page) == len(matching)
    assert count_beside(page, key, value) == len(wanted), "the count beside a value is what choosing it gives"
    changed(page, lambda: page.locator(f"input[name={key}][value='{value}']").check())
    assert total(page) == len(wanted)
    assert parse_qs(urlparse(page.url).query) == {"q": ["整改"], key: [value]}
    assert set(shown_entries(page, url)) <= wanted and len(shown_entries(page, url)) == min(20, len(wanted))


def test_filters_combine_within_a_facet_by_any_and_across_facets_by_all(page, corpus, url):
    entries = corpus["entries"]
    find(page, url)
    assert total(page) == len(corpus["texts"]), "no words: the whole compilation"
    changed(page, lambda: page.locator("input[name=type][value=notice]").check())
    changed(page, lambda: page.locator("input[name=year][value='2018']").check())
    changed(page, lambda: page.locator("input[name=year][value='2023']").check())
    wanted = {u for u, e in entries.items() if e["type"] == "notice" and e["date"].year in (2018, 2023)}
    assert total(page) == len(wanted) and set(shown_entries(page, url)) == wanted
    assert parse_qs(urlparse(page.url).query) == {"type": ["notice"], "year": ["2018", "2023"]}
    assert page.locator("[data-study-find-status]").inner_text().startswith(f"符合筛选条件的资料 {len(wanted)} 篇")


def test_without_words_the_filters_browse_newest_first(page, corpus, url):
    find(page, url, "?type=notice&year=2024")
    wanted = [u for u, e in corpus["entries"].items() if e["type"] == "notice" and e["date"].year == 2024]
    assert set(shown_entries(page, url)) == set(wanted)
    days = [corpus["entries"][u]["date"] for u in shown_entries(page, url)]
    assert days == sorted(days, reverse=True)
    assert page.locator("[data-study-find-sort]").input_value() == "date"


def test_sort_by_date_puts_the_newest_first_and_pages_hold_twenty(page, corpus, url):
    matching = expected(corpus, "整改")
    find(page, url, "?q=" + quote("整改"))
    changed(page, lambda: page.locator("[data-study-find-sort]").select_option("date"))
    first = shown_entries(page, url)
    assert len(first) == 20
    changed(page, lambda: page.get_by_role("button", name="第 2 页").click())
    second = shown_entries(page, url)
    dated = [corpus["entries"][u]["date"] for u in first + second if u in corpus["entries"]]
    assert dated == sorted(dated, reverse=True) and len(dated) == 40
    assert not set(first) & set(second) and set(first + second) <= matching
    assert parse_qs(urlparse(page.url).query) == {"q": ["整改"], "sort": ["date"], "page": ["2"]}
    lines = page.locator(".study-find__line").all_inner_texts()
    assert all(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", line) for line in lines)


def test_the_address_holds_the_state_through_reload_back_and_forward(page, url):
    find(page, url, "?q=" + quote("整改"))
    changed(page, lambda: page.locator("input[name=type][value=speech]").check())
    changed(page, lambda: page.locator("[data-study-find-sort]").select_option("date"))
    address, results = page.url, shown_entries(page, url)
    page.goto(address, wait_until="networkidle")
    ready(page)
    assert shown_entries(page, url) == results and page.locator("input[name=type][value=speech]").is_checked()
    assert page.locator("[data-study-find-sort]").input_value() == "date"
    changed(page, lambda: page.go_back())
    assert parse_qs(urlparse(page.url).query) == {"q": ["整改"], "type": ["speech"]}
    assert page.locator("[data-study-find-sort]").input_value() == "relevance"
    changed(page, lambda: page.go_back())
    assert not page.locator("input[name=type][value=speech]").is_checked()
    changed(page, lambda: page.go_forward())
    assert page.locator("input[name=type][value=speech]").is_checked()


def test_the_find_page_works_with_the_keyboard_alone(page, corpus, url):
    find(page, url)
    page.locator("input#study-find-q").focus()
    page.keyboard.type("整改措施")
    changed(page, lambda: page.keyboard.press("Enter"))
    assert total(page) == len(expected(corpus, "整改措施"))
    assert parse_qs(urlparse(page.url).query) == {"q": ["整改措施"]}
    page.keyboard.press("Tab")  # the 检索 button
    page.keyboard.press("Tab")  # the sort (the filters' button shows on a narrow screen only)
    assert page.evaluate("document.activeElement.name") == "sort"
    page.keyboard.press("Tab")  # the first filter: 讲话
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == ["type", "speech"]
    changed(page, lambda: page.keyboard.press("Space"))
    assert page.evaluate("[document.activeElement.name, document.activeElement.checked]") == ["type", True]
    assert parse_qs(urlparse(page.url).query)["type"] == ["speech"]
    page.locator("[data-study-find-sort]").focus()
    changed(page, lambda: page.keyboard.press("ArrowDown"))
    assert page.locator("[data-study-find-sort]").input_value() == "date"
    first = page.locator(".study-find__title").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/speeches/**")
    assert "整改措施" in page.locator("article mark[data-md-highlight]").all_inner_texts()


def test_the_find_page_says_when_the_index_cannot_be_reached_and_tries_again(page, url):
    failing = {"on": True}
    page.route("**/search/catalogue.json", lambda route: route.abort() if failing["on"] else route.continue_())
    page.goto(url + "find/?q=" + quote("整改"), wait_until="networkidle")
    page.locator("[data-study-find][data-state=error]").wait_for()
    assert UNREACHABLE in page.locator("[data-study-find-status]").inner_text()
    failing["on"] = False
    changed(page, lambda: page.locator(".study-find__retry").click())
    assert total(page) > 0


# The offline edition: opened from file://, no server, no fetch, no workers


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("offline")
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_SEARCH_SCRIPTS": "1"})
    assert result.returncode == 0, result.stderr
    return site


def test_search_and_the_find_page_work_from_file_urls(page, offline):
    texts = scanned_pages(offline)
    matching = {u for u, text in texts.items() if "整改" in text}
    page.goto((offline / "index.html").as_uri())
    header_search(page, "整改")
    assert meta(page) == f"{len(matching)} 个符合条件的结果"
    page.locator(".study-search-all").click()
    page.wait_for_url("**/find/index.html?q=*")
    ready(page)
    assert total(page) == len(matching)
    changed(page, lambda: page.locator("input[name=type][value=notice]").check())
    assert urlparse(page.url).query == "q=%E6%95%B4%E6%94%B9&type=notice"
    page.locator(".study-find__title").first.click()
    page.wait_for_url("**/notices/*.html?h=*")
    assert "整改" in page.locator("article mark[data-md-highlight]").all_inner_texts()
