"""What `make import` must not write and must say: personal numbers, a 内部 mark, tracked changes and comments,
fields left for a person; and the date, kind and path a clerk types (no files, no LibreOffice)."""

from __future__ import annotations

import importlib
import io
from datetime import date
from pathlib import Path

import docx
import pytest

import new_answers
import sampledocs as make
from studysite.core.dates import written_date
from studysite.core.frontmatter import parse
from studysite.importer.document import Block, Document, Note
from studysite.importer.docxread import read_docx
from studysite.importer.internal import take_internal_mark
from studysite.importer.personal import Removed, clean_body, clean_fields, said, without_numbers
from studysite.model.entries import LABELS, read_entry
from studysite.rules.fixing import apply_fixes
from studysite.rules.lint import typography

importer = importlib.import_module("import")  # scripts/import.py


# --- personal numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept", "rules"),
    [
        ("联系人：示例乙，联系电话：0571-87654321，13812345678", "联系人：示例乙，联系电话：0571-87654321", ["手机号"]),
        ("联系人：示例乙，手机：13812345678，电话：0571-87654321", "联系人：示例乙，电话：0571-87654321", ["手机号"]),
        ("请联系示例乙（手机 １３８ １２３４．５６７８）。", "请联系示例乙。", ["手机号"]),
        ("13812345678，示例乙", "示例乙", ["手机号"]),
        ("（13812345678，示例乙）", "（示例乙）", ["手机号"]),
        ("示例乙，+86 138-1234-5678", "示例乙", ["手机号"]),
        ("示例乙，身份证号11010519491231002X。", "示例乙。", ["身份证号"]),
        ("银行卡号6222 0212 3456 7890 128，示例乙", "示例乙", ["银行卡号"]),
        ("办公电话：0571-87654321，2025年3月12日。", "办公电话：0571-87654321，2025年3月12日。", []),
        ("（联系人赵示例 13988886672）", "（联系人赵示例）", ["手机号"]),
        ("联络员名单（张示例 13988886672）", "联络员名单（张示例）", ["手机号"]),
        ("工资卡号6222 0212 3456 7890 128请勿外传", "工资卡号请勿外传", ["银行卡号"]),
        ("请拨打 13988886672 咨询", "请拨打 咨询", ["手机号"]),
    ],
)
def test_a_personal_number_goes_with_its_label_and_the_separator_it_leaves(text, kept, rules):
    cleaned, found, _ = without_numbers(text)
    assert (cleaned, found) == (kept, rules)


def test_the_line_says_what_went_from_where_never_the_number():
    fields, from_fields = clean_fields(
        {"title": "关于示例的通知", "note": "联系人：示例乙，13812345678", "cc": ["示例局纪委", "13812345678"]}, LABELS
    )
    assert fields == {"title": "关于示例的通知", "note": "联系人：示例乙", "cc": ["示例局纪委"]}
    body, from_body = clean_body(
        (
            Block(text="示例正文。"),
            Block(rows=(("示例乙", "138 1234 5678"),)),
            Block(text="请示例乙（11010519491231002X）报送。", notes=(Note(26, "手机13812345678"),)),
        )
    )
    assert body == (
        Block(text="示例正文。"),
        Block(rows=(("示例乙", ""),)),
        Block(text="请示例乙报送。", notes=(Note(6, ""),)),
    )
    removed = from_fields + from_body
    assert removed == [
        Removed("手机号", "附注"),
        Removed("手机号", "抄送机关"),
        Removed("手机号", "第1个表格"),
        Removed("身份证号", "正文第2段"),
        Removed("手机号", "正文第2段的脚注"),
    ]
    assert said(removed) == (
        "已删除个人信息：手机号（附注）、手机号（抄送机关）、手机号（第1个表格）、身份证号（正文第2段）、手机号（正文第2段的脚注）"
    )


# --- 内部 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["内部", "内部资料", "内部资料　注意保存", "內部資料", "★内部", "【内部】", "内 部"])
def test_an_internal_mark_on_the_head_leaves_the_blocks_and_is_said(mark):
    title = Block(text="关于示例的通知", align="center", size=22)
    document = Document((Block(text=mark), Block(text="中共示例局委员会文件", red=True), title))
    without, found = take_internal_mark(document)
    assert found == mark and without.blocks[1:] == document.blocks[1:] and not without.blocks[0].text


@pytest.mark.parametrize("line", ["内部资料管理办法", "秘密★1年", "加强内部管理"])
def test_words_that_are_no_internal_mark_stay(line):
    document = Document((Block(text=line), Block(text="关于示例的通知")))
    assert take_internal_mark(document) == (document, "")


# --- tracked changes and comments ---------------------------------------------------------------------


def test_tracked_changes_are_read_as_accepted_and_comments_left_out(tmp_path: Path):
    plain = read_docx(make.notice(tmp_path / "定稿.docx").read_bytes())
    revised = read_docx(make.revise(make.notice(tmp_path / "修订.docx")).read_bytes())
    assert revised.blocks == plain.blocks
    assert (plain.unaccepted, revised.unaccepted) == ((), ("修订", "批注"))


