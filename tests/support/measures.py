"""The measures as the build reads them: the repo's own, the fictional M9 (fixtures/measures), the problem list,
a fixed reference date, the plan they make, and the report a build of the bad fixtures gives."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from studysite.core.sources import Source
from studysite.model.measures import load_plan
from support import FIXTURES, REPO, copy_project, mkdocs_build
from support.corpus import sources_in

PROBLEMS_MARKDOWN = (REPO / "docs/report/problems.md").read_text(encoding="utf-8")
JULY_FIRST = date(2025, 7, 1)


PROBLEM_LIST = Source("report/problems.md", PROBLEMS_MARKDOWN)


def measure_files(folder: Path) -> list[Source]:
    return sources_in(folder, "measures/")


def repo_measures() -> list[Source]:
    return [source for source in measure_files(REPO / "docs/measures") if not source.src_uri.endswith("index.md")]


BAD_MEASURES_REPORT = """发现 11 处问题，构建已停止：
docs/measures/m8.md:5: problem_refs 对应问题: 应为 问题清单中的编号：P1、P2、P3、P4、P5，实为 “P9”
docs/measures/m8.md:10: M8-1.status 状态: 应为 未开始、正在整改、已完成、长期坚持 之一，实为 “完成”
docs/measures/m8.md:13: M8-2.due 完成时限: 应为 日期，如 2025-06-30，或 待定，实为 “6月底”（日期格式应为 年-月-日，月和日各两位）
docs/measures/m8.md:15: M8-1.id 编号: 应为 唯一的编号，实为 “M8-1”（与 docs/measures/m8.md:7 重复）
docs/measures/m8.md:18: M8-4.closed_on 销号日期: 应为 已完成事项的销号日期，如 2025-06-30，实为 “（未填写）”
docs/measures/m8.md:26: M8-5.closed_on 销号日期: 应为 不晚于 2025年7月1日 的日期，实为 “2025-08-01”（销号日期不能在今天之后）
docs/measures/m8.md:27: M8-6.due 完成时限: 应为 完成日期（如 2025-06-30，未明确写 待定），或写 kind: 长期坚持，实为 “（未填写）”
docs/report/problems.md:11: P1 问题: 应为 至少一项措施的 problem_refs 含 P1，实为 “没有措施对应”
docs/report/problems.md:19: P3 问题: 应为 至少一项措施的 problem_refs 含 P3，实为 “没有措施对应”
docs/report/problems.md:23: P4 问题: 应为 至少一项措施的 problem_refs 含 P4，实为 “没有措施对应”
docs/report/problems.md:27: P5 问题: 应为 至少一项措施的 problem_refs 含 P5，实为 “没有措施对应”"""
PLAN, _ = load_plan([*measure_files(FIXTURES / "measures"), *repo_measures(), PROBLEM_LIST], JULY_FIRST)
M9 = next(m for m in PLAN.measures if m.id == "M9")


def site_with_m9(folder: Path) -> Path:
    """The repo with the fictional M9 added, built into folder/site on 2025-07-01 (its dates fall due then)."""
    project = copy_project(folder / "project")
    shutil.copy2(FIXTURES / "measures/m9.md", project / "docs/measures/m9.md")
    site = folder / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site
