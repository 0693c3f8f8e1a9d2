"""The layouts of GB/T 9704 beside the plain 文件格式, recognised on block lists: 联合行文, 纪要, 命令, 决议/公报,
版头 and 版记 in tables, lists in brackets, a speech dated above its title; PDF lines joined by layout."""

from __future__ import annotations

import pytest

from studysite.importer import pdfread
from studysite.importer.document import CENTER, RIGHT, Block, Document
from studysite.importer.elements import arabic_order_number, names
from studysite.importer.gongwen import NOTICE, SPEECH, recognise
from studysite.importer.markdownbody import body_markdown

B = Block
HEAD_RULE = B(rule=True, red=True)
TEXT = B("各地各单位要结合实际制定学习计划。", size=16)


def test_a_list_is_never_split_inside_brackets():
    assert names("各县（市、区）党委和人民政府，市直各单位：") == ["各县（市、区）党委和人民政府", "市直各单位"]
    assert names("示例局(一处、二处)、示例局办公室。") == ["示例局(一处、二处)", "示例局办公室"]
    assert names("各处室、各一线窗口") == ["各处室", "各一线窗口"]


def _joint(head: tuple[Block, ...], signatures: tuple[Block, ...]) -> tuple[Block, ...]:
    return (
        *head,
        B("示委办发〔2025〕12号", align=CENTER, size=16),
        HEAD_RULE,
        B("中共示例市委办公室 示例市人民政府办公室", align=CENTER, size=22),
        B("关于做好示例学习工作的通知", align=CENTER, size=22),
        B("各县（市、区）党委和人民政府：", size=16),
        TEXT,
        TEXT,
        TEXT,
        *signatures,
        B("2025年4月8日", align=RIGHT, size=16),
    )


def test_joint_issuers_are_a_list_in_the_order_of_the_head_and_the_title_keeps_them_apart():
    paragraphs = tuple(
        B(name, align=CENTER, size=30, red=True) for name in ("中共示例市委办公室", "示例市人民政府办公室")
    )
    table = (B(rows=(("中共示例市委办公室", "文件"), ("示例市人民政府办公室", "文件"))),)
    pdf_line = (B("中共示例市委办公室 文件示例市人民政府办公室", size=30, red=True),)  # 文件 between the rows
    one_line = (B("中共示例市委办公室 示例市人民政府办公室", align=RIGHT, size=16),)
    two_lines = tuple(B(name, align=RIGHT, size=16) for name in ("中共示例市委办公室", "示例市人民政府办公室"))
    for head in (paragraphs, table, pdf_line):
        for signatures in ((), one_line, two_lines):
            found = recognise(Document(_joint(head, signatures)))
            assert found.fields["issuer"] == ["中共示例市委办公室", "示例市人民政府办公室"], (head, signatures)
            assert found.fields["title"] == "中共示例市委办公室 示例市人民政府办公室关于做好示例学习工作的通知"
            assert found.fields["recipients"] == ["各县（市、区）党委和人民政府"]
            assert body_markdown(found.body, "x") == "各地各单位要结合实际制定学习计划。\n\n" * 2 + TEXT.text + "\n"


def test_spaced_letters_of_one_name_are_one_issuer():
    blocks = _joint((B("示 例 局 文 件", align=CENTER, size=36, red=True),), (B("示 例 局", align=RIGHT, size=16),))
    assert recognise(Document(blocks)).fields["issuer"] == "示例局"


def test_head_and_imprint_in_tables_are_read_and_the_imprint_table_leaves_the_body():
    blocks = (
        B(rows=(("示例局文件",),)),
        B(rows=(("示发〔2025〕9号", "签发人：示例甲"),)),
        HEAD_RULE,
        B("示例局关于申请示例学习经费的请示", align=CENTER, size=22),
        B("示例市财政局：", size=16),
        B("为做好示例学习工作，需经费5万元。", size=16),
        B(rows=(("项目", "金额"), ("培训", "5万元"))),  # a table of the text stays
        B("妥否，请批示。", size=16),
        B("示例局", align=RIGHT, size=16),
        B("2025年5月6日", align=RIGHT, size=16),
        B(rows=(("抄送：示例市人民政府办公室。", ""), ("示例局办公室", "2025年5月6日印发"))),
    )
    found = recognise(Document(blocks))
    assert found.fields == {
        "type": NOTICE,
        "title": "示例局关于申请示例学习经费的请示",
        "doc_type": "请示",
        "issuer": "示例局",
        "date": "2025-05-06",
        "doc_number": "示发〔2025〕9号",
        "recipients": ["示例市财政局"],
        "cc": ["示例市人民政府办公室"],
    }
    assert body_markdown(found.body, "x") == (
        "为做好示例学习工作，需经费5万元。\n\n| 项目 | 金额 |\n| --- | --- |\n| 培训 | 5万元 |\n\n妥否，请批示。\n"
    )


