"""A YAML bomb or a refused front matter stops `make check` and the build alike, quickly; MkDocs' own YAML
parser never sees them."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from support import REPO, build_quietly, copy_project
from support.checking import PROBLEM, as_build_line, run_check

EXPECTED = "直接写出的值（不用 YAML 锚点 &、别名 *、合并键 <<，不深层嵌套）"


def bomb(levels: int) -> str:
    """A billion laughs: each level names the one before nine times (fictional words only)."""
    lines = ['l0: &l0 ["示例","示例","示例","示例","示例","示例","示例","示例","示例"]']
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


def page(front: str) -> str:
    return f"---\ntitle: 示例\n{front}\n---\n\n# 示例\n\n正文。\n"


def test_a_bomb_in_a_page_stops_check_and_build_alike_quickly(tmp_path):
    project = copy_project(tmp_path / "project")
    target = project / "docs/report/炸弹.md"
    target.write_text(page(bomb(9)), encoding="utf-8")
    started = time.perf_counter()
    code, checked = run_check(project)
    built, lines = build_quietly(project, tmp_path / "site")
    assert time.perf_counter() - started < 60, "both finish: nothing expanded the aliases"
    assert code == 1 and not built
    wanted = [as_build_line(line) for line in checked if PROBLEM.match(line) and "炸弹" in line]
    assert wanted and wanted == [line for line in lines if PROBLEM.match(line) and "炸弹" in line]
    assert any(line.startswith(f"docs/report/炸弹.md:3: 文件头: 应为 {EXPECTED}") for line in wanted)


@pytest.mark.parametrize("front", [bomb(9), "a: " + "[" * 5000])
def test_mkdocs_itself_never_parses_a_refused_front_matter(front, tmp_path):
    """The real `mkdocs build --strict` in a process of its own, with a deadline: had MkDocs' meta parser been
    handed the bomb, it would never end (9 levels) or crash (deep nesting)."""
    project = copy_project(tmp_path / "project")
    (project / "docs/report/炸弹.md").write_text(page(front), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(tmp_path / "site")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode != 0
    assert "docs/report/炸弹.md:3: 文件头: 应为 " + EXPECTED in result.stderr
    assert "RecursionError" not in result.stderr and "Traceback" not in result.stderr
