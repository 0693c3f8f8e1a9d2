"""长者模式 in Chromium: one switch in the header, remembered across pages and reloads (also from file://), text of
at least 20 px with 1.8 line spacing, contrast of at least 7:1, targets of at least 44 px, Material's columns kept, print
unchanged.

Each measurement is also taken in normal mode, where it must fail: the checks can tell the two modes apart.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from support import REPO, mkdocs_build
from support.a11y import (
    DESKTOP,
    ELDER_KEY,
    elder_mode_on,
    remember_elder_mode,
    wait_until,
)

# Pages whose text, colours and targets are measured: prose, a checklist, the ledger with its filters, an index,
# an entry, a pack with its buttons.
MEASURED = [
    "",
    "report/",
    "measures/m1/",
    "measures/ledger/",
    "speeches/",
    "notices/shili-tongbao-2025-7/",
    "packs/report/",
    "study/",
]

# Every visible text of the page: its size, line height and whether it sits in a heading (headings are set tighter).
_TEXTS = """root => {
  const found = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    if (!text || !element.getClientRects().length || element.closest('.headerlink')) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible') continue;
    found.push({
      text: text.slice(0, 30), tag: element.tagName,
      size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight),
      heading: !!element.closest('h1, h2, h3, h4, h5, h6'),
    });
  }
  return found;
}"""

# The contrast of every visible text against the colours behind it (WCAG 2 formula), with opacities applied.
_CONTRASTS = """() => {
  const parse = value => {
    const parts = value.match(/[\\d.]+/g).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !element.getClientRects().length) continue;
    if (getComputedStyle(element).visibility !== 'visible' || element.closest('.headerlink, .md-skip')) continue;
    let opacity = 1;
    const chain = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      opacity *= parseFloat(style.opacity);
      chain.unshift(parse(style.backgroundColor));
    }
    if (opacity === 0) continue;
    const background = chain.reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
    const color = parse(getComputedStyle(element).color);
    color[3] *= opacity;
    found.push({text: walker.currentNode.textContent.trim().slice(0, 30), ratio: ratio(over(color, background), background)});
  }
  return found;
}"""

# Controls a reader clicks, with their size; links inside running text are exempt, as WCAG 2.5.5 allows.
_TARGETS = """async () => {
  await Promise.all(document.getAnimations().map(animation => animation.finished));  // sizes at rest
  const selector = 'a[href], button, input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex="0"]';
  return [...document.querySelectorAll(selector)].filter(element => {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) return false;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) return false;
    if (element.tagName === 'A') {
      const block = element.parentElement.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, div, nav');
      if (block && block.textContent.trim() !== element.textContent.trim()) return false;
    }
    return true;
  }).map(element => {
    const box = element.getBoundingClientRect();
    return {what: element.tagName + ' ' + (element.textContent.trim() || element.getAttribute('aria-label') || element.className).slice(0, 30),
            width: box.width, height: box.height};
  });
}"""


@pytest.fixture(params=["长者模式", "普通模式"])
def mode_page(request, browser):
    """A page of a fresh context in the given mode (长者模式 as remembered from an earlier visit)."""
    context = browser.new_context(viewport=DESKTOP)
    if request.param == "长者模式":
        remember_elder_mode(context)
    yield request.param, context.new_page()
    context.close()


def test_one_switch_in_the_header_turns_it_on_everywhere_and_a_second_press_turns_it_off(browser, reader_url: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(reader_url, wait_until="load")
    switch = page.locator("[data-elder-toggle]")
    assert switch.count() == 1 and page.locator(".md-header [data-elder-toggle]").count() == 1
    assert switch.get_attribute("type") == "button" and switch.inner_text().strip() == "长者模式"
    assert switch.get_attribute("aria-pressed") == "false" and not elder_mode_on(page)

    switch.click()
    assert elder_mode_on(page) and switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate(f"localStorage.getItem('{ELDER_KEY}')") == "on"
    page.locator(".md-tabs__link", has_text="措施打算").click()
    page.wait_for_url("**/measures/")
    assert elder_mode_on(page), "the next page opens in 长者模式"
    page.reload(wait_until="load")
    assert elder_mode_on(page) and page.locator("[data-elder-toggle]").get_attribute("aria-pressed") == "true"

    other = context.new_page()  # another tab follows the switch
    other.goto(reader_url + "report/", wait_until="load")
    assert elder_mode_on(other)
    page.locator("[data-elder-toggle]").click()
    assert not elder_mode_on(page) and page.locator("[data-elder-toggle]").get_attribute("aria-pressed") == "false"
    wait_until(other, "!document.documentElement.classList.contains('elder-mode')")
    page.reload(wait_until="load")
    assert not elder_mode_on(page), "off stays off"
    context.close()


def test_it_is_on_before_the_page_is_drawn(browser, reader_url: str):
    """The head script switches it on before the body exists: no flash of small text on every page."""
    context = browser.new_context(viewport=DESKTOP)
    remember_elder_mode(context)
    page = context.new_page()
    page.goto(reader_url + "report/", wait_until="commit")
    page.wait_for_selector("body", state="attached")
    classes = page.evaluate("document.documentElement.className")
    page.wait_for_load_state("load")
    assert "elder-mode" in classes
    context.close()


def test_it_works_from_the_file_system(browser, tmp_path: Path):
    """The offline edition is opened from a folder (file://, no directory URLs): the switch and its memory work."""
    site = tmp_path / "site"
    result = mkdocs_build(REPO, site, "--no-directory-urls")
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((site / "index.html").as_uri(), wait_until="load")
    page.locator("[data-elder-toggle]").click()
    page.locator(".md-tabs__link", has_text="会议报告").click()
    page.wait_for_url("**/report/index.html")
    assert elder_mode_on(page)
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)") >= 20
    page.locator("[data-elder-toggle]").click()
    page.reload(wait_until="load")
    assert not elder_mode_on(page)
    assert all(url.startswith("file://") for url in requested), requested
    context.close()


