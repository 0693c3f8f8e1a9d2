"""The study record's model and markup (issue 24): which pages are reading pages, their sections and packs,
the 已学 control and the 我的学习 page's catalogue."""

from __future__ import annotations

import re
from datetime import date

from bs4 import BeautifulSoup

from studysite.core.kinds import KINDS
from studysite.core.pages import GENERATED_PAGES, GENERATED_TITLES, STUDY_PAGE
from studysite.core.sources import read_source
from studysite.model.site import Site, load_site
from studysite.model.study import ReadingPage, study_kinds, study_plan
from studysite.render.study import mark_control, study_page, with_mark_control
from studysite.rules.allowlist import html_findings
from support import REPO
from support.corpus import GOOD, TOPICS, sources_in

QUIZ = (
    "---\ntype: quiz\ntitle: 示例自测\n---\n\n# 示例自测\n\n## 示例题干\n\n- [x] 正确\n- [ ] 错误\n\n"
    "出处：[会议报告](../report/index.md)“示例”\n"
)


def site(*extra) -> Site:
    sources = [*sources_in(REPO / "docs"), *sources_in(GOOD), *extra]
    return load_site(sources, [], TOPICS, date(2025, 6, 30))


def test_reading_pages_are_the_study_kinds_own_pages_not_indexes_or_overviews():
    plan = study_plan(site())
    assert set(plan.pages) == {
        "report/index.md",
        "report/problems.md",
        *(f"measures/{name}.md" for name in ("m1", "m2", "m3", "m4", "m5", "t1", "t2", "t3", "t4")),
        "speeches/2024-11-02-shili-lianjie.md",
        *(path.relative_to(GOOD).as_posix() for path in GOOD.rglob("*.md")),
        "packs/report.md",
        "packs/compilation.md",
    }
    # Not: the home page, the measures' overview, the ledger and mapping, any generated index, 我的学习 itself.
    for page in ("index.md", "measures/index.md", "measures/ledger.md", "packs/index.md", STUDY_PAGE):
        assert not plan.is_reading_page(page)
    assert not any(plan.is_reading_page(page) for page in GENERATED_PAGES)
    assert plan.pages["report/problems.md"] == ReadingPage("report/problems.md", "问题清单", "report")


def test_sections_follow_the_registry_and_count_each_page_once():
    plan = study_plan(site())
    assert [section.key for section in plan.sections] == [kind.key for kind in KINDS if kind.study]
    assert [section.label for section in plan.sections] == ["讲话", "通报通知", "会议报告", "措施", "学习材料包"]
    counted = [page for section in plan.sections for page in section.pages]
    assert sorted(counted) == sorted(plan.pages) and len(counted) == len(set(counted))
    sizes = {section.key: len(section.pages) for section in plan.sections}
    assert sizes == {
        "speech": len(list((GOOD / "speeches").glob("*.md"))),
        "notice": 2,
        "report": 2,
        "measure": 9,
        "pack": 2,
    }


def test_a_pack_counts_the_reading_pages_it_prints():
    plan = study_plan(site())
    packs = {pack.key: pack for pack in plan.packs}
    report = packs["packs/report.md"]
    assert report.label == "局党委专题民主生活会会议报告及整改措施"
    assert report.pages[:2] == ("report/index.md", "report/problems.md")
    assert set(report.pages) <= set(plan.pages) and len(report.pages) == len(set(report.pages))
    assert "measures/m1.md" in report.pages
    # The compilation's pack prints every entry: each is a reading page.
    assert set(packs["packs/compilation.md"].pages) == {
        page for page, reading in plan.pages.items() if reading.section in ("speech", "notice")
    }


def test_self_tests_are_named_for_their_scores_but_are_not_reading_pages():
    plan = study_plan(site(read_source("quizzes/report.md", QUIZ.encode()), read_source("quizzes/index.md", b"# x\n")))
    assert dict(plan.quizzes) == {"quizzes/report.md": "示例自测"}
    assert not plan.is_reading_page("quizzes/report.md")


def test_only_kinds_marked_study_with_a_folder_count():
    assert {kind.key for kind in study_kinds()} == {"speech", "notice", "report", "measure", "pack"}


