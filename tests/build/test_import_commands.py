"""`make import` and `make new` as CONTRIBUTING.md tells a clerk to type them: Chinese answers to wrong arguments
(no argparse usage line, no English line of make's), a path of this machine when SRC is missing, the dates
`make import` reads accepted by `make new` too."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import sampledocs as make
from support import REPO, command_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}
ENV.pop("VIRTUAL_ENV", None)
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def documented(prefix: str) -> str:
    """The command line CONTRIBUTING.md gives, as written (its trailing comment left off)."""
    line = next(line for line in CONTRIBUTING.splitlines() if line.startswith(prefix))
    return re.sub(r"\s+#.*$", "", line).strip()


def run(project: Path, command: str, home: Path | None = None) -> tuple[int, str]:
    env = {**ENV, "HOME": str(home)} if home else ENV
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return command_project(tmp_path_factory.mktemp("commands") / "project")


def _said_only_in_chinese(output: str) -> None:
    assert "make: ***" not in output and "Error" not in output and "usage" not in output and "用法" not in output
    assert "Traceback" not in output


def test_import_with_kind_in_chinese_as_contributing_shows(project: Path):
    command = documented('make import SRC="心得.docx" KIND=')
    assert command == 'make import SRC="心得.docx" KIND=讲话'
    make.speech(project / "心得.docx")
    code, output = run(project, command)
    _said_only_in_chinese(output)
    assert code == 0
    line = next(line for line in output.splitlines() if line.startswith("已导入 "))
    assert line.startswith(
        "已导入 心得.docx → docs/speeches/2025-03-05-在示例局2025年理论学习中心组第一次集体学习会上的讲话.md（讲话；"
    )


def test_a_wrong_kind_is_answered_in_chinese_and_make_adds_no_english_line(project: Path):
    code, output = run(project, 'make import SRC="心得.docx" KIND=讲稿件')
    _said_only_in_chinese(output)
    assert code == 0
    assert output.splitlines()[-1] == (
        "未导入任何文件：KIND 应为 讲话（或 speech）、公文（或 notice、通报、通知等文种），实为 “讲稿件”"
        '（例如 make import SRC="心得.docx" KIND=讲话）'
    )


def test_a_refused_file_ends_make_import_without_its_english_error_line(project: Path):
    code, output = run(project, 'make import SRC="来件/不存在 通报.docx"')
    _said_only_in_chinese(output)
    assert code == 0
    assert output.splitlines()[-1] == "未找到 来件/不存在 通报.docx：请检查路径（含空格的路径请加英文引号）"
    # the script itself keeps its status for automation
    code, output = run(project, 'python3 scripts/import.py "来件/不存在 通报.docx"')
    assert code == 1 and "未找到 来件/不存在 通报.docx" in output


def test_without_src_a_folder_of_this_machine_is_suggested(project: Path, tmp_path: Path):
    home = tmp_path / "home"
    (home / "下载").mkdir(parents=True)
    code, output = run(project, "make import", home=home)
    _said_only_in_chinese(output)
    assert code == 0
    folder = (home / "下载").as_posix()
    wsl = "microsoft" in Path("/proc/version").read_text(encoding="utf-8").lower()
    if not wsl:
        assert output.splitlines()[-1] == (
            f'请指定要导入的文件或文件夹，例如：make import SRC="{folder}/示例通报.docx"（只导入一个文件）'
            f'或 make import SRC="{folder}"（导入该文件夹中的全部文件）；{folder} 是本机的“下载”文件夹'
        )


def test_make_new_takes_the_chinese_numeral_date_import_reads(project: Path):
    command = documented("python3 scripts/new.py notice ")
    assert "--date 二〇二五年四月一日" in command
    code, output = run(project, command)
    assert code == 0, output
    written = (project / "docs/notices/2025-04-01-示纪发-2025-7号.md").read_text(encoding="utf-8")
    assert "\ndate: 2025-04-01\n" in written


def test_a_named_doc_type_is_used_and_one_number_on_two_titles_is_said_not_skipped(project: Path):
    number = "示发〔2025〕931号"
    make.notice(project / "情况.docx", number=number, title=("示例局2025年第一季度", "示例学习情况"))
    code, output = run(project, ".venv/bin/python scripts/import.py 情况.docx --kind 通报")
    assert code == 0, output
    written = re.search(r"^已导入 情况.docx → (docs/\S+?\.md)（", output, re.M)
    assert written, output
    first = (project / written.group(1)).read_text(encoding="utf-8")
    assert "\ndoc_type: 通报\n" in first
    make.notice(project / "另一份.docx", number=number, title=("关于示例局2025年第二季度", "示例学习情况的通报"))
    code, output = run(project, ".venv/bin/python scripts/import.py 另一份.docx")
    line = next(line for line in output.splitlines() if "另一份.docx" in line)
    assert line.startswith(
        "已导入 另一份.docx → docs/notices/2025-03-12-关于示例局2025年第二季度示例学习情况的通报.md（"
    ), line
    assert line.endswith(
        f"；与 {written.group(1)} 文号相同（{number}）但标题不同，不是同一份公文：请对照原件核对文号）"
    ), line