def test_a_cc_line_run_into_the_printing_line_keeps_only_the_names():
    blocks = (
        B("示例局文件", align=CENTER, size=36, red=True),
        B("示发〔2025〕9号", align=CENTER, size=16),
        B("关于示例工作的通知", align=CENTER, size=22),
        TEXT,
        B("示例局", align=RIGHT, size=16),
        B("2025年5月6日", align=RIGHT, size=16),
        B("抄送：示例市人民政府办公室。示例局办公室2025年5月6日印发", size=14),
    )
    assert recognise(Document(blocks)).fields["cc"] == ["示例市人民政府办公室"]


def test_minutes_take_office_and_date_from_their_head_line_and_keep_the_attendance():
    blocks = (
        B("中共示例局委员会会议纪要", align=CENTER, size=36, red=True),
        B("第３期", align=CENTER, size=16),
        B("中共示例局委员会办公室 2025年4月3日", size=16),
        HEAD_RULE,
        B("示例局党委2025年第三次会议纪要", align=CENTER, size=22),
        B("2025年4月2日，示例局党委召开会议。纪要如下。", size=16),
        B("出席：示例甲、示例乙", size=16),
        B("列席：示例丙（示例局办公室）", size=16),
        B("请假：示例丁（公出）", size=16),
        B(rule=True),
        B("分送：示例局各处室，各一线窗口。", size=14),
        B(rule=True),
    )
    found = recognise(Document(blocks))
    assert found.fields == {
        "type": NOTICE,
        "title": "示例局党委2025年第三次会议纪要",
        "doc_type": "纪要",
        "issuer": "中共示例局委员会办公室",
        "date": "2025-04-03",
        "cc": ["示例局各处室", "各一线窗口"],
    }
    assert body_markdown(found.body, "x") == (
        "2025年4月2日，示例局党委召开会议。纪要如下。\n\n出席：示例甲、示例乙\n\n"
        "列席：示例丙（示例局办公室）\n\n请假：示例丁（公出）\n"
    )


@pytest.mark.parametrize("number", ["第３号", "第 3 号", "第三号"])
def test_an_order_is_cited_by_its_mark_and_number_and_signed_by_a_post_not_an_issuer(number: str):
    blocks = (
        B("示例市人民政府令", align=CENTER, size=36, red=True),
        B(number, align=CENTER, size=16),
        HEAD_RULE,
        B("《示例办法》已经市人民政府常务会议通过，现予公布。", size=16),
        B("市长 示例甲", align=RIGHT, size=16),
        B("2025年5月12日", align=RIGHT, size=16),
    )
    found = recognise(Document(blocks))
    assert found.fields == {
        "type": NOTICE,
        "title": "示例市人民政府令第3号",
        "doc_type": "命令（令）",
        "issuer": "示例市人民政府",
        "date": "2025-05-12",
        "doc_number": "第3号",
    }
    assert body_markdown(found.body, "x") == "《示例办法》已经市人民政府常务会议通过，现予公布。\n"


def test_a_resolution_says_when_and_by_whom_it_was_adopted_even_on_two_lines():
    blocks = (
        B("中国共产党示例局第一届委员会", align=CENTER, size=22),
        B("第三次全体会议公报", align=CENTER, size=22),
        B("（2025年6月10日中国共产党示例局第一届委员会第三次全", align=CENTER, size=16),
        B("体会议通过）", align=CENTER, size=16),
        TEXT,
    )
    found = recognise(Document(blocks))
    assert found.fields == {
        "type": NOTICE,
        "title": "中国共产党示例局第一届委员会第三次全体会议公报",
        "doc_type": "公报",
        "issuer": "中国共产党示例局第一届委员会第三次全体会议",
        "date": "2025-06-10",
    }
    assert body_markdown(found.body, "x") == "各地各单位要结合实际制定学习计划。\n"


def test_a_speech_dated_above_its_title():
    blocks = (
        B("2025年8月6日", align=RIGHT, size=16),
        B("在示例局示例学习推进会上的讲话", align=CENTER, size=22, bold=True),
        B("示例甲", align=CENTER, size=16),
        B("同志们：", size=16),
        TEXT,
    )
    found = recognise(Document(blocks))
    assert (found.kind, found.fields["date"], found.fields["speaker"]) == (SPEECH, "2025-08-06", "示例甲")
    assert found.fields["title"] == "在示例局示例学习推进会上的讲话"
    assert body_markdown(found.body, "x") == "同志们：\n\n各地各单位要结合实际制定学习计划。\n"


