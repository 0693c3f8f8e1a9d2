"""Last-changed dates in real builds: from git history, Chinese dates, nothing outside git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from studysite.model.history import last_changed
from support import copy_project, mkdocs_build, soup


def test_outside_git_there_are_no_dates(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    assert last_changed(tmp_path / "docs") == {}


def _commit(project: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = ["git", "-C", str(project), "-c", "user.name=示例", "-c", "user.email=shili@example.invalid"]
    subprocess.run(git + ["add", "-A"], check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", message], check=True, env=env)


def test_pages_show_their_last_commit_date_and_unchanged_pages_keep_theirs(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "2025-03-12T10:00:00+08:00", "初始")
    home = project / "docs/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n另见会议报告。\n", encoding="utf-8")
    _commit(project, "2025-06-30T09:00:00+08:00", "更新首页")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr

    def updated(page: str) -> str:
        return soup(site / page).select_one(".md-source-file__fact").get_text(" ", strip=True)

    assert updated("index.html") == "最后更新于 2025年6月30日"
    assert updated("report/index.html") == "最后更新于 2025年3月12日"
    assert soup(site / "speeches/index.html").select_one(".md-source-file") is None, "generated pages have no git date"


def test_a_build_outside_git_works_and_shows_no_date(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert soup(tmp_path / "site/report/index.html").select_one(".md-source-file") is None
