"""Item timelines from the measure files' versions (model/timeline) and the 整改进展 they render: no git here,
the log and the blobs are written out as git prints them."""

from __future__ import annotations

from datetime import date

from studysite.model.measures import Item, Measure, Plan
from studysite.model.timeline import Change, Commit, History, Timeline, months, parse_batch, parse_raw_log, timelines
from studysite.render.progress import (
    chart,
    closed_this_month,
    due_soon,
    progress_section,
    status_history,
    trend,
    trend_row,
)
from studysite.rules.pagecheck import SiteAssets, page_findings

A, B, C, D = ("a" * 40, "b" * 40, "c" * 40, "d" * 40)
NULL = "0" * 40


def _file(*items: str, measure: str = "M2") -> bytes:
    head = f"---\ntype: measure\nid: {measure}\ntitle: 示例措施\nproblem_refs: [P2]\nitems:\n"
    return (head + "".join(items) + "---\n\n# 示例\n").encode()


def _item(item_id: str, task: str, status: str, extra: str = "", due: str = "2025-03-31") -> str:
    return f"  - id: {item_id}\n    task: {task}\n    owner: 办公室\n    due: {due}\n    status: {status}\n{extra}"


DONE_ON = "    closed_on: 2025-01-03\n"


def test_the_raw_log_gives_each_commits_measure_blobs_in_china_time():
    # 1735660800 is 2024-12-31 16:00 UTC: already 2025年1月1日 in Beijing.
    log = (
        "\0" + "1735660800\n\n"
        f":000000 100644 {NULL} {A} A\tdocs/measures/m2.md\n"
        f":000000 100644 {NULL} {B} A\tdocs/measures/index.md\n"
        "\0" + "1735747200\n\n"
        f":100644 000000 {A} {NULL} D\tdocs/measures/m2.md\n"
        f":000000 100644 {NULL} {A} A\tdocs/measures/m2-renamed.md\n"
        "\0" + "1735833600\n\n"  # a merge that brought nothing to docs/measures/
    )
    assert parse_raw_log(log, "docs/measures/") == [
        Commit(date(2025, 1, 1), (("measures/m2.md", A),)),
        Commit(date(2025, 1, 2), (("measures/m2.md", NULL), ("measures/m2-renamed.md", A))),
    ]


def test_a_commit_dated_before_the_one_it_follows_counts_on_that_ones_day():
    log = (
        "\0" + "1735747200\n\n"  # 2025-01-02 in Beijing
        f":000000 100644 {NULL} {A} A\tdocs/measures/m2.md\n"
        "\0" + "1704067200\n\n"  # 2024-01-01: rebased or backdated on top of it
        f":100644 100644 {A} {B} M\tdocs/measures/m2.md\n"
    )
    assert [commit.day for commit in parse_raw_log(log, "docs/measures/")] == [date(2025, 1, 2), date(2025, 1, 2)]


def test_the_batch_output_is_split_by_the_sizes_git_gives():
    first, second = "一\n二".encode(), b"x"
    output = f"{A} blob {len(first)}\n".encode() + first + b"\n" + f"{B} missing\n".encode()
    output += f"{C} blob 1\n".encode() + second + b"\n"
    assert parse_batch(output) == {A: first, C: second}


def _history(*commits: tuple[str, tuple[tuple[str, str], ...]], blobs: dict[str, bytes]) -> History:
    listed = [Commit(date.fromisoformat(day), files) for day, files in commits]
    return timelines(listed, blobs, date(2025, 12, 31))


def _steps(history: History, item_id: str) -> list[tuple[date, str | None]]:
    timeline = history.by_id()[item_id]
    return [(c.day, c.item.status if c.item else None) for c in timeline.changes]