def test_the_control_carries_only_its_own_page_escaped():
    html = mark_control(ReadingPage("speeches/a b.md", '关于"示例"<b>&的讲话', "speech"))
    control = BeautifulSoup(html, "html.parser").div
    assert control["data-study-id"] == "speeches/a b.md"
    assert control["data-study-title"] == '关于"示例"<b>&的讲话'
    assert "<b>" not in html and control.button["aria-pressed"] == "false"
    assert control.button.get_text() == "标记为已学" and control.button["type"] == "button"


def test_the_control_goes_under_the_articles_title():
    page = ReadingPage("report/index.md", "报告", "report")
    output = '<h1>站</h1><article class="md-content__inner md-typeset"><h1 id="x">报告</h1><p>正文</p></article>'
    marked = with_mark_control(output, page)
    assert marked.index("data-study-mark") > marked.index('<h1 id="x">报告</h1>') and marked.index(
        "data-study-mark"
    ) < marked.index("<p>正文")
    untitled = with_mark_control('<article class="md-content__inner md-typeset"><p>正文</p></article>', page)
    assert untitled.startswith('<article class="md-content__inner md-typeset"><div class="study-mark"')
    assert with_mark_control("<p>no article</p>", page) == "<p>no article</p>"


def test_the_study_page_lists_every_reading_page_once_with_its_groups_and_totals():
    plan = study_plan(site(read_source("quizzes/report.md", QUIZ.encode())))
    soup = BeautifulSoup(study_page(plan), "html.parser")
    items = soup.select("[data-study-catalogue] li[data-study-id]")
    assert [item["data-study-id"] for item in items] == list(plan.pages)
    groups = (*plan.sections, *plan.packs)
    for item in items:
        named = {groups[int(index)].key for index in item["data-study-groups"].split()}
        reading = plan.pages[item["data-study-id"]]
        assert reading.section in named
        assert named - {reading.section} == {pack.key for pack in plan.packs if reading.src_uri in pack.pages}
    rows = soup.select("tr[data-study-group]")
    assert [row.th.get_text() for row in rows] == [group.label for group in groups]
    assert [row.td.get_text() for row in rows] == [f"0/{len(group.pages)}" for group in groups]
    assert soup.select_one('[data-study-id="report/index.md"]')["data-study-href"] == "../report/"
    assert soup.select_one('[data-study-quiz="quizzes/report.md"]')["data-study-href"] == "../quizzes/report/"
    assert "学习记录只保存在这台电脑的这个浏览器中" in soup.get_text()
    assert GENERATED_TITLES[STUDY_PAGE] == "我的学习" and re.search(r"^# 我的学习$", study_page(plan), re.M)


def test_the_offline_editions_study_page_names_files():
    soup = BeautifulSoup(study_page(study_plan(site()), directory_urls=False), "html.parser")
    assert soup.select_one('[data-study-id="measures/m1.md"]')["data-study-href"] == "../measures/m1.html"


def test_a_contributor_cannot_write_the_control_or_the_record_into_a_page():
    for html in (
        '<div data-study-mark data-study-id="report/index.md">x</div>',
        '<ul data-study-catalogue><li data-study-id="a.md">x</li></ul>',
    ):
        assert html_findings(html), html


def test_a_clerks_file_where_my_study_is_generated_is_refused():
    found = site(read_source("study/index.md", "# 我的学习\n".encode())).problems
    assert [str(p) for p in found if p.path.startswith("docs/study/")] == [
        "docs/study/index.md:1: 文件: 应为 不存在（此页由构建自动生成，请删除该文件），实为 “study/index.md”"
    ]


def test_progress_rows_are_the_sections_and_packs_with_something_to_study():
    plan = study_plan(load_site(sources_in(REPO / "docs"), [], TOPICS, date(2025, 6, 30)))
    rows = BeautifulSoup(study_page(plan), "html.parser").select("tr[data-study-group]")
    shown = {row.th.get_text() for row in rows}
    assert "会议报告" in shown and "讲话" not in shown, "the shipped site has no speeches: no 讲话 0/0 row"
    assert all(not row.td.get_text().endswith("/0") for row in rows)