def test_attachments_over_several_lines_are_one_item_each():
    blocks = (
        B("关于示例工作的通知", align=CENTER, size=22),
        TEXT,
        B("附件：1. 示例学习计划表", size=16),
        B("2. 示例学习专题目录和示例学习", size=16),
        B("参考书目", size=16),  # the second item wrapped on a PDF page
        B("3. 示例学习情况统计表", size=16),
        B("示例局", align=RIGHT, size=16),
        B("2025年7月1日", align=RIGHT, size=16),
    )
    found = recognise(Document(blocks), NOTICE)
    assert found.fields["attachments"] == ["示例学习计划表", "示例学习专题目录和示例学习参考书目", "示例学习情况统计表"]
    assert body_markdown(found.body, "x") == "各地各单位要结合实际制定学习计划。\n"


def _line(top: float, x0: float, x1: float, text: str, page: int = 0) -> pdfread._Line:
    return pdfread._Line(page, top, x0, x1, 16.0, text, bottom=top + 16)


def test_pdf_lines_are_joined_by_indent_and_line_end_not_by_line():
    lines = [
        _line(100, 112, 512, "各地各单位要加强组织领导，明确责任分工，做到有"),
        _line(126, 80, 512, "计划、有检查、有总结，确保学习取得实效。请于6月"),
        # Kept short by the line-breaking rules (。 may not start a line): the paragraph goes on.
        _line(152, 80, 470, "30日前将上半年学习情况书面报送市委"),
        _line(178, 80, 144, "办公室。"),
        _line(204, 112, 512, "二是抓好落实。各处室要明确专人负责，按时报送"),
        _line(230, 80, 176, "有关材料。"),
        _line(256, 80, 330, "出席：示例甲、示例乙"),  # short, at the margin: a line of its own
        _line(282, 80, 330, "列席：示例丙、示例丁"),
    ]
    assert [b.text for b in pdfread._paragraphs(lines, {})] == [
        "各地各单位要加强组织领导，明确责任分工，做到有计划、有检查、有总结，确保学习取得实效。"
        "请于6月30日前将上半年学习情况书面报送市委办公室。",
        "二是抓好落实。各处室要明确专人负责，按时报送有关材料。",
        "出席：示例甲、示例乙",
        "列席：示例丙、示例丁",
    ]


def test_a_pdf_running_head_is_dropped_but_the_same_words_as_text_are_kept():
    lines = [
        _line(40, 200, 400, "示例局文件汇编", page=0),
        _line(100, 112, 512, "中共示例市委办公室 示例市人民政府办公室", page=0),
        _line(126, 80, 512, "第一页的正文。", page=0),
        _line(40, 200, 400, "示例局文件汇编", page=1),
        _line(100, 80, 512, "第二页的正文。", page=1),
        _line(126, 300, 512, "中共示例市委办公室 示例市人民政府办公室", page=1),
        _line(152, 400, 512, "2025年4月8日", page=1),
    ]
    kept = [line.text for line in pdfread._without_running_heads(lines, 2)]
    assert kept == [line.text for line in lines if line.text != "示例局文件汇编"]


def test_joint_signatures_in_a_table_side_by_side_over_the_date():
    blocks = _joint(
        (B("中共示例市委办公室文件", align=CENTER, size=30, red=True),),
        (B(rows=(("中共示例市委办公室", "示例市人民政府办公室"), ("", "2025年4月8日"))),),
    )[:-1]  # the date is in the table
    found = recognise(Document(blocks))
    assert (found.fields["issuer"], found.fields["date"]) == (
        ["中共示例市委办公室", "示例市人民政府办公室"],
        "2025-04-08",
    )
    assert body_markdown(found.body, "x") == "各地各单位要结合实际制定学习计划。\n\n" * 2 + TEXT.text + "\n"


def test_a_table_of_the_text_with_dates_in_it_stays_a_table():
    schedule = B(rows=(("日期", "内容"), ("2025年3月1日", "集中学习")))
    blocks = (
        B("关于示例学习安排的通知", align=CENTER, size=22),
        TEXT,
        schedule,
        B("示例局", align=RIGHT, size=16),
        B("2025年2月20日", align=RIGHT, size=16),
    )
    found = recognise(Document(blocks), NOTICE)
    assert found.fields["date"] == "2025-02-20"
    assert schedule in found.body
    for table in (schedule, B(rows=(("时间", "内容"), ("2025年3月1日", "")))):  # at the end, no 署名 after it
        found = recognise(Document((B("在示例会议上的讲话", align=CENTER, size=22, bold=True), TEXT, TEXT, table)))
        assert found.body[-1] == table


