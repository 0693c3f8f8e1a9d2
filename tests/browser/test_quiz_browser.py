"""A self-test taken in Debian's Chromium as a reader takes it: all right, one wrong, 错题重做, the last score kept
across a reload, by keyboard alone, in 长者模式, on a 390 px phone and from file:// in the offline edition, under
the site's Content-Security-Policy (no console error on the way)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import copy_project
from support.a11y import DESKTOP, remember_elder_mode
from support.browser import served
from support.offline import commit, make_zip, unpack

QUIZ_ID = "quizzes/report.md"
PAGE = "quizzes/report/"
PHONE = {"width": 390, "height": 844}

# Each question's kind, right answer and options, as the page carries them for its script.
_QUESTIONS = """() => [...document.querySelectorAll('[data-quiz-question]')].map(q => ({
  kind: q.dataset.quizKind, answer: JSON.parse(q.dataset.quizAnswer),
  options: q.querySelectorAll('[data-quiz-option]').length,
}))"""
_MARKS = """() => [...document.querySelectorAll('[data-quiz-question]')].filter(q => !q.hidden).map(q => {
  const mark = q.querySelector('[data-quiz-mark]');
  return mark.hidden ? '' : mark.textContent;
})"""
_RECORD = f"() => window.studyRecord.load().quizzes[{json.dumps(QUIZ_ID)}] || null"


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], "no script error, no refused script (CSP)"


def questions(page) -> list[dict]:
    return page.evaluate(_QUESTIONS)


def answer(page, number: int, question: dict, right: bool = True) -> None:
    """Answer one question by clicking and typing, right or (right=False) wrong."""
    fieldset = page.locator(f"#q{number}")
    if question["kind"] == "填空":
        fieldset.locator("input").fill(question["answer"][0] if right else "示例错答")
        return
    chosen = (
        set(question["answer"])
        if right
        else {next(i for i in range(question["options"]) if i not in question["answer"])}
    )
    for index in chosen:
        fieldset.locator(f'input[value="{index}"]').check()


def answer_all(page, wrong: int | None = None) -> int:
    found = questions(page)
    for number, question in enumerate(found, 1):
        answer(page, number, question, right=number != wrong)
    return len(found)


def submit(page) -> str:
    page.locator("[data-quiz-submit]").click()
    return page.locator("[data-quiz-result]").inner_text()


def test_all_right_scores_full_marks_and_records_it(page, site_url: str):
    page.goto(site_url + PAGE)
    assert page.locator("[data-quiz-last]").is_hidden() and page.locator("[data-quiz-feedback]").first.is_hidden()
    total = answer_all(page)
    assert submit(page) == f"得分 {total}/{total}：答对 {total} 题，答错 0 题。全部答对。"
    assert page.evaluate(_MARKS) == ["✔ 回答正确"] * total
    assert page.locator("[data-quiz-retry]").is_hidden() and page.locator("[data-quiz-restart]").is_visible()
    record = page.evaluate(_RECORD)
    assert record["title"] == "会议报告应知应会自测"
    assert [(a["score"], a["total"]) for a in record["attempts"]] == [(total, total)]


def test_one_wrong_is_marked_in_words_with_its_source_and_redone_alone(page, site_url: str):
    page.goto(site_url + PAGE)
    total = answer_all(page, wrong=1)
    assert (
        submit(page)
        == f"得分 {total - 1}/{total}：答对 {total - 1} 题，答错 1 题。答错的题下面有正确答案、出处和解析。"
    )
    assert page.evaluate(_MARKS) == ["✘ 回答错误"] + ["✔ 回答正确"] * (total - 1)
    first = page.locator("#q1")
    marks = [m.strip() for m in first.locator("[data-quiz-option-mark]").all_inner_texts() if m.strip()]
    assert sorted(marks) == ["（✔ 正确答案）", "（✘ 您的选择）"]
    feedback = first.locator("[data-quiz-feedback]")
    assert feedback.is_visible() and feedback.inner_text().startswith("正确答案：B. 7月20日至22日")
    source = feedback.locator("a")
    assert source.inner_text() == "会议报告"
    # 错题重做: only the wrong one, cleared; its score is not the quiz's (the record keeps the whole attempt's)
    page.locator("[data-quiz-retry]").click()
    assert page.locator("[data-quiz-question]:visible").count() == 1 and first.is_visible()
    assert page.locator("[data-quiz-result]").inner_text() == "错题重做：请再做答错的 1 题。"
    assert not first.locator("input:checked").count() and first.locator("[data-quiz-feedback]").is_hidden()
    assert page.evaluate("document.activeElement.name") == "q1"
    answer(page, 1, questions(page)[0])
    assert submit(page) == "错题重做得分 1/1：答对 1 题，答错 0 题。全部答对。"
    assert [(a["score"], a["total"]) for a in page.evaluate(_RECORD)["attempts"]] == [(total - 1, total)]
    # the source link leads to the page that says it
    source = page.locator("#q1 [data-quiz-feedback] a")
    source.click()
    page.wait_for_load_state()
    assert (
        page.url.startswith(site_url + "report/#:~:text=") and "7月20日至22日" in page.locator("article").inner_text()
    )


def test_a_source_link_lands_on_the_quoted_words(browser, site_url: str):
    """The 出处 link carries the quote as a text fragment: the reader lands on the words, not the page's top."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.locator("[data-quiz] button[type=submit]").click()
    quote = page.locator("#q3 .quiz-source").inner_text().split("“", 1)[1].rstrip("”")
    page.locator("#q3 [data-quiz-feedback] a").click()
    page.wait_for_load_state()
    page.wait_for_function("() => scrollY > 0")
    words = page.locator("article p", has_text=quote)
    assert words.count() == 1
    box, height = words.bounding_box(), page.viewport_size["height"]
    assert box is not None and box["y"] < height and box["y"] + box["height"] > 0, "the quoted words are in view"
    context.close()


