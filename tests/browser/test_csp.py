"""Every page carries a Content-Security-Policy: an injected script is refused, the site's own features work."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.render.csp import POLICY, script_hashes
from support import copy_project, mkdocs_build, soup
from support.browser import CHROMIUM, search_in_header, served

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
)

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("csp")
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_PDF": "1"})
    assert result.returncode == 0, result.stderr
    page = (site / "report/index.html").read_text(encoding="utf-8")
    injected = site / "report/injected"
    injected.mkdir()
    (injected / "index.html").write_text(
        page.replace("</body>", "<script>window.__injected = 1;</script></body>"), encoding="utf-8"
    )
    return site


def test_every_page_has_the_one_policy_first_in_head_and_runs_no_inline_script(csp_site: Path):
    pages = [path for path in csp_site.rglob("*.html") if "injected" not in path.parts]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        meta = soup(path).select_one("head").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
        assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
        assert policy["script-src"] == "'self'", "no hash, no 'unsafe-inline': the same policy as the server's"
        assert meta["content"] == POLICY and script_hashes(html) == [], path  # the theme's scripts are files
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), "the policy comes first"


@pytest.fixture(scope="module")
def site_url(csp_site: Path):
    with served(csp_site.parent) as root:
        yield f"{root}{csp_site.name}/"


def test_an_injected_inline_script_is_refused(browser, site_url: str):
    page = browser.new_page()
    page.add_init_script(VIOLATIONS)
    page.goto(site_url + "report/injected/", wait_until="networkidle")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__violations") == ["script-src-elem"]
    assert page.locator("article h1").inner_text().startswith("局党委专题民主生活会召开情况汇报")
    page.close()


def test_search_filter_and_print_work_under_the_policy(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(VIOLATIONS)
    page.goto(site_url, wait_until="networkidle")
    search_in_header(page, "整改")
    assert page.locator(".md-search-result__item").count() > 0
    page.goto(site_url + "measures/ledger/", wait_until="networkidle")
    page.locator(".ledger-filters select").nth(0).select_option("长期坚持")
    assert page.locator(".ledger-count").inner_text().startswith("显示 ")
    page.goto(site_url + "packs/report/", wait_until="networkidle")
    page.evaluate("window.print = () => { window.__printed = true; }")
    with page.expect_response(lambda response: response.url.endswith("packs/report.pdf")) as response:
        page.locator("a.pack-print").click()
    assert response.value.status == 200
    page.wait_for_selector("iframe[src$='report.pdf']", state="attached")
    assert page.evaluate("window.__violations") == []
    page.close()
