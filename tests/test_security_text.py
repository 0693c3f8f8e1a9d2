"""Secret marks and personal data judged on the text a reader gets: every encoding of each class is refused.

Each class of issue 21 item 5 comes with more variants than the issue lists (character references, invisible
characters, line breaks, tags and emphasis inside a number or a mark, digits of other scripts, Chinese
numerals, separators, other star glyphs, table cells, encoded links), each asserted with its whole finding;
look-alike prose passes. All payloads are fictional.
"""

from __future__ import annotations

import pytest

from studysite.core.readertext import from_html, from_markdown
from studysite.core.sources import Source
from studysite.rules.secrecy import rendered_problems, security

MARK = ("国家秘密标志", "非涉密内容（涉密不上网，上网不涉密）", "删除该页，涉密文件不得收入本站")
ALONE = "独占一行（或一个表格单元格）的密级是涉密文件的版头，删除该页"


def found(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.got) for f in security("a.md", text)]


# (page text, [(line, rule, got)]): the reader text of each is a mark or a number the guards know.
SECRET_MARKS = [
    ("机&#23494;★5年", [(1, "国家秘密标志", "机密★5年")]),
    ("机&#x5BC6;&#9733;10年", [(1, "国家秘密标志", "机密★10年")]),
    ("&#26426;&#23494;&starf;5年", [(1, "国家秘密标志", "机密★5年")]),
    ("机\u200b密★5年", [(1, "国家秘密标志", "机密★5年")]),
    ("秘\u2060密\ufeff★\u200d1年", [(1, "国家秘密标志", "秘密★1年")]),
    ("本文\n机\n密★5年", [(2, "国家秘密标志", "机 密★5年")]),
    ("机<span>密</span>★5年", [(1, "国家秘密标志", "机密★5年")]),
    ("机**密**★5年", [(1, "国家秘密标志", "机密★5年")]),
    ("机密✱5年", [(1, "国家秘密标志", "机密✱5年")]),
    ("机密✲3年", [(1, "国家秘密标志", "机密✲3年")]),
    ("秘密▲", [(1, "国家秘密标志", "秘密▲")]),
    ("秘密△2年", [(1, "国家秘密标志", "秘密△2年")]),
    ("正文 绝密\\*长期", [(1, "国家秘密标志", "绝密*长期")]),
    ("绝密·长期", [(1, "国家秘密标志", "绝密·长期")]),
    ("机密❋五年", [(1, "国家秘密标志", "机密❋五年")]),
    ("机密⋆６个月", [(1, "国家秘密标志", "机密⋆6个月")]),
    ("机密 ※ 𝟓年", [(1, "国家秘密标志", "机密 ※ 5年")]),
    ("机密5年", [(1, "国家秘密标志", "机密5年")]),
    ("| 份号 | 000123 |\n| --- | --- |\n| 密级 | 机密 |", [(1, "份号", "份号"), (3, "国家秘密标志", "机密")]),
    ("| 说明 | 份号：000123 |", [(1, "份号", "份号：000123")]),
    ("| 说明 | 密级：秘密 |", [(1, "密级标注", "密级：秘密")]),
    ("本件密级 机密，请勿外传", [(1, "密级标注", "密级 机密，请勿外传")]),
    ("## 机密", [(1, "国家秘密标志", "机密")]),
    ("**绝密**", [(1, "国家秘密标志", "绝密")]),
    ('!!! note "机密"\n    正文', [(1, "国家秘密标志", "机密")]),
    ("---\ntitle: 机&#23494;★5年\n---\n", [(2, "国家秘密标志", "机密★5年")]),
    ("正文<!-- 机密★5年 -->", [(1, "国家秘密标志", "机密★5年")]),
]


@pytest.mark.parametrize(("text", "expected"), SECRET_MARKS)
def test_every_encoding_of_a_secret_mark_is_found(text, expected):
    assert found(text) == expected


