"""Issue 26, items 3, 4 and 7 in Chromium: the phone's drawer closes after a tap on a Chinese 目录 entry; done and
not-done checklist items differ by shape and words in both modes; the ledger printed from the browser keeps every
column, and has a 打印本页 button.

One strict build of the repo's site plus the fixture measure M9 (one item done, one not started, one overdue).
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from support.a11y import ELDER_KEY
from support.browser import served
from support.measures import site_with_m9

PHONE = {"width": 390, "height": 844}
# Pages whose headings are Chinese, so their anchors are percent-encoded in the address.
CHINESE_ANCHORS = ("report/", "measures/m1/", "measures/ledger/")
PRINTED_COLUMNS = ("完成时限", "状态", "佐证材料", "销号日期")


@pytest.fixture(scope="module")
def marks_site(tmp_path_factory) -> Path:
    return site_with_m9(tmp_path_factory.mktemp("marks"))


@pytest.fixture(scope="module")
def marks_url(marks_site: Path):
    with served(marks_site) as url:
        yield url


def _drawer_open(page) -> bool:
    return page.evaluate("document.getElementById('__drawer').checked")


def _place(page) -> dict:
    """Where the element the address names is, and whether a tap there reaches it (not an overlay)."""
    return page.evaluate(
        """() => {
          const element = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          const box = element.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
          return {id: element.id, top: box.top, bottom: box.bottom, height: innerHeight,
                  reached: hit !== null && (hit === element || element.contains(hit))};
        }"""
    )


@pytest.mark.parametrize("path", CHINESE_ANCHORS)
def test_a_tap_on_a_chinese_contents_entry_closes_the_phone_drawer(browser, marks_url: str, path: str):
    page = browser.new_page(viewport=PHONE)
    page.goto(marks_url + path, wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary label[for='__toc']").first.click()
    entries = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link")
    assert entries.count() >= 2, path
    entry = entries.nth(entries.count() - 1)  # the last part: far down, the page must move to it
    wanted = entry.get_attribute("href")
    assert wanted and any("\u4e00" <= ch <= "\u9fff" for ch in wanted), (path, wanted)
    assert _drawer_open(page)
    entry.click()
    page.wait_for_timeout(600)  # the drawer slides out in 250 ms
    assert not _drawer_open(page), f"{path}: the drawer stays open after a tap on {wanted}"
    place = _place(page)
    assert "#" + place["id"] == wanted, (path, place)
    assert 0 <= place["top"] < place["height"], (path, place)
    assert place["reached"], f"{path}: the target is behind something (the grey overlay): {place}"
    # The same entry tapped again (no hashchange): the drawer closes all the same.
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    entries.nth(entries.count() - 1).click()  # the drawer reopens on the 目录 it showed
    page.wait_for_timeout(600)
    assert not _drawer_open(page) and _place(page)["reached"], path
    page.close()


def _box_look(page, item: str) -> dict:
    """The drawn box of checklist item `item` (M9-1 …): its shape, colour, accessible name and the item's words."""
    return page.evaluate(
        """(item) => {
          const li = [...document.querySelectorAll('li.task-list-item')]
            .find(li => li.querySelector('strong')?.textContent === item);
          const box = li.querySelector('input[type=checkbox]');
          const mark = getComputedStyle(li.querySelector('.task-list-indicator'), '::before');
          return {mask: mark.maskImage || mark.webkitMaskImage, border: parseFloat(mark.borderTopWidth),
                  background: mark.backgroundColor, name: box.getAttribute('aria-label'),
                  checked: box.checked, words: li.textContent.replace(/\\s+/g, ' ').trim()};
        }""",
        item,
    )


