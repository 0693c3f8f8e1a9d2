"""Security guards, typography rules and notices: each rule fails on its case and passes on its look-alike."""

from __future__ import annotations

import pytest
import yaml

from studysite.core.writing import front_matter
from studysite.rules.findings import WARNING, Finding
from studysite.rules.fixing import apply_fixes
from studysite.rules.lint import accessibility, internal_marks, typography
from studysite.rules.secrecy import is_valid_id_number, security
from support import SOURCE_REPORT


def rules(findings) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.col, f.rule, f.got) for f in findings]


def test_the_four_half_width_periods_of_the_source_are_found_at_line_and_column():
    findings = typography("source.txt", SOURCE_REPORT.read_text(encoding="utf-8"))
    assert [str(f) for f in findings] == [
        "source.txt:3:29: 半角标点（警告）: 应为 中文后用全角标点，实为 “.”（建议：改为 “。”）",
        "source.txt:3:75: 半角标点（警告）: 应为 中文后用全角标点，实为 “.”（建议：改为 “。”）",
        "source.txt:11:649: 半角标点（警告）: 应为 中文后用全角标点，实为 “.”（建议：改为 “。”）",
        "source.txt:18:143: 半角标点（警告）: 应为 中文后用全角标点，实为 “.”（建议：改为 “。”）",
    ]
    lines = SOURCE_REPORT.read_text(encoding="utf-8").split("\n")
    assert [lines[f.line - 1][f.col - 2 : f.col + 1] for f in findings] == ["会.市", "示.现", "向.(", "量.用"]


@pytest.mark.parametrize(
    ("bad", "rule", "fixed", "good"),
    [
        ("会议召开了,大家发言.", "半角标点", "会议召开了，大家发言。", "完成率98.5%，1.加强学习"),
        ("注意:这是要求;对吗?好!", "半角标点", "注意：这是要求；对吗？好！", "见图![图](img/a.png)"),
        ('他说"要整改",大家同意。', "直引号", "他说“要整改”，大家同意。", 'He said "yes".'),
        ("依据示发[2025]07号通报", "文号格式", "依据示发〔2025〕7号通报", "依据示发〔2025〕7号通报"),
        ("依据示发（2025）第3号", "文号格式", "依据示发〔2025〕3号", "报告（2025）中写明"),
        ("依据示发 〔2025〕 7号", "文号格式", "依据示发〔2025〕7号", "示发〔2025〕7号"),
        ("还有很多工作...要做", "省略号", "还有很多工作……要做", "version 1...2"),
        ("这件事--很重要", "破折号", "这件事——很重要", "| --- | --- |"),
        ("定于2025 年 3 月 12 日召开", "日期空格", "定于2025年3月12日召开", "定于2025年3月12日召开"),
    ],
)
def test_each_typography_rule_finds_and_fixes_its_case_and_leaves_the_look_alike(bad, rule, fixed, good):
    findings = typography("a.md", bad)
    assert findings and {f.rule for f in findings} >= {rule}
    assert apply_fixes(bad, findings) == fixed
    assert typography("a.md", fixed) == [], "fixes are complete"
    assert apply_fixes(fixed, typography("a.md", fixed)) == fixed, "fixes are idempotent"
    assert typography("a.md", good) == []


def test_code_links_and_front_matter_keys_are_not_prose():
    text = '---\ntitle: 示例\nsources:\n  - publisher: 示例日报\n---\n\n见`代码,不改.`和[链接](http://a.cn/x,y.z)。\n\n```\n代码 "不改",也不改.\n```\n'
    assert typography("a.md", text) == []


def test_front_matter_values_are_prose():
    assert rules(typography("a.md", "---\ntitle: 关于示例工作的通知,请查收\n---\n")) == [(2, 17, "半角标点", ",")]


def test_a_page_with_several_faults_reports_all_of_them_in_one_run():
    text = '会议召开了,大家说"好".\n依据示发[2025]07号...\n'
    assert rules(typography("a.md", text)) == [
        (1, 6, "半角标点", ","),
        (1, 10, "直引号", '"'),
        (1, 12, "直引号", '"'),
        (1, 13, "半角标点", "."),
        (2, 5, "文号格式", "[2025]07号"),
        (2, 14, "省略号", "..."),
    ]
    once = apply_fixes(text, typography("a.md", text))
    assert once == "会议召开了，大家说“好”。\n依据示发〔2025〕7号……\n"


def test_id_numbers_need_a_valid_check_digit():
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("110105194912310021")


