"""The built site in Debian's Chromium, driven by Playwright's Python API (never `playwright install`)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
# Flags that keep a root, headless Chromium from reaching for Google's services on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 under a sub-path, as the intranet server may place it."""
    root = built_site.parent / "webroot"
    root.mkdir(exist_ok=True)
    (root / "xuexi").mkdir(exist_ok=True)
    served = root / "xuexi" / "site"
    if not served.exists():
        served.symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xuexi/site/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def search_in_header(page, query: str, attempts: int = 20) -> None:
    """Type a query into the header search box as a reader does, until the results list shows.

    A query typed before Material's worker has built the index shows nothing, so it is typed again (as a
    reader would) until results appear or the attempts run out.
    """
    box = page.locator("input.md-search__input")
    box.click()
    for _ in range(attempts):
        box.fill("")
        # Han characters arrive as committed text, as from an input method; Material reacts to the key
        # events around it, so the commit is followed by a key press like the one that ends an IME word.
        page.keyboard.type(query)
        page.keyboard.press("End")
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=1000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"搜索“{query}”没有结果：{page.locator('.md-search-result__meta').inner_text()}")


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
    rows = page.locator(".ledger tbody tr")
    total = rows.count()
    assert page.locator(".ledger-count").inner_text() == f"显示 {total} / {total} 项"
    page.locator(".ledger-filters select").nth(0).select_option("长期坚持")
    visible = [row for row in rows.all() if row.is_visible()]
    assert 0 < len(visible) < total
    assert all(row.locator("td").nth(7).inner_text() == "长期坚持" for row in visible)
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
