"""The keyboard alone, in Chromium: Tab, Enter, Space and the arrow keys reach search, 长者模式, the study packs'
PDF and print buttons, and the ledger's filters and download; every stop on the way shows where the focus is."""

from __future__ import annotations

import pytest

from support.a11y import DESKTOP, elder_mode_on, wait_until
from support.browser import type_until_results

# Where the focus is, and whether a reader can see it: a ring of at least 2 px around a box that has a size.
_FOCUS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  let shown = style.visibility !== 'hidden';
  for (let at = element; at && shown; at = at.parentElement) shown = parseFloat(getComputedStyle(at).opacity) > 0;
  return {
    tag: element.tagName, text: (element.textContent || '').trim().slice(0, 40), href: element.getAttribute('href'),
    classes: element.className, value: element.value === undefined ? null : element.value,
    visible: shown && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && box.width > 0 && box.height > 0,
  };
}"""


def focus_now(page) -> dict:
    """The focus after a key; Material fades some controls in on focus (the skip link): given the fade's time."""
    focus = page.evaluate(_FOCUS)
    if not focus["visible"]:
        page.wait_for_timeout(400)
        focus = page.evaluate(_FOCUS)
    return focus


def tab_to(page, wanted, limit: int = 80) -> dict:
    """Press Tab until wanted(focus) holds; every element passed on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focus_now(page)
        assert focus["visible"], f"focus cannot be seen on {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"Tab never reached it within {limit} presses on {page.url}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    # Headless Chromium's PDF viewer crashes when a framed PDF is printed; record the print call instead.
    context.add_init_script("window.print = () => { window.top.__printed = window.location.pathname; };")
    yield context.new_page()
    context.close()


def test_every_stop_of_the_home_page_can_be_seen_until_the_focus_leaves_the_page(page, reader_url: str):
    """Also the controls Material fades out (the back-to-top button) take no stop while they cannot be seen."""
    for elder in (False, True):
        page.goto(reader_url, wait_until="load")
        if elder:
            page.get_by_role("button", name="长者模式").click()
            assert elder_mode_on(page)
        stops = []
        for _ in range(150):
            page.keyboard.press("Tab")
            focus = focus_now(page)
            if focus["tag"] == "BODY":
                break
            assert focus["visible"], f"focus cannot be seen on stop {len(stops) + 1}: {focus}"
            stops.append(focus)
        else:
            raise AssertionError("the focus never left the page")
        assert len(stops) > 15, stops
        # Material's back-to-top button is in the page, faded out, until the reader scrolls back up: no stop then.
        hidden_top_takes_focus = """(() => { const top = document.querySelector('.md-top');
            top.focus(); return top.hidden && document.activeElement === top; })()"""
        assert page.evaluate(hidden_top_takes_focus) is False


def test_from_the_home_page_to_a_search_result(page, reader_url: str):
    page.goto(reader_url, wait_until="load")
    tab_to(page, lambda focus: "md-search__input" in focus["classes"])
    type_until_results(page, "选人用人")
    page.keyboard.press("ArrowDown")
    focus = page.evaluate(_FOCUS)
    assert focus["visible"] and focus["text"].startswith("M2 坚持公道正派选人用人"), focus
    page.keyboard.press("Enter")
    page.wait_for_url("**/measures/m2/**")
    assert page.locator("article h1").inner_text().startswith("M2 坚持公道正派选人用人")


def test_from_the_home_page_to_a_pack_pdf_and_its_print_button(page, reader_url: str):
    page.goto(reader_url, wait_until="load")
    tab_to(page, lambda focus: focus["text"] == "学习材料包")
    page.keyboard.press("Enter")
    page.wait_for_url("**/packs/")
    tab_to(page, lambda focus: focus["href"] == "report/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/packs/report/")

    tab_to(page, lambda focus: focus["text"] == "下载 PDF")
    with page.expect_response(lambda response: response.url.endswith("/packs/report.pdf")) as pdf:
        page.keyboard.press("Enter")
    assert pdf.value.status == 200 and pdf.value.headers["content-type"] == "application/pdf"
    page.wait_for_url("**/packs/report.pdf")  # Chromium shows the PDF, from which the reader prints or saves it

    page.goto(reader_url + "packs/report/", wait_until="load")
    assert page.get_by_role("link", name="打印 PDF", exact=True).count() == 1, "a name of its own"
    tab_to(page, lambda focus: "pack-print" in focus["classes"])
    page.keyboard.press("Enter")
    wait_until(page, "window.__printed !== undefined")
    assert page.evaluate("window.__printed").endswith("/packs/report.pdf"), "the pack's PDF was printed"
    assert "pack-print" in page.evaluate(_FOCUS)["classes"], "the focus comes back to the button"


def test_through_the_ledger_filter_and_its_download(page, reader_url: str):
    page.goto(reader_url + "measures/ledger/", wait_until="load")
    count = page.locator(".ledger-count")
    total = page.locator(".ledger tbody tr").count()
    assert page.get_by_role("group", name="筛选台账").count() == 1
    assert page.get_by_role("status").inner_text() == f"显示 {total} / {total} 项"

    tab_to(page, lambda focus: focus["href"] == "../ledger.csv")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "ledger.csv"

    status = tab_to(page, lambda focus: focus["tag"] == "SELECT")
    assert page.evaluate("document.activeElement") == page.get_by_role("combobox", name="状态").evaluate("e => e")
    while status["value"] != "长期坚持":
        page.keyboard.press("ArrowDown")
        status = page.evaluate(_FOCUS)
    shown = count.inner_text()
    assert shown != f"显示 {total} / {total} 项"
    owner = tab_to(page, lambda focus: focus["tag"] == "SELECT")
    assert page.evaluate("document.activeElement") == page.get_by_role("combobox", name="责任部门").evaluate("e => e")
    while owner["value"] != "局党委书记、副书记":
        page.keyboard.press("ArrowDown")
        owner = page.evaluate(_FOCUS)
    assert count.inner_text() == f"显示 1 / {total} 项"
    visible = [row for row in page.locator(".ledger tbody tr").all() if row.is_visible()]
    assert [row.get_attribute("data-owner") for row in visible] == ["局党委书记、副书记"]
    page.keyboard.press("Home")  # the first choice: 全部
    assert count.inner_text() == shown, "back to every owner"


def test_elder_mode_by_keyboard(page, reader_url: str):
    page.goto(reader_url + "report/", wait_until="load")
    tab_to(page, lambda focus: focus["text"] == "长者模式")
    page.keyboard.press("Enter")
    assert elder_mode_on(page)
    assert page.get_by_role("button", name="长者模式", pressed=True).count() == 1
    page.keyboard.press("Space")
    assert not elder_mode_on(page)
    assert page.get_by_role("button", name="长者模式", pressed=False).count() == 1


def test_the_keyboard_walk_fails_where_focus_cannot_be_seen(page, reader_url: str):
    """tab_to itself: a control whose focus ring is taken away stops the walk."""
    page.goto(reader_url + "report/", wait_until="load")
    # Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
    page.evaluate("document.querySelector('[data-elder-toggle]').style.setProperty('outline', 'none', 'important')")
    with pytest.raises(AssertionError, match="focus cannot be seen"):
        tab_to(page, lambda focus: focus["text"] == "长者模式")
