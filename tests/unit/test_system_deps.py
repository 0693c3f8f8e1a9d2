"""scripts/system_deps.py: install what is missing, or say the exact command."""

from __future__ import annotations

import system_deps
from system_deps import Need


def test_usage_is_explained_in_chinese(capsys):
    assert system_deps.main(["everything"]) == 2
    assert capsys.readouterr().err == "用法：system_deps.py {site|pdf|test}\n"


def test_nothing_missing_means_nothing_to_do(monkeypatch, capsys):
    monkeypatch.setitem(system_deps.NEEDS, "test", [Need("chromium", lambda: True, "浏览器测试")])
    assert system_deps.main(["test"]) == 0
    assert capsys.readouterr().out == ""


def test_without_root_it_names_the_command_to_run(monkeypatch, capsys):
    monkeypatch.setitem(
        system_deps.NEEDS,
        "test",
        [Need("fonts-noto-cjk", lambda: False, "中文字体"), Need("chromium", lambda: False, "浏览器测试")],
    )
    monkeypatch.setattr(system_deps, "can_install", lambda: False)
    assert system_deps.main(["test"]) == 1
    output = capsys.readouterr()
    assert output.out == "缺少系统软件包 fonts-noto-cjk：用于中文字体。\n缺少系统软件包 chromium：用于浏览器测试。\n"
    assert output.err == (
        "请先运行：sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk\n"
    )
