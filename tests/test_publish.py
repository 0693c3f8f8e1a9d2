"""make publish / make rollback: versions beside DEST, one atomic switch, and a failure that changes nothing."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import publish
from conftest import copy_project


def snapshot(dest: Path) -> dict:
    """Everything a reader could see or an administrator could find: the link and every file beside it."""
    parent = dest.parent
    return {
        "link": os.readlink(dest) if dest.is_symlink() else None,
        "files": {
            path.relative_to(parent).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(parent.rglob("*"))
            if path.is_file() and path.name != ".lock"
        },
    }


@pytest.fixture
def fake_builds(monkeypatch):
    """Builds that take no time: each writes a page naming its number; a number in `failing` fails half-written."""
    made = {"count": 0, "failing": set()}
    clock = iter(datetime(2025, 3, 12, 9, 0, 0) + timedelta(minutes=m) for m in range(1000))
    monkeypatch.setattr(publish, "_now", lambda: next(clock))

    def build_and_check(root, target, edition=None, **env):
        made["count"] += 1
        target.mkdir(parents=True)
        (target / "index.html").write_text(f"第{made['count']}版", encoding="utf-8")
        return ["构建失败：示例"] if made["count"] in made["failing"] else []

    monkeypatch.setattr(publish, "build_and_check", build_and_check)
    return made


def served(dest: Path) -> str:
    return (dest / "index.html").read_text(encoding="utf-8")


def test_publish_builds_beside_dest_and_points_dest_at_it(tmp_path, fake_builds, capsys):
    dest = tmp_path / "srv" / "xuexi"
    assert publish.main([str(dest)]) == 0
    assert dest.is_symlink() and not os.path.isabs(os.readlink(dest)), "a relative link: the folder may move"
    assert served(dest) == "第1版"
    (version,) = publish.versions(tmp_path / "srv" / "xuexi.versions")
    assert version.startswith("20250312-090000-")
    assert os.readlink(dest) == f"xuexi.versions/{version}"
    assert f"如需撤回：make rollback DEST={dest}" in capsys.readouterr().out


def test_the_published_files_are_readable_by_the_web_server_whatever_the_umask(tmp_path, fake_builds):
    dest = tmp_path / "srv" / "xuexi"
    before = os.umask(0o077)  # a hardened server's administrator
    try:
        assert publish.main([str(dest)]) == 0
        assert os.umask(0o077) == 0o077, "the administrator's umask comes back"
    finally:
        os.umask(before)
    version = dest.resolve()
    assert version.stat().st_mode & 0o777 == 0o755 and (version / "index.html").stat().st_mode & 0o777 == 0o644
    assert version.parent.stat().st_mode & 0o777 == 0o755, "the folder of versions can be entered too"


def test_a_failed_build_or_check_leaves_the_published_site_exactly_as_it_was(tmp_path, fake_builds, capsys):
    dest = tmp_path / "xuexi"
    assert publish.main([str(dest)]) == 0
    before = snapshot(dest)
    fake_builds["failing"].add(2)
    assert publish.main([str(dest)]) == 1
    assert snapshot(dest) == before
    assert served(dest) == "第1版"
    err = capsys.readouterr().err
    assert "构建失败：示例" in err and f"没有发布：{dest} 仍是原来的网站，没有任何改动。" in err


def test_keeps_the_set_number_of_previous_versions(tmp_path, fake_builds):
    dest = tmp_path / "xuexi"
    for _ in range(5):
        assert publish.main([str(dest), "--keep", "2"]) == 0
    kept = publish.versions(tmp_path / "xuexi.versions")
    assert [name[:15] for name in kept] == ["20250312-090200", "20250312-090300", "20250312-090400"]
    assert publish.current(dest) == kept[-1]
    assert publish.KEEP_PREVIOUS == 5, "the one place the number is set (README says so)"


def test_rollback_goes_back_one_version_each_time_and_says_when_it_cannot(tmp_path, fake_builds, capsys):
    dest = tmp_path / "xuexi"
    for _ in range(3):
        publish.main([str(dest)])
    assert publish.main(["--rollback", str(dest)]) == 0
    assert served(dest) == "第2版"
    assert publish.main(["--rollback", str(dest)]) == 0
    assert served(dest) == "第1版"
    capsys.readouterr()
    assert publish.main(["--rollback", str(dest)]) == 1
    assert "之前没有保留的版本，无法撤回" in capsys.readouterr().err
    assert served(dest) == "第1版"
    assert publish.main([str(dest)]) == 0, "publishing after a rollback goes on from the newest"
    assert served(dest) == "第4版"


def test_a_folder_published_by_hand_is_kept_as_the_oldest_version(tmp_path, fake_builds):
    dest = tmp_path / "xuexi"
    dest.mkdir()
    (dest / "index.html").write_text("手工放置", encoding="utf-8")
    assert publish.main([str(dest)]) == 0
    assert served(dest) == "第1版"
    assert publish.main(["--rollback", str(dest)]) == 0
    assert served(dest) == "手工放置"


def test_without_dest_it_says_what_to_type(capsys):
    with pytest.raises(SystemExit) as stopped:
        publish.main([])
    assert stopped.value.code == 2
    assert "缺少网站目录：make publish DEST=/srv/xuexi" in capsys.readouterr().err


def test_rollback_of_a_folder_not_published_by_this_command_refuses(tmp_path, capsys):
    (tmp_path / "xuexi").mkdir()
    assert publish.main(["--rollback", str(tmp_path / "xuexi")]) == 1
    assert "不是由 make publish 发布的网站" in capsys.readouterr().err


def test_a_real_build_that_fails_and_a_real_check_that_fails_change_nothing(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    dest = tmp_path / "srv" / "xuexi"
    assert publish.main([str(dest), "--root", str(project)]) == 0
    before = snapshot(dest)

    # The strict build stops: a mobile number in a page.
    page = project / "docs/report/problems.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n联系电话 13812345678\n[不存在的页面](../nope.md)\n", encoding="utf-8")
    assert publish.main([str(dest), "--root", str(project)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["构建失败（与 make build 相同的严格构建）：", "发现 2 处问题，构建已停止："]
    phone = page.read_text(encoding="utf-8").splitlines().index("联系电话 13812345678") + 1
    expected = [[f"docs/report/problems.md:{phone}", "手机号"], [f"docs/report/problems.md:{phone + 1}", "链接"]]
    assert [line.split(": ", 2)[:2] for line in err[2:-1]] == expected
    assert err[-1] == f"没有发布：{dest} 仍是原来的网站，没有任何改动。", "the problems in Chinese only, no MkDocs log"
    assert snapshot(dest) == before
    page.write_text(original, encoding="utf-8")

    # The build passes but its result does not: a stylesheet names a font file that is not there.
    css = project / "docs/assets/site.css"
    css.write_text(css.read_text(encoding="utf-8") + '\n@font-face { src: url("fonts/示例.woff2"); }\n', "utf-8")
    assert publish.main([str(dest), "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "assets/site.css:" in err and "链接: 应为 网站中存在的文件，实为 “fonts/示例.woff2”" in err
    assert snapshot(dest) == before
    assert not list((tmp_path / "srv" / "xuexi.versions").glob(publish.BUILDING + "*"))
    assert (dest / "packs/report.pdf").read_bytes().startswith(b"%PDF"), "the first publish had its PDFs"