@pytest.mark.parametrize(
    ("bad", "rule", "got"),
    [
        ("机密★5年", "国家秘密标志", "机密★5年"),
        ("本文件 秘密★1年 请妥善保管", "国家秘密标志", "秘密★1年"),
        ("绝密", "国家秘密标志", "绝密"),
        ("份号：000123", "份号", "份号：000123"),
        ("密级：秘密", "密级标注", "密级：秘密"),
        ("机密☆1年", "国家秘密标志", "机密☆1年"),
        ("秘 密 ＊ ６ 个月", "国家秘密标志", "秘 密 * 6 个月"),
        ("机 密", "国家秘密标志", "机 密"),
        ("联系人身份证 11010519491231002X", "身份证号", "1101**********002X"),
        ("联系人身份证 11010519491231002x", "身份证号", "1101**********002x"),
        ("身份证 110105194912310021（校验位写错）", "疑似身份证号", "1101**********0021"),
        ("联系电话13812345678", "手机号", "138****5678"),
        ("联系电话 138-1234-5678", "手机号", "138-****-5678"),
        ("联系电话 138 1234 5678", "手机号", "138 **** 5678"),
        ("联系电话 +86 138 1234 5678", "手机号", "+86 138 **** 5678"),
        ("联系电话 0086-13812345678", "手机号", "0086-138****5678"),
        ("联系电话１３８１２３４５６７８", "手机号", "138****5678"),
        ("工资卡 6222 0210 0112 3456 789", "银行卡号", "6222 **** **** ***6 789"),
    ],
)
def test_each_security_guard_stops_its_case(bad, rule, got):
    assert [(f.rule, f.got, f.level) for f in security("a.md", bad)] == [(rule, got, "错误")]


@pytest.mark.parametrize(
    "fine",
    [
        "要做好保密工作，严守国家秘密。",
        "完成率98.5%，较上年提高1.5个百分点。",
        "1.加强学习",
        "编号 990105194912310021 不是身份证号（没有这个地区）",
        "办公电话 010-12345678，文号 示发〔2025〕13912号，传真 0571-87654321",
        "![图](img/local.png) [外部网站](https://www.example.cn/)",
        "```\n<script>示例代码</script>\n```",
        "统计表：2025年收入 1234567890123456 元（不是卡号，校验不通过）",
    ],
)
def test_prose_and_local_files_pass_the_guards(fine):
    assert security("a.md", fine) == []


def test_internal_marks_and_distribution_notes_are_notices_not_errors():
    findings = internal_marks("a.md", "本文为内部资料，注意保存。\n本通报发至县处级领导干部。\n")
    assert [str(f) for f in findings] == [
        "a.md:1:4: 内部资料标志（提示）: 应为 可在内网发布的资料，实为 “内部资料”（建议：本页将显示内部资料提示条，请确认可以在内网发布）",
        "a.md:1:9: 内部资料标志（提示）: 应为 可在内网发布的资料，实为 “注意保存”（建议：本页将显示内部资料提示条，请确认可以在内网发布）",
        "a.md:2:4: 传达范围（提示）: 应为 可在内网发布的资料，实为 “发至县处级”（建议：请确认本站读者都在传达范围之内）",
    ]
    assert security("a.md", "本文为内部资料，注意保存。") == []


@pytest.mark.parametrize(
    ("bad", "got"),
    [
        ("![](图片/座谈会.jpg)", "![](图片/座谈会.jpg)"),
        ("会场见下图：![ ](a.png){ width=300 }", "![ ](a.png)"),
        ("![][会场]", "![][会场]"),
        ('<img src="a.png">', '<img src="a.png">'),
        ('<IMG alt="" src="a.png"/>', '<IMG alt="" src="a.png"/>'),
        ("<img src='a.png' alt=' '>", "<img src='a.png' alt=' '>"),
        ('<img src="a.png"\n     width="300">', '<img src="a.png"      width="300">'),
    ],
)
def test_an_image_without_a_text_alternative_stops_the_build(bad, got):
    assert [(f.line, f.rule, f.got, f.level) for f in accessibility("a.md", bad)] == [(1, "图片说明", got, "错误")]


def test_the_image_message_names_file_line_and_what_to_write():
    text = "---\ntitle: 示例\n---\n\n# 示例\n\n正文。![](图片/座谈会现场照片，2025年3月12日摄于示例局三楼会议室.jpg)见上。\n"
    assert [str(f) for f in accessibility("docs/speeches/示例 讲话.md", text)] == [
        "docs/speeches/示例 讲话.md:7:4: 图片说明: 应为 图片的文字说明（读屏软件把它读给看不见图片的读者），"
        "实为 “![](图片/座谈会现场照片，2025年3月12日摄于示例局三楼会议室.jpg)”"
        "（建议：在 ![ ] 的方括号里写明图片内容，如 ![座谈会现场](图片.jpg)）"
    ]


@pytest.mark.parametrize(
    "fine",
    [
        "![座谈会现场](a.png)",
        '<img src="a.png" alt="座谈会现场">',
        "<img alt=会场 src=a.png>",
        "写法示例：`![](a.png)` 不可以。",
        "```\n![](a.png)\n<img src=a.png>\n```",
        "---\nnote: '![](a.png)'\n---\n",
        "# 标题\n\n## 一、\n\n### （一）\n\n#### 1.\n\n## 二、",
        "## 一、学习情况\n\n### （一）",  # entries: the title above is the generated level 1
        "#话题 不是标题",
    ],
)
def test_described_images_and_headings_in_order_pass(fine):
    assert accessibility("a.md", fine) == []


