"""scripts/new.py on a copy of the project: wrong arguments and dates are named, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

import new
from support import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_new_notice_with_a_bad_date_writes_nothing(project: Path, capsys):
    argv = ["--root", str(project), "notice", "--title", "关于示例的通报", "--doc-type", "通报", "--issuer", "示例局"]
    assert new.main(argv + ["--date", "2025-02-30", "--classification", "公开"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "未写入任何文件，以下参数需要更正：",
        "参数 --date：应为日期，如 2025-03-12 或 2025年3月12日，实为 “2025-02-30”（没有这一天）",
    ], "the message names the field, not a file that was never written"
    assert not list((project / "docs/notices").glob("*.md"))
    assert new.main(argv + ["--date", "2025-02-28", "--classification", "内部", "--doc-number", "示发〔2025〕7号"]) == 0
    written = (project / "docs/notices/2025-02-28-示发-2025-7号.md").read_text(encoding="utf-8")
    assert "doc_number: 示发〔2025〕7号\n" in written and "classification: 内部\n" in written


def test_new_asks_for_each_field_when_run_with_nothing(project: Path):
    loaded = new.Project.load(project)
    answers = iter(["1", "示例讲话", "2025-03-12", "示例甲、示例乙", "", ""])
    assert new.interactive_argv(loaded, lambda prompt: next(answers), lambda _: None) == [
        "speech", "--title", "示例讲话", "--date", "2025-03-12", "--speaker", "示例甲", "--speaker", "示例乙",
    ]  # fmt: skip
    answers = iter(["4", "M2-1", "已完成", "", "2025-06-20", ""])
    assert new.interactive_argv(loaded, lambda prompt: next(answers), lambda _: None) == [
        "status",
        "M2-1",
        "--status",
        "已完成",
        "--closed-on",
        "2025-06-20",
    ]


def test_new_pack_is_checked_against_the_pages_that_exist(project: Path, capsys):
    assert (
        new.main(
            [
                "--root",
                str(project),
                "pack",
                "--title",
                "示例材料包",
                "--page",
                "report/index.md",
                "--page",
                "measures/",
            ]
        )
        == 0
    )
    text = (project / "docs/packs/示例材料包.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntype: pack\ntitle: 示例材料包\npages:\n  - report/index.md\n  - measures/\n---\n")
    assert new.main(["--root", str(project), "pack", "--title", "示例坏材料包", "--page", "report/none.md"]) == 1
    assert "参数 --page：没有这个页面或栏目：“report/none.md”" in capsys.readouterr().err
    assert not (project / "docs/packs/示例坏材料包.md").exists()


def test_every_wrong_argument_is_named_in_one_run_and_nothing_is_written(project: Path, capsys):
    argv = [
        "--root",
        str(project),
        "notice",
        "--title",
        "关于示例的通报",
        "--doc-type",
        "通函",
        "--issuer",
        "2025-03-01",
    ]
    argv += ["--date", "2099-01-01", "--classification", "秘密", "--doc-number", "示发[2025]7"]
    assert new.main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        "未写入任何文件，以下参数需要更正：",
        "参数 --doc-type：文种应为 "
        + "  ".join(f"{n} {t}" for n, t in enumerate(new.DOC_TYPES, 1))
        + " 之一（可输入序号），实为 “通函”",
        "参数 --date：日期不能晚于今天（" + new.format_date(new.Project.load(project).today) + "），实为 “2099-01-01”",
        "参数 --classification：密级应为 1 非密  2 公开  3 内部 之一，实为 “秘密”：涉密文件不得收入本站，请不要添加",
        "参数 --issuer：应为姓名或机关名称，多个用、分隔，实为 “2025-03-01”",
        "参数 --doc-number：文号应为 机关代字〔四位年份〕序号号，如 示发〔2025〕7号，实为 “示发[2025]7”"
        "（方括号应为六角括号〔〕；序号后应加“号”）",
    ]
    assert not list((project / "docs/notices").glob("*.md"))
