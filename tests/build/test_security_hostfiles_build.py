"""Nothing of the build host reaches the site: a symbolic link, a FIFO or an oversized file under docs/ (or the
theme's overrides/) is refused by `make check` and by the build alike, named at its own path, and never read.

Each case is a merge request's worth of files in a copy of the project; the "host" files are fictional ones
made in the test's own folder, plus the real /etc, /proc/self/environ and the repository's .git/config, whose
bytes must appear nowhere in the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO, copy_project
from support.checking import run_check, verdicts

SECRET = "示例局机密口令-127.0.0.1-HOSTFILE"
LINK_EXPECTED = "文件本身（网站不发布符号链接，也不读取链接指向的内容）"
LINK_HINT = "请删除这个链接；确需发布的文件，请把文件本身复制到这里再提交"


def link_line(path: str, target: str) -> str:
    return f"{path}:1: 符号链接: 应为 {LINK_EXPECTED}，实为 “指向 {target} 的符号链接”（{LINK_HINT}）"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file of the build host outside the repository, holding a fictional secret."""
    path = tmp_path / "host" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def _links(tmp_path: Path, outside: Path) -> dict[str, tuple[str, str]]:
    """case: (path under the project, link text)."""
    return {
        "file outside": ("docs/report/附件.txt", str(outside)),
        "file outside, relative": ("docs/report/附件.pdf", os.path.relpath(outside, tmp_path / "project/docs/report")),
        "etc passwd": ("docs/assets/passwd.txt", "/etc/passwd"),
        "etc folder": ("docs/etc", "/etc"),
        "root folder": ("docs/report/全部", "/"),
        "git config": ("docs/gitconfig.txt", "../../.git/config"),
        "repo git config, absolute": ("docs/config.md", str(REPO / ".git" / "config")),
        "proc environ": ("docs/环境.txt", "/proc/self/environ"),
        "folder outside": ("docs/host", str(outside.parent)),
        "dangling": ("docs/report/不存在.md", "../nowhere/不存在.md"),
        "inside docs, relative": ("docs/report/副本.md", "../index.md"),
        "docs subfolder": ("docs/report2", "report"),
        "a page named .md to a secret": ("docs/notices/示例通知.md", str(outside)),
        "hidden file": ("docs/.env", "/proc/self/environ"),
        "nested deep": ("docs/report/a/b/c/深.txt", str(outside)),
        "overrides template": ("overrides/partials/秘密.html", str(outside)),
        "overrides folder": ("overrides/host", "/etc"),
    }


CASES = list(_links(Path("/x"), Path("/x/host/secret.txt")))


@pytest.mark.parametrize("case", CASES)
def test_every_symbolic_link_is_refused_by_check_and_build_alike_at_its_path(case, tmp_path, project, outside):
    path, target = _links(tmp_path, outside)[case]
    link = project / path
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    os.environ["STUDYSITE_HOSTFILE_SECRET"] = SECRET  # what /proc/self/environ would show
    try:
        checked, built = verdicts(project, tmp_path / "site")
    finally:
        del os.environ["STUDYSITE_HOSTFILE_SECRET"]
    assert checked == built == [link_line(path, target)]


def test_a_docs_folder_that_is_itself_a_link_is_refused(tmp_path, project):
    (project / "docs").rename(project / "real-docs")
    (project / "docs").symlink_to("real-docs")
    checked, built = verdicts(project, tmp_path / "site")
    assert checked == built == [link_line("docs", "real-docs")]


def test_every_link_and_special_file_is_named_in_one_run(tmp_path, project, outside):
    (project / "docs/a.txt").symlink_to("/etc/passwd")
    (project / "docs/report/b").symlink_to("/etc")
    os.mkfifo(project / "docs/report/管道.md")
    checked, built = verdicts(project, tmp_path / "site")
    assert checked == built
    assert [line.split(":", 1)[0] for line in built] == ["docs/a.txt", "docs/report/b", "docs/report/管道.md"]
    assert built[2].endswith("文件类型: 应为 普通文件或文件夹，实为 “命名管道（FIFO）”（请删除它：网站只发布普通文件）")


def fifo_line(path: str) -> str:
    return f"{path}:1: 文件类型: 应为 普通文件或文件夹，实为 “命名管道（FIFO）”（请删除它：网站只发布普通文件）"


