"""Print layout shared by the PDF and the Word packs: balanced title lines and table columns from content."""

from __future__ import annotations

import pytest

from studysite.office.layout import (
    BLOCK_HEIGHT_MM,
    BLOCK_WIDTH_MM,
    TABLE_PT,
    balanced_lines,
    column_widths,
    spaced_runs,
    spaced_width,
    text_width,
)
from studysite.render.ledger import LEDGER_COLUMNS, ledger_rows
from support.measures import PLAN


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("党委机关专题教育整顿学习资料汇编", ["党委机关专题教育整顿学习资料汇编"]),
        # 21 characters: 20 and 1 is what a browser does; near-halves, broken between words (专题|教育, not
        # 专题教|育), are what a 公文 title looks like.
        ("关于示例局开展专题教育整顿工作情况的通报", ["关于示例局开展专题", "教育整顿工作情况的通报"]),
        # A pause near the middle wins; 、 never starts a line.
        ("围绕在政治上思想上拨乱反正、廓清是非开展讨论辨析", ["围绕在政治上思想上拨乱反正、", "廓清是非开展讨论辨析"]),
        # An opening bracket starts a line rather than ending one; the number stays whole.
        (
            "关于示例局开展专题教育整顿工作（第二阶段）情况的通报",
            ["关于示例局开展专题教育整顿工作", "（第二阶段）情况的通报"],
        ),
        ("示例局2025年度第12345678次专题学习会议纪要汇编", ["示例局2025年度第12345678", "次专题学习会议纪要汇编"]),
    ],
)
def test_titles_break_into_even_lines(title: str, lines: list[str]):
    assert balanced_lines(title) == lines
    assert all(text_width(line) <= 19.5 for line in lines)


def test_a_long_title_takes_three_even_lines_and_never_strands_a_character():
    title = "关于进一步加强和改进示例局机关党的建设工作切实提高机关党建工作质量和水平的实施意见的通知"
    lines = balanced_lines(title)
    assert "".join(lines) == title and len(lines) == 3
    assert max(map(len, lines)) - min(map(len, lines)) <= 2


def test_the_ledger_is_wide_and_no_column_stacks_its_short_cells():
    rows = [LEDGER_COLUMNS, *(row.cells() for row in ledger_rows(PLAN))]
    columns = column_widths(rows)
    assert columns.wide, "ten columns do not fit 156 mm at 5号 without stacking"
    assert abs(sum(columns.fractions) - 1) < 1e-9
    em = BLOCK_HEIGHT_MM / 25.4 * 72 / TABLE_PT  # the landscape block in characters of table text
    widths = [fraction * em for fraction in columns.fractions]
    for index, name in enumerate(LEDGER_COLUMNS):
        assert widths[index] >= min(text_width(name), 4), name
    # with the quarter em the print sets around its digits (1.15 em more than the bare characters)
    assert widths[LEDGER_COLUMNS.index("完成时限")] >= spaced_width("2025年6月30日") > 7.6, "a date never wraps"
    task = LEDGER_COLUMNS.index("任务")
    dates = {LEDGER_COLUMNS.index(name) for name in ("完成时限", "销号日期")}
    others = [width for index, width in enumerate(widths) if index not in dates]
    assert widths[task] == max(others), "the long text takes what is left after the dates"


def test_a_narrow_table_stays_upright_and_shares_by_content():
    rows = [("标题", "日期"), ("关于示例违纪问题的通报", "2025年3月12日"), ("示例讲话", "2024年11月2日")]
    columns = column_widths(rows)
    assert not columns.wide
    assert columns.fractions[0] > columns.fractions[1]
    em = BLOCK_WIDTH_MM / 25.4 * 72 / TABLE_PT
    assert columns.fractions[1] * em >= text_width("2024年11月2日")


def test_latin_and_digit_runs_that_touch_chinese_are_spaced_as_word_spaces_them():
    """Word and LibreOffice set a quarter em between a Han character and a digit or Latin letter; the PDF marks
    the same runs (pack.css spaces them), and punctuation or a space beside a run takes none."""
    assert spaced_runs("已完成0项，P3 守（2025）") == [
        ("已完成", False, False),
        ("0", True, True),
        ("项，P3 守（2025）", False, False),
    ]
    assert spaced_runs("逾期按2026年12月7日") == [
        ("逾期按", False, False),
        ("2026", True, True),
        ("年", False, False),
        ("12", True, True),
        ("月", False, False),
        ("7", True, True),
        ("日", False, False),
    ]
    from studysite.office.printing import for_paper

    # Runs are found within one text: a tag between a run and its neighbour hides the neighbour.
    html = '<p>共<span class="sp-b sp-a">5</span>个，<b>M1-1</b> 按<i>照</i>x</p>'
    assert for_paper("<p>共5个，<b>M1-1</b> 按<i>照</i>x</p>") == html