def test_minutes_with_office_and_date_on_lines_of_their_own_or_in_a_table():
    mark = B("示例局党委会议纪要", align=CENTER, size=36, red=True)
    title = B("示例局党委2025年第五次会议纪要", align=CENTER, size=22)
    heads = (
        (
            B("（2025年第5期）", align=CENTER, size=16),
            B("示例局党委办公室", size=16),
            B("2025年6月3日", align=RIGHT, size=16),
        ),
        (B(rows=(("示例局党委办公室", "2025年6月3日"),)),),
    )
    for head in heads:
        found = recognise(Document((mark, *head, HEAD_RULE, title, TEXT, TEXT)))
        assert found.fields == {
            "type": NOTICE,
            "title": "示例局党委2025年第五次会议纪要",
            "doc_type": "纪要",
            "issuer": "示例局党委办公室",
            "date": "2025-06-03",
        }


def test_a_mark_of_openness_on_the_head_is_not_an_issuer():
    for mark in ("内部", "内部资料", "公开"):
        blocks = _joint((B(mark, size=16), B("示例局文件", align=CENTER, size=36, red=True)), ())
        assert recognise(Document(blocks)).fields["issuer"] == "示例局", mark


def test_joint_issuers_that_differ_between_head_and_signature_are_named_for_a_person():
    head = tuple(B(name, align=CENTER, size=30, red=True) for name in ("中共示例市委办公室", "示例市人民政府办公室"))
    found = recognise(Document(_joint(head, (B("中共示例市委办公室", align=RIGHT, size=16),))))
    assert found.fields["issuer"] == ["中共示例市委办公室", "示例市人民政府办公室"]
    assert found.doubts == (
        "发文机关：版头为“中共示例市委办公室、示例市人民政府办公室”，署名为“中共示例市委办公室”，请对照原件核对",
    )


def test_order_numbers_in_words():
    assert [arabic_order_number(t) for t in ("第三号", "第三十一号", "第一百零二号", "第十号", "示发〔2025〕7号")] == [
        "第3号",
        "第31号",
        "第102号",
        "第10号",
        "示发〔2025〕7号",
    ]


def test_closing_words_without_a_full_stop_are_text_not_a_signature():
    blocks = (
        B("关于示例工作的通知", align=CENTER, size=22),
        TEXT,
        B("特此通知", size=16),
        B("示例局", align=RIGHT, size=16),
        B("2025年7月1日", align=RIGHT, size=16),
    )
    found = recognise(Document(blocks), NOTICE)
    assert found.fields["issuer"] == "示例局"
    assert body_markdown(found.body, "x") == TEXT.text + "\n\n特此通知\n"


def _minutes_without_title(head: tuple[Block, ...]) -> tuple[Block, ...]:
    return (
        *head,
        HEAD_RULE,
        B("6月9日，局长李示例主持召开局长办公会议，研究了以下事项：", size=16),
        B("一、关于示例工作", size=16),
        TEXT,
    )


@pytest.mark.parametrize("issue", ["〔2025〕第12期", "2025年第12期", "（2025年第12期）"])
def test_a_minutes_without_a_title_is_cited_by_its_mark_and_issue_and_its_text_is_no_recipient(issue: str):
    mark = (B("示例县示例局局长办公会议纪要", align=CENTER, size=36, red=True),)
    wrapped = (  # a PDF line each for a large 标志
        B("示例县示例局局长办公会议", size=35.8, red=True),  # a full line, read as left-aligned
        B("纪要", align=CENTER, size=36, red=True),
    )
    office_line = (B("示例县示例局办公室 2025年6月10日", size=16),)
    office_table = (B(rows=(("示例县示例局办公室", "2025年6月10日"),)),)
    for head in (mark, wrapped):
        for office in (office_line, office_table):
            found = recognise(Document(_minutes_without_title((*head, B(issue, align=CENTER, size=16), *office))))
            assert found.fields == {
                "type": NOTICE,
                "title": "示例县示例局局长办公会议纪要（2025年第12期）",
                "doc_type": "纪要",
                "issuer": "示例县示例局办公室",
                "date": "2025-06-10",
            }, (head, office)
            assert body_markdown(found.body, "x").startswith("6月9日，局长李示例主持召开局长办公会议，研究了以下事项：")