@pytest.mark.parametrize("elder", (False, True), ids=("普通模式", "长者模式"))
def test_done_and_not_done_checklist_items_differ_by_shape_and_words(browser, marks_url: str, elder: bool):
    context = browser.new_context(viewport=PHONE)
    if elder:
        context.add_init_script(f"window.localStorage.setItem('{ELDER_KEY}', 'on');")
    page = context.new_page()
    page.goto(marks_url + "measures/m9/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('elder-mode')") is elder
    done, undone = _box_look(page, "M9-1"), _box_look(page, "M9-3")
    assert done["checked"] and not undone["checked"]
    # Shape: a filled disc with the ✓ cut out of it, against an empty ring with no ✓ at all.
    assert "url(" in done["mask"] and done["border"] == 0, done
    assert undone["mask"] == "none" and undone["border"] >= 2, undone
    assert undone["background"] in ("rgba(0, 0, 0, 0)", "transparent"), undone
    assert done["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), done
    # Words: the box's accessible name and the line a reader sees both say the state.
    assert done["name"] == "M9-1 制定示例学习制度：已完成", done
    assert undone["name"] == "M9-3 建立示例学习台账：未开始", undone
    assert "状态：已完成" in done["words"] and "状态：未开始" in undone["words"]
    context.close()


def _printed_columns(pdf: bytes) -> dict[str, str]:
    """The text under each of the printed ledger's column headings, page by page (the heading repeats on each)."""
    columns: dict[str, str] = {name: "" for name in PRINTED_COLUMNS}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for printed in document.pages:
            words = printed.extract_words(keep_blank_chars=False)
            headings = [w for w in words if unicodedata.normalize("NFKC", w["text"]) in ("序号", *PRINTED_COLUMNS)]
            heads = sorted(headings, key=lambda w: w["x0"])
            for index, head in enumerate(heads):
                name = unicodedata.normalize("NFKC", head["text"])
                if name not in columns:
                    continue
                right = next((h["x0"] for h in heads[index + 1 :]), printed.width)
                below = printed.crop((head["x0"] - 2, head["bottom"], right - 2, printed.height))
                columns[name] += unicodedata.normalize("NFKC", (below.extract_text() or "").replace("\n", ""))
    return columns


def test_the_ledger_prints_every_column_and_has_a_print_button(browser, marks_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(marks_url + "measures/ledger/", wait_until="networkidle")
    button = page.get_by_role("button", name="打印本页")
    assert button.count() == 1 and button.is_visible()
    # Beside the downloads, near the top of the page, where a reader looks for ways to take the ledger away.
    assert page.evaluate("document.querySelector('.page-print-line').previousElementSibling.textContent").startswith(
        "下载台账"
    )
    assert button.bounding_box()["y"] < 800
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    columns = _printed_columns(page.pdf(format="A4"))
    page.close()
    assert all(columns.values()), f"a column did not print: {columns}"
    # M9-1 (已完成, due 2025-03-31, closed 2025-03-28 with 示办发〔2025〕2号) and M9-2 (overdue) in full.
    assert "2025年3月31日" in columns["完成时限"] and "2025年6月30日" in columns["完成时限"], columns["完成时限"]
    assert "已完成" in columns["状态"] and "正在整改(逾期)" in columns["状态"], columns["状态"]
    assert "示办发〔2025〕2号" in columns["佐证材料"], columns["佐证材料"]
    assert "2025年3月28日" in columns["销号日期"], columns["销号日期"]


def test_a_closed_detail_prints_open(browser, marks_url: str):
    """Every page prints whole: a 详情 closed on screen is open on paper, and closed again after."""
    page = browser.new_page()
    page.goto(marks_url + "measures/ledger/", wait_until="networkidle")
    closed = "document.querySelectorAll('article details:not([open])').length"
    assert page.evaluate(closed) > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) > 0
    page.close()


# Whatever an article holds that printing could cut at the paper's right edge.
_CUT_OFF = """() => {
  const article = document.querySelector('article');
  if (!article) return [];
  const right = article.getBoundingClientRect().right + 1;
  return [...article.querySelectorAll('table, pre, img, svg')]
    .filter(e => e.getClientRects().length)
    .filter(e => e.getBoundingClientRect().right > right || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ' ' + (e.closest('[class]')?.className || ''));
}"""


def test_no_page_prints_cut_off_at_the_right(browser, marks_site: Path, marks_url: str):
    """Every page prints whole: on an A4 page's width (718 CSS px inside Chromium's margins) no table, code block
    or picture is wider than the text or scrolls (Material's table wrapper scrolls on screen and cut on paper)."""
    pages = sorted(p.relative_to(marks_site).parent.as_posix() + "/" for p in marks_site.rglob("index.html"))
    assert "measures/ledger/" in pages and len(pages) > 20
    page = browser.new_page(viewport={"width": 718, "height": 1000})
    page.emulate_media(media="print")
    cut = {}
    for path in pages:
        page.goto(marks_url + path, wait_until="load")
        if found := page.evaluate(_CUT_OFF):
            cut[path] = found
    page.close()
    assert cut == {}