def test_a_heading_that_skips_a_level_names_the_level_it_may_have():
    text = "# 标题\n\n### 一、学习情况\n\n## 二、\n\n#### （一）\n\n```\n###### 代码\n```\n"
    assert [(f.line, f.rule, f.expected, f.got) for f in accessibility("a.md", text)] == [
        (3, "标题层级", "逐级使用的标题（此处最多用 ##）", "### 一、学习情况"),
        (7, "标题层级", "逐级使用的标题（此处最多用 ###）", "#### （一）"),
    ]


def test_the_quotes_that_delimit_yaml_values_are_not_typography():
    text = '---\nspeaker: "示例甲、示例乙"\npages: ["a", \'b\']\ntitle: 关于"两个确立"的学习\nlist:\n  - "示例"\n---\n'
    assert [(f.line, f.col, f.rule) for f in typography("a.md", text)] == [(4, 10, "直引号"), (4, 15, "直引号")]


def test_word_pasted_indents_and_plain_headings_are_named():
    from studysite.rules.lint import heading_hints

    text = (
        "# 示例\n\n    （此段由Word粘贴）示例正文。\n\n- 列表\n\n    列表的续行。\n\n一、总体要求\n\n（一）坚持学习\n"
    )
    assert [(f.line, f.rule, f.got) for f in typography("a.md", text)] == [(3, "行首空白", "行首 4 个空格")]
    assert apply_fixes(text, typography("a.md", text)).split("\n")[2] == "（此段由Word粘贴）示例正文。"
    assert [(f.line, f.got, f.advice) for f in heading_hints("a.md", text)] == [
        (9, "一、总体要求", "改为 “## 一、总体要求”，网页上才显示为标题并列入目录"),
        (11, "（一）坚持学习", "改为 “### （一）坚持学习”，网页上才显示为标题并列入目录"),
    ]


def test_word_symbol_characters_and_non_breaking_spaces_are_fixed():
    text = "\uf0b7 加强学习\u00a0教育；\nabc\u00a0def\n"
    assert apply_fixes(text, typography("a.md", text)) == "● 加强学习教育；\nabc def\n"


def test_personal_data_in_front_matter_and_alt_text_is_found_like_body_text():
    text = "---\ntitle: 示例\nnote: 联系人示例乙，电话 139 1234 5678\n---\n\n![示例乙 13812345678](a.png)\n"
    assert [(f.line, f.rule, f.got) for f in security("a.md", text)] == [
        (3, "手机号", "139 **** 5678"),
        (6, "手机号", "138****5678"),
    ]


def test_front_matter_flow_list_separators_are_yaml_not_punctuation():
    """`, ` between the items of a [a, b] list is YAML's: an item ending in ） is not followed by a half-width comma."""
    text = "---\ntitle: 示例\ncc: [省局办公室（各一份）, 市委办公室]\nattachments: [示例名单（样表）, 示例议程]\n---\n\n正文。\n"
    assert typography("a.md", text) == []
    assert apply_fixes(text, typography("a.md", text)) == text


def test_fix_never_changes_the_front_matter_structure():
    """A comma inside a quoted item is its text (fixed); fix then parse gives lists of the same length."""
    text = '---\ntitle: 示例\ncc: ["甲（一）,乙", 丙（二）, 丁]\nnote: 甲（一）,乙\n---\n\n正文（一）,好\n'
    fixed = apply_fixes(text, typography("a.md", text))
    assert fixed.split("\n")[2:5] == ['cc: ["甲（一），乙", 丙（二）, 丁]', "note: 甲（一），乙", "---"]
    before, after = (yaml.safe_load(t.split("---")[1]) for t in (text, fixed))
    assert [len(before["cc"]), len(after["cc"])] == [3, 3]
    assert fixed.endswith("正文（一），好\n")


def test_a_fix_that_would_merge_list_items_is_not_applied():
    """Whatever a rule proposes, apply_fixes leaves the front matter as it was when YAML would read it otherwise."""
    text = "---\ncc: [甲, 乙]\n---\n\n正文。\n"
    merge = Finding("a.md", 2, 7, "半角标点", "中文后用全角标点", ",", "改为 “，”", WARNING, ",", "，")
    assert apply_fixes(text, [merge]) == text


def test_import_written_lists_survive_the_fix():
    """make import writes its lists [a, b] and fixes the page: every item stays an item."""
    fields = {
        "title": "示例",
        "cc": ["省局办公室（各一份）", "市委办公室"],
        "attachments": ["名单（样表）", "议程,附表"],
    }
    text = front_matter(fields) + "\n正文。\n"
    fixed = apply_fixes(text, typography("a.md", text))
    assert yaml.safe_load(fixed.split("---")[1]) == {**fields, "attachments": ["名单（样表）", "议程，附表"]}
