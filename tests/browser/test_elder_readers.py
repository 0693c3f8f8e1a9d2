"""Issue 26, items 2, 9, 14 and 15 in Chromium: 长者模式 keeps its 目录 and the section's pages within reach at
every width; a table wider than the screen says so and every cell can be scrolled to; the ledger's department
filter shows whole names; 回到页面顶部 covers no row of a table; heading anchors take no Tab stop; a numbered link's
number sits on its first line; the index cards on a phone and the printed 内部 line work without :has().

One strict build of the repo's site with the fictional entries (示例局) and the fixture measure M9; the offline
editions (内部 and public) for the printed line.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from support import FIXTURES, REPO, copy_project, mkdocs_build
from support.a11y import remember_elder_mode
from support.browser import served
from support.corpus import GOOD

PHONE = {"width": 390, "height": 844}
SIZES = {
    "1280×800": {"width": 1280, "height": 800},
    "1024×768": {"width": 1024, "height": 768},
    "390×844": PHONE,
}
MODES = {"长者模式": True, "普通模式": False}
# Pages with tables a phone cannot show whole: the packs (下载), the compilation (文号, 报告原文), the ledger's
# progress, the mapping, the overview of the measures, the quizzes, 我的学习, the home page.
TABLE_PAGES = ("packs/", "compilation/", "measures/ledger/", "measures/mapping/", "measures/", "quizzes/", "study/", "")


def _project(folder: Path) -> Path:
    project = copy_project(folder / "project")
    for kind in ("speeches", "notices"):
        for path in (GOOD / kind).glob("*.md"):
            shutil.copy2(path, project / "docs" / kind / path.name)
    shutil.copy2(FIXTURES / "measures/m9.md", project / "docs/measures/m9.md")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("elder-readers"))


@pytest.fixture(scope="module")
def site_url(project: Path):
    site = project.parent / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 0, result.stderr[-3000:]
    with served(site) as url:
        yield url


def _open(browser, url: str, viewport: dict, elder: bool):
    context = browser.new_context(viewport=viewport)
    if elder:
        remember_elder_mode(context)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('elder-mode')") is elder
    return page


# Whether the element can be seen and tapped where it is now: inside the window and on top at its centre.
_IN_REACH = """element => {
  const box = element.getBoundingClientRect();
  if (!box.width || !box.height || getComputedStyle(element).visibility !== 'visible') return false;
  if (box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) return false;
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}"""


def _reach(page, link) -> list[str]:
    """Bring a link within reach as a reader would: it is on the screen, or behind the menu button, or behind the
    drawer's 目录. The taps it took; fails when the link cannot be reached."""
    taps: list[str] = []
    steps = [
        ("菜单按钮", "label.md-header__button[for='__drawer']"),
        ("抽屉中的目录", ".md-nav--primary label.md-nav__link[for='__toc']"),
    ]
    for name, selector in [(None, None), *steps]:
        if selector:
            control = page.locator(selector)
            shown = [c for c in control.all() if c.evaluate(_IN_REACH)]
            if not shown:
                continue
            shown[0].click()
            page.wait_for_timeout(400)  # the drawer slides in in 250 ms
            taps.append(name)
        reached = [candidate for candidate in link.all() if candidate.evaluate(_IN_REACH)]
        if reached:
            size = reached[0].evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
            assert size >= 20, f"{page.url}: the link is {size} px after {taps}, not 长者模式's 20 px at least"
            return taps
    raise AssertionError(f"{page.url}: not within reach after {taps or 'no tap'}: {link}")


