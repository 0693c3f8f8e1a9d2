"""Issue 26, item 11 in Chromium on the site with 2,000 fictional entries, at 1280 × 800 and 390 × 844: an entry
page shows its tab, leads back to its row of its index and on to its neighbours; on a phone its 目录 and that of a
long page out of the navigation is in the drawer, and a tap there jumps and closes the drawer.

Screenshots of each view are kept in test-artifacts/place/ for a person to look at.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from support.browser import ARTIFACTS, served
from support.place import HEADED_PATH, HEADED_TITLE, HEADINGS, build_place_site

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SHOTS = ARTIFACTS / "place"
FEBRUARY_2022 = "speeches/shili-00037/"  # scripts/bench.py: 2022-02-10, one of the last rows of 讲话·2022年


@pytest.fixture(scope="module")
def place_url(tmp_path_factory):
    site = build_place_site(tmp_path_factory.mktemp("place"), 2000)
    with served(site) as url:
        yield url


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _in_view(page, selector: str) -> bool:
    """The element is on screen, below the fixed header (not hidden under it)."""
    return page.evaluate(
        """(selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
          return box.top >= header - 1 && box.bottom <= innerHeight;
        }""",
        selector,
    )


def test_on_a_desktop_an_entry_shows_its_tab_and_leads_back_to_its_row_and_on_to_the_next(browser, place_url: str):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(place_url + HEADED_PATH, wait_until="networkidle")
    tab = page.locator(".md-tabs__item--active")
    assert tab.count() == 1 and tab.is_visible() and tab.inner_text().strip() == "学习资料汇编"
    assert page.locator(".md-sidebar--primary a.md-nav__link--active").inner_text().strip() == HEADED_TITLE
    assert page.locator(".md-sidebar--primary a.md-nav__link--active").is_visible()
    _shot(page, "entry-desktop")

    # 返回: from a speech of February 2022, near the end of the long 2022 page, to its own row there.
    page.goto(place_url + FEBRUARY_2022, wait_until="networkidle")
    title = page.locator("article h1").inner_text().removesuffix("¶").strip()
    back = page.locator("article nav.page-place a")
    assert back.inner_text() == "返回讲话索引（2022年）"
    back.click()
    page.wait_for_url("**/speeches/years/2022/#*")
    row = f"tr[id='{unquote(urlsplit(page.url).fragment)}']"
    assert page.locator(row).is_visible() and _in_view(page, row), "the entry's row is where the index opens"
    assert page.evaluate("window.scrollY") > 2 * DESKTOP["height"], "far down the page"
    assert page.locator(f"{row} a").inner_text() == title
    _shot(page, "entry-back-to-index")

    page.goto(place_url + HEADED_PATH, wait_until="networkidle")
    following = page.locator("a.md-footer__link--next")
    assert following.locator(".md-footer__direction").inner_text().strip() == "下一篇"
    title = following.locator(".md-ellipsis").inner_text().strip()
    following.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == title
    # And back with 上一篇 to where the reader was.
    previous = page.locator("a.md-footer__link--prev")
    assert previous.locator(".md-ellipsis").inner_text().strip() == HEADED_TITLE
    previous.click()
    page.wait_for_url("**" + HEADED_PATH)
    page.close()


@pytest.mark.parametrize(
    ("path", "entry"),
    [(HEADED_PATH, HEADINGS[-1]), ("packs/report/", None), ("measures/m9/", None), ("measures/ledger/", None)],
    ids=["entry", "pack", "measure-out-of-nav", "ledger"],
)
def test_on_a_phone_the_drawer_holds_the_pages_contents_and_a_tap_jumps_and_closes_it(
    browser, place_url: str, path: str, entry: str | None
):
    page = browser.new_page(viewport=PHONE)
    page.goto(place_url + path, wait_until="networkidle")
    assert not page.locator(".md-sidebar--secondary").is_visible(), "no 目录 at the side on a phone"
    if path == HEADED_PATH:
        assert page.locator("article nav.page-place a").is_visible(), "返回 above the title on a phone too"
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    here = page.locator(".md-nav--primary label.md-nav__link--active[for='__toc']")
    assert here.is_visible(), f"{path}: the page itself is in the drawer, where the drawer opens"
    _shot(page, f"drawer-{path.strip('/').replace('/', '-')}")
    here.click()
    page.wait_for_timeout(400)
    entries = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link")
    assert entries.count() >= 1 and entries.first.is_visible(), f"{path}: the drawer shows its 目录"
    target = entries.nth(entries.count() - 1) if entry is None else entries.filter(has_text=entry)
    wanted = unquote(target.get_attribute("href") or "").removeprefix("#")
    _shot(page, f"drawer-toc-{path.strip('/').replace('/', '-')}")
    target.click()
    page.wait_for_timeout(600)  # the drawer slides out in 250 ms
    assert not page.evaluate("document.getElementById('__drawer').checked"), f"{path}: the drawer stays open"
    assert unquote(urlsplit(page.url).fragment) == wanted
    top = page.evaluate(f"document.getElementById({wanted!r}).getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2, (path, wanted, top)
    page.close()


def test_on_a_phone_a_quiz_is_in_its_section_of_the_drawer_without_a_contents_list_it_does_not_have(
    browser, place_url: str
):
    """A quiz hides its 目录 (its stems are headings of its source, not of its form): the drawer lists none."""
    page = browser.new_page(viewport=PHONE)
    page.goto(place_url + "quizzes/report/", wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    here = page.locator(".md-nav--primary a.md-nav__link--active")
    assert here.is_visible() and here.inner_text().strip() == "会议报告应知应会自测"
    assert page.locator(".md-nav--primary label[for='__toc']").count() == 0
    assert page.locator(".md-nav--primary .md-nav--secondary a").count() == 0
    _shot(page, "drawer-quiz")
    page.close()
