"""A public page of the offline zip loads everything it needs in Chromium, and search finds its attachments."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.offline import (
    make_zip,
    unpack,
)
from support.offline_variants import PUBLIC_ATTACHMENTS, variant_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return variant_project(tmp_path_factory.mktemp("variants") / "project")


@pytest.fixture(scope="module")
def public_folder(project: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("public")
    return unpack(make_zip(project, work / "dist"), work / "unpacked")


def test_a_public_page_of_the_zip_loads_everything_in_chromium_and_search_finds_it(public_folder: Path):
    from playwright.sync_api import sync_playwright

    from support.browser import CHROMIUM, CHROMIUM_ARGS, search_in_header

    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto((public_folder / PUBLIC_ATTACHMENTS.replace(".md", ".html")).as_uri())
        page.wait_for_load_state("load")
        assert page.eval_on_selector("article img", "img => img.complete && img.naturalWidth") == 1
        # The theme's styles are there (nothing of the site's own was left out with the attachments).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        search_in_header(page, "公开附表", attempts=5)
        titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
        assert "关于示例局公开附件的通知" in titles, titles
        assert not any("内部" in title for title in titles), titles
        browser.close()
    assert failed == []
