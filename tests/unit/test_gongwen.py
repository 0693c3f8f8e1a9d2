"""Recognising a 公文 or a speech on block lists, without any file: fields, body, refusals."""

from __future__ import annotations

import pytest

from studysite.core.writing import front_matter
from studysite.importer.document import CENTER, RIGHT, Block, Document, Note, clean, join_lines
from studysite.importer.gongwen import (
    NOTICE,
    SPEECH,
    Refused,
    attachment_items,
    canonical_number,
    doc_type_of,
    iso_date,
    recognise,
    secret_marks,
    speakers_of,
)
from studysite.importer.markdownbody import body_markdown

B = Block


def notice_blocks(*, head: tuple[Block, ...] = (), number: str = "示发〔2025〕7号") -> tuple[Block, ...]:
    return (
        *head,
        B("中共示例局委员会文件", align=CENTER, size=36, red=True),
        B(number, align=CENTER, size=16),
        B(rule=True, red=True),
        B("关于示例局2025年第一季度", align=CENTER, size=22),
        B("示例学习情况的通报", align=CENTER, size=22),
        B("各处室、各一线窗口：", size=16),
        B("2025年第一季度，示例局组织开展了示例学习活动。", size=16),
        B("一、基本情况", size=16),
        B(
            "示例学习覆盖全体干部。各处室按照计划开展学习，参加学习的干部共计120人次。",
            size=16,
            lead="示例学习覆盖全体干部。",
            notes=(Note(22, "示例学习计划由示例局办公室印发。"),),
        ),
        B("（一）学习安排", size=16),
        B("1. 集中学习4次。", size=16),
        B("（1）示例专题辅导1次。", size=16),
        B(rows=(("处室", "人次"), ("示例一处", "60"))),
        B("特此通报。", size=16),
        B("附件：1. 示例学习安排表", size=16),
        B("2. 示例学习人员名单", size=16),
        B("中共示例局委员会", align=RIGHT, size=16),
        B("2025年3月12日", align=RIGHT, size=16),
        B(image="image2.png"),
        B("（此件公开发布）", size=16),
        B("附件1", size=16),
        B("示例学习安排表", align=CENTER, size=22),
        B("每月集中学习一次。", size=16),
        B("— 3 —", align=CENTER, size=14),
        B(rule=True),
        B("抄送：示例局纪委，示例局", size=14),
        B("机关党委。", size=14),
        B(rule=True),
        B("示例局办公室 2025年3月12日印发", size=14),
        B(rule=True),
    )


def test_a_notice_gives_every_element_of_gb_t_9704_and_keeps_its_text():
    found = recognise(Document(notice_blocks()))
    assert found.kind == NOTICE
    assert found.fields == {
        "type": "notice",
        "title": "关于示例局2025年第一季度示例学习情况的通报",
        "doc_type": "通报",
        "issuer": "中共示例局委员会",
        "date": "2025-03-12",
        "doc_number": "示发〔2025〕7号",
        "recipients": ["各处室", "各一线窗口"],
        "cc": ["示例局纪委", "示例局机关党委"],
        "attachments": ["示例学习安排表", "示例学习人员名单"],
        "note": "此件公开发布",
    }
    assert found.found == ("标题", "文种", "发文机关", "成文日期", "文号", "主送机关", "抄送机关", "附件说明", "附注")
    assert found.doubts == ()
    assert body_markdown(found.body, "2025-03-12-示发-2025-7号") == (
        "2025年第一季度，示例局组织开展了示例学习活动。\n\n"
        "## 一、基本情况\n\n"
        "**示例学习覆盖全体干部。**各处室按照计划开展学习[^1]，参加学习的干部共计120人次。\n\n"
        "### （一）学习安排\n\n"
        "1\\. 集中学习4次。\n\n"
        "（1）示例专题辅导1次。\n\n"
        "| 处室 | 人次 |\n| --- | --- |\n| 示例一处 | 60 |\n\n"
        "特此通报。\n\n"
        "## 附件1\n\n"
        "### 示例学习安排表\n\n"
        "每月集中学习一次。\n\n"
        "[^1]: 示例学习计划由示例局办公室印发。\n"
    )


def test_without_a_signature_the_issuer_comes_from_the_issuer_mark():
    blocks = [b for b in notice_blocks() if b.text != "中共示例局委员会"]
    assert recognise(Document(tuple(blocks))).fields["issuer"] == "中共示例局委员会"


