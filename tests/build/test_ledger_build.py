"""Checklists, the ledger (page and CSV) and the problem map in real strict builds; bad measures stop the build."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from support import copy_project, mkdocs_build, soup
from support.measures import BAD_MEASURES_REPORT, FIXTURES, PLAN, site_with_m9


@pytest.fixture(scope="module")
def measures_site(tmp_path_factory) -> Path:
    return site_with_m9(tmp_path_factory.mktemp("measures"))


def test_measure_page_shows_checkboxes_overdue_and_progress(measures_site: Path):
    page = soup(measures_site / "measures/m9/index.html")
    boxes = page.select("article li.task-list-item input[type=checkbox]")
    assert [box.has_attr("checked") for box in boxes] == [True, False, False, False, False]
    # A screen reader hears the item and its state, not a bare "checkbox".
    assert [box["aria-label"] for box in boxes] == [
        "M9-1 制定示例学习制度：已完成",
        "M9-2 开展示例专题学习：正在整改（逾期）",
        "M9-3 建立示例学习台账：未开始",
        "M9-4 每季度通报示例学习情况：长期坚持",
        "M9-5 示例事项（时限待定）：未填报",
    ]
    assert page.select_one(".admonition.info p:not(.admonition-title)").get_text(strip=True) == (
        "已完成1项、正在整改1项、长期坚持1项、未开始1项、未填报1项，完成率33.3%（1/3）；"
        "其中逾期1项、完成时限待定1项、责任部门待定1项。逾期按2025年7月1日计算。完成率 = 有完成时限的事项中已完成的项数 ÷ 有完成时限的项数"
        "（时限待定和长期坚持的事项不计入）；没有确定完成时限的事项时，完成率记为“—”。"
    )
    assert [span.get_text() for span in page.select("article .overdue")] == ["正在整改（逾期）"]
    assert page.select_one("a[href='../../report/problems/#P1']").get_text() == "P1 使命担当责任担当不够"


def test_ledger_page_and_csv_agree(measures_site: Path):
    page = soup(measures_site / "measures/ledger/index.html")
    table = page.select_one(".ledger table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["事项", "任务", "责任部门", "时限与状态"]
    text = (measures_site / "measures/ledger.csv").read_text(encoding="utf-8-sig")
    records = list(csv.reader(io.StringIO(text)))[1:]
    shown = []
    for tr in table.select("tbody tr"):
        cells = tr.select("td")
        labels, values = [dt.get_text() for dt in tr.select("dt")], [dd.get_text() for dd in tr.select("dd")]
        details = dict(zip(labels, values, strict=True))
        shown.append(
            [
                cells[0].get_text(),
                cells[1].select_one(".ledger-task").get_text(),
                cells[2].get_text(),
                cells[3].select_one(".ledger-due").get_text(),
                tr["data-status"] + ("（逾期）" if tr["data-overdue"] == "1" else ""),
                details["针对问题"],
                details["所属措施"],
                details["责任领导"],
                details.get("佐证材料", ""),
                details.get("销号日期", ""),
                "是" if tr["data-overdue"] == "1" else "否",
            ]
        )
        assert tr["data-owner"] == cells[2].get_text()
        assert [td["data-label"] for td in cells] == ["事项", "任务", "责任部门", "时限与状态"], (
            "labels for phone cards"
        )
    # The CSV spells problems as ids (P1、P2) where the page names them with their titles.
    expected = [
        [r[3].split(" ")[0], r[3].split(" ", 1)[1], r[5], r[6], r[7], r[1], r[2], r[4], r[8], r[9], r[10]]
        for r in records
    ]
    assert [row[:5] + row[6:] for row in shown] == [row[:5] + row[6:] for row in expected]
    assert shown[0][5] == "P1 使命担当责任担当不够、P2 在选人用人上把关不严" and expected[0][5] == "P1、P2"
    assert table.select_one("tbody tr .overdue").get_text() == "正在整改（逾期）"
    totals = page.select("article table")[0].select("tbody tr")[-1]
    assert [td.get_text(strip=True) for td in totals.select("td")] == [
        "合计",
        "32",
        "33.3%（1/3）",
        "已完成1项、正在整改1项、长期坚持17项、未开始1项、未填报12项；其中逾期1项、完成时限待定12项、责任部门待定27项",
    ]
    assert page.select_one("a[href='../ledger.csv']") is not None


def test_problem_list_and_map_name_the_answering_measures(measures_site: Path):
    mapping = soup(measures_site / "measures/mapping/index.html")
    rows = {
        tr.select("td")[0].get_text(strip=True): tr.select("td")[1].get_text(" ", strip=True)
        for tr in mapping.select("tbody tr")
    }
    assert (
        rows["P5 求真务实的政绩观树得不够牢"] == "M1 坚决听从党中央和习近平总书记指挥 M3 真严实严教育管理党员领导干部"
    )
    problems = soup(measures_site / "report/problems/index.html")
    texts = [p.get_text(strip=True) for p in problems.select("article p") if p.get_text().startswith("对应措施")]
    assert (
        texts[1]
        == "对应措施：M2 坚持公道正派选人用人、M9 示例措施：健全示例局学习制度、T3 突出对党的忠诚度抓好干部德的考核"
    )
    assert len(texts) == 5


def test_progress_per_problem_counts_the_items_of_its_measures_as_the_ledger_does(measures_site: Path):
    from studysite.render.ledger import problem_progress

    problems = soup(measures_site / "report/problems/index.html")
    lines = [p.get_text(strip=True) for p in problems.select("article p") if p.get_text().startswith("整改进度")]
    # P2 is answered by M2, M9 and T3: M9's five items carry every state; M2 and T3 have none with a due date.
    p2 = problem_progress(PLAN, "P2")
    assert lines[1] == f"整改进度：{p2.summary()}。"
    assert p2.rate == "33.3%" and p2.total == sum(len(m.items) for m in PLAN.measures_for("P2"))
    # A problem whose items have no due date shows 完成率 as “—”, the same way the ledger does.
    p1 = problem_progress(PLAN, "P1")
    note = next(p.get_text(strip=True) for p in problems.select("article p") if "完成率 =" in p.get_text())
    assert "没有确定完成时限的事项时，完成率记为“—”" in note
    article = problems.select_one("article").get_text()
    assert article.index(note) < article.index("P1 使命担当责任担当不够"), "said once, before the problems"
    mapping = soup(measures_site / "measures/mapping/index.html")
    rows = {
        tr.select("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in mapping.select("tbody tr")
    }
    assert [th.get_text(strip=True) for th in mapping.select("thead th")] == ["问题", "对应措施", "完成率", "整改进度"]
    assert rows["P2 在选人用人上把关不严"][2] == "33.3%（1/3）"
    assert rows["P2 在选人用人上把关不严"][3].startswith("已完成1项、正在整改1项、")
    assert rows["P1 使命担当责任担当不够"][2].startswith(p1.rate)
    assert "完成率 = 有完成时限的事项中已完成的项数" in mapping.select_one("article").get_text()
    assert "problem_refs" not in mapping.get_text()


def test_bad_measures_stop_the_build_with_every_problem(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(FIXTURES / "bad-measures/m8.md", project / "docs/measures/m8.md")
    result = mkdocs_build(project, tmp_path / "site", env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 1
    # With the repo's own measures present every problem is answered: only m8.md's faults remain.
    expected = [line for line in BAD_MEASURES_REPORT.splitlines()[1:] if line.startswith("docs/measures/m8.md")]
    assert f"ERROR   -  发现 {len(expected)} 处问题，构建已停止：\n" + "\n".join(expected) + "\n" in result.stderr
