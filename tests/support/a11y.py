"""What the accessibility tests share: a site with every kind of page, served; Chromium; axe-core; 长者模式."""

from __future__ import annotations

import json
from pathlib import Path

from support import REPO, mkdocs_build, with_entries
from support.corpus import GOOD

# axe-core from npm (package.json, package-lock.json; `make test` runs `npm ci`), never from a CDN.
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
# The WCAG 2.0 and 2.1 rules at levels A and AA; 长者模式 adds the AAA contrast rule (7:1).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ENHANCED_CONTRAST = "color-contrast-enhanced"
ELDER_KEY = "studysite.elder"  # assets/elder.js
ELDER_CLASS = "elder-mode"
DESKTOP = {"width": 1280, "height": 900}


def axe_source() -> Path:
    assert AXE.exists(), f"axe-core 未安装：{AXE}（make test 会用 npm ci 安装 package-lock.json 固定的版本）"
    return AXE


def build_reader_site(tmp_path: Path) -> Path:
    """The repo's site with fictional entries of every kind and the packs' PDFs: every kind of page there is."""
    project = with_entries(tmp_path, GOOD)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_PDF": "1"})
    assert result.returncode == 0, result.stderr
    return site


def remember_elder_mode(context) -> None:
    """Every page of the context opens as after a press on 长者模式 on an earlier visit."""
    context.add_init_script(f"window.localStorage.setItem({json.dumps(ELDER_KEY)}, 'on');")


def elder_mode_on(page) -> bool:
    return page.evaluate(f"document.documentElement.classList.contains({json.dumps(ELDER_CLASS)})")


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll an expression from outside the page: `wait_for_function` evaluates a string with eval, which the
    site's Content-Security-Policy forbids (no 'unsafe-eval')."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时：{expression}")
        page.wait_for_timeout(100)
