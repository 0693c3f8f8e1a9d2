"""make publish / make rollback: versions beside DEST, one atomic switch, and a failure that changes nothing."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

import publish
from support import copy_project


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


# --- Adopting a folder published by hand, killed at any step; only switched versions; DEST as data ------------


class Killed(BaseException):
    """The process dies here (SIGKILL, power cut): nothing after this line of publish runs."""


def hand_folder(dest: Path) -> None:
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("手工放置", encoding="utf-8")
    (dest / "uploads").mkdir()
    (dest / "uploads" / "管理员上传.pdf").write_bytes(b"%PDF-1.4 \xe7\xa4\xba\xe4\xbe\x8b")


def hand_files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


HAND = {"index.html": "手工放置".encode(), "uploads/管理员上传.pdf": b"%PDF-1.4 \xe7\xa4\xba\xe4\xbe\x8b"}


def adopted_folder(dest: Path) -> Path:
    return publish.versions_of(dest) / publish.ADOPTED


def test_adopting_a_hand_made_folder_keeps_every_file_and_never_prunes_it(tmp_path, fake_builds, capsys):
    dest = tmp_path / "srv" / "xuexi"
    hand_folder(dest)
    assert publish.main([str(dest), "--keep", "1"]) == 0
    assert dest.is_symlink() and served(dest) == "第1版"
    assert hand_files_of(adopted_folder(dest)) == HAND
    assert f"原来手工放置的网站已保留为版本 {publish.ADOPTED}（不会被删除" in capsys.readouterr().out
    for _ in range(4):
        assert publish.main([str(dest), "--keep", "0"]) == 0
    assert hand_files_of(adopted_folder(dest)) == HAND, "an administrator's uploads are never removed"
    assert publish.main(["--rollback", str(dest)]) == 0
    assert served(dest) == "手工放置", "the versions built were pruned; the adopted one is still there to go back to"


@pytest.mark.parametrize("step", ["build", "rename", "before exchange", "after exchange", "note switch", "prune"])
def test_killed_at_any_step_of_adopting_the_site_is_never_missing_and_the_next_run_recovers(
    step, tmp_path, fake_builds, monkeypatch
):
    dest = tmp_path / "srv" / "xuexi"
    hand_folder(dest)
    real_exchange, real_record, real_rename = publish.exchange, publish.record, os.rename
    seen = []

    def watch():  # what a reader would get at this instant: never nothing
        seen.append(served(dest))

    def build_and_check(root, target, edition=None, **env):
        target.mkdir(parents=True)
        (target / "index.html").write_text("半成品", encoding="utf-8")
        if step == "build":
            raise Killed
        fake_builds["count"] += 1
        (target / "index.html").write_text(f"第{fake_builds['count']}版", encoding="utf-8")
        return []

    def rename(a, b, *args, **kwargs):
        watch()
        if step == "rename" and publish.BUILDING in str(a):
            raise Killed
        return real_rename(a, b, *args, **kwargs)

    def exchange(a, b):
        watch()
        if step == "before exchange":
            raise Killed
        real_exchange(a, b)
        watch()
        if step == "after exchange":
            raise Killed

    def record(folder, what, name):
        watch()
        if step == "note switch" and what == "switched" and not name.startswith(publish.ADOPTED):
            raise Killed
        real_record(folder, what, name)

    def prune(dest, keep):
        raise Killed

    monkeypatch.setattr(publish, "build_and_check", build_and_check)
    monkeypatch.setattr(publish.os, "rename", rename)
    monkeypatch.setattr(publish, "exchange", exchange)
    monkeypatch.setattr(publish, "record", record)
    if step == "prune":
        monkeypatch.setattr(publish, "prune", prune)
    with pytest.raises(Killed):
        publish.main([str(dest)])
    watch()
    assert set(seen) <= {"手工放置", "第1版"} and seen, "the site was there at every step"
    served_after_kill = served(dest)
    monkeypatch.undo()
    monkeypatch.setattr(publish, "_now", lambda: datetime(2025, 3, 12, 10, 0, 0))

    def later_build(root, target, edition=None, **env):
        target.mkdir(parents=True)
        (target / "index.html").write_text("第二次发布", encoding="utf-8")
        return []

    monkeypatch.setattr(publish, "build_and_check", later_build)
    assert publish.main([str(dest)]) == 0
    assert served(dest) == "第二次发布"
    folder = publish.versions_of(dest)
    assert hand_files_of(adopted_folder(dest)) == HAND, "the hand-made site is kept whole"
    leftovers = [p.name for p in [*folder.iterdir(), *dest.parent.iterdir()] if p.is_symlink() and p != dest]
    assert leftovers == [] and not list(folder.glob("*" + publish.BUILDING + "*"))
    # Rollback goes only to versions readers saw: the killed build never counts.
    assert publish.main(["--rollback", str(dest)]) == 0
    expected = "第1版" if served_after_kill == "第1版" else "手工放置"
    assert served(dest) == expected
    if expected == "第1版":
        assert publish.main(["--rollback", str(dest)]) == 0 and served(dest) == "手工放置"


def test_a_version_killed_before_its_switch_never_counts_for_rollback(tmp_path, fake_builds, monkeypatch):
    dest = tmp_path / "xuexi"
    assert publish.main([str(dest)]) == 0  # 第1版
    real_switch = publish.switch

    def killed_switch(dest, version):
        raise Killed

    monkeypatch.setattr(publish, "switch", killed_switch)
    with pytest.raises(Killed):
        publish.main([str(dest)])  # 第2版 built, named, never served
    monkeypatch.setattr(publish, "switch", real_switch)
    assert served(dest) == "第1版"
    assert publish.main([str(dest)]) == 0  # 第3版
    names = publish.versions(publish.versions_of(dest))
    assert len(names) == 2, "the version never switched to was removed by the run after"
    assert publish.main(["--rollback", str(dest)]) == 0
    assert served(dest) == "第1版"


def test_a_folder_this_command_did_not_make_is_never_removed(tmp_path, fake_builds):
    dest = tmp_path / "xuexi"
    assert publish.main([str(dest)]) == 0
    own = publish.versions_of(dest) / "20000101-000000-管理员备份"
    own.mkdir()
    (own / "说明.txt").write_text("管理员放的", encoding="utf-8")
    for _ in range(3):
        assert publish.main([str(dest), "--keep", "0"]) == 0
    assert (own / "说明.txt").read_text(encoding="utf-8") == "管理员放的"
    assert publish.main(["--rollback", str(dest)]) == 1, "a folder readers never saw is no version to go back to"


def test_where_the_file_system_cannot_exchange_nothing_is_changed(tmp_path, fake_builds, monkeypatch, capsys):
    import errno

    dest = tmp_path / "xuexi"
    hand_folder(dest)

    def unsupported(a, b):
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(b))

    monkeypatch.setattr(publish, "exchange", unsupported)
    assert publish.main([str(dest)]) == 1
    assert not dest.is_symlink() and hand_files_of(dest) == HAND
    assert publish.versions(publish.versions_of(dest)) == []
    assert "不支持原子交换" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["build", "switch"])
def test_a_full_disk_is_said_in_chinese_and_blames_no_page(where, tmp_path, fake_builds, monkeypatch, capsys):
    import errno

    from clerk import run

    dest = tmp_path / "xuexi"
    assert publish.main([str(dest)]) == 0
    before = snapshot(dest)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "xuexi.versions/x/report/index.html"))

    def fails(*args, **kwargs):
        if where == "build":
            args[1].mkdir(parents=True)
        raise full

    monkeypatch.setattr(publish, "build_and_check" if where == "build" else "switch", fails)
    capsys.readouterr()
    assert run(publish.main, [str(dest)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        f"发布时出错：磁盘空间已满（{full.filename}） [ENOSPC]。这不是页面内容的问题；"
        "请网站维护人员腾出磁盘空间（如删除旧的构建或日志）后再运行一次。"
    )
    assert "意外错误" not in err and ".md" not in err and "Traceback" not in err
    assert served(dest) == "第1版"
    if where == "build":
        assert snapshot(dest)["files"].keys() - {"xuexi.versions/.history"} == before["files"].keys() - {
            "xuexi.versions/.history"
        }


def test_make_passes_dest_and_the_others_as_data_never_as_shell(tmp_path):
    """`make publish DEST=…` with a DEST built to break out of quotes: the script gets it as one argument."""
    import json
    import subprocess

    from support import REPO

    fake = tmp_path / "bin"
    fake.mkdir()
    record = tmp_path / "argv.json"
    (fake / "python").write_text(
        f"#!/bin/sh\nexec {sys.executable} -c 'import json,sys; "
        f'open(sys.argv[1], "a").write(json.dumps(sys.argv[2:]) + "\\n")\' {record} "$@"\n'
    )
    (fake / "python").chmod(0o755)
    canary = tmp_path / "canary"
    nasty = f'{tmp_path}/a b" ; touch {canary}1 ; echo "$(touch {canary}2)`touch {canary}3`$$x\'$HOME'
    common = ["make", "-s", "-C", str(REPO), f"BIN={fake}", "PYTHON=true"]
    runs = [
        ["publish", f"DEST={nasty}"],
        ["rollback", f"DEST={nasty}"],
        ["import", f"SRC={nasty}", f"KIND={nasty}"],
        ["offline", f"INTERNAL={nasty}"],
    ]
    for target in runs:
        subprocess.run([*common, *target], check=True, capture_output=True, timeout=60)
    calls = [json.loads(line) for line in record.read_text().splitlines()]
    assert calls == [
        ["scripts/publish.py", "--", nasty],
        ["scripts/publish.py", "--rollback", "--", nasty],
        ["scripts/import.py", "--kind", nasty, "--", nasty],
        ["scripts/offline.py", "--internal", nasty],
    ]
    assert not list(tmp_path.glob("canary*")), "no command in DEST ran"
