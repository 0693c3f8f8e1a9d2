"""已学 and 我的学习 in Debian's Chromium (issue 24): marks kept across pages and reloads, 我的学习's counts and lists,
export → clear → import giving the same record, a malformed file refused with the record unchanged, the printed
record on one A4 page, keyboard only, a 390 px phone, 长者模式, and the offline edition opened from file://."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from support import mkdocs_build
from support.a11y import DESKTOP, remember_elder_mode
from support.browser import served
from support.offline import make_project, make_zip, unpack

KEY = "studysite.record.v1"  # assets/studyrecord.js
REFUSED = "“{name}”不是本站导出的学习记录，没有导入；原有的学习记录没有改变。"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("study-browser") / "project")


@pytest.fixture(scope="module")
def url(project: Path):
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with served(site) as address:
        yield address


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context
    context.close()


def record(page) -> dict:
    return page.evaluate("() => window.studyRecord.load()")


def toggle(page):
    return page.locator("article [data-study-toggle]")


def counts(page) -> dict[str, str]:
    page.wait_for_load_state()  # 我的学习 draws the record once the page is loaded
    rows = page.locator("tr[data-study-group]")
    return {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").inner_text() for i in range(rows.count())}


def mark(page, url: str, path: str) -> None:
    page.goto(url + path)
    assert toggle(page).get_attribute("aria-pressed") == "false", path
    toggle(page).click()
    assert toggle(page).get_attribute("aria-pressed") == "true", path


def test_studied_stays_across_pages_and_reloads(context, url: str):
    page = context.new_page()
    page.goto(url + "report/")
    assert toggle(page).inner_text() == "标记为已学"
    toggle(page).click()
    today = page.evaluate("() => window.studyRecord.today()")
    year, month, day = (int(part) for part in today.split("-"))
    assert toggle(page).inner_text() == "已学"
    assert page.locator("article [data-study-date]").inner_text() == f"{year}年{month}月{day}日标记为已学"
    page.goto(url + "measures/m1/")
    assert toggle(page).get_attribute("aria-pressed") == "false"
    toggle(page).click()
    page.goto(url + "report/")
    page.reload()
    assert toggle(page).get_attribute("aria-pressed") == "true"
    page.goto(url + "measures/m1/")
    toggle(page).click()  # unmarked again
    assert page.locator("article [data-study-date]").inner_text() == "已取消“已学”标记"
    page.reload()
    assert toggle(page).inner_text() == "标记为已学"
    assert set(record(page)["pages"]) == {"report/index.md"}
    assert record(page)["pages"]["report/index.md"] == {"title": "局党委专题民主生活会召开情况汇报", "date": today}
    page.goto(url + "report/")
    assert page.locator("article [data-study-mark]").is_visible()
    page.emulate_media(media="print")
    assert page.locator("article [data-study-mark]").is_hidden(), "a printed page has no button and no date"


def test_my_study_counts_lists_and_continues(context, url: str):
    page = context.new_page()
    for path in ("report/", "report/problems/", "measures/m2/", "packs/report/"):
        mark(page, url, path)
    page.goto(url + "measures/t1/")  # opened, not marked: 继续学习 names it
    page.evaluate("() => window.studyRecord.recordQuiz('quizzes/report.md', '示例自测', 8, 10)")
    page.evaluate("() => window.studyRecord.recordQuiz('quizzes/report.md', '示例自测', 10, 10)")
    page.locator(".md-header a.study-header-link").click()
    assert page.url == url + "study/"
    found = counts(page)
    assert found["会议报告"] == "2/2" and found["措施"] == "1/9" and found["学习材料包"] == "1/3"
    assert found["讲话"].startswith("0/") and found["局党委专题民主生活会会议报告及整改措施"] == "3/11"
    onward = page.locator("[data-study-continue] a")
    assert onward.inner_text() == "T1 常态搞好警示教育"
    onward.click()
    assert page.url == url + "measures/t1/"
    page.go_back()
    studied = page.locator("[data-study-pages] li")
    assert studied.count() == 4
    assert {studied.nth(i).locator("a").inner_text() for i in range(4)} == {
        "局党委专题民主生活会召开情况汇报",
        "问题清单",
        "M2 坚持公道正派选人用人",
        "局党委专题民主生活会会议报告及整改措施",
    }
    assert not page.locator("[data-study-pages-empty]").is_visible()
    quiz = page.locator("[data-study-quizzes] li")
    # named by the site's own title for it, and linked to it
    assert quiz.inner_text().startswith("会议报告应知应会自测：最近一次得分 10/10（")
    assert quiz.inner_text().endswith("最好 10/10，共做 2 次") and quiz.locator("a").count() == 1


def test_export_clear_import_gives_the_same_record(context, url: str, tmp_path: Path):
    page = context.new_page()
    for path in ("report/", "measures/m3/"):
        mark(page, url, path)
    page.evaluate("() => window.studyRecord.recordQuiz('quizzes/report.md', '示例自测', 7, 10)")
    page.goto(url + "study/")
    before = record(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="导出学习记录").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.startswith("学习记录-") and exported.suffix == ".json"
    assert json.loads(exported.read_text(encoding="utf-8")) == before

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清除学习记录").click()
    assert page.locator("[data-study-status]").inner_text() == "已清除学习记录。"
    assert record(page) == {"version": 1, "pages": {}, "quizzes": {}, "last": None}
    assert counts(page)["会议报告"] == "0/2"

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="导入学习记录").click()
    chooser.value.set_files(str(exported))
    page.locator("[data-study-status]", has_text="已导入").wait_for()
    assert page.locator("[data-study-status]").inner_text() == "已导入学习记录：已学页面 2 个，自测 1 项。"
    assert record(page) == before
    assert counts(page)["会议报告"] == "1/2" and counts(page)["措施"] == "1/9"


GOOD_PAGE = {"title": "问题清单", "date": "2025-03-12"}
MALFORMED = {
    "not-json.json": "这不是学习记录",
    "other.json": json.dumps({"version": 1, "items": []}),
    "newer.json": json.dumps({"version": 2, "pages": {}, "quizzes": {}, "last": None}),
    "bad-date.json": json.dumps(
        {
            "version": 1,
            "pages": {"report/problems.md": {"title": "问题清单", "date": "3月12日"}},
            "quizzes": {},
            "last": None,
        }
    ),
    "no-such-day.json": json.dumps(
        {
            "version": 1,
            "pages": {"report/problems.md": {"title": "问题清单", "date": "9999-99-99"}},
            "quizzes": {},
            "last": None,
        }
    ),
    "proto.json": '{"version": 1, "pages": {"__proto__": {"title": "x", "date": "2025-03-12"}}, "quizzes": {}, "last": null}',
    "markup.json": json.dumps(
        {"version": 1, "pages": {"<img src=x>.md": GOOD_PAGE, "report/problems.md": 1}, "quizzes": {}, "last": None}
    ),
    "score.json": json.dumps(
        {
            "version": 1,
            "pages": {},
            "quizzes": {"quizzes/a.md": {"title": "a", "attempts": [{"score": 11, "total": 10, "date": "2025-03-12"}]}},
            "last": None,
        }
    ),
}


def test_a_malformed_file_is_refused_and_the_record_is_unchanged(context, url: str, tmp_path: Path):
    page = context.new_page()
    mark(page, url, "report/")
    page.goto(url + "study/")
    before = record(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    for name, text in MALFORMED.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="导入学习记录").click()
        chooser.value.set_files(str(path))
        status = page.locator("[data-study-status]", has_text=name)
        status.wait_for()
        assert status.inner_text() == REFUSED.format(name=name)
        assert record(page) == before, name
    assert not dialogs, "a refused file asks nothing"
    assert page.locator("article img").count() == 0


def plain(text: str) -> str:
    """Text as a reader sees it, spaces aside: Chromium writes CJK into PDFs as radicals (⼈ for 人, ⻚ for 页)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2eda", "页")