@pytest.mark.parametrize("path", ["docs/report/管道.md", "docs/assets/管道.png", "docs/管道"])
def test_a_fifo_is_refused_without_waiting_on_it(path, tmp_path, project):
    os.mkfifo(project / path)
    # In a process of its own: opening a FIFO would wait forever, and the test would never end.
    command = [sys.executable, str(REPO / "scripts/check.py"), "--root", str(project)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert fifo_line(path).replace(":1:", ":1:1:", 1) in result.stdout.splitlines()
    command = [sys.executable, str(REPO / "scripts/build.py"), "--root", str(project), "--no-pdf"]
    command += ["-d", str(tmp_path / "site")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and fifo_line(path) in result.stderr.splitlines()
    assert not (tmp_path / "site").exists()


def test_a_unix_socket_is_refused(tmp_path, project):
    import socket

    path = project / "docs/report/s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError:
            pytest.skip("path too long for a socket")
        checked, built = verdicts(project, tmp_path / "site")
    expected = (
        "docs/report/s.sock:1: 文件类型: 应为 普通文件或文件夹，实为 “套接字（socket）”（请删除它：网站只发布普通文件）"
    )
    assert checked == built == [expected]


def test_a_page_over_the_size_limit_is_refused_before_it_is_read(tmp_path, project):
    from studysite.core.hostfiles import PAGE_LIMIT

    page = project / "docs/report/超长.md"
    page.write_text("# 超长\n\n" + "示例文字。" * (PAGE_LIMIT // 15 + 10), encoding="utf-8")
    size = page.stat().st_size
    checked, built = verdicts(project, tmp_path / "site")
    expected = (
        f"docs/report/超长.md:1: 文件大小: 应为 不超过 256 KB（每个页面的上限），以免拖垮构建，"
        f"实为 “{size / 1024:.0f} KB（{size} 字节）”（请把内容拆成几个页面；这么大的页面多半是误粘贴了别的内容）"
    )
    assert expected in checked and expected in built
    assert checked == built


def test_a_page_just_under_the_limit_is_not_refused_for_its_size(project):
    from studysite.core.hostfiles import PAGE_LIMIT

    page = project / "docs/report/长.md"
    text = "# 长\n\n" + "示例文字。\n\n" * (PAGE_LIMIT // 18)
    page.write_text(text, encoding="utf-8")
    assert page.stat().st_size <= PAGE_LIMIT
    _, lines = run_check(project)
    assert not [line for line in lines if "文件大小" in line]


def test_an_attachment_over_its_limit_is_refused_without_being_read(tmp_path, project):
    path = project / "docs/report/扫描件.pdf"
    with path.open("wb") as sparse:  # sparse: 40 MB on paper, nothing on disk
        sparse.truncate(40 * 1024 * 1024)
    checked, built = verdicts(project, tmp_path / "site")
    expected = (
        "docs/report/扫描件.pdf:1: 文件大小: 应为 不超过 30.0 MB（每个附件或图片的上限），以免拖垮构建，"
        "实为 “40.0 MB（41943040 字节）”（请压缩或拆分后再添加（扫描件可降低分辨率，或改为文字版））"
    )
    assert checked == built and expected in built


def test_the_real_proc_environ_never_reaches_a_real_mkdocs_build(tmp_path, project):
    """`mkdocs build --strict` as CI runs it, with a fictional CI variable in its environment."""
    from support import mkdocs_build

    (project / "docs/report/环境.txt").symlink_to("/proc/self/environ")
    result = mkdocs_build(project, tmp_path / "site", env={"CI_JOB_TOKEN": SECRET})
    assert result.returncode != 0
    assert link_line("docs/report/环境.txt", "/proc/self/environ") in result.stderr
    assert SECRET not in result.stdout + result.stderr
    site = tmp_path / "site"
    assert not any(SECRET.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize(("path", "target"), [("docs/report/环境.txt", "/proc/self/environ"), ("docs/etc", "/etc")])
def test_publish_refuses_a_link_and_leaves_dest_alone(path, target, tmp_path, project, capsys):
    import publish

    dest = tmp_path / "srv" / "xuexi"
    (project / path).symlink_to(target)
    assert publish.main([str(dest), "--root", str(project)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert link_line(path, target) in err
    assert err[-1] == f"没有发布：{dest} 仍是原来的网站，没有任何改动。"
    assert not os.path.lexists(dest) and publish.versions(publish.versions_of(dest)) == []


def test_offline_refuses_a_link_and_writes_no_zip(tmp_path, project, outside, capsys):
    import offline
    from support import commit_all

    (project / "docs/report/附件.txt").symlink_to(outside)
    commit_all(project, "2025-06-20")
    dist = tmp_path / "dist"
    assert offline.main(["--root", str(project), "--dist", str(dist)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert link_line("docs/report/附件.txt", str(outside)) in err and err[-1] == "没有生成离线版。"
    assert not list(dist.glob("*.zip"))


def test_an_office_cache_a_commit_brings_stops_check_and_build(tmp_path, project):
    # .cache/ is git-ignored, yet a merge request can add a file there: it would be published as a pack unread.
    entry = project / ".cache/office/ab" / ("ab" + "0" * 62)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"studysite-office-cache 1\n" + b"0" * 64 + b"\n%PDF-1.7 forged")
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", ".cache"], check=True)
    name = entry.relative_to(project).as_posix()
    line = (
        f"{name}:1: 缓存: 应为 不提交到仓库（.cache/ 只由构建写入），实为 “已提交”（请删去：git rm -r --cached .cache）"
    )
    checked, built = verdicts(project, tmp_path / "site")
    assert checked == [line] and built == [line]
    subprocess.run([*git, "rm", "-q", "-r", "--cached", ".cache"], check=True)
    assert run_check(project)[0] == 0, "the same file, built here and not tracked, is the build's own cache"
