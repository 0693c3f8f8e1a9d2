"""The offline edition unpacked and opened from the file system in Debian's Chromium, as a reader with a USB
stick opens it: every nav and index link, the ledger filter, PDFs and Office files, and no request that
leaves the machine (the request log is written to test-artifacts/offline-requests.txt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, filter_ledger_by_status, search_in_header
from support.offline import PUBLIC_NOTICE, make_project, make_zip, unpack

# What a page opened from a folder may request: its own files, inline data, and Chromium's own PDF viewer
# (an extension inside the browser). Anything else (http, https, ws, ftp …) would leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "chrome", "chrome-extension"}
REQUEST_LOG = ARTIFACTS / "offline-requests.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("offline-browser")
    archive = make_zip(make_project(work / "project"), work / "dist")
    return unpack(archive, work / "unpacked")


@pytest.fixture(scope="module")
def requests() -> Iterator[list[str]]:
    """Every request of every page of this module, written out at the end as the proof."""
    log: list[str] = []
    yield log
    ARTIFACTS.mkdir(exist_ok=True)
    REQUEST_LOG.write_text("\n".join(log) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def context(requests: list[str]):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        context.on("request", lambda request: requests.append(request.url))
        yield context
        browser.close()


def outside(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES]


def local_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def test_nav_and_index_links_open_their_pages(context, folder: Path, requests: list[str]):
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    assert "离线版" in page.locator(".md-banner").inner_text()
    page.locator(".md-tabs a", has_text="学习资料汇编").click()
    page.locator("nav.md-nav--primary a:visible", has_text="讲话").first.click()
    assert page.url.endswith("/speeches/index.html")
    page.locator("article a", has_text="在示例局理论学习中心组学习会上的讲话").click()
    assert page.url.endswith("/speeches/2025-03-12-shili-jiaqiang-xuexi.html")
    assert page.locator("article h1").inner_text().rstrip("¶") == "在示例局理论学习中心组学习会上的讲话"

    # Every link of the header (我的学习), the nav, the tabs and the text of every page reached, followed until no
    # new page appears.
    seen, queue = set(), [(folder / "index.html").as_uri()]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        assert page.locator("article h1").count() == 1, url
        hrefs = page.eval_on_selector_all(
            ".md-header a[href], .md-tabs a[href], nav.md-nav a[href], article a[href]",
            "links => links.map(a => a.href)",
        )
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme != "file" or not parts.path.endswith(".html"):
                assert parts.scheme == "file" and Path(unquote(parts.path)).is_file(), f"{url} → {href}"
                continue
            target = local_path(href)
            assert target.is_file(), f"{url} → {href}"
            queue.append(target.as_uri())
    pages = {local_path(url).relative_to(folder).as_posix() for url in seen}
    assert {"measures/ledger.html", "notices/by-issuer.html", PUBLIC_NOTICE.replace(".md", ".html")} <= pages
    assert pages == {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}, "every page is reached"
    assert outside(requests) == []
    page.close()


def test_the_ledger_filter_works_from_a_folder(context, folder: Path, requests: list[str]):
    page = context.new_page()
    page.goto((folder / "measures/ledger.html").as_uri())
    filter_ledger_by_status(page)
    assert outside(requests) == []
    page.close()


def test_pdfs_and_office_files_open_from_a_folder(context, folder: Path, requests: list[str]):
    page = context.new_page()
    page.goto((folder / "packs/report.html").as_uri())
    page.locator("article a[href$='.pdf']").first.click()
    page.wait_for_url("**/packs/report.pdf")
    assert local_path(page.url).read_bytes().startswith(b"%PDF-")
    page.goto((folder / PUBLIC_NOTICE.replace(".md", ".html")).as_uri())
    for kind in ("xlsx", "docx"):
        with page.expect_download() as download:
            page.locator(f"article a[href$='.{kind}']").click()
        saved = Path(download.value.path()).read_bytes()
        assert saved == local_path(download.value.url).read_bytes() and saved.startswith(b"PK"), download.value.url
    assert outside(requests) == []
    page.close()


def test_search_finds_zhenggai_from_a_folder(context, folder: Path, requests: list[str]):
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    search_in_header(page, "整改", attempts=5)
    titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    assert "整改台账" in titles, titles
    assert outside(requests) == []
    page.close()