@pytest.mark.parametrize("size", SIZES)
def test_elder_mode_keeps_the_pages_contents_within_reach(browser, site_url: str, size: str):
    page = _open(browser, site_url + "report/", SIZES[size], elder=True)
    entry = page.locator(".md-sidebar a.md-nav__link", has_text="三、党委常委分析检查情况")
    taps = _reach(page, entry)
    if size != "390×844":
        assert not taps, f"{size}: the 目录 is on the screen beside the text"
    next(candidate for candidate in entry.all() if candidate.evaluate(_IN_REACH)).click()
    page.wait_for_timeout(600)
    heading = page.locator("article h2", has_text="三、党委常委分析检查情况")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < SIZES[size]["height"] / 3, f"{size}: part 三 is not at the top of the screen ({top})"
    assert heading.evaluate(_IN_REACH), f"{size}: part 三 is behind something"
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_elder_mode_keeps_the_sections_pages_within_reach(browser, site_url: str, size: str):
    page = _open(browser, site_url + "measures/m1/", SIZES[size], elder=True)
    sibling = page.locator(".md-nav--primary a.md-nav__link", has_text="M2 坚持公道正派选人用人")
    taps = _reach(page, sibling)
    if size == "1280×800":
        assert not taps, "the section's pages are on the screen beside the text, not under it"
    next(candidate for candidate in sibling.all() if candidate.evaluate(_IN_REACH)).click()
    page.wait_for_url("**/measures/m2/")
    page.context.close()


# Every table of the article a reader can see: the element that scrolls it (if any), its hint, its cells.
_TABLES = """() => [...document.querySelectorAll('article table')].filter(t => t.getClientRects().length
    && getComputedStyle(t).display !== 'none').map(table => {
  const wrap = table.closest('.md-typeset__scrollwrap');
  const scroller = [wrap, table].find(e => e && e.scrollWidth > e.clientWidth + 1) || null;
  const outer = wrap || table;
  const hint = outer.previousElementSibling;
  const style = scroller && getComputedStyle(scroller);
  return {
    text: table.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30),
    right: table.getBoundingClientRect().right,
    scrolls: scroller !== null,
    hint: hint && hint.classList.contains('table-scroll-hint') && !hint.hidden && hint.getClientRects().length
      ? {text: hint.textContent, bottom: hint.getBoundingClientRect().bottom, top: outer.getBoundingClientRect().top}
      : null,
    shadow: style ? {image: style.backgroundImage, attachment: style.backgroundAttachment} : null,
    focusable: scroller ? scroller.tabIndex === 0 : null,
  };
})"""