def test_a_minutes_issue_number_is_not_its_title_when_it_has_one():
    blocks = (
        B("示例局党委会议纪要", align=CENTER, size=36, red=True),
        B("〔2025〕第3期", align=CENTER, size=16),
        B("示例局党委办公室 2025年6月3日", size=16),
        HEAD_RULE,
        B("示例局党委2025年第五次会议纪要", align=CENTER, size=22),
        TEXT,
    )
    assert recognise(Document(blocks)).fields["title"] == "示例局党委2025年第五次会议纪要"


def test_a_sentence_ending_in_a_colon_is_no_recipient():
    for sentence in ("现将有关事项通知如下：", "2025年3月5日，示例局召开会议，研究了以下事项：", "经研究，决定如下："):
        blocks = (B("关于示例工作的通知", align=CENTER, size=22), B(sentence, size=16), TEXT)
        found = recognise(Document(blocks))
        assert "recipients" not in found.fields, sentence
        assert found.body[0].text == sentence


def test_recipients_over_several_lines_are_one_list():
    lines = (B("各县（市、区）人民政府，", size=16), B("市政府各委、办、局，", size=16), B("各有关单位：", size=16))
    found = recognise(Document((B("关于示例工作的通知", align=CENTER, size=22), *lines, TEXT)))
    assert found.fields["recipients"] == ["各县（市、区）人民政府", "市政府各委、办、局", "各有关单位"]
    assert found.body == (TEXT,)
    assert names("市政府各委、办、局，各有关单位") == ["市政府各委、办、局", "各有关单位"]
    one = recognise(
        Document((B("关于示例工作的通知", align=CENTER, size=22), B("示例市社会科学研究院：", size=16), TEXT))
    )
    assert one.fields["recipients"] == ["示例市社会科学研究院"]


def test_a_resolution_with_a_two_line_title_as_word_sets_it():
    """Word: both title lines at one size, as many lines of title as of text (the body's size is the one most
    characters are set in), the second line bold or not."""
    for second_bold in (False, True):
        blocks = (
            B("示例市第五届人民代表大会第三次会议", align=CENTER, size=22),
            B("关于示例市人民政府工作报告的决议", align=CENTER, size=22, bold=second_bold),
            B("（2025年1月12日示例市第五届人民代表大会第三次会议通过）", align=CENTER, size=16),
            B("示例市第五届人民代表大会第三次会议听取和审议了示例市人民政府工作报告。", size=16),
        )
        found = recognise(Document(blocks))
        assert found.fields == {
            "type": NOTICE,
            "title": "示例市第五届人民代表大会第三次会议关于示例市人民政府工作报告的决议",
            "doc_type": "决议",
            "issuer": "示例市第五届人民代表大会第三次会议",
            "date": "2025-01-12",
        }, second_bold


def test_a_speech_titled_in_two_phrases_with_a_subtitle_and_a_post_before_the_name():
    blocks = (
        B("2025年4月3日", align=RIGHT, size=16),
        B("坚定理想信念\u3000锤炼过硬作风", align=CENTER, size=22, bold=True),
        B("——在示例局2025年青年干部培训班开班式上的讲话", align=CENTER, size=16),
        B("局党委书记、局长\u3000张示例", align=CENTER, size=16),
        B("同志们：", size=16),
        TEXT,
    )
    found = recognise(Document(blocks))
    assert found.kind == SPEECH
    assert found.fields == {
        "type": SPEECH,
        "title": "坚定理想信念 锤炼过硬作风",
        "speaker": "张示例",
        "date": "2025-04-03",
        "occasion": "示例局2025年青年干部培训班开班式",
        "genre": "讲话",
    }
    assert recognise(Document(blocks[1:])).fields["speaker"] == "张示例"


def test_numbered_items_of_one_level_are_all_headings_or_all_paragraphs():
    items = (
        B("一、培训时间：2025年4月10日至12日。", size=16),
        B("二、报名方式：请各单位于4月1日前到示例局办公室领取报名表，填好后交回办公室。", size=16),
        B("三、其他事项", size=16),
        B("（一）食宿安排", size=16),
        TEXT,
    )
    assert body_markdown(items, "x") == (
        "一、培训时间：2025年4月10日至12日。\n\n"
        "二、报名方式：请各单位于4月1日前到示例局办公室领取报名表，填好后交回办公室。\n\n"
        f"三、其他事项\n\n### （一）食宿安排\n\n{TEXT.text}\n"
    )
    headings = (B("一、总体要求", size=16), TEXT, B("二、主要任务", size=16), TEXT)
    assert body_markdown(headings, "x") == f"## 一、总体要求\n\n{TEXT.text}\n\n## 二、主要任务\n\n{TEXT.text}\n"
