"""The report's text: corrected periods and the parts the site's ids stand for."""

from __future__ import annotations

from studysite.model.meeting_report import correct_periods, parse_report
from support import SOURCE_REPORT

SOURCE = SOURCE_REPORT.read_text(encoding="utf-8")


def test_the_four_slip_periods_are_corrected_and_nothing_else_changes():
    corrected, offsets = correct_periods(SOURCE)
    assert len(offsets) == 4
    assert [SOURCE[o] for o in offsets] == ["."] * 4
    assert [corrected[o - 2 : o + 3] for o in offsets] == ["活会。市委", "指示。现将", "正向。(3", "质量。用好"]
    assert corrected.replace("。", ".") == SOURCE.replace("。", ".")


def test_decimals_and_list_markers_keep_their_period():
    assert correct_periods("完成率98.5%，1.加强学习") == ("完成率98.5%，1.加强学习", [])


def test_the_report_has_four_parts_five_problems_five_measures_four_tasks():
    report = parse_report(SOURCE)
    assert report.title == "局党委专题民主生活会召开情况汇报"
    assert [part.heading for part in report.parts] == [
        "一、专题民主生活会的基本情况",
        "二、对正风肃纪反腐的认识和反思",
        "三、党委常委分析检查情况",
        "四、进一步加强班子建设的措施打算",
    ]
    assert [(p.id, p.heading) for p in report.problems] == [
        ("P1", "使命担当责任担当不够"),
        ("P2", "在选人用人上把关不严"),
        ("P3", "守纪律讲规矩抓得不严不实"),
        ("P4", "党内生活原则性不强"),
        ("P5", "求真务实的政绩观树得不够牢"),
    ]
    assert [(m.id, m.heading) for m in report.measures] == [
        ("M1", "坚决听从党中央和习近平总书记指挥"),
        ("M2", "坚持公道正派选人用人"),
        ("M3", "真严实严教育管理党员领导干部"),
        ("M4", "浓厚党内生活原则空气"),
        ("M5", "严守廉洁自律各项规定"),
    ]
    assert [t.id for t in report.tasks] == ["T1", "T2", "T3", "T4"]
    assert report.tasks[2].text.startswith("(3)突出对党的忠诚度抓好干部德的考核，")
    assert report.tasks[1].text.endswith("纠偏正向。")
