"""发文字号 rules: the valid form, 令号 and 公告 numbers, and each specific fault."""

from __future__ import annotations

import pytest

from studysite.core.docnumber import expected_for, faults, is_valid


@pytest.mark.parametrize("number", ["中办发〔2012〕14号", "示纪发〔2025〕7号", "示局函〔2024〕120号"])
def test_valid_numbers(number):
    assert is_valid(number)
    assert faults(number) == []


@pytest.mark.parametrize(
    ("number", "expected_faults"),
    [
        ("示发[2025]07号", ["方括号应为六角括号〔〕", "序号不编虚位"]),
        ("示发［2025］7号", ["方括号应为六角括号〔〕"]),
        ("示发【2025】7号", ["方头括号【】应为六角括号〔〕"]),
        ("示发（2025）7号", ["圆括号应为六角括号〔〕"]),
        ("示发(2025)7号", ["圆括号应为六角括号〔〕"]),
        ("示发〔25〕7号", ["年份应写全四位"]),
        ("示发〔2025〕第7号", ["序号前不加“第”"]),
        ("示发〔2025〕007号", ["序号不编虚位"]),
        ("示发 〔2025〕 7号", ["文号中不应有空格"]),
        ("〔2025〕7号", ["缺少机关代字"]),
        ("示发〔2025〕7", ["序号后应加“号”"]),
        ("示发2025年7号", ["年份应放在六角括号〔〕内"]),
    ],
)
def test_each_fault_is_named(number, expected_faults):
    assert not is_valid(number)
    assert faults(number) == expected_faults


def test_order_and_announcement_numbers_only_for_their_doc_types():
    assert is_valid("第12号", "命令（令）")
    assert not is_valid("第12号", "通知")
    assert is_valid("2024年第1号", "公告")
    assert not is_valid("2024年第1号", "通报")
    assert expected_for("公告") == "公告编号 四位年份年第N号，或 机关代字〔四位年份〕序号号"
    assert expected_for("通报") == "机关代字〔四位年份〕序号号"
