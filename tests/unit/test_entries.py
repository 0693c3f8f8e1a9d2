"""The front-matter contract of speeches and notices: every mistake named, all in one run."""

from __future__ import annotations

from datetime import date

from studysite.core.problems import stop_message
from studysite.core.sources import Source
from studysite.model.entries import Notice, Review, SourceRef, Speech, load_catalogue
from support.corpus import BAD, BAD_ENTRIES_REPORT, GOOD, TOPICS, entry_files


def test_every_fault_of_every_bad_file_is_reported_in_one_run():
    catalogue, problems = load_catalogue(entry_files(BAD), TOPICS)
    assert stop_message(problems) == BAD_ENTRIES_REPORT
    # dup-a.md is valid on its own: the duplicate is reported at the later file, which names it
    assert [entry.src_uri for entry in catalogue.entries] == ["notices/dup-a.md"]


def test_the_good_fixtures_parse_into_entries():
    catalogue, problems = load_catalogue(entry_files(GOOD), TOPICS)
    assert problems == []
    assert [s.title for s in catalogue.speeches] == [
        "示例廉洁自律讲话摘编",
        "在示例局理论学习中心组学习会上的讲话",
        "关于示例选人用人工作的讲话",
    ]
    first = catalogue.speeches[1]
    assert first == Speech(
        src_uri="speeches/2025-03-12-shili-jiaqiang-xuexi.md",
        title="在示例局理论学习中心组学习会上的讲话",
        speakers=("示例甲",),
        date=date(2025, 3, 12),
        occasion="示例局理论学习中心组学习会",
        genre="讲话",
        excerpt="全文",
        sources=(SourceRef("示例日报", date=date(2025, 3, 13)),),
        topics=("理想信念", "作风建设"),
        order=1,
    )
    assert catalogue.speeches[2].speakers == ("示例乙", "示例甲")
    assert catalogue.notices[0] == Notice(
        src_uri="notices/shili-tongbao-2025-7.md",
        title="关于示例违纪问题的通报",
        doc_type="通报",
        issuers=("示例局纪委",),
        date=date(2025, 4, 1),
        classification="内部",
        doc_number="示纪发〔2025〕7号",
        recipients=("示例局各处室", "示例局各一线窗口"),
        review=Review("示例局办公室", date(2025, 4, 2)),
        topics=("警示教育",),
        order=2,
    )


def test_a_speech_in_the_notices_folder_is_told_where_it_belongs():
    text = "---\ntype: speech\ntitle: 示例\nspeaker: 示例甲\ndate: 2025-01-01\n---\n"
    _, problems = load_catalogue([Source("notices/a.md", text)], TOPICS)
    assert str(problems[0]) == (
        "docs/notices/a.md:2: type 类型: 应为 notice（通报通知，放在 docs/notices/），实为 “speech”（本文件在 docs/notices/）"
    )


def test_a_file_without_front_matter_is_missing_every_required_field():
    _, problems = load_catalogue([Source("speeches/a.md", "# 示例\n")], TOPICS)
    assert [str(p) for p in problems] == [
        "docs/speeches/a.md:1: type 类型: 应为 speech（讲话，放在 docs/speeches/），实为 “（未填写）”",
        "docs/speeches/a.md:1: title 标题: 应为 讲话标题，实为 “（未填写）”",
        "docs/speeches/a.md:1: speaker 讲话人: 应为 讲话人姓名（一人写文字，多人写列表），实为 “（未填写）”",
        "docs/speeches/a.md:1: date 日期: 应为 日期，如 2025-03-12，实为 “（未填写）”",
    ]


def test_occasion_takes_no_book_title_marks_and_a_level_alone_is_refused():
    speech = "---\ntype: speech\ntitle: 示例\nspeaker: 示例甲\ndate: 2025-01-01\noccasion: 《示例会议》\n---\n"
    _, problems = load_catalogue([Source("speeches/a.md", speech)], TOPICS)
    assert [str(p) for p in problems] == [
        "docs/speeches/a.md:6: occasion 场合: 应为 场合（会议名称不加书名号），实为 “《示例会议》”"
    ]
    notice = (
        "---\ntype: notice\ntitle: 示例\ndoc_type: 通知\nissuer: 示例局\ndate: 2025-01-01\nclassification: 秘密\n---\n"
    )
    _, problems = load_catalogue([Source("notices/a.md", notice)], TOPICS)
    assert [str(p) for p in problems] == [
        "docs/notices/a.md:7: classification 密级: 应为 非密、公开、内部 之一，实为 “秘密”（涉密文件不得上网，不能收入本站）"
    ]


def test_lists_typed_in_one_line_are_split_as_clerks_type_them():
    speech = "---\ntype: speech\ntitle: 示例\nspeaker: 示例甲，示例乙、示例丙 示例丁\ndate: 2025-01-01\n---\n"
    catalogue, problems = load_catalogue([Source("speeches/a.md", speech)], TOPICS)
    assert problems == [] and catalogue.speeches[0].speakers == ("示例甲", "示例乙", "示例丙", "示例丁")
    notice = (
        "---\ntype: notice\ntitle: 示例\ndoc_type: 通知\nissuer: [示例局，示例局办公室]\ndate: 2025-01-01\n"
        "classification: 公开\nattachments: 示例议程（草案，供讨论）；示例名单\ntopics: 理想信念、警示教育\n---\n"
    )
    catalogue, problems = load_catalogue([Source("notices/a.md", notice)], TOPICS)
    assert problems == []
    [entry] = catalogue.notices
    assert entry.issuers == ("示例局", "示例局办公室") and entry.topics == ("理想信念", "警示教育")
    assert entry.attachments == ("示例议程（草案，供讨论）", "示例名单"), "titles keep their commas"


def test_a_date_after_today_is_a_typing_slip():
    speech = "---\ntype: speech\ntitle: 示例\nspeaker: 示例甲\ndate: 2052-03-12\n---\n\n正文。\n"
    _, problems = load_catalogue([Source("speeches/a.md", speech)], TOPICS, date(2026, 11, 30))
    assert [str(p) for p in problems] == [
        "docs/speeches/a.md:5: date 日期: 应为 不晚于今天（2026年11月30日）的日期，实为 “2052-03-12”"
        "（讲话和公文的日期不会在今天之后，请对照原件核对）"
    ]
