"""make publish / make rollback: what it says without DEST, and what it refuses to touch."""

from __future__ import annotations

import os

import pytest

import publish


def test_without_dest_it_says_what_to_type(capsys):
    with pytest.raises(SystemExit) as stopped:
        publish.main([])
    assert stopped.value.code == 2
    assert "缺少网站目录：make publish DEST=/srv/xuexi" in capsys.readouterr().err


def test_rollback_of_a_folder_not_published_by_this_command_refuses(tmp_path, capsys):
    (tmp_path / "xuexi").mkdir()
    assert publish.main(["--rollback", str(tmp_path / "xuexi")]) == 1
    assert "不是由 make publish 发布的网站" in capsys.readouterr().err


def test_a_link_dest_this_command_did_not_make_is_left_alone(tmp_path, fake_builds, capsys):
    elsewhere = tmp_path / "其他网站"
    elsewhere.mkdir()
    dest = tmp_path / "xuexi"
    dest.symlink_to(elsewhere)
    assert publish.main([str(dest)]) == 1
    assert os.readlink(dest) == str(elsewhere)
    assert (
        f"{dest} 是指向 {elsewhere} 的链接，不是 make publish 建立的；为不改动它，没有发布。" in capsys.readouterr().err
    )