# After each cell is scrolled into view inside its table: the cells whose start or end still lies outside the
# window (or whose middle never shows, for a cell wider than the window).
_UNREACHED = """() => {
  const out = [];
  for (const table of document.querySelectorAll('article table')) {
    if (!table.getClientRects().length || getComputedStyle(table).display === 'none') continue;
    for (const cell of table.querySelectorAll('th, td')) {
      if (!cell.getClientRects().length) continue;
      // A cell wider than the screen is read in two looks: its start, then its end.
      cell.scrollIntoView({block: 'center', inline: 'start'});
      const start = cell.getBoundingClientRect();
      cell.scrollIntoView({block: 'center', inline: 'end'});
      const end = cell.getBoundingClientRect();
      if (start.left < -1 || end.right > innerWidth + 1 || (start.width > innerWidth && Math.min(start.right, innerWidth) < Math.max(end.left, 0) - 1)
          || scrollX !== 0) out.push(cell.textContent.trim().slice(0, 20));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_a_table_on_a_phone_fits_or_says_it_scrolls_and_every_cell_can_be_reached(
    browser, site_url: str, path: str, mode: str
):
    page = _open(browser, site_url + path, PHONE, MODES[mode])
    tables = page.evaluate(_TABLES)
    assert tables, path
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{path}: the page scrolls sideways"
    for table in tables:
        if not table["scrolls"]:
            assert table["right"] <= PHONE["width"] + 1, f"{path}: cut off, with no scrolling: {table}"
            assert table["hint"] is None, f"{path}: a table that fits says it scrolls: {table}"
            continue
        assert table["hint"] and table["hint"]["text"] == "左右滑动查看", f"{path}: no hint above {table}"
        assert table["hint"]["bottom"] <= table["hint"]["top"] + 1, table
        shadow = table["shadow"]
        assert shadow["image"].count("gradient") == 4, f"{path}: no edge shadows on {table}"
        assert "local" in shadow["attachment"] and "scroll" in shadow["attachment"], shadow
        assert table["focusable"], f"{path}: a keyboard cannot scroll {table}"
    assert page.evaluate(_UNREACHED) == [], path
    page.context.close()


def test_the_packs_and_the_compilation_tables_scroll_on_a_phone_in_elder_mode(browser, site_url: str):
    """The tables of the report (not fitting at 22 px): the test above must have something to check on them."""
    for path in ("packs/", "compilation/"):
        page = _open(browser, site_url + path, PHONE, elder=True)
        assert any(table["scrolls"] for table in page.evaluate(_TABLES)), path
        page.context.close()


def test_the_hint_follows_the_elder_switch(browser, site_url: str):
    page = _open(browser, site_url + "compilation/", {"width": 800, "height": 900}, elder=False)
    assert not any(table["scrolls"] for table in page.evaluate(_TABLES)), "at 800 px the table fits"
    assert page.locator(".table-scroll-hint:visible").count() == 0
    page.locator("[data-elder-toggle]").click()
    page.wait_for_timeout(300)
    scrolling = [table for table in page.evaluate(_TABLES) if table["scrolls"]]
    assert all(table["hint"] for table in scrolling), scrolling
    page.context.close()


_FONT = (
    "s => { const c = getComputedStyle(s); return [c.fontStyle, c.fontWeight, c.fontSize, c.fontFamily].join(' '); }"
)


@pytest.mark.parametrize("mode", MODES)
def test_the_ledgers_department_filter_shows_whole_names_on_a_phone(browser, site_url: str, mode: str):
    page = _open(browser, site_url + "measures/ledger/", PHONE, MODES[mode])
    select = page.get_by_role("combobox", name="责任部门")
    names = select.evaluate("s => [...s.options].map(o => o.text)")
    assert "局党委书记、副书记" in names
    font = select.evaluate(_FONT)
    widths = page.evaluate(
        "([names, font]) => { const c = document.createElement('canvas').getContext('2d'); c.font = font;"
        " return names.map(n => c.measureText(n).width); }",
        [names, font],
    )
    box = select.bounding_box()
    padding = select.evaluate(
        "s => parseFloat(getComputedStyle(s).paddingLeft) + parseFloat(getComputedStyle(s).paddingRight)"
    )
    arrow = 12  # Chromium's drop-down arrow, at least
    assert box["width"] >= max(widths) + padding + arrow, (box, widths)
    assert box["x"] + box["width"] <= PHONE["width"], "the box fits on the screen"
    page.context.close()


# The back-to-top button, once shown, against every cell of the article's tables and the header's controls.
_COVERED = """() => {
  const top = document.querySelector('.md-top');
  const box = top.getBoundingClientRect();
  const meets = other => { const o = other.getBoundingClientRect();
    return o.width && o.height && o.left < box.right && box.left < o.right && o.top < box.bottom && box.top < o.bottom; };
  // Covered: a spot the button and the other share where, without the button, the other would be seen (not a
  // cell scrolled under the header, say).
  const under = other => { const o = other.getBoundingClientRect();
    for (let x = Math.max(o.left, box.left) + 1; x < Math.min(o.right, box.right); x += 4)
      for (let y = Math.max(o.top, box.top) + 1; y < Math.min(o.bottom, box.bottom); y += 4) {
        const below = document.elementsFromPoint(x, y).find(e => e !== top && !top.contains(e));
        if (below && (below === other || other.contains(below))) return true;
      }
    return false; };
  const cells = [...document.querySelectorAll('article td, article th')].filter(c => c.getClientRects().length);
  const controls = [...document.querySelectorAll('.md-header__button, .md-search__form, .md-tabs__link')]
    .filter(c => c.getClientRects().length && getComputedStyle(c).visibility === 'visible');
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {shown: !top.hidden && parseFloat(getComputedStyle(top).opacity) === 1, onTop: hit === top || top.contains(hit),
          cells: cells.filter(meets).filter(under).map(c => c.textContent.trim().slice(0, 20)),
          controls: controls.filter(meets).filter(under).map(c => c.className), name: top.textContent.trim(),
          width: box.width, height: box.height, visible: box.top >= 0 && box.bottom <= innerHeight};
}"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", SIZES)
def test_back_to_top_covers_no_table_row_and_no_control(browser, site_url: str, size: str, mode: str):
    viewport = SIZES[size]
    page = _open(browser, site_url + "measures/ledger/", viewport, MODES[mode])
    rows = page.locator("article .ledger tbody tr")
    assert rows.count() > 20
    page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
    for row in (20, 12, 6):  # deep in the table, then back up through it
        page.evaluate(
            f"window.scrollTo(0, document.querySelectorAll('article .ledger tbody tr')[{row}].offsetTop"
            " + document.querySelector('article .ledger table').getBoundingClientRect().top + scrollY)"
        )
        page.wait_for_timeout(200)
        for _ in range(3):  # scrolling up shows the button
            page.mouse.wheel(0, -120)
            page.wait_for_timeout(120)
        page.wait_for_timeout(400)
        covered = page.evaluate(_COVERED)
        assert covered["shown"] and covered["visible"] and covered["onTop"], (size, row, covered)
        assert covered["cells"] == [], f"{size}: 回到页面顶部 covers table cells {covered['cells']}"
        assert covered["controls"] == [], f"{size}: 回到页面顶部 covers {covered['controls']}"
        assert covered["name"] == "回到页面顶部"
        if MODES[mode]:
            assert covered["width"] >= 44 - 0.01 and covered["height"] >= 44 - 0.01, covered
    page.locator(".md-top").click()
    page.wait_for_timeout(1000)
    assert page.evaluate("scrollY") == 0
    page.context.close()