def test_statuses_are_dated_by_commit_and_done_by_its_closing_day_and_a_bad_version_is_skipped():
    blobs = {
        A: _file(_item("M2-1", "示例任务甲", "未开始"), _item("M2-2", "示例任务乙", "未开始")),
        B: _file(_item("M2-1", "示例任务甲", "正在整改"), _item("M2-2", "示例任务乙", "正在整改")),  # both at once
        C: b"---\ntype: measure\nid: [\n---\n",  # a version that does not parse
        D: _file(_item("M2-1", "示例任务甲", "已完成", DONE_ON), _item("M2-2", "示例任务乙", "正在整改")),
    }
    history = _history(
        ("2024-12-01", (("measures/m2.md", A),)),
        ("2024-12-20", (("measures/m2.md", B),)),
        ("2024-12-25", (("measures/m2.md", C),)),
        ("2025-01-05", (("measures/m2.md", D),)),
        blobs=blobs,
    )
    assert history.skipped == 1 and history.commits == 4
    assert _steps(history, "M2-1") == [
        (date(2024, 12, 1), "未开始"),
        (date(2024, 12, 20), "正在整改"),
        (date(2025, 1, 3), "已完成"),
    ]
    assert _steps(history, "M2-2") == [(date(2024, 12, 1), "未开始"), (date(2024, 12, 20), "正在整改")]
    assert history.by_id()["M2-1"].closed_day(date(2025, 1, 2)) is None
    assert history.by_id()["M2-1"].closed_day(date(2025, 1, 3)) == date(2025, 1, 3)
    assert status_history(history.by_id()["M2-1"]) == (
        "2024年12月1日 未开始 → 2024年12月20日 正在整改 → 2025年1月3日 已完成"
    )


def test_an_id_changed_with_the_same_task_keeps_its_history_a_removed_item_ends_and_a_renamed_file_changes_nothing():
    blobs = {
        A: _file(_item("M2-1", "示例任务甲", "未开始"), _item("M2-2", "示例任务乙", "未开始")),
        B: _file(_item("M2-3", "示例任务甲", "正在整改")),  # M2-1 renumbered, M2-2 removed
    }
    history = _history(
        ("2025-01-01", (("measures/m2.md", A),)),
        ("2025-02-01", (("measures/m2.md", B),)),
        ("2025-03-01", (("measures/m2.md", NULL), ("measures/m2-new.md", B))),  # the file renamed
        blobs=blobs,
    )
    assert _steps(history, "M2-3") == [(date(2025, 1, 1), "未开始"), (date(2025, 2, 1), "正在整改")]
    assert history.by_id()["M2-3"].former_ids == ("M2-1",)
    assert _steps(history, "M2-2") == [(date(2025, 1, 1), "未开始"), (date(2025, 2, 1), None)]
    assert [i.id for i in history.items_at(date(2025, 3, 31))] == ["M2-3"]
    assert status_history(history.by_id()["M2-2"]).endswith("2025年2月1日 已删除")


def test_commits_after_the_day_asked_for_are_not_read():
    blobs = {A: _file(_item("M2-1", "示例任务甲", "未开始")), B: _file(_item("M2-1", "示例任务甲", "正在整改"))}
    listed = [Commit(date(2025, 1, 1), (("measures/m2.md", A),)), Commit(date(2025, 2, 1), (("measures/m2.md", B),))]
    assert [c.day for c in timelines(listed, blobs, date(2025, 1, 31)).timelines[0].changes] == [date(2025, 1, 1)]


def test_months_end_on_their_last_day_and_the_current_one_today_across_a_year_end():
    assert months(date(2024, 11, 20), date(2025, 2, 10)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 10),
    ]


def _timeline(item_id: str, *steps: tuple[str, Item | None]) -> Timeline:
    return Timeline(item_id, tuple(Change(date.fromisoformat(day), item) for day, item in steps))


