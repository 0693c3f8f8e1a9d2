"""Measures and their items: contract checks, progress and overdue arithmetic with a fixed date."""

from __future__ import annotations

from datetime import date

from studysite.core.problems import stop_message
from studysite.core.sources import Source
from studysite.model.measures import Item, load_plan, parse_problem_areas, progress, reference_date
from studysite.model.meeting_report import parse_report
from support import FIXTURES, SOURCE_REPORT
from support.measures import (
    BAD_MEASURES_REPORT,
    JULY_FIRST,
    PROBLEM_LIST,
    PROBLEMS_MARKDOWN,
    measure_files,
    repo_measures,
)


def test_every_bad_item_is_reported_in_one_run():
    _, problems = load_plan([*measure_files(FIXTURES / "bad-measures"), PROBLEM_LIST], JULY_FIRST)
    assert stop_message(problems) == BAD_MEASURES_REPORT


def test_progress_and_overdue_with_a_fixed_date():
    plan, problems = load_plan([*measure_files(FIXTURES / "measures"), *repo_measures(), PROBLEM_LIST], JULY_FIRST)
    assert problems == []
    m9 = next(m for m in plan.measures if m.id == "M9")
    assert [item.overdue(JULY_FIRST) for item in m9.items] == [False, True, False, False, False]
    assert progress(m9.items, JULY_FIRST).summary() == (
        "已完成1项、正在整改1项、长期坚持1项、未开始1项、未填报1项，完成率33.3%（1/3）；"
        "其中逾期1项、完成时限待定1项、责任部门待定1项"
    )
    assert progress(m9.items, date(2025, 3, 1)).overdue == 0
    assert progress(m9.items, date(2026, 1, 1)).overdue == 2, "the not-started item is late too"


def test_completion_rate_counts_only_items_with_a_due_date_and_rounds_to_one_decimal():
    done = Item("M1-1", "甲", due=date(2025, 1, 1), status="已完成", closed_on=date(2025, 1, 1))
    pending = Item("M1-2", "乙", due=date(2025, 1, 1), status="正在整改")
    ongoing = Item("M1-3", "丙", ongoing=True, review="每月", status="长期坚持")
    undated_done = Item("M1-4", "丁", status="已完成", closed_on=date(2025, 1, 1))
    undated = Item("M1-5", "戊", status="正在整改")
    assert progress([done, pending, pending], JULY_FIRST).rate == "33.3%"
    assert progress([done, ongoing], JULY_FIRST).rate == "100%"
    assert progress([ongoing], JULY_FIRST).rate == "—"
    # M2 of the report: its one-off items are all 待定, so there is nothing to divide by, done or not.
    assert progress([undated_done, undated, undated, ongoing], JULY_FIRST).rate == "—"
    assert progress([done, pending, undated_done], JULY_FIRST).rate_fraction == "1/2"
    assert progress([], JULY_FIRST).summary() == "已完成0项、正在整改0项、长期坚持0项，完成率—；其中逾期0项"


def test_counts_are_worded_one_way_and_zero_overdue_is_said():
    """Issue 26 item 10: a measure with nothing late says 逾期0项, and 责任部门待定 is the one name for items
    without an owner (never 未分配责任), in the summary and in the progress table's cells alike."""
    done = Item("M1-1", "甲", owner="办公室", due=date(2025, 1, 1), status="已完成", closed_on=date(2025, 1, 1))
    unowned = Item("M1-2", "乙", owner="待定", due=date(2025, 12, 1), status="正在整改")
    unreported = Item("M1-3", "丙", owner="办公室", due=date(2025, 12, 1))
    counts = progress([done, unowned, unreported], JULY_FIRST)
    assert counts.statuses() == "已完成1项、正在整改1项、长期坚持0项、未填报1项"
    assert counts.among() == "其中逾期0项、责任部门待定1项"
    assert counts.summary() == (
        "已完成1项、正在整改1项、长期坚持0项、未填报1项，完成率33.3%（1/3）；其中逾期0项、责任部门待定1项"
    )
    late = progress([done, unowned, unreported], date(2026, 1, 1))
    assert late.among() == "其中逾期2项、责任部门待定1项"


def test_reference_date_comes_from_the_environment_when_given():
    today = date(2026, 11, 30)
    assert reference_date({}, today) == (today, [])
    assert reference_date({"STUDYSITE_TODAY": "2025-07-01"}, today) == (JULY_FIRST, [])
    assert reference_date({"SOURCE_DATE_EPOCH": "1751328000"}, today) == (JULY_FIRST, [])
    _, problems = reference_date({"STUDYSITE_TODAY": "7月1日"}, today)
    assert [str(p) for p in problems] == [
        "环境变量:1: STUDYSITE_TODAY: 应为 日期，如 2025-06-30，实为 “7月1日”（日期格式应为 年-月-日，月和日各两位）"
    ]


def test_the_problem_list_is_read_from_its_headings():
    areas = parse_problem_areas(PROBLEMS_MARKDOWN)
    assert [(a.id, a.title) for a in areas] == [
        ("P1", "使命担当责任担当不够"),
        ("P2", "在选人用人上把关不严"),
        ("P3", "守纪律讲规矩抓得不严不实"),
        ("P4", "党内生活原则性不强"),
        ("P5", "求真务实的政绩观树得不够牢"),
    ]


def _is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(character in characters for character in needle)


def test_real_items_take_only_the_reports_words_and_invent_no_owner_or_date():
    report_points = {
        p.id: p.text for p in (lambda r: r.measures + r.tasks)(parse_report(SOURCE_REPORT.read_text(encoding="utf-8")))
    }
    plan, problems = load_plan([*repo_measures(), PROBLEM_LIST], JULY_FIRST)
    assert problems == []
    assert [m.id for m in plan.measures] == ["M1", "M2", "M3", "M4", "M5", "T1", "T2", "T3", "T4"]
    for measure in plan.measures:
        for item in measure.items:
            assert _is_subsequence(item.task, report_points[measure.id]), item.id
            assert item.due is None and item.closed_on is None and item.evidence == (), item.id
            named = item.owner.replace("局党委", "").replace("、", "")
            assert item.owner == "待定" or _is_subsequence(named, report_points[measure.id]), item.id
            assert item.status in ("未填报", "长期坚持"), item.id


def test_an_unknown_item_field_is_named_with_its_place():
    text = "---\ntype: measure\nid: M1\ntitle: 示例\nproblem_refs: [P1]\nitems:\n  - id: M1-1\n    task: 甲\n    due: 待定\n    colour: 红\n---\n"
    _, problems = load_plan([Source("measures/m1.md", text), PROBLEM_LIST], JULY_FIRST)
    assert str(problems[0]) == (
        "docs/measures/m1.md:10: M1-1.colour 未知字段: 应为 事项可用的字段：id、task、owner、due、kind、review、status、"
        "evidence、closed_on，实为 “colour”"
    )
