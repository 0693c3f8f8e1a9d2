"""axe-core on every kind of page, in normal mode and in 长者模式: no violation of the WCAG 2.0 and 2.1 A and AA
rules, and in 长者模式 no text below 7:1 either. axe-core is the npm package `make test` installs (package.json),
injected from that local copy.

A new kind of page gets a line in PAGE_KINDS: its name, its path, and what a reader does there first, if anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.a11y import (
    AXE_VERSION,
    DESKTOP,
    ENHANCED_CONTRAST,
    WCAG_AA,
    axe_source,
    elder_mode_on,
    remember_elder_mode,
)
from support.browser import search_in_header


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str  # below the site's root
    then: Callable | None = None  # what a reader does on the page before it is checked (gets the Playwright page)


# Until nothing moves: a click can start a transition frames later (a button's colour, Material hiding its tabs
# when the page scrolls to the result), and axe measuring half-way reads half a colour.
_SETTLED = """async () => {
  for (let round = 0; round < 20; round++) {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const running = document.getAnimations().filter(animation => animation.playState === "running");
    if (!running.length) return;
    await Promise.all(running.map(animation => animation.finished.catch(() => null)));
  }
}"""


def settled(page) -> None:
    page.evaluate(_SETTLED)


def quiz_submitted(page) -> None:
    """The self-test answered with the first option of every choice and a blank left, then submitted: marks,
    answers, sources and 解析 all shown."""
    page.locator("[data-quiz-question] input[value='0']").evaluate_all("boxes => boxes.forEach(b => b.click())")
    page.locator("[data-quiz-submit]").click()
    page.locator("[data-quiz-retry]").wait_for()
    settled(page)


def search_results(page) -> None:
    search_in_header(page, "整改")
    settled(page)  # Material fades the results panel in


def find_ready(page) -> None:
    """The 检索 page with its results, filters and counts drawn."""
    page.locator("[data-study-find][data-state=ready]").wait_for()
    settled(page)


def studied(page) -> None:
    """Marked 已学 (the control pressed, its date shown)."""
    if page.locator("article [data-study-toggle]").get_attribute("aria-pressed") != "true":
        page.locator("article [data-study-toggle]").click()
    page.locator("article [data-study-date]").filter(has_text="标记为已学").wait_for()
    settled(page)


def with_record(page) -> None:
    """我的学习 with something in every list: pages marked, a self-test scored, a page to continue with."""
    page.goto(page.url.rsplit("study/", 1)[0] + "measures/m1/")  # opened: 继续学习 names it
    page.evaluate("() => window.studyRecord.markStudied('report/index.md', '局党委专题民主生活会召开情况汇报')")
    page.evaluate("() => window.studyRecord.markStudied('measures/m1.md', 'M1 坚决听从党中央和习近平总书记指挥')")
    page.evaluate("() => window.studyRecord.recordQuiz('quizzes/report.md', '示例自测', 8, 10)")
    page.goto(page.url.rsplit("measures/", 1)[0] + "study/", wait_until="load")
    assert page.locator("[data-study-pages] li").count() == 2
    settled(page)


PAGE_KINDS = [
    PageKind("首页", ""),
    PageKind("会议报告", "report/"),
    PageKind("问题清单", "report/problems/"),
    PageKind("措施打算", "measures/"),
    *(PageKind(f"措施 {n.upper()}", f"measures/{n}/") for n in ("m1", "m2", "m3", "m4", "m5")),
    *(PageKind(f"重点工作 {n.upper()}", f"measures/{n}/") for n in ("t1", "t2", "t3", "t4")),
    PageKind("整改台账（带筛选）", "measures/ledger/"),
    PageKind("问题—措施对照", "measures/mapping/"),
    PageKind("学习资料汇编", "compilation/"),
    PageKind("汇编目录", "compilation/contents/"),
    PageKind("讲话索引", "speeches/"),
    PageKind("讲话按讲话人", "speeches/by-speaker/"),
    PageKind("讲话按专题", "speeches/by-topic/"),
    PageKind("通报通知索引", "notices/"),
    PageKind("通报通知按文种", "notices/by-type/"),
    PageKind("通报通知按发文机关", "notices/by-issuer/"),
    PageKind("讲话", "speeches/2025-05-20-shili-xuanren/"),
    PageKind("通报（内部资料）", "notices/shili-tongbao-2025-7/"),
    PageKind("通知", "notices/shili-tongzhi-2024/"),
    PageKind("学习材料包", "packs/"),
    PageKind("材料包", "packs/report/"),
    PageKind("自测题", "quizzes/"),
    PageKind("自测（作答前）", "quizzes/report/"),
    PageKind("自测（提交后）", "quizzes/report/", quiz_submitted),
    PageKind("会议报告（已学）", "report/", studied),
    PageKind("我的学习", "study/"),
    PageKind("我的学习（有记录）", "study/", with_record),
    PageKind("找不到页面（404）", "404.html"),
    PageKind("搜索结果", "", search_results),
    PageKind("检索页", "find/?q=%E6%95%B4%E6%94%B9", find_ready),
]
MODES = ("普通模式", "长者模式")


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per mode, each with axe-core injected into every page before its own scripts."""
    made = {}
    for mode in MODES:
        context = browser.new_context(viewport=DESKTOP)
        context.add_init_script(path=str(axe_source()))
        if mode == "长者模式":
            remember_elder_mode(context)
        made[mode] = context
    yield made
    for context in made.values():
        context.close()