def test_the_trend_counts_each_month_and_the_section_names_this_months_closures():
    todo = Item("M2-1", "示例任务甲", "办公室", date(2025, 3, 31), status="未开始")
    doing = Item("M2-1", "示例任务甲", "办公室", date(2025, 3, 31), status="正在整改")
    done = Item("M2-1", "示例任务甲", "办公室", date(2025, 3, 31), status="已完成", closed_on=date(2025, 2, 3))
    late = Item("M2-2", "示例任务乙", "组织处", date(2025, 1, 31), status="未开始")
    history = History(
        (
            _timeline("M2-1", ("2024-12-05", todo), ("2025-01-10", doing), ("2025-02-03", done)),
            _timeline("M2-2", ("2024-12-05", late)),
        )
    )
    rows = [trend_row(month) for month in trend(history, date(2025, 2, 15))]
    assert rows == [
        ("2024年12月", "0", "0", "0", "2", "0", "0", "0%（0/2）"),
        ("2025年1月", "0", "1", "0", "1", "0", "0", "0%（0/2）"),
        ("2025年2月", "1", "0", "0", "1", "0", "1", "50%（1/2）"),
    ]
    assert closed_this_month([done, late], date(2025, 2, 15)) == [done]
    assert closed_this_month([done], date(2025, 3, 1)) == []
    assert due_soon([doing, late], date(2025, 3, 5)) == [doing]
    plan = Plan((Measure("measures/m2.md", "M2", "示例措施", ("P2",), (done, late)),), (), date(2025, 2, 15))
    section = progress_section(plan, history)
    assert "### 本月新销号（2025年2月）" in section and "<td>2025年2月3日</td>" in section
    assert "<td>组织处</td><td>2025年1月31日</td><td>15天</td>" in section


def test_without_history_the_section_says_why_in_one_sentence():
    plan = Plan((), (), date(2025, 2, 15))
    section = progress_section(plan, History(missing="本仓库是浅克隆（shallow clone），只有部分历史"))
    assert "本副本没有整改台账的修改记录，不显示整改进展；各事项的现状见上。" in section
    assert "<svg" not in section


ASSETS = SiteAssets(frozenset(), frozenset())
CHART = (
    '<svg class="progress-chart" viewBox="0 0 10 10" role="img" aria-labelledby="t" xmlns="http://www.w3.org/2000/svg">'
    '<title id="t">整改事项按月进展</title><desc id="d">示例</desc><g class="month"><rect class="done" x="1" y="1" '
    'width="2" height="2"><title>示例</title></rect><text class="rate" x="1" y="1">50%</text></g>'
    '<line class="axis" x1="0" y1="9" x2="10" y2="9"></line></svg>'
)
PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>示例</title></head><body><figure>{}</figure></body></html>'


def test_the_chart_passes_on_a_generated_page_only():
    page = PAGE.format(CHART)
    assert page_findings(page, "measures/ledger/", ASSETS, generated=True) == []
    refused = {finding.got for finding in page_findings(page, "notices/shili-a/", ASSETS)}
    assert {"<rect>", "<g>", "<desc>", "<line>", "<text>"} <= refused


def test_a_generated_page_still_refuses_script_and_handlers_in_svg():
    for bad in ('<rect onclick="alert(1)"></rect>', "<script>alert(1)</script>", '<text style="x" x="1">a</text>'):
        page = PAGE.format(CHART.replace("</svg>", bad + "</svg>"))
        assert page_findings(page, "measures/ledger/", ASSETS, generated=True) != [], bad


def test_a_long_history_widens_the_chart_instead_of_shrinking_its_words():
    todo = Item("M2-1", "示例任务甲", "办公室", date(2026, 3, 31), status="未开始")
    history = History((_timeline("M2-1", ("2024-01-05", todo)),))
    sizes = {}
    for today in (date(2024, 6, 1), date(2024, 12, 1), date(2025, 12, 1)):
        months = trend(history, today)
        svg = chart(months)
        sizes[len(months)] = svg[: svg.index(" viewBox")]
    assert sizes == {
        6: '<svg class="progress-chart"',
        12: '<svg class="progress-chart progress-chart--wide"',
        24: '<svg class="progress-chart progress-chart--widest"',
    }
