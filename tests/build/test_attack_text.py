"""The attacker trial's text findings (issue 21, findings 2, 3, 4 and the admonition title), each variant and
held-out ones of each class: refused (or withheld) by `make check`, a real build and `make offline` alike.

- front matter is judged on its parsed YAML values (\\u and \\x escapes, invisible characters), at the key's line;
- 内部资料 and 传达范围 are judged on the page's words as a reader reads them; 传达范围 pages leave the public
  offline edition like 内部 ones;
- a number split over a table row's cells, 一/ー/〜 as a dash, traditional mark characters are found.
All payloads are fictional.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import check
from studysite.core.sources import Source
from studysite.rules.lint import internal_marks, typography
from studysite.rules.secrecy import security
from support import build_quietly, copy_project
from support.offline import commit, make_zip, text_of, unpack

PHONE = "手机号: 应为 不含个人信息的正文，实为 “{}”（建议：删除手机号，需要时写办公电话）"
ID = "身份证号: 应为 不含个人信息的正文，实为 “{}”（建议：删除身份证号）"
COPY = "份号: 应为 不含份号的正文，实为 “{}”（建议：份号只出现在涉密文件上，删除该行并核实密级）"
MARK = "国家秘密标志: 应为 非涉密内容（涉密不上网，上网不涉密），实为 “{}”（建议：删除该页，涉密文件不得收入本站）"
ALONE = (
    "国家秘密标志: 应为 非涉密内容（涉密不上网，上网不涉密），实为 “{}”"
    "（建议：独占一行（或一个表格单元格）的密级是涉密文件的版头，删除该页）"
)
HEADER = "密级标注: 应为 不含密级版头的正文，实为 “{}”（建议：删除照抄的密级行；非密资料在文件头写 classification）"

FRONT = "---\ntype: speech\ntitle: 示例讲话{n}\nspeaker: 示例甲\ndate: 2025-03-{day:02d}\n{field}\n---\n\n正文。\n"
FIELD_LINE = 6

# (front-matter line, the message at that line without path:line:col)
FRONT_MATTER = [
    (r'note: "示例处\u0031\u00338\u0031234\u00356\u00378"', PHONE.format("138****5678")),
    (r'note: "\x31\x338\x31234\x35678"', PHONE.format("138****5678")),
    ('note: "示例处138\\u200b1234\\u200b5678"', PHONE.format("138****5678")),
    (r'note: "份\u53f7：000123"', COPY.format("份号：000123")),
    # held out
    (r'note: "\u673a\u5bc6\u26055\u5e74"', MARK.format("机密★5年")),
    (r'note: "\U00000031\U00000033\U00000038 1234 5678"', PHONE.format("138 **** 5678")),
    (r'note: "110105\x3194912\u0033\u0031002X"', ID.format("1101**********002X")),
    ('note: "示例处138\\u2060\\u20601234\\ufeff5678"', PHONE.format("138****5678")),
    ('note: ["\\u5bc6\\u7ea7\\uff1a\\u673a\\u5bc6"]', HEADER.format("密级：机密")),
]

# (body, [(line, message)])
BODY = [
    ("| 138 | 1234 | 5678 |", [(1, PHONE.format("138 **** 5678"))]),
    ("| 110105194912 | 31002X |", [(1, ID.format("1101******** **002X"))]),
    ("电话138一1234一5678", [(1, PHONE.format("138一****一5678"))]),
    ("機密★10年", [(1, MARK.format("机密★10年"))]),
    ("祕密★5年", [(1, MARK.format("秘密★5年"))]),
    ("份號：000123", [(1, COPY.format("份号：000123"))]),
    # held out
    ("| 联系 | 139 |  8765  | 4321 |", [(1, PHONE.format("139 **** 4321"))]),
    ("|110105|19491231|002X|", [(1, ID.format("1101** ******** 002X"))]),
    ("| 姓名 | 示例乙 |\n| --- | --- |\n| 电话 | 138 1234 | 5678 |", [(3, PHONE.format("138 **** 5678"))]),
    ("电话138ー1234ー5678", [(1, PHONE.format("138ー****ー5678"))]),
    ("电话 138〜1234〜5678", [(1, PHONE.format("138〜****〜5678"))]),
    ("电话 138－1234—5678", [(1, PHONE.format("138－****—5678"))]),
    ("絕密★長期", [(1, MARK.format("绝密★长期"))]),
    ("絶密★20年", [(1, MARK.format("绝密★20年"))]),
    ("| 密級 | 機密 |", [(1, ALONE.format("机密"))]),
    ("密級：祕密", [(1, HEADER.format("密级：秘密"))]),
]

# (body, is 内部资料 (banner), is withheld from the public offline edition)
RESTRICTED = [
    ("**内部**资料", True),
    ("内 部 资 料", True),
    ("| 内部 | 资料 |\n| --- | --- |\n| 正文 | 示例 |", True),
    ("（此件发至县处级）", False),
    ("此件传达至处级以上干部", False),
    # held out
    ("内<b>部</b>资&#26009;", True),
    ("注 意\n保 存", True),
    ("內部資料", True),
    ("| 注意 | 保存 |", True),
    ("*内部*资料", True),
    ("（此件**发至**县 处 级）", False),
    ("| 此件 | 传达至 | 党员 |", False),
]


def messages(text: str) -> list[tuple[int, str]]:
    return [(f.line, str(f).split(": ", 1)[1]) for f in security("a.md", text)]


@pytest.mark.parametrize(("field", "message"), FRONT_MATTER)
def test_front_matter_is_judged_on_its_parsed_values(field, message):
    assert messages(FRONT.format(n=1, day=1, field=field)) == [(FIELD_LINE, message)]


@pytest.mark.parametrize(("body", "expected"), BODY)
def test_split_numbers_dashes_and_traditional_marks_are_found(body, expected):
    assert messages(body) == expected


@pytest.mark.parametrize(("body", "internal"), RESTRICTED)
def test_internal_and_distribution_marks_are_read_as_a_reader_reads_them(body, internal):
    page = Source("speeches/a.md", f"---\ntitle: 示例\n---\n\n{body}\n")
    assert page.restricted and page.internal == internal
    (first, *_) = internal_marks(page.path, page.text)
    assert first.line == 5 and first.rule == ("内部资料标志" if internal else "传达范围")


@pytest.mark.parametrize(
    "body",
    [
        "```\n内部资料\n```",
        "内部管理，资料室开放。",
        "内部\n\n资料汇编另行印发。",
        "| 内部 |\n\n| 资料 |",
        "本通知印发后，各单位认真执行。",
    ],
)
def test_marks_in_code_or_apart_do_not_count(body):
    assert not Source("a.md", f"---\ntitle: 示例\n---\n\n{body}\n").restricted


@pytest.mark.parametrize(
    "fine",
    [
        "| 年份 | 2021 | 2022 | 2023 |\n| --- | --- | --- | --- |\n| 件数 | 138 | 12 | 34 |",
        "| 序号 | 1 | 3 | 5 | 7 | 9 | 11 | 13 | 15 | 17 | 19 |",
        "| 指标 | 13.8 | 12.3 | 45.6 | 78 |",
        "2021一2025年，第一、二、三批共138个项目。",
        "一九四九年十月一日，一二三四五。",
        "機關單位的祕書處負責文件號碼登記。",
        "級別與號數由辦公室確定。",
        "絕大多數同志機密意識較強。",
        '---\ntitle: 示例\nnote: "\\u793a\\u4f8b\\u8bf4\\u660e 2025-03-12"\nyear: 2025\n---\n\n正文。',
        "| 办公电话 | 010 | 12345678 |",
    ],
)
def test_look_alike_prose_passes(fine):
    assert security("a.md", fine) == []


@pytest.mark.parametrize(
    "opener", ['!!! note "标题"', '??? note "标题"', '???+ tip "学习 标题"', '    !!! warning "注意"']
)
def test_an_admonition_title_s_quotes_are_syntax(opener):
    assert [f for f in typography("a.md", f"{opener}\n    正文。\n") if f.rule == "直引号"] == []
    assert [f.rule for f in typography("a.md", '正文"引号"内容\n')] == ["直引号", "直引号"]


def _messages(lines: list[str]) -> set[tuple[str, str, str]]:
    found = set()
    for line in lines:
        match = re.match(r"^(docs/\S+?):(\d+):(?:\d+:)? (.+)$", line)
        if match and match.group(3).split(":")[0] in {"手机号", "身份证号", "份号", "国家秘密标志", "密级标注"}:
            found.add((match.group(1), match.group(2), match.group(3).replace("（建议：", "（")))
    return found


def test_check_and_a_real_build_refuse_every_variant_with_the_same_messages(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    wanted = set()
    for n, (field, message) in enumerate(FRONT_MATTER, 1):
        path = f"docs/speeches/2025-04-{n:02d}-示例文件头{n}.md"
        (project / path).write_text(FRONT.format(n=n, day=n, field=field), encoding="utf-8")
        wanted.add((path, str(FIELD_LINE), message.replace("（建议：", "（")))
    body_start = FRONT.count("\n")  # the line 正文 stood on
    for n, (body, expected) in enumerate(BODY, 1):
        path = f"docs/speeches/2025-05-{n:02d}-示例正文{n}.md"
        text = FRONT.format(n=n, day=n, field="speaker_title: 示例").replace("正文。\n", body + "\n")
        (project / path).write_text(text, encoding="utf-8")
        wanted |= {(path, str(body_start + line - 1), m.replace("（建议：", "（")) for line, m in expected}
    code = check.main(["--root", str(project)])
    checked = _messages(capsys.readouterr().out.splitlines())
    built, printed = build_quietly(project, tmp_path / "site")
    assert code == 1 and not built
    assert wanted <= checked, sorted(wanted - checked)
    assert wanted <= _messages(printed), sorted(wanted - _messages(printed))
    assert not (tmp_path / "site").exists(), "nothing published, no search index written"


def test_the_public_offline_edition_leaves_out_pages_a_reader_sees_as_internal(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    sentences = {}
    for n, (body, _) in enumerate(RESTRICTED, 1):
        sentence = f"虚构受限页面句子{n:02d}"
        sentences[f"speeches/2025-01-{n:02d}-shili-shouxian-{n}.md"] = sentence
        (project / "docs/speeches" / f"2025-01-{n:02d}-shili-shouxian-{n}.md").write_text(
            f"---\ntype: speech\ntitle: 示例受限讲话{n}\nspeaker: 示例甲\ndate: 2025-01-{n:02d}\n---\n\n"
            f"{sentence}。\n\n{body}\n",
            encoding="utf-8",
        )
    (project / "docs/speeches/2025-01-28-shili-gongkai.md").write_text(
        "---\ntype: speech\ntitle: 示例公开讲话\nspeaker: 示例甲\ndate: 2025-01-28\n---\n\n虚构公开页面句子。\n",
        encoding="utf-8",
    )
    commit(project, "2025-03-12T12:00:00+08:00", "受限页面")
    folder = unpack(make_zip(project, tmp_path / "dist"), tmp_path / "unpacked")
    texts = {path.relative_to(folder).as_posix(): text_of(path) for path in folder.rglob("*") if path.is_file()}
    assert any("虚构公开页面句子" in text for text in texts.values())
    assert any(name.startswith("assets/search/") or "search" in name for name in texts)
    leaked = [(name, s) for name, text in texts.items() for s in sentences.values() if s in text]
    assert leaked == []
    assert not [name for name in texts if "shili-shouxian" in name]