def test_a_comment_alone_is_said_as_one():
    document = docx.Document()
    paragraph = document.add_paragraph("示例通知正文。")
    document.add_comment(paragraph.runs[0], text="请核对", author="示例审核人")
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    assert read.unaccepted == ("批注",) and [b.text for b in read.blocks] == ["示例通知正文。"]


# --- fields left for a person ---------------------------------------------------------------------------


def test_a_field_written_empty_is_named_at_its_line_until_filled_or_deleted():
    text = (
        "---\ntype: notice\ntitle: 关于示例的通知\ndoc_type: 通知\nissuer: 示例局\n"
        "date:  # 导入时未能读出\nclassification: 公开\ndoc_number:  # 导入时未能读出\n---\n\n正文\n"
    )
    front, _ = parse("docs/notices/n.md", text)
    entry, problems = read_entry("docs/notices/n.md", "notices/n.md", front, ())
    assert entry is None
    assert [str(p) for p in sorted(problems)] == [
        "docs/notices/n.md:6: date 日期: 应为 日期，如 2025-03-12，实为 “（未填写）”",
        "docs/notices/n.md:8: doc_number 文号: 应为 对照原件填写的值，实为 “（未填写）”（原件上没有这一项的，删去这一行）",
    ]
    filled = text.replace("date:  #", "date: 2025-03-12  #").replace("doc_number:  # 导入时未能读出\n", "")
    entry, problems = read_entry("docs/notices/n.md", "notices/n.md", parse("docs/notices/n.md", filled)[0], ())
    assert entry is not None and problems == []


# --- what a clerk types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("二〇二五年四月一日", date(2025, 4, 1)),
        ("二〇二五年十二月三十一日", date(2025, 12, 31)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("２０２５年４月１日", date(2025, 4, 1)),
        ("2025-4-1", date(2025, 4, 1)),
        ("2025.04.01", date(2025, 4, 1)),
        ("2025/4/1", date(2025, 4, 1)),
    ],
)
def test_make_new_and_make_import_read_the_same_dates(typed, day):
    assert written_date(typed) == (day, "")
    assert new_answers.a_date(typed) == day.isoformat()


def test_a_date_that_does_not_exist_is_refused_in_chinese():
    with pytest.raises(new_answers.Refused) as refusal:
        new_answers.a_date("二〇二五年二月三十日")
    assert str(refusal.value) == "应为日期，如 2025-03-12 或 2025年3月12日，实为 “二〇二五年二月三十日”（没有这一天）"


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("讲话", "speech"), ("speech", "speech"), ("公文", "notice"), ("通报", "notice"), ("通知", "notice"), ("x", None)],
)
def test_kind_is_taken_by_its_chinese_names(typed, kind):
    assert importer.kind_named(typed) == kind


def test_the_suggested_source_is_a_folder_of_this_machine(tmp_path: Path):
    wsl = "Linux version 5.15.167.4-microsoft-standard-WSL2"
    (tmp_path / "mnt" / "d").mkdir(parents=True)
    assert importer.suggested_source(tmp_path, wsl, tmp_path / "mnt") == (
        "/mnt/d/公文",
        "Windows 的 D 盘在这里是 /mnt/d/，把“公文”换成文件所在的文件夹",
    )
    home = tmp_path / "home"
    (home / "下载").mkdir(parents=True)
    assert importer.suggested_source(home, "Linux version 6.1.0-debian") == (
        f"{home.as_posix()}/下载",
        f"{home.as_posix()}/下载 是本机的“下载”文件夹",
    )


# --- typography of titles --------------------------------------------------------------------------------


def test_full_width_digits_in_titles_and_half_width_brackets_are_found_and_fixed():
    text = "---\ntitle: 示例局党委(扩大)会议第１期\n---\n\n# 示例局２０２５年学习\n\n正文(WTO)和(1)、示例１２。\n"
    found = typography("docs/x.md", text)
    assert [str(f) for f in found] == [
        "docs/x.md:2:13: 半角括号（警告）: 应为 中文括号 （ ），实为 “(”（建议：改为 “（”）",
        "docs/x.md:2:16: 半角括号（警告）: 应为 中文括号 （ ），实为 “)”（建议：改为 “）”）",
        "docs/x.md:2:20: 全角数字（警告）: 应为 标题中用半角数字，如 2025，实为 “１”（建议：改为 “1”）",
        "docs/x.md:5:6: 全角数字（警告）: 应为 标题中用半角数字，如 2025，实为 “２０２５”（建议：改为 “2025”）",
    ]
    assert apply_fixes(text, found) == (
        "---\ntitle: 示例局党委（扩大）会议第1期\n---\n\n# 示例局2025年学习\n\n正文(WTO)和(1)、示例１２。\n"
    )