PERSONAL = [
    ("电话 138&#49;234 5678", [(1, "手机号", "138**** 5678")]),
    ("电话 &#x31;&#x33;&#x38;12345678", [(1, "手机号", "138****5678")]),
    ("电话 138\u200b1234\u200c5678", [(1, "手机号", "138****5678")]),
    ("电话 138\n1234\n5678", [(1, "手机号", "138 **** 5678")]),
    ("电话 138<b></b>1234<i>5678</i>", [(1, "手机号", "138****5678")]),
    ("电话 138**1234**5678", [(1, "手机号", "138****5678")]),
    ("电话 一三八一二三四五六七八", [(1, "手机号", "138****5678")]),
    ("电话 幺三八幺二三四五六七八", [(1, "手机号", "138****5678")]),
    ("电话 壹叁捌壹贰叁肆伍陆柒捌", [(1, "手机号", "138****5678")]),
    ("电话 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", [(1, "手机号", "138****5678")]),
    ("电话 ١٣٨١٢٣٤٥٦٧٨", [(1, "手机号", "138****5678")]),
    ("电话 १३८१२३४५६७८", [(1, "手机号", "138****5678")]),
    ("电话 ①③⑧①②③④⑤⑥⑦⑧", [(1, "手机号", "138****5678")]),
    ("电话 138.1234.5678", [(1, "手机号", "138.****.5678")]),
    ("电话 (138)1234-5678", [(1, "手机号", "138)****-5678")]),
    ("电话 （138）1234 5678", [(1, "手机号", "138）**** 5678")]),
    ("电话 138/1234/5678", [(1, "手机号", "138/****/5678")]),
    ("电话 1 3 8 1 2 3 4 5 6 7 8", [(1, "手机号", "1 3 8 * * * * 5 6 7 8")]),
    ("电话 +86 138 1234 5678", [(1, "手机号", "+86 138 **** 5678")]),
    ("电话 8613812345678", [(1, "手机号", "86138****5678")]),
    ("[请拨打](tel:%31%33%38%31%32%33%34%35%36%37%38)", [(1, "手机号", "138****5678")]),
    ("<tel:%2B86%20138%201234%205678>", [(1, "手机号", "+86 138 **** 5678")]),
    ('<a href="tel:&#49;3812345678">电话</a>', [(1, "手机号", "138****5678")]),
    ("![示例乙 13812345678](a.png)", [(1, "手机号", "138****5678")]),
    ("身份证 110105 19491231 002X", [(1, "身份证号", "1101** ******** 002X")]),
    ("身份证 110105-19491231-002X", [(1, "身份证号", "1101**-********-002X")]),
    ("身份证 1101 0519 4912 3100 2X", [(1, "身份证号", "1101 **** **** **00 2X")]),
    ("身份证 110105\n19491231002X", [(1, "身份证号", "1101** ********002X")]),
    ("身份证 １１０１０５１９４９１２３１００２Ｘ", [(1, "身份证号", "1101**********002X")]),
    ("身份证 11010519491231002&#88;", [(1, "身份证号", "1101**********002X")]),
    ("卡号 6222\u30000210\u30000112\u30003456\u3000789", [(1, "银行卡号", "6222 **** **** ***6 789")]),
    ("卡号 6222-0210-0112-3456-789", [(1, "银行卡号", "6222-****-****-***6-789")]),
    ("卡号 6222.0210.0112.3456.789", [(1, "银行卡号", "6222.****.****.***6.789")]),
    ("| 卡号 | 6222 0210 0112 3456 789 |", [(1, "银行卡号", "6222 **** **** ***6 789")]),
]


@pytest.mark.parametrize(("text", "expected"), PERSONAL)
def test_every_encoding_of_personal_data_is_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "fine",
    [
        "要做好保密工作，严守国家秘密。",
        "机密文件由机要室管理，秘密载体不得外带。",
        "*机密*文件要妥善保管。",
        "绝密、机密、秘密三个等级。",
        "保守秘密，一年来没有发生泄密事件。",
        "2025年3月12日 13:45 召开，完成率98.5%，共计 1,234,567 元。",
        "| 年份 | 2021 | 2022 | 2023 | 2024 |\n| --- | --- | --- | --- | --- |\n| 数量 | 13 | 8 | 12 | 34 |",
        "合计 13 8 12 34 5 67 8 项",
        "身份证号码由本人保管。",
        "联系人手机 138****5678（已隐去）",
        "二〇二五年三月十二日，一二·九运动纪念日。",
        "办公电话 010-12345678，传真 0571-87654321",
    ],
)
def test_look_alike_prose_passes(fine):
    assert found(fine) == []


def test_the_reader_text_of_a_page_and_of_its_rendering_agree():
    page = "| 电话 | 138<b>1234</b>5678 |\n\n机&#23494;\u200b★5年\n\n[拨打](tel:%31%33%38)"
    rendered = (
        "<table><tr><td>电话</td><td>138<b>1234</b>5678</td></tr></table><p>机密★5年</p><a href='tel:138'>拨打</a>"
    )
    assert [p.text.strip() for p in from_markdown(page)] == [
        "电话 \n\n 13812345678 \n\n\n\n机密★5年\n\n拨打",
        "tel:138",
    ]
    assert [" ".join(p.text.split()) for p in from_html(rendered)] == ["电话 13812345678 机密★5年 拨打", "tel:138"]


def test_what_only_rendering_reveals_is_named_at_the_nearest_source_line():
    source = Source("notices/a.md", "---\ntitle: 示例\n---\n\n正文。\n")
    problems = rendered_problems(source, "<p>正文。</p><p>电话 138<span>1234</span>5678</p>")
    assert [str(p) for p in problems] == [
        "docs/notices/a.md:4: 手机号: 应为 不含个人信息的正文，实为 “138****5678”（删除手机号，需要时写办公电话）"
    ]
    refused = Source("notices/b.md", "正文 13812345678\n")
    assert rendered_problems(refused, "<p>正文 13812345678</p>") == [], "named once, at its exact place"


def test_a_finding_is_named_at_its_source_line_and_column_with_the_whole_message():
    text = "---\ntitle: 示例\n---\n\n第一段。\n\n联系 &#49;38\u200b1234 5678。\n"
    assert [str(f) for f in security("docs/notices/a.md", text)] == [
        "docs/notices/a.md:7:4: 手机号: 应为 不含个人信息的正文，实为 “138**** 5678”（建议：删除手机号，需要时写办公电话）"
    ]