def test_a_field_not_found_is_left_out_and_nothing_is_guessed():
    found = recognise(
        Document((B("关于示例工作的通知", align=CENTER, size=22), B("请认真做好示例工作。", size=16))), NOTICE
    )
    assert found.fields == {"type": "notice", "title": "关于示例工作的通知", "doc_type": "通知"}
    assert body_markdown(found.body, "x") == "请认真做好示例工作。\n"


@pytest.mark.parametrize(
    ("printed", "year", "expected"),
    [
        ("示办发[2025]第03号", "2025", "示办发〔2025〕3号"),
        ("示办发（2025）03号", None, "示办发〔2025〕3号"),
        ("示办发〔２０２５〕７号", None, "示办发〔2025〕7号"),
        ("示办发〔25〕7号", "2025", "示办发〔2025〕7号"),
        ("示办发〔25〕7号", None, None),  # which century is not written anywhere: not guessed
        ("示办发〔2025〕7号 签发人：示例甲", None, "示办发〔2025〕7号"),
        ("第5号", None, "第5号"),
        ("关于示例的通知", None, None),
    ],
)
def test_doc_numbers_are_made_canonical(printed: str, year: str | None, expected: str | None):
    assert canonical_number(printed, year) == expected


def test_a_number_that_cannot_be_put_right_is_left_for_a_person():
    blocks = notice_blocks(number="示发〔25〕7号")
    found = recognise(
        Document(tuple(B("2024年3月12日", align=RIGHT) if b.text == "2025年3月12日" else b for b in blocks))
    )
    assert "doc_number" not in found.fields
    assert found.doubts == ("文号“示发〔25〕7号”不合规范，未填入",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月12日", "2025-03-12"),
        ("二〇二五年三月十二日", "2025-03-12"),
        ("二○二五年十二月三十一日", "2025-12-31"),
        ("（2025年3月5日）", "2025-03-05"),
        ("２０２５年３月５日", "2025-03-05"),
        ("2025 年 3 月 5 日", "2025-03-05"),
        ("2025年2月30日", None),
        ("（2025年3月5日", None),
        ("2025年3月5日印发", None),
    ],
)
def test_dates_as_printed(text: str, expected: str | None):
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("关于示例问题的通报", "通报"),
        ("关于印发《示例办法》的通知", "通知"),
        ("示例局关于示例工作的意见", "意见"),
        ("示例局会议纪要", "纪要"),
        ("示例局令", None),
        ("在示例会上的讲话", None),
    ],
)
def test_the_document_type_is_read_from_the_title_end(title: str, expected: str | None):
    assert doc_type_of(title) == expected


def speech_blocks(*lines: Block, title: tuple[Block, ...] | None = None) -> Document:
    heading = title or (
        B("在示例局2025年理论学习中心组", align=CENTER, size=22, bold=True),
        B("第一次集体学习会上的讲话", align=CENTER, size=22, bold=True),
    )
    return Document(
        (
            *heading,
            *lines,
            B("同志们：", size=16),
            B("一、提高认识", size=16),
            B("一是健全学习制度。各支部要制定学习计划。", size=16, lead="一是健全学习制度。"),
        )
    )


@pytest.mark.parametrize(
    "lines",
    [
        (B("示例甲", align=CENTER, size=16), B("（2025年3月5日）", align=CENTER, size=16)),
        (B("（二〇二五年三月五日）", align=CENTER, size=16), B("示　例　甲", align=CENTER, size=16)),
        (B("示例局党委书记 示例甲", align=CENTER, size=16), B("2025年3月5日", align=CENTER, size=16)),
    ],
)
def test_a_speech_gives_speaker_date_and_occasion_in_either_order(lines):
    found = recognise(speech_blocks(*lines))
    assert found.kind == SPEECH
    assert found.fields == {
        "type": "speech",
        "title": "在示例局2025年理论学习中心组第一次集体学习会上的讲话",
        "speaker": "示例甲",
        "date": "2025-03-05",
        "occasion": "示例局2025年理论学习中心组第一次集体学习会",
        "genre": "讲话",
    }
    assert body_markdown(found.body, "x") == (
        "同志们：\n\n## 一、提高认识\n\n**一是健全学习制度。**各支部要制定学习计划。\n"
    )


