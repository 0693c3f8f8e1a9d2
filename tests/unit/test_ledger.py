"""Checklists and the ledger (rows and CSV) as rendered Markdown, from the fictional plan."""

from __future__ import annotations

import csv
import io

from studysite.render.ledger import checklist, ledger_csv, ledger_rows
from support.measures import (
    M9,
    PLAN,
)


def test_checklist_marks_done_items_and_overdue_ones():
    text = checklist(M9, PLAN)
    lines = [line for line in text.splitlines() if line.startswith("- [")]
    assert lines == [
        "- [x] **M9-1** 制定示例学习制度  ",
        "- [ ] **M9-2** 开展示例专题学习  ",
        "- [ ] **M9-3** 建立示例学习台账  ",
        "- [ ] **M9-4** 每季度通报示例学习情况  ",
        "- [ ] **M9-5** 示例事项（时限待定）  ",
    ]
    assert (
        "  责任部门：示例局组织处 · 完成时限：2025年6月30日 · "
        '状态：<span class="task-state"><span class="overdue">正在整改（逾期）</span></span>' in text
    )
    assert (
        "  责任部门：示例局办公室 · 完成时限：2025年3月31日 · "
        '状态：<span class="task-state">已完成</span> · 佐证材料：示办发〔2025〕2号 · 销号日期：2025年3月28日' in text
    )
    assert "完成时限：长期坚持（每季度检查）" in text
    assert (
        "针对问题：[P1 使命担当责任担当不够](<../report/problems.md#P1>)、[P2 在选人用人上把关不严](<../report/problems.md#P2>)"
        in text
    )


def test_ledger_rows_put_overdue_items_first_and_number_them():
    rows = ledger_rows(PLAN)
    assert (rows[0].number, rows[0].item.id, rows[0].status_text()) == (1, "M9-2", "正在整改（逾期）")
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    assert rows[1].item.id == "M1-1", "the rest keep measure order"


def test_csv_has_a_bom_and_one_row_per_item():
    text = ledger_csv(PLAN)
    assert text.startswith("\ufeff序号,问题,措施,任务,责任领导,责任部门,完成时限,状态,佐证材料,销号日期,是否逾期\r\n")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(records) == 1 + sum(len(m.items) for m in PLAN.measures)
    assert records[1] == [
        "1", "P1、P2", "M9 示例措施：健全示例局学习制度", "M9-2 开展示例专题学习", "示例局党委书记",
        "示例局组织处", "2025年6月30日", "正在整改（逾期）", "", "", "是",
    ]  # fmt: skip
