"""The ledger's 整改进展 in Chromium: the chart shows on screen beside its table, only the table prints, and axe-core
finds no WCAG A/AA violation on the page with its chart, in normal mode and in 长者模式."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import command_project, mkdocs_build
from support.a11y import DESKTOP, WCAG_AA, axe_source, remember_elder_mode
from support.browser import served

_RUN_AXE = "options => axe.run(document, options).then(r => r.violations.map(v => v.id + ' ' + v.nodes.length))"


def _commit(project: Path, day: str) -> None:
    when = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = ["git", "-C", str(project), "-c", "user.name=示例", "-c", "user.email=shili@example.invalid"]
    subprocess.run(git + ["add", "-A"], check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", day], check=True, env=env)


def _new(project: Path, today: str, *argv: str) -> None:
    env = {**os.environ, "STUDYSITE_TODAY": today}
    subprocess.run([sys.executable, "scripts/new.py", *argv], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def ledger_url(tmp_path_factory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("progress-browser")
    project = command_project(work / "project")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "2025-01-10")
    _new(
        project,
        "2025-02-10",
        "item",
        "--measure",
        "M2",
        "--task",
        "示例任务甲",
        "--owner",
        "办公室",
        "--due",
        "2025-03-31",
    )
    _commit(project, "2025-02-10")
    _new(project, "2025-03-10", "status", "M2-7", "--status", "正在整改")
    _commit(project, "2025-03-10")
    site = work / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-03-20"})
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url + "measures/ledger/"


@pytest.mark.parametrize("elder", [False, True], ids=["普通模式", "长者模式"])
def test_the_ledger_with_its_chart_has_no_accessibility_violations(browser, ledger_url: str, elder: bool):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(path=str(axe_source()))
    if elder:
        remember_elder_mode(context)
    page = context.new_page()
    page.goto(ledger_url, wait_until="load")
    assert page.locator("svg.progress-chart g.month rect.doing").count() == 1  # March: the one item in progress
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    found = page.evaluate(_RUN_AXE, options)
    context.close()
    assert found == []


def test_the_chart_shows_on_screen_and_only_its_table_prints(browser, ledger_url: str):
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(ledger_url, wait_until="load")
    chart, table = page.locator("figure.progress-figure svg"), page.locator(".progress-table table")
    assert chart.is_visible() and table.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 100
    assert page.get_attribute("svg.progress-chart", "role") == "img"
    page.emulate_media(media="print")
    assert not chart.is_visible() and table.is_visible()
    assert errors == []
    page.close()