def test_a_headline_with_the_occasion_as_subtitle():
    found = recognise(
        speech_blocks(
            B("示例甲", align=CENTER, size=16),
            title=(
                B("把示例学习抓紧抓实", align=CENTER, size=22),
                B("——在示例局工作会议上的讲话", align=CENTER, size=16),
            ),
        )
    )
    assert found.fields == {
        "type": "speech",
        "title": "把示例学习抓紧抓实",
        "speaker": "示例甲",
        "occasion": "示例局工作会议",
        "genre": "讲话",
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("示例甲", ["示例甲"]),
        ("示 例 甲", ["示例甲"]),
        ("示例局党委书记 示例甲", ["示例甲"]),
        ("各处室：", None),
        ("示例局党委书记", None),
    ],
)
def test_speaker_lines(line: str, expected):
    assert speakers_of(line) == expected


@pytest.mark.parametrize(
    ("marks", "blocks"),
    [
        (["国家秘密标志“秘密★1年”"], (B("秘密★1年"),)),
        (["国家秘密标志“机密”"], (B("机密"),)),
        (["密级标注“密级：秘密”"], (B("密级：秘密"),)),
        (["份号“000123”"], (B("000123"),)),
        (["份号“份号：000123”"], (B("份号：000123"),)),
    ],
)
def test_a_secret_mark_refuses_the_document(marks, blocks):
    document = Document(notice_blocks(head=blocks))
    assert secret_marks(document) == marks
    with pytest.raises(Refused, match="涉密文件不得导入"):
        recognise(document)


def test_personal_data_is_not_refused_here_but_left_to_the_guards():
    blocks = tuple(
        B("（联系人：示例乙，电话：13812345678）", size=16) if b.text == "（此件公开发布）" else b
        for b in notice_blocks()
    )
    found = recognise(Document(blocks))
    assert secret_marks(Document(blocks)) == []
    assert found.fields["note"] == "联系人：示例乙，电话：13812345678"


def test_a_document_that_says_neither_speech_nor_notice_is_refused_with_what_to_type():
    document = Document((B("示例学习心得", align=CENTER, size=22), B("学习使我收获很多。", size=16)))
    with pytest.raises(Refused, match="KIND=speech（讲话），或 KIND=notice（通报通知）"):
        recognise(document)
    assert recognise(document, SPEECH).fields == {"type": "speech", "title": "示例学习心得"}


def test_no_text_at_all_is_refused():
    with pytest.raises(Refused, match="没有可读的文字"):
        recognise(Document((B(image="image1.png"), B(rule=True))))


def test_markdown_characters_in_the_text_stay_text():
    body = (
        B("# 不是标题"),
        B("1. 不是列表，*也不是* 强调_，<b>也不是</b> HTML [链接]"),
        B(rows=(("甲|乙", "丙"), ("第一行\n第二行", ""))),
        B("一、这是一个很长的段落而不是标题因为它已经超过了四十个字的长度限制所以只能作为普通段落出现。"),
        B("全部加粗的一段。", bold=True),
        B(image="image1.png"),
    )
    assert body_markdown(body, "2025-03-12-示例") == (
        "\\# 不是标题\n\n"
        "1\\. 不是列表，\\*也不是\\* 强调\\_，&lt;b>也不是&lt;/b> HTML \\[链接\\]\n\n"
        "| 甲\\|乙 | 丙 |\n| --- | --- |\n| 第一行<br>第二行 |  |\n\n"
        "一、这是一个很长的段落而不是标题因为它已经超过了四十个字的长度限制所以只能作为普通段落出现。\n\n"
        "**全部加粗的一段。**\n\n"
        "![图片](2025-03-12-示例/image1.png)\n"
    )


def test_attachment_notes_and_list_separators():
    assert attachment_items("1. 示例议程 2. 示例名单。") == ["示例议程", "示例名单"]
    assert attachment_items("示例议程") == ["示例议程"]


def test_text_is_cleaned_as_the_site_shows_it():
    assert clean("示例\u3000局 \u00a0 2025 年\n3月\u200b。") == "示例局 2025 年 3月。"
    assert join_lines("示例学习", "活动") == "示例学习活动"
    assert join_lines("study", "site") == "study site"


def test_an_empty_field_with_a_comment_is_written_for_a_person_to_fill():
    assert front_matter({"type": "notice", "classification": None, "note": ""}, {"classification": "密级待定"}) == (
        "---\ntype: notice\nclassification:  # 密级待定\n---\n"
    )