def test_heading_anchors_take_no_tab_stop_on_the_ledger(browser, site_url: str):
    page = _open(browser, site_url + "measures/ledger/", SIZES["1280×800"], elder=False)
    anchors = page.locator("article a.headerlink")
    assert anchors.count() >= 4
    assert {a.get_attribute("title") for a in anchors.all()} == {"本节的链接"}
    stops = []
    for _ in range(600):
        page.keyboard.press("Tab")
        focus = page.evaluate("(() => { const e = document.activeElement; return [e.tagName, e.className]; })()")
        if focus[0] == "BODY":
            break
        stops.append(focus)
    else:
        raise AssertionError("the focus never left the page")
    assert len(stops) > 20, stops
    assert not [stop for stop in stops if "headerlink" in stop[1]], "a ¶ took a Tab stop"
    # Still a link to its heading for a mouse (and for a screen reader's list of links).
    first = anchors.first
    first.hover()
    first.click()
    assert page.evaluate("decodeURIComponent(location.hash)") == "#" + first.evaluate("a => a.parentElement.id")
    page.context.close()


def _ink_rows(png: bytes) -> list[int]:
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [y for y in range(height) if any(pixels[x, y] < 128 for x in range(width))]


def test_a_long_numbered_link_has_its_number_on_its_first_line_in_elder_mode(browser, site_url: str):
    """A pack's 收录页面 on a phone, where 22 px text puts a title on two lines."""
    page = _open(browser, site_url + "packs/report/", PHONE, elder=True)
    items = page.evaluate(
        """() => [...document.querySelectorAll('article ol > li')].map((li, index) => {
             const link = li.querySelector(':scope > a');
             const range = document.createRange();
             range.setStart(link.firstChild, 0);
             range.setEnd(link.firstChild, 1);
             const first = range.getBoundingClientRect();
             const box = li.getBoundingClientRect();
             return {index, lines: Math.round(link.getClientRects()[0].height / first.height),
                     left: box.left + scrollX, top: box.top + scrollY, height: box.height,
                     firstTop: first.top + scrollY, firstBottom: first.bottom + scrollY};
           })"""
    )
    long = [item for item in items if item["lines"] >= 2]
    assert len(items) >= 10 and long, items
    for item in long:
        clip = {"x": max(item["left"] - 40, 0), "y": item["top"], "width": 36, "height": item["height"]}
        rows = _ink_rows(page.screenshot(full_page=True, clip=clip))
        assert rows, f"no number drawn left of item {item['index'] + 1}"
        middle = item["top"] + (rows[0] + rows[-1]) / 2
        assert item["firstTop"] <= middle <= item["firstBottom"], (
            f"item {item['index'] + 1}: its number at {middle:.0f}, its first line {item['firstTop']:.0f}–"
            f"{item['firstBottom']:.0f}"
        )
    page.context.close()