def test_the_last_score_and_date_stay_across_a_reload(page, site_url: str):
    page.goto(site_url + PAGE)
    total = answer_all(page, wrong=2)
    submit(page)
    page.reload()
    last = page.locator("[data-quiz-last]")
    assert last.is_visible()
    assert re.fullmatch(rf"上次得分：{total - 1}/{total}（\d{{4}}年\d{{1,2}}月\d{{1,2}}日）", last.inner_text())
    page.locator("[data-quiz-restart]").wait_for(state="hidden")
    assert page.locator("[data-quiz-submit]").is_visible(), "a new attempt starts from the top"


def test_by_keyboard_alone(page, site_url: str):
    page.goto(site_url + PAGE)
    found = questions(page)
    page.locator("h1").first.click()  # the reader's place: the top of the article
    while page.evaluate("document.activeElement.name") != "q1":
        page.keyboard.press("Tab")
    for number, question in enumerate(found, 1):
        assert page.evaluate("document.activeElement.name") == f"q{number}"
        if question["kind"] == "填空":
            page.keyboard.type(question["answer"][0])
            page.keyboard.press("Tab")
        elif question["kind"] == "多选":
            for index in range(question["options"]):
                if index in question["answer"]:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        else:  # a radio group: the arrow keys move and select, Tab leaves the group
            page.keyboard.press("Space")
            for _ in range(question["answer"][0]):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "提交"
    page.keyboard.press("Enter")
    result = page.locator("[data-quiz-result]")
    assert result.inner_text().startswith(f"得分 {len(found)}/{len(found)}")
    assert page.evaluate("document.activeElement.dataset.quizResult") == "", "the focus is on the result"
    assert result.get_attribute("aria-live") == "polite" and result.get_attribute("role") == "status"


def test_enter_in_a_blank_submits_too(page, site_url: str):
    page.goto(site_url + PAGE)
    found = questions(page)
    fill = next(n for n, q in enumerate(found, 1) if q["kind"] == "填空")
    page.locator(f"#q{fill} input").fill("１１６")  # full-width digits from an input method
    page.locator(f"#q{fill} input").press("Enter")
    assert page.locator(f"#q{fill} [data-quiz-mark]").inner_text() == "✔ 回答正确"


def test_in_elder_mode_and_on_a_phone(browser, site_url: str):
    for viewport, elder in ((DESKTOP, True), (PHONE, False), (PHONE, True)):
        context = browser.new_context(viewport=viewport)
        if elder:
            remember_elder_mode(context)
        page = context.new_page()
        page.goto(site_url + PAGE)
        total = answer_all(page, wrong=3)
        assert submit(page).startswith(f"得分 {total - 1}/{total}")
        sizes = page.evaluate(
            """() => ({
              stem: parseFloat(getComputedStyle(document.querySelector('.quiz-stem')).fontSize),
              target: document.querySelector('.quiz-option label').getBoundingClientRect().height,
              wide: document.scrollingElement.scrollWidth,
            })"""
        )
        assert sizes["wide"] <= viewport["width"], f"no sideways scrolling at {viewport['width']} px"
        if elder:
            assert sizes["stem"] >= 20 and sizes["target"] >= 44, sizes
        assert page.locator("#q3 [data-quiz-mark]").inner_text() == "✘ 回答错误"
        context.close()


def test_from_file_in_the_offline_edition(browser, tmp_path: Path):
    project = copy_project(tmp_path / "project")
    commit(project)
    folder = unpack(make_zip(project, tmp_path / "dist"), tmp_path / "unpacked")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / "quizzes/report.html").as_uri())
    total = answer_all(page, wrong=1)
    assert submit(page).startswith(f"得分 {total - 1}/{total}")
    href = page.locator("#q1 [data-quiz-feedback] a").get_attribute("href")
    assert href.startswith("../report/index.html#:~:text=") and (folder / "report/index.html").is_file()
    page.reload()
    assert page.locator("[data-quiz-last]").inner_text().startswith(f"上次得分：{total - 1}/{total}")
    assert errors == []
    context.close()
