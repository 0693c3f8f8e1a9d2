"""Debian's Chromium driven by Playwright's Python API (never `playwright install`), and a site served on
127.0.0.1 as the intranet web server serves it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from support import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
# The search engine's scripts under assets/search/, in the order header.js loads them (the words, the index's
# files, the ranking): for a test that serves the engine without the site's pages.
ENGINE_SCRIPTS = ("words.js", "indexfiles.js", "engine.js")
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page mid-download closes its connection: not an error of the site, and its
    traceback would bury the test report."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1 (a free port), as the intranet web server serves it."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def checked_page(browser, width: int = 1280, height: int = 900) -> Iterator:
    """A new page that fails its test when a script on it raised an error."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, errors


def pages_holding(corpus: dict, query: str) -> set[str]:
    """The pages holding every word of the query as written, by a scan of the built HTML (not the index)."""
    from search_corpus import contains

    return {url for url, text in corpus["texts"].items() if contains(text, query)}


def search_in_header(page, query: str, attempts: int = 20) -> None:
    """Click into the header search box and type a query, as a reader does, until the results list shows."""
    page.locator("input.md-search__input").click()
    type_until_results(page, query, attempts)


def type_until_results(page, query: str, attempts: int = 20) -> None:
    """Type a query into the focused search box until the results list shows.

    A query typed before Material's worker has built the index shows nothing, so it is typed again (as a
    reader would) until results appear or the attempts run out.
    """
    for _ in range(attempts):
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        # Han characters arrive as committed text, as from an input method; Material reacts to the key
        # events around it, so the commit is followed by a key press like the one that ends an IME word.
        page.keyboard.type(query)
        page.keyboard.press("End")
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=1000)
        except PlaywrightTimeoutError:
            continue
        # The list shows once the best result's text is in; the rest of the first ten say 正在载入…… until
        # theirs arrive (rows past the tenth are described when the list is scrolled to them).
        page.wait_for_function(
            "() => ![...document.querySelectorAll('.md-search-result__item')].slice(0, 10)"
            ".some(item => item.textContent.includes('正在载入'))",
            timeout=30000,
        )
        return
    raise AssertionError(f"搜索“{query}”没有结果：{page.locator('.md-search-result__meta').inner_text()}")


def filter_ledger_by_status(page) -> tuple[int, int]:
    """Choose 长期坚持 in the ledger's status filter; the rows then shown and the rows in all, checked."""
    rows = page.locator(".ledger tbody tr")
    total = rows.count()
    assert page.locator(".ledger-count").inner_text() == f"显示 {total} / {total} 项"
    page.locator(".ledger-filters select").nth(0).select_option("长期坚持")
    visible = [row for row in rows.all() if row.is_visible()]
    assert 0 < len(visible) < total
    assert all(row.get_attribute("data-status") == "长期坚持" for row in visible)
    assert page.locator(".ledger-count").inner_text() == f"显示 {len(visible)} / {total} 项"
    return len(visible), total
