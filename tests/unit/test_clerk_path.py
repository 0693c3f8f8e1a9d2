"""`make new` with arguments: Chinese messages, and no file named that was not written."""

from __future__ import annotations

from pathlib import Path

import pytest

import new
from support import command_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return command_project(tmp_path / "project")


def test_arguments_in_chinese_and_errors_name_no_unwritten_file(project: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        new.main(["--root", str(project), "speech", "--title", "示例讲话", "--date", "2025-03-12"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：python3 scripts/new.py speech")
    assert err.endswith("缺少必填的参数：--speaker（运行 python3 scripts/new.py speech -h 可查看全部参数）\n")
    args = ["--root", str(project), "notice", "--title", "关于示例的通报", "--doc-type", "通报", "--issuer", "示例局"]
    args += ["--date", "2025-04-01", "--classification", "公开", "--topic", "反腐倡廉"]
    assert new.main(args) == 1
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("参数 --topic：专题应为 1 理想信念") and "docs/" not in err
    assert not list((project / "docs/notices").glob("*.md"))