def test_the_printed_record_is_one_a4_page_of_the_record_only(context, url: str):
    page = context.new_page()
    page.goto(url + "study/")
    # Titles of two lines and more among them: each prints on one line, so the page still holds them all.
    pages = {
        f"report/p{i}.md": {
            "title": f"示例页面{i}" + "关于加强示例局理论学习的示例讲话" * (i % 5),
            "date": "2025-03-12",
        }
        for i in range(60)
    }
    attempts = [{"score": 8, "total": 10, "date": "2025-03-12"}]
    quizzes = {f"quizzes/q{i}.md": {"title": f"示例自测{i}", "attempts": attempts} for i in range(12)}
    text = json.dumps({"version": 1, "pages": pages, "quizzes": quizzes, "last": None})
    assert page.evaluate("text => window.studyRecord.importText(text)", text)
    page.reload()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        printed = plain(document.pages[0].extract_text())
    for expected in ("个人学习记录姓名：支部：", "已学页面60个（下表列出最近的30个），自测12项。"):
        assert plain(expected) in printed
    assert "示例页面0" in printed and plain("示例自测7（本站已无此页）") in printed and "8/102025年3月12日" in printed
    assert "示例自测8" not in printed, "8 self-tests fit beside 30 pages"
    for chrome in ("导出学习记录", "学习进度", "学习资料汇编", "检索", "长者模式"):
        assert chrome not in printed, chrome