# What an engine without :has() does with the site's stylesheets: it drops every rule whose selector holds it.
_WITHOUT_HAS = """() => {
  let dropped = 0;
  const prune = list => {
    for (let i = list.cssRules.length - 1; i >= 0; i--) {
      const rule = list.cssRules[i];
      if (rule.cssRules && !rule.selectorText) prune(rule);
      else if (rule.selectorText && rule.selectorText.includes(':has(')) { list.deleteRule(i); dropped++; }
    }
  };
  for (const sheet of document.styleSheets) prune(sheet);
  return dropped;
}"""


def test_the_sites_own_stylesheets_do_not_use_has():
    """:has() needs Chromium 105+ (2022); office machines may run older engines."""
    sheets = sorted((REPO / "docs/assets").rglob("*.css"))
    assert len(sheets) >= 5
    rules = {
        sheet.name: re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL) for sheet in sheets
    }
    assert [name for name, text in rules.items() if ":has(" in text] == []


@pytest.mark.parametrize("path", ("speeches/", "notices/", "compilation/contents/"))
def test_an_index_row_on_a_phone_is_a_card_headed_by_its_title_without_has(browser, site_url: str, path: str):
    page = _open(browser, site_url + path, PHONE, elder=False)
    page.evaluate(_WITHOUT_HAS)
    rows = page.evaluate(
        """() => [...document.querySelectorAll('article .index-table tbody tr')].map(tr => {
             const cells = [...tr.cells].map(td => ({link: !!td.querySelector('a'), top: td.getBoundingClientRect().top,
                                                     width: td.getBoundingClientRect().width}));
             return {row: tr.getBoundingClientRect().width, cells};
           })"""
    )
    assert rows, path
    for row in rows:
        (title,) = [cell for cell in row["cells"] if cell["link"]]
        others = [cell for cell in row["cells"] if not cell["link"]]
        assert all(title["top"] < cell["top"] for cell in others), f"{path}: the title does not head its card"
        assert title["width"] >= row["row"] * 0.8, f"{path}: the title does not have the card's width"
    page.context.close()


def _offline_edition(project: Path, folder: Path, internal: bool) -> Path:
    site = folder / ("internal" if internal else "public")
    env = {
        "STUDYSITE_OFFLINE": "1",
        "STUDYSITE_INTERNAL": "1" if internal else "0",
        "STUDYSITE_EDITION_DATE": "2025-03-12",
    }
    result = mkdocs_build(project, site, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_a_page_of_an_internal_edition_prints_its_line_without_has(browser, project: Path, tmp_path: Path):
    printed = {}
    for internal in (True, False):
        site = _offline_edition(project, tmp_path, internal)
        page = browser.new_page()
        with served(site) as url:  # over http: a page from file:// may not read its stylesheets' rules
            page.goto(url + "report/index.html", wait_until="load")
            page.evaluate(_WITHOUT_HAS)
            page.emulate_media(media="print")
            with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as pdf:
                # NFKC: the PDF's text layer names some Han characters by their radicals' code points (⽉ for 月)
                printed[internal] = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in pdf.pages]
        page.close()
    internal, public = printed[True], printed[False]
    assert len(internal) >= 2
    line = unicodedata.normalize("NFKC", "内部资料 注意保存 离线版，资料截至 2025年3月12日。")
    assert internal[0].startswith(line), internal[0][:80]
    assert not any("离线版" in text for text in public), "the public edition prints no line"