_RUN_AXE = """options => axe.run(document, options).then(result => result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + '：' + n.failureSummary.split('\\n').slice(1).join(' ').trim()),
})))"""


def violations(page, elder: bool) -> list[dict]:
    # Headings in order too (a best-practice rule in axe): screen-reader users move through a page by them.
    rules = {"heading-order": {"enabled": True}} | ({ENHANCED_CONTRAST: {"enabled": True}} if elder else {})
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "rules": rules, "resultTypes": ["violations"]}
    return page.evaluate(_RUN_AXE, options)


def described(kind: PageKind, mode: str, found: list[dict]) -> str:
    lines = [f"{kind.name}（{kind.path or '/'}，{mode}）有 {sum(len(v['nodes']) for v in found)} 处无障碍问题："]
    for violation in found:
        lines.append(f"  {violation['rule']}（{violation['impact']}）{violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", PAGE_KINDS, ids=lambda kind: kind.name)
def test_no_accessibility_violations(contexts, reader_url: str, kind: PageKind, mode: str):
    page = contexts[mode].new_page()
    page.goto(reader_url + kind.path, wait_until="load")
    if kind.then:
        kind.then(page)
    assert page.evaluate("axe.version") == AXE_VERSION
    assert elder_mode_on(page) == (mode == "长者模式")
    found = violations(page, elder_mode_on(page))
    page.close()
    assert not found, described(kind, mode, found)


def test_the_checks_find_what_they_look_for(contexts, tmp_path: Path):
    """A page with the faults the site had (pale red links, unlabelled boxes) fails, so a pass means something."""
    faulty = tmp_path / "faulty.html"
    faulty.write_text(
        '<!DOCTYPE html><html lang="zh"><head><title>示例</title></head><body><main><h1>示例</h1>'
        '<p><a href="#" style="color:#ef5552">示例链接</a></p><input type="checkbox" disabled>'
        '<p style="color:#b71c1c">6.6:1 的红色文字</p><h3>跳过二级的标题</h3></main></body></html>',
        encoding="utf-8",
    )
    page = contexts["普通模式"].new_page()
    page.goto(faulty.as_uri())
    found = {v["rule"] for v in violations(page, elder=False)}
    assert found == {"color-contrast", "label", "heading-order"}
    assert {v["rule"] for v in violations(page, elder=True)} == found | {"color-contrast-enhanced"}
    page.close()
