"""The front-matter contract of speeches and notices: every mistake named, all in one run."""

from __future__ import annotations

from datetime import date

from compilation_fixtures import BAD, GOOD, TOPICS, entry_files
from studysite.core.problems import stop_message
from studysite.core.sources import Source
from studysite.model.entries import Notice, Review, SourceRef, Speech, load_catalogue

BAD_REPORT = """发现 15 处问题，构建已停止：
docs/notices/broken-yaml.md:3: 文件头: 应为 合法的 YAML（键: 值，每行一项），实为 “title: 示例：冒号后缺空格的标题: 又一个冒号”（文字中含有英文冒号加空格（: ），请用英文引号把整段文字括起来；YAML 报错：mapping values are not allowed here）
docs/notices/dup-b.md:4: doc_type 文种: 应为 15 种法定文种之一：决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要，实为 “公函”
docs/notices/dup-b.md:6: date 日期: 应为 日期，如 2025-03-12，实为 “2025-02-30”（没有这一天）
docs/notices/dup-b.md:7: classification 密级: 应为 非密、公开、内部 之一，实为 “机密★5年”（涉密文件不得上网，不能收入本站）
docs/notices/dup-b.md:8: doc_number 文号: 应为 每份公文唯一的文号，实为 “示办发〔2025〕3号”（与 docs/notices/dup-a.md:8 重复）
docs/notices/dup-b.md:9: topics[1] 专题: 应为 专题目录中的专题：理想信念、选人用人、政治纪律政治规矩、廉洁自律、党内政治生活、作风建设、警示教育，实为 “反腐倡廉”（专题目录在 mkdocs.yml 的 extra.topics）
docs/notices/x.md:6: doc_number 文号: 应为 机关代字〔四位年份〕序号号，实为 “示发[2025]07号”（方括号应为六角括号〔〕；序号不编虚位）
docs/notices/x.md:7: date 日期: 应为 日期，如 2025-03-12，实为 “2025-3-12”（日期格式应为 年-月-日，月和日各两位）
docs/speeches/missing.md:1: speaker 讲话人: 应为 讲话人姓名（一人写文字，多人写列表），实为 “（未填写）”
docs/speeches/missing.md:4: date 日期: 应为 日期，如 2025-03-12，实为 “2025/3/12”（日期格式应为 年-月-日，月和日各两位）
docs/speeches/shapes.md:2: type 类型: 应为 speech（讲话，放在 docs/speeches/） 或 notice（通报通知，放在 docs/notices/），实为 “sppech”
docs/speeches/shapes.md:4: speaker 讲话人: 应为 讲话人姓名（一人写文字，多人写列表），实为 “{name: 示例甲}”
docs/speeches/shapes.md:7: order 汇编顺序: 应为 正整数，如 3，实为 “第三”
docs/speeches/shapes.md:8: speker 未知字段: 应为 讲话可用的字段：type、title、speaker、date、occasion、genre、excerpt、sources、topics、order、hide、search、description，实为 “speker”
docs/speeches/shapes.md:9: sources 出处: 应为 出处列表，每项含 publisher 和 date，或 year+issue，或 volume+page，实为 “示例日报”（如 sources: [{publisher: 示例日报, date: 2025-03-13}]；期刊写 year 和 issue，书写 volume 和 page）"""


def test_every_fault_of_every_bad_file_is_reported_in_one_run():
    catalogue, problems = load_catalogue(entry_files(BAD), TOPICS)
    assert stop_message(problems) == BAD_REPORT
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
