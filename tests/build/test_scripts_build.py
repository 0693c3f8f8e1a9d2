"""scripts/check.py and scripts/new.py, run on a copy of the project in a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import check
import new
from support import REPO, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_repo_itself_is_clean(capsys):
    assert check.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("检查了 ") and "必须修改 0 处，排版待修正 0 处" in out


def test_check_lists_every_finding_and_leaves_files_untouched(project: Path, capsys):
    page = project / "docs/speeches/2025-03-12-示例.md"
    text = (
        "---\ntype: speech\ntitle: 示例讲话\nspeaker: 示例甲\ndate: 2025-03-12\n---\n\n"
        '会议召开了,大家说"好".\n联系电话13812345678\n本文为内部资料。\n'
    )
    page.write_text(text, encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out.splitlines()
    path = "docs/speeches/2025-03-12-示例.md"
    assert out == [
        f"{path}:8:6: 半角标点（警告）: 应为 中文后用全角标点，实为 “,”（建议：改为 “，”）",
        f'{path}:8:10: 直引号（警告）: 应为 中文弯引号 “ ”，实为 “"”（建议：改为 ““”）',
        f'{path}:8:12: 直引号（警告）: 应为 中文弯引号 “ ”，实为 “"”（建议：改为 “””）',
        f"{path}:8:13: 半角标点（警告）: 应为 中文后用全角标点，实为 “.”（建议：改为 “。”）",
        f"{path}:9:5: 手机号: 应为 不含个人信息的正文，实为 “138****5678”（建议：删除手机号，需要时写办公电话）",
        f"{path}:10:4: 内部资料标志（提示）: 应为 可在内网发布的资料，实为 “内部资料”（建议：本页将显示内部资料提示条，请确认可以在内网发布）",
        "检查了 18 个页面：必须修改 1 处，排版待修正 4 处（可用 make fix 自动修正），提示 1 处。构建会失败，请按上面的提示修改。",
    ]
    assert page.read_text(encoding="utf-8") == text, "nothing is rewritten without --fix"


def test_fix_applies_typography_shows_the_diff_and_is_idempotent(project: Path, capsys):
    page = project / "docs/notices/2025-04-01-示例.md"
    page.write_text(
        "---\ntype: notice\ntitle: 示例通报\ndoc_type: 通报\nissuer: 示例局\ndate: 2025-04-01\nclassification: 公开\n---\n\n"
        '依据示发[2025]07号,大家说"好"...\n',
        encoding="utf-8",
    )
    assert check.main(["--root", str(project), "--fix"]) == 0
    out = capsys.readouterr().out
    assert '-依据示发[2025]07号,大家说"好"...\n+依据示发〔2025〕7号，大家说“好”……\n' in out
    assert page.read_text(encoding="utf-8").endswith("依据示发〔2025〕7号，大家说“好”……\n")
    assert check.main(["--root", str(project), "--fix"]) == 0
    assert "+依据" not in capsys.readouterr().out, "a second --fix changes nothing"


def test_check_finds_full_width_title_digits_and_half_width_brackets_and_fix_puts_them_right(project: Path, capsys):
    page = project / "docs/notices/2025-04-01-示例.md"
    text = (
        "---\ntype: notice\ntitle: 关于示例局党委(扩大)会议第１期的通报\ndoc_type: 通报\nissuer: 示例局\n"
        "date: 2025-04-01\nclassification: 公开\n---\n\n## 一、２０２５年学习情况\n\n示例正文。\n"
    )
    page.write_text(text, encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("docs/notices/")]
    assert lines == [
        "docs/notices/2025-04-01-示例.md:3:15: 半角括号（警告）: 应为 中文括号 （ ），实为 “(”（建议：改为 “（”）",
        "docs/notices/2025-04-01-示例.md:3:18: 半角括号（警告）: 应为 中文括号 （ ），实为 “)”（建议：改为 “）”）",
        "docs/notices/2025-04-01-示例.md:3:22: 全角数字（警告）: 应为 标题中用半角数字，如 2025，实为 “１”（建议：改为 “1”）",
        "docs/notices/2025-04-01-示例.md:10:6: 全角数字（警告）: 应为 标题中用半角数字，如 2025，实为 “２０２５”（建议：改为 “2025”）",
    ]
    assert page.read_text(encoding="utf-8") == text, "a check changes nothing"
    assert check.main(["--root", str(project), "--fix"]) == 0
    assert page.read_text(encoding="utf-8") == text.replace("(扩大)", "（扩大）").replace("１", "1").replace(
        "２０２５", "2025"
    )


def test_notices_alone_exit_zero(project: Path, capsys):
    page = project / "docs/report/problems.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n本通报发至县处级领导干部。\n", encoding="utf-8")
    assert check.main(["--root", str(project)]) == 0
    assert "传达范围（提示）" in capsys.readouterr().out


def test_check_runs_from_any_directory(project: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/check.py"), "--root", str(project)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_speech_is_named_valid_and_never_overwrites(project: Path, capsys):
    argv = [
        "--root",
        str(project),
        "speech",
        "--title",
        "在示例局学习会上的讲话：要点",
        "--speaker",
        "示例甲",
        "--date",
        "2025-03-12",
        "--topic",
        "理想信念",
    ]
    assert new.main(argv) == 0
    path = project / "docs/speeches/2025-03-12-在示例局学习会上的讲话-要点.md"
    assert path.read_text(encoding="utf-8") == (
        "---\ntype: speech\ntitle: 在示例局学习会上的讲话：要点\nspeaker: 示例甲\ndate: 2025-03-12\ntopics: [理想信念]\n---\n\n"
        "<!-- 在此粘贴讲话正文（替换这段说明）：按原文分段，小标题用 ## 开头；出处写在文件头的 sources 中。 -->\n"
    )
    out = capsys.readouterr().out
    assert out.startswith("已创建 docs/speeches/2025-03-12-在示例局学习会上的讲话-要点.md\n下一步：")
    assert "make check" in out and "合并请求" in out
    path.write_text("已编辑", encoding="utf-8")
    assert new.main(argv) == 1
    assert (
        capsys.readouterr().err
        == "已有同名文件 docs/speeches/2025-03-12-在示例局学习会上的讲话-要点.md（标题和日期相同），未覆盖："
        "如是同一份资料，直接编辑该文件；如不是，请核对标题和日期。\n"
    )
    assert path.read_text(encoding="utf-8") == "已编辑"
    assert check.main(["--root", str(project)]) == 1  # the clerk's placeholder text is not a valid page yet


def test_item_and_status_update_the_measure_and_pass_the_build_rules(project: Path, capsys):
    assert (
        new.main(
            [
                "--root",
                str(project),
                "item",
                "--measure",
                "M2",
                "--task",
                "示例任务",
                "--owner",
                "组织处",
                "--due",
                "2025-06-30",
            ]
        )
        == 0
    )
    text = (project / "docs/measures/m2.md").read_text(encoding="utf-8")
    assert "  - id: M2-7\n    task: 示例任务\n    owner: 组织处\n    due: 2025-06-30\n    status: 未开始\n---\n" in text
    assert new.main(["--root", str(project), "status", "M2-7", "--status", "已完成"]) == 1
    assert "M2-7.closed_on 销号日期: 应为 已完成事项的销号日期" in capsys.readouterr().err
    assert (
        new.main(
            [
                "--root",
                str(project),
                "status",
                "M2-7",
                "--status",
                "已完成",
                "--closed-on",
                "2025-06-20",
                "--evidence",
                "示组发〔2025〕3号",
            ]
        )
        == 0
    )
    text = (project / "docs/measures/m2.md").read_text(encoding="utf-8")
    assert (
        "    due: 2025-06-30\n    status: 已完成\n    closed_on: 2025-06-20\n    evidence: [示组发〔2025〕3号]\n---\n"
        in text
    )
    assert check.main(["--root", str(project)]) == 0


def test_make_new_without_a_terminal_prints_help(project: Path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/new.py"), "--root", str(project)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 2 and "speech" in result.stdout


def test_check_refuses_a_pack_naming_a_missing_page(project: Path, capsys):
    (project / "docs/packs/shili.md").write_text(
        "---\ntype: pack\ntitle: 示例材料包\npages:\n  - report/index.md\n  - report/missing.md\n---\n",
        encoding="utf-8",
    )
    assert check.main(["--root", str(project)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "docs/packs/shili.md:6:1: pages[2] 页面: 应为 docs/ 中存在的页面（如 report/index.md）、栏目（如 speeches/）"
        "或 compilation/contents.md，实为 “report/missing.md”"
    )


def test_evidence_with_brackets_is_written_as_valid_yaml_and_its_number_put_right(project: Path):
    assert (
        new.main(
            [
                "--root",
                str(project),
                "status",
                "M2-1",
                "--status",
                "正在整改",
                "--evidence",
                "示组发[2025]3号；示例方案[试行]",
            ]
        )
        == 0
    )
    text = (project / "docs/measures/m2.md").read_text(encoding="utf-8")
    assert '    evidence: [示组发〔2025〕3号, "示例方案[试行]"]\n' in text
    assert check.main(["--root", str(project)]) == 0
