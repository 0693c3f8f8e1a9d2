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
from support.guarded_text import PERSONAL, SECRET_MARKS


def found(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.got) for f in security("a.md", text)]


@pytest.mark.parametrize(("text", "expected"), SECRET_MARKS)
def test_every_encoding_of_a_secret_mark_is_found(text, expected):
    assert found(text) == expected


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
