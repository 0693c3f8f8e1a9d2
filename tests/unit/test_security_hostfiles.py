"""Nothing of the build host reaches the site: mkdocs.yml may not read the host, a clean project passes the
rule, and a full disk during the build is said in Chinese and blames no page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import REPO, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("INHERIT: ../../secrets.yml", "INHERIT（读取另一个配置文件）"),
        ("site_author: !ENV CI_TOKEN", "!ENV（读取环境变量）"),
    ],
)
def test_mkdocs_yml_reading_the_host_is_refused(line, what, tmp_path, project):
    from studysite.core.hostfiles import config_problems

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    number = config.read_text(encoding="utf-8").splitlines().index(line) + 1
    expected = f"mkdocs.yml:{number}: 配置: 应为 不读取项目以外的文件或环境变量，实为 “{what}”"
    assert [str(p) for p in config_problems(project)] == [expected]


def test_clean_project_passes_the_rule(project):
    from studysite.core.hostfiles import scan

    assert scan(project, project / "docs") == [] and scan(project, project / "overrides", "theme.custom_dir") == []


def test_a_full_disk_during_the_build_is_said_in_chinese_and_blames_no_page(tmp_path, monkeypatch, capsys):
    import errno

    import build
    from clerk import run

    def full(root, site_dir, pdf, stream=None):
        source = "docs/report/problems.md"  # what the last line of defence would have blamed
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), f"{site_dir}/report/index.html" + source[:0])

    monkeypatch.setattr(build, "build_site", full)
    assert run(build.main, ["--root", str(REPO), "-d", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        f"构建时出错：磁盘空间已满（{tmp_path / 'site'}/report/index.html） [ENOSPC]。这不是页面内容的问题；"
        "请网站维护人员腾出磁盘空间（如删除旧的构建或日志）后再运行一次。"
    )
    assert "意外错误" not in err and "problems.md" not in err
