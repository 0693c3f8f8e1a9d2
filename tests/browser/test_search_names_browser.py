"""Search with names and numbers in Debian's Chromium (issue 26 items 1 and 13): counts equal to a page-by-page
scan for queries with digits, Latin letters and several words, highlights only where the words stand as
written, excerpts from the body text, the sort by 文号, and the 检索 page on a phone (390×844, also 长者模式)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from search_corpus import query_words, scanned_pages
from support import copy_project, mkdocs_build
from support.a11y import remember_elder_mode
from support.browser import ARTIFACTS, CHROMIUM, checked_page, pages_holding, served
from support.search_names import write_names_corpus

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")

ENTRIES = 240
# Names that differ by a digit, numbers inside dates, 文号, Latin, several words (the issue's own two first).
QUERIES = [
    "示例局负责同志3 形式主义",
    "示例机关2",
    "负责同志3",
    "示例机关12 2019年",
    "3",
    "2019年3月",
    "示发〔2019〕5号",
    "〔2019〕5号",
    "M2-1",
    "m2",
    "形式主义 官僚主义 示例机关1",
    "“示例机关7”",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    tmp_path = tmp_path_factory.mktemp("search-names")
    project = copy_project(tmp_path / "project")
    write_names_corpus(project / "docs", ENTRIES)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return {"site": site, "texts": scanned_pages(site)}


@pytest.fixture(scope="module")
def url(corpus):
    with served(corpus["site"]) as address:
        yield address


@pytest.fixture
def page(browser):
    with checked_page(browser) as page:
        yield page


expected = pages_holding  # the answer key: a scan of the built HTML, not the index


def find(page, url: str, query: str, extra: str = "") -> None:
    page.goto(f"{url}find/?q={quote(query)}{extra}", wait_until="networkidle")
    page.locator("[data-study-find][data-state=ready]").wait_for()


def status(page) -> str:
    return page.locator("[data-study-find-status]").inner_text()


def test_the_scan_itself_tells_names_and_numbers_apart(corpus):
    # The answer key is only worth something if the corpus has the cases: 3 apart from 30–39, and more.
    assert expected(corpus, "示例局负责同志3") < expected(corpus, "示例局负责同志"), "a name is more than its word"
    assert not expected(corpus, "示例局负责同志3") & (
        expected(corpus, "示例局负责同志30") - expected(corpus, "示例局负责同志3")
    )
    assert len(expected(corpus, "示例局负责同志3 形式主义")) < len(expected(corpus, "示例局负责同志3"))
    assert all(expected(corpus, query) for query in QUERIES), "every query has results"


@pytest.mark.parametrize("query", QUERIES)
def test_the_find_page_counts_the_pages_that_hold_every_word_as_written(page, corpus, url, query):
    matching = expected(corpus, query)
    find(page, url, query)
    assert int(page.locator("[data-study-find]").get_attribute("data-total")) == len(matching)
    words = query_words(query)
    if query == "〔2019〕5号":
        assert words == ["〔2019〕5号"], "a bracket whose partner is in the word is said as typed"
    said = f"包含“{words[0]}”" if len(words) == 1 else "同时包含" + "、".join(f"“{w}”" for w in words[:-1])
    said += f"和“{words[-1]}”" if len(words) > 1 else ""
    assert status(page).startswith(f"{said}的资料共 {len(matching)} 篇")
    shown = {urlparse(href).path.removeprefix(urlparse(url).path) for href in _hrefs(page, ".study-find__title")}
    assert shown <= matching and len(shown) == min(20, len(matching))


def _hrefs(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("query", ["示例局负责同志3 形式主义", "示例机关2", "示发〔2019〕5号", "M2-1"])
def test_the_header_search_counts_the_same(page, corpus, url, query):
    from support.browser import search_in_header

    page.goto(url, wait_until="networkidle")
    search_in_header(page, query)
    count = len(expected(corpus, query))
    said = "找到 1 个符合条件的结果" if count == 1 else f"{count} 个符合条件的结果"  # Material's own words
    # The count is drawn once every shard has answered, which under load can be after the first result.
    expect(page.locator(".md-search-result__meta")).to_have_text(said)


def test_only_what_matched_is_highlighted(page, url):
    find(page, url, "示例局负责同志3 形式主义")
    page.wait_for_function("() => document.querySelector('.study-find__excerpt mark')")
    page.wait_for_timeout(300)  # every excerpt filled in
    for item in page.locator(".study-find__item").all():
        excerpt = item.locator(".study-find__excerpt")
        marks = excerpt.locator("mark").all_inner_texts()
        assert set(marks) <= {"示例局负责同志3", "形式主义"}, marks
        html = excerpt.inner_html()
        assert not re.search(r"</mark>\d", html), "a mark cut before the rest of its number"
        assert "<mark>3</mark>" not in html, "the 3 of a date is not the name's 3"


def test_a_notice_excerpt_comes_from_its_body_text(page, url):
    find(page, url, "形式主义", "&type=notice")
    page.wait_for_function("() => document.querySelector('.study-find__excerpt mark')")
    excerpts = page.locator(".study-find__excerpt").all_inner_texts()
    assert excerpts and not any(text.lstrip("…").startswith(("文种", "文号")) for text in excerpts), excerpts
    find(page, url, "决定", "&type=notice")  # a word that stands in the details (文种) before the body
    page.wait_for_function("() => [...document.querySelectorAll('.study-find__excerpt')].every(p => p.textContent)")
    assert not any("文种" in text or "来源" in text for text in page.locator(".study-find__excerpt").all_inner_texts())


def _number_key(number: str) -> tuple[str, int, int]:
    word, year, serial = re.fullmatch(r"(.*)〔(\d{4})〕(\d+)号", number).groups()
    return word, int(year), int(serial)


def test_sort_by_doc_number_takes_issuer_word_year_and_number_as_numbers(page, corpus, url):
    page.goto(f"{url}find/?type=notice&sort=number", wait_until="networkidle")
    page.locator("[data-study-find][data-state=ready]").wait_for()
    assert page.locator("[data-study-find-sort]").input_value() == "number"
    numbers = [line.rsplit(" · ", 1)[-1] for line in page.locator(".study-find__line").all_inner_texts()]
    keys = [_number_key(n) for n in numbers]
    assert len(keys) == 20 and keys == sorted(keys), numbers
    assert len({year for _, year, _ in keys}) == 1 or keys[0][1] < keys[-1][1], "years ascending"
    page.get_by_role("button", name="第 2 页").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('page') === '2'")
    page.locator("[data-study-find][data-state=ready]").wait_for()
    more = [_number_key(line.rsplit(" · ", 1)[-1]) for line in page.locator(".study-find__line").all_inner_texts()]
    assert more[0] >= keys[-1], "numerically: 示发〔2019〕10号 after 示发〔2019〕9号, across pages"
    assert parse_qs(urlparse(page.url).query) == {"type": ["notice"], "sort": ["number"], "page": ["2"]}


# The 检索 page on a phone


@pytest.fixture(params=["standard", "elder"])
def phone(browser, request):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    if request.param == "elder":
        remember_elder_mode(context)
    page = context.new_page()
    page.mode = request.param  # (for the screenshot's name)
    yield page
    context.close()


def test_on_a_phone_the_results_come_into_view_after_searching(phone, corpus, url):
    phone.goto(url + "find/", wait_until="networkidle")
    phone.locator("[data-study-find][data-state=ready]").wait_for()
    assert phone.locator("[data-study-find-filters]").is_hidden(), "the filters fold away behind their button"
    toggle = phone.locator("[data-study-find-toggle]")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    phone.locator("#study-find-q").fill("示例机关2")
    phone.locator(".study-find__submit").click()
    phone.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('[data-study-find-status]')"
    )
    assert status(phone).startswith(f"包含“示例机关2”的资料共 {len(expected(corpus, '示例机关2'))} 篇")
    first = phone.locator(".study-find__item").first.bounding_box()
    assert first is not None and first["y"] >= 0 and first["y"] + 60 <= 844, "the first result is on the screen"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"find-phone-{phone.mode}.png"))  # looked at by whoever changes the view
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and phone.locator("[data-study-find-filters]").is_visible()
    phone.locator("input[name=type][value=notice]").check()
    phone.wait_for_function(
        "() => document.querySelector('[data-study-find-toggle]').textContent.includes('已选 1 项')"
    )


def test_words_typed_and_searched_before_the_script_starts_are_kept_and_the_page_not_sent_again(page, corpus, url):
    held: list = []
    page.route("**/assets/search/find.js", lambda route: held.append(route))
    page.goto(url + "find/", wait_until="domcontentloaded")
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("#study-find-q").fill("示例机关2")
    page.locator("#study-find-q").press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__samePage === true"), "no reload"
    for route in held:
        route.continue_()
    page.locator("[data-study-find][data-state=ready]").wait_for()
    assert page.evaluate("() => window.__samePage === true")
    assert page.locator("#study-find-q").input_value() == "示例机关2"
    assert int(page.locator("[data-study-find]").get_attribute("data-total")) == len(expected(corpus, "示例机关2"))
    assert parse_qs(urlparse(page.url).query) == {"q": ["示例机关2"]}


@pytest.mark.parametrize("query", ["示例局负责同志3 形式主义", "示发〔2019〕5号", "M2-1"])
def test_the_page_a_result_opens_marks_the_words_as_written(page, url, query):
    find(page, url, query)
    page.locator(".study-find__title").first.click()
    page.wait_for_function("() => document.querySelector('article mark[data-md-highlight]')")
    words = set(query_words(query))
    marks = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert {mark.lower() for mark in marks} == words, marks
    after = page.locator("article mark[data-md-highlight]").evaluate_all(
        "marks => marks.map(m => (m.nextSibling && m.nextSibling.textContent || ' ')[0])"
    )
    assert not any(char.isdigit() for char in after), "no mark stops inside a longer number (负责同志30)"
    page.wait_for_function("() => new URL(location.href).searchParams.has('h')")  # a reload marks them again