def test_keyboard_only(context, url: str):
    page = context.new_page()
    page.goto(url + "report/")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"Tab 键到不了：{predicate}")

    tab_to("() => document.activeElement.matches('.md-header a.study-header-link')")
    tab_to("() => document.activeElement.matches('[data-study-toggle]')")
    page.keyboard.press("Enter")
    assert toggle(page).get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert toggle(page).get_attribute("aria-pressed") == "false"
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    tab_to("() => document.activeElement.matches('[data-study-toggle]')")  # focus stays on the control
    page.goto(url + "report/problems/")
    tab_to("() => document.activeElement.matches('.md-header a.study-header-link')")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "study/")
    assert counts(page)["会议报告"] == "1/2"
    tab_to("() => document.activeElement.matches('[data-study-clear]')")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.keyboard.press("Enter")
    assert page.locator("[data-study-status]").inner_text() == "没有清除，学习记录没有改变。"
    assert counts(page)["会议报告"] == "1/2"


@pytest.mark.parametrize("elder", [False, True], ids=["普通模式", "长者模式"])
def test_phone_width_and_elder_mode(browser, url: str, elder: bool):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    if elder:
        remember_elder_mode(context)
    page = context.new_page()
    page.goto(url + "measures/m1/")
    link = page.locator(".md-header a.study-header-link")
    for part in (link, page.locator("[data-elder-toggle]"), toggle(page)):
        box = part.bounding_box()
        assert part.is_visible() and box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["height"] >= (44 if elder else 24)
    assert link.get_attribute("title") and page.get_by_role("link", name="我的学习").count() == 1
    toggle(page).tap()
    link.tap()
    page.wait_for_url(url + "study/")
    assert counts(page)["措施"] == "1/9"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    for button in page.locator(".study-record__buttons button").all():
        box = button.bounding_box()
        assert box and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= (44 if elder else 24)
    context.close()


def test_the_offline_edition_keeps_the_record_from_file(project: Path, browser, tmp_path: Path):
    folder = unpack(make_zip(project, tmp_path / "dist"), tmp_path / "unpacked")
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto((folder / "report" / "index.html").as_uri())
    toggle(page).click()
    page.goto((folder / "measures" / "m4.html").as_uri())
    toggle(page).click()
    page.reload()
    assert toggle(page).get_attribute("aria-pressed") == "true"
    page.locator(".md-header a.study-header-link").click()
    assert page.url == (folder / "study" / "index.html").as_uri()
    assert counts(page)["会议报告"] == "1/2" and counts(page)["措施"] == "1/9"
    # Chromium keeps one storage for every file:// page: the note for Firefox, which may keep them apart, stays hidden.
    assert page.locator("[data-study-separate]").is_hidden()
    page.locator("[data-study-continue] a").click()
    assert page.url == (folder / "measures" / "m4.html").as_uri()
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("button", name="导出学习记录").click()
    assert set(json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["pages"]) == {
        "report/index.md",
        "measures/m4.md",
    }
    context.close()
    firefox = browser.new_context(user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    page = firefox.new_page()
    page.goto((folder / "study" / "index.html").as_uri())
    assert page.locator("[data-study-separate]").is_visible()
    assert "请改用 Chrome、Edge 等浏览器打开离线版" in page.locator("[data-study-separate]").inner_text()
    firefox.close()
