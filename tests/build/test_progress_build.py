"""整改进展 from a scratch git repository whose items move 未开始 → 正在整改 → 已完成 with `scripts/new.py status` at
chosen dates: the timeline, the ledger's chart and table, 本月新销号, the 整改进展情况 draft for several periods
(one with no change, one across a year end), repeatable bytes, and `make progress` as README writes it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from studysite.model.timeline import read_history
from studysite.office.progressreport import Period, figures, report_files, report_text
from support import command_project, mkdocs_build, soup

TODAY = "2025-02-20"
# Fictional items (示例任务), added and moved the way the office does it.
ADDED = (
    ("示例任务甲", "办公室", "2024-12-31"),  # M2-7: done on 2025-01-03
    ("示例任务乙", "组织处", "2025-01-31"),  # M2-8: done on 2025-02-10
    ("示例任务丙", "待定", "2025-03-15"),  # M2-9: due soon, no owner
    ("示例任务丁", "纪检组", "2025-01-15"),  # M2-10: overdue
)


def _run(project: Path, today: str, *argv: str) -> None:
    env = {**os.environ, "STUDYSITE_TODAY": today}
    result = subprocess.run(
        [sys.executable, "scripts/new.py", *argv], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _commit(project: Path, day: str, message: str) -> None:
    when = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = ["git", "-C", str(project), "-c", "user.name=示例", "-c", "user.email=shili@example.invalid"]
    subprocess.run(git + ["add", "-A"], check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = command_project(tmp_path_factory.mktemp("progress") / "project")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "2024-11-01", "初始")
    for task, owner, due in ADDED:
        _run(project, "2024-11-20", "item", "--measure", "M2", "--task", task, "--owner", owner, "--due", due)
    _commit(project, "2024-11-20", "添加事项")
    _run(project, "2024-12-10", "status", "M2-7", "--status", "正在整改")
    _commit(project, "2024-12-10", "M2-7 正在整改")
    done = ("--status", "已完成", "--closed-on", "2025-01-03", "--evidence", "示例局办公室工作记录")
    _run(project, "2025-01-05", "status", "M2-7", *done)
    _run(project, "2025-01-05", "status", "M2-8", "--status", "正在整改")
    _commit(project, "2025-01-05", "M2-7 已完成，M2-8 正在整改")  # one commit, two items
    _run(project, "2025-02-10", "status", "M2-8", "--status", "已完成", "--closed-on", "2025-02-10")
    _commit(project, "2025-02-10", "M2-8 已完成")
    return project


def _statuses(project: Path, item_id: str) -> list[tuple[date, str]]:
    timeline = read_history(project / "docs", date.fromisoformat(TODAY)).by_id()[item_id]
    return [(c.day, c.item.status if c.item else "") for c in timeline.changes]


def test_the_timeline_dates_each_status_by_its_commit_and_done_by_its_closing_day(project: Path):
    assert _statuses(project, "M2-7") == [
        (date(2024, 11, 20), "未开始"),
        (date(2024, 12, 10), "正在整改"),
        (date(2025, 1, 3), "已完成"),  # closed_on, not the commit's 2025-01-05
    ]
    assert _statuses(project, "M2-8") == [
        (date(2024, 11, 20), "未开始"),
        (date(2025, 1, 5), "正在整改"),
        (date(2025, 2, 10), "已完成"),
    ]


def test_the_ledger_shows_the_months_the_chart_and_this_months_closures(project: Path, tmp_path: Path):
    result = mkdocs_build(project, tmp_path / "site", env={"STUDYSITE_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "site/measures/ledger/index.html")
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select(".progress-table tbody tr")]
    # 月份, 已完成, 正在整改, 长期坚持, 未开始, 未填报, 逾期, 完成率 (three of the four new items have dates that
    # count; the report's own items have no due date yet)
    assert [row[0] for row in rows] == ["2024年11月", "2024年12月", "2025年1月", "2025年2月"]
    assert [row[1:3] + row[4:5] for row in rows] == [
        ["0", "0", "4"],
        ["0", "1", "3"],
        ["1", "1", "2"],
        ["2", "0", "2"],
    ]
    assert [row[6:] for row in rows] == [
        ["0", "0%（0/4）"],
        ["0", "0%（0/4）"],
        ["1", "25%（1/4）"],
        ["1", "50%（2/4）"],
    ]
    chart = page.select_one("svg.progress-chart")
    assert chart.select_one("title").get_text() == "整改事项按月进展"
    assert chart.select_one("desc").get_text().startswith("2024年11月至2025年2月")
    bars = [title.get_text() for title in chart.select("rect > title")]
    assert "2025年1月 已完成1项" in bars and "2025年2月 已完成2项" in bars
    assert [text.get_text() for text in chart.select("text.rate")] == ["0%", "0%", "25%", "50%"]
    closed = page.find(id="本月新销号2025年2月").find_next("table")
    assert [td.get_text() for td in closed.select("tbody td")] == ["M2-8", "示例任务乙", "组织处", "2025年2月10日"]
    soon = page.find(id="即将到期30天内").find_next("table")
    assert [td.get_text() for td in soon.select("tbody td")][:3] == ["M2-9", "示例任务丙", "待定"]
    late = page.find(id="逾期").find_next("table")
    assert [td.get_text() for td in late.select("tbody td")] == [
        "M2-10",
        "示例任务丁",
        "纪检组",
        "2025年1月15日",
        "36天",
    ]
    details = next(tr for tr in page.select("tr[data-status]") if tr.select_one(".ledger-id").get_text() == "M2-7")
    assert "2024年11月20日 未开始 → 2024年12月10日 正在整改 → 2025年1月3日 已完成" in details.get_text()


def _report(project: Path, start: str, end: str) -> list[str]:
    history = read_history(project / "docs", date.fromisoformat(end))
    sections = report_text(figures(history, Period(date.fromisoformat(start), date.fromisoformat(end))))
    return [line for heading, paragraphs, table in sections for line in (heading, *paragraphs)]


def test_a_period_across_the_year_end(project: Path):
    lines = _report(project, "2024-12-01", "2025-01-31")
    assert lines[1] == (
        "截至2025年1月31日，整改事项共31项：已完成1项、正在整改1项、长期坚持16项、未开始2项、未填报11项，"
        "完成率25%（1/4）；其中逾期1项、完成时限待定11项、责任部门待定27项。"
    )
    assert lines[2] == (
        "与2024年11月30日相比，已完成由0项变为1项，正在整改由0项变为1项，完成率由0%（0/4）变为25%（1/4）；本期销号1项。"
    )
    assert lines[4] == "本期销号1项。"
    assert lines[6] == "截至2025年1月31日逾期1项。"
    assert lines[8] == "下期（2025年2月1日至2025年3月31日）到期1项。"


def test_a_period_with_no_change_says_so_in_one_sentence(project: Path):
    lines = _report(project, "2025-02-11", "2025-02-19")
    assert lines[2] == "本期（2025年2月11日至2025年2月19日）各整改事项的状态、责任部门和完成时限均没有变化。"
    assert lines[4] == "本期没有销号的事项。"


def test_the_closed_items_of_a_period_with_their_day_and_evidence(project: Path):
    history = read_history(project / "docs", date(2025, 2, 20))
    found = figures(history, Period(date(2025, 1, 1), date(2025, 2, 20)))
    assert [(c.item.id, c.day, c.item.evidence) for c in found.closed] == [
        ("M2-7", date(2025, 1, 3), ("示例局办公室工作记录",)),
        ("M2-8", date(2025, 2, 10), ()),
    ]
    assert [i.id for i in found.overdue] == ["M2-10"]
    assert ("M2-9", "责任部门") in [(i.id, what) for i, what in found.undecided]


def test_make_progress_writes_word_and_pdf_with_the_same_bytes_each_time(project: Path):
    command = "make progress FROM=2025-01-01 TO=2025-03-31"  # as README writes it
    env = {**os.environ, "STUDYSITE_TODAY": "2025-04-01"}
    first = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "已生成2025年1月1日至2025年3月31日的整改进展情况" in first.stdout
    stem = project / "dist" / "整改进展情况-2025-01-01至2025-03-31"
    word, pdf = stem.with_suffix(".docx").read_bytes(), stem.with_suffix(".pdf").read_bytes()
    again = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True, text=True)
    assert again.returncode == 0
    assert (stem.with_suffix(".docx").read_bytes(), stem.with_suffix(".pdf").read_bytes()) == (word, pdf)
    history = read_history(project / "docs", date(2025, 3, 31))
    assert report_files(history, Period(date(2025, 1, 1), date(2025, 3, 31))) == (pdf, word)
    text = subprocess.run(["pdftotext", str(stem.with_suffix(".pdf")), "-"], capture_output=True, text=True).stdout
    assert "整改进展情况" in text and "示例任务甲" in text and "示例局办公室工作记录" in text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("FROM=2025-01-01", "缺少 TO：请写明统计期间的截止日期，如 make progress FROM=2025-01-01 TO=2025-03-31"),
        ("FROM=2025-02-30 TO=2025-01-31", "FROM 应为日期，如 2025-03-31，实为 “2025-02-30”（没有这一天）"),
        ("FROM=2025-02-01 TO=2025-01-31", "FROM（2025年2月1日）应不晚于 TO（2025年1月31日）"),
        (
            "FROM=2025-01-01 TO='$(touch x)'",
            "TO 应为日期，如 2025-03-31，实为 “$(touch x)”（日期格式应为 年-月-日，月和日各两位）",
        ),
    ],
)
def test_bad_dates_get_a_chinese_message_and_no_traceback(project: Path, arguments: str, message: str):
    env = {**os.environ, "STUDYSITE_TODAY": TODAY}
    result = subprocess.run(
        f"make progress {arguments}", shell=True, cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert message in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and not (project / "x").exists()


def test_without_history_the_build_says_so_in_one_line_and_the_command_writes_nothing(tmp_path: Path):
    project = command_project(tmp_path / "project")  # a tarball: no .git
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "整改进展" in line]
    assert said == ["INFO    -  整改进展：本目录不在 git 仓库中（如从压缩包解出），台账不显示进展。"]
    page = soup(tmp_path / "site/measures/ledger/index.html")
    assert page.select_one("svg.progress-chart") is None
    assert "本副本没有整改台账的修改记录，不显示整改进展；各事项的现状见上。" in page.get_text()
    command = subprocess.run(
        "make progress FROM=2025-01-01 TO=2025-01-31", shell=True, cwd=project, capture_output=True, text=True
    )
    assert command.returncode != 0
    assert "无法生成整改进展情况：本目录不在 git 仓库中（如从压缩包解出）" in command.stderr
    assert not (project / "dist").exists()


def _git(repo: Path, day: str, *argv: str) -> None:
    when = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = ["git", "-C", str(repo), "-c", "user.name=示例", "-c", "user.email=shili@example.invalid"]
    subprocess.run(git + list(argv), check=True, env=env, capture_output=True)


def test_a_merged_branch_counts_on_the_day_it_was_merged_and_a_shallow_clone_has_no_history(
    project: Path, tmp_path: Path
):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(project), str(repo)], check=True)
    _git(repo, "2025-02-12", "checkout", "-q", "-b", "示例分支")
    _run(repo, "2025-02-12", "status", "M2-9", "--status", "正在整改")
    _git(repo, "2025-02-12", "commit", "-qam", "M2-9 正在整改")
    _git(repo, "2025-02-14", "checkout", "-q", "-")
    _git(repo, "2025-02-14", "merge", "-q", "--no-ff", "-m", "合并", "示例分支")
    assert _statuses(repo, "M2-9") == [(date(2024, 11, 20), "未开始"), (date(2025, 2, 14), "正在整改")]
    # A measure file renamed to a Chinese name (git quotes such names unless told not to) keeps its items' history.
    _git(repo, "2025-02-16", "mv", "docs/measures/m2.md", "docs/measures/措施二（示例）.md")
    _git(repo, "2025-02-16", "commit", "-qm", "改名")
    _run(repo, "2025-02-18", "status", "M2-9", "--status", "已完成", "--closed-on", "2025-02-18")
    _git(repo, "2025-02-18", "commit", "-qam", "M2-9 已完成")
    assert _statuses(repo, "M2-9")[-1] == (date(2025, 2, 18), "已完成")
    # A version larger than a page may be is not read (it would parse: its front matter is sound).
    skipped = read_history(repo / "docs", date(2025, 2, 20)).skipped
    renamed = repo / "docs/measures/措施二（示例）.md"
    text = renamed.read_text(encoding="utf-8")
    renamed.write_text(text + "\n" + "示" * 100_000 + "\n", encoding="utf-8")
    _git(repo, "2025-02-19", "commit", "-qam", "过大的版本")
    renamed.write_text(text, encoding="utf-8")
    _git(repo, "2025-02-19", "commit", "-qam", "恢复")
    assert read_history(repo / "docs", date(2025, 2, 20)).skipped == skipped + 1
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True)
    history = read_history(shallow / "docs", date(2025, 2, 20))
    assert history.missing == "本仓库是浅克隆（shallow clone），只有部分历史" and history.timelines == ()


def test_the_benchmark_makes_its_repository_and_times_the_pass():
    from support import REPO

    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/progress_bench.py"), "--commits", "12", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    measured = json.loads(result.stdout)
    assert measured["commits"] == 12 and measured["changes"] >= 12 and measured["seconds"] < 2