@pytest.mark.parametrize("path", MEASURED)
def test_body_text_is_at_least_20px_with_line_spacing_1_8(mode_page, reader_url: str, path: str):
    mode, page = mode_page
    page.goto(reader_url + path, wait_until="load")
    texts = page.evaluate(_TEXTS, page.locator("article").element_handle())
    small = [t for t in texts if t["size"] < 20]
    tight = [t for t in texts if not t["heading"] and t["line"] < 1.8 * t["size"] - 0.5]
    if mode == "长者模式":
        assert not small, small
        assert not tight, tight
    else:
        assert small or tight, "normal mode keeps the smaller text"


@pytest.mark.parametrize("path", MEASURED)
def test_every_text_has_a_contrast_of_7_to_1(mode_page, reader_url: str, path: str):
    mode, page = mode_page
    page.goto(reader_url + path, wait_until="load")
    low = [(t["text"], round(t["ratio"], 2)) for t in page.evaluate(_CONTRASTS) if t["ratio"] < 7]
    if mode == "长者模式":
        assert not low, low
    else:
        assert low and min(ratio for _, ratio in low) >= 4.5, "normal mode: AA (4.5:1), not AAA"


@pytest.mark.parametrize("path", [*MEASURED, "search"])
def test_every_target_is_at_least_44px(mode_page, reader_url: str, path: str):
    mode, page = mode_page
    if path == "search":
        from support.browser import search_in_header

        page.goto(reader_url, wait_until="load")
        search_in_header(page, "整改")
    else:
        page.goto(reader_url + path, wait_until="load")
    targets = page.evaluate(_TARGETS)
    assert targets
    small = [t for t in targets if t["width"] < 44 - 0.01 or t["height"] < 44 - 0.01]
    if mode == "长者模式":
        assert not small, small
    else:
        assert small, "normal mode keeps Material's sizes"


def test_three_columns_on_a_wide_screen(mode_page, reader_url: str):
    """The section's pages, the text and the page's 目录 side by side in both modes (issue 26: 长者模式 once put the
    pages under the text and left the 目录 out); the text keeps room for about 30 characters of 22 px a line."""
    mode, page = mode_page
    page.goto(reader_url + "measures/m1/", wait_until="load")
    boxes = page.evaluate(
        """() => ['.md-sidebar--primary', '.md-content', '.md-sidebar--secondary'].map(selector => {
             const element = document.querySelector(selector);
             if (!element.getClientRects().length || getComputedStyle(element).display === 'none') return null;
             const box = element.getBoundingClientRect();
             return {left: box.left, right: box.right, top: box.top + scrollY, bottom: box.bottom + scrollY};
           })"""
    )
    nav, content, toc = boxes
    assert nav and toc, "the section's pages and the 目录 are on the screen"
    assert nav["right"] <= content["left"] and content["right"] <= toc["left"], "three columns"
    assert content["right"] - content["left"] >= 600


def _printed(page) -> list[tuple]:
    import io

    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as pdf:
        return [
            (number, c["text"], round(c["size"], 2), round(c["x0"], 1), round(c["top"], 1), c["fontname"])
            for number, printed in enumerate(pdf.pages)
            for c in printed.chars
        ]


def test_paper_is_the_same_in_both_modes(browser, reader_url: str):
    pages = {}
    for mode in ("普通模式", "长者模式"):
        context = browser.new_context(viewport=DESKTOP)
        if mode == "长者模式":
            remember_elder_mode(context)
        page = context.new_page()
        page.goto(reader_url + "measures/m1/", wait_until="load")
        assert elder_mode_on(page) == (mode == "长者模式")
        pages[mode] = (page, context)
    normal, elder = (_printed(page) for page, _ in pages.values())
    assert normal and normal == elder, "every character printed in the same place, size and font"
    sizes = [
        page.evaluate("getComputedStyle(document.querySelector('article p')).fontSize") for page, _ in pages.values()
    ]
    assert sizes[0] != sizes[1], "while the screens differ"
    for _, context in pages.values():
        context.close()
