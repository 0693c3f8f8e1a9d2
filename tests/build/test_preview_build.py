"""`make serve` re-renders only what an edit touches, and shows what a fresh build of the same sources shows.

Each test builds a small generated site (the repo plus a few dozen fictional entries) with the preview's
builder (scripts/preview.py), edits the sources as a clerk does, builds again with the same builder, and
compares every file of the preview, byte for byte, with a fresh build of the edited sources by MkDocs' own
build under serve (what `make serve` ran before it re-rendered selectively).
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench import copy_project, write_corpus
from preview import Preview
from serve import preview_config

URL = "http://127.0.0.1:8000/"
ENTRIES = 24


def _serving(project: Path, site: Path):
    config = preview_config(project, site, URL)
    config.plugins.on_startup(command="serve", dirty=False)  # the hooks know they run under serve
    return config


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    project = copy_project(tmp_path / "project")
    write_corpus(project / "docs", ENTRIES)
    yield project
    # The hooks' modules stay imported: later builds in this process are no preview.
    preview_config(project, tmp_path / "none", URL).plugins.on_startup(command="build", dirty=False)


class Previewed:
    """One `make serve` process: its builder and its site folder."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site, self.preview = project, site, Preview()
        self.preview.build(_serving(project, site), URL)
        self.pages = self.preview.rendered[0]

    def save(self, relative: str, text: str | None) -> tuple[int, int]:
        """A clerk saves (or, with None, deletes) a file; the preview builds; what it rendered anew."""
        path = self.project / relative
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
        self.preview.build(_serving(self.project, self.site), URL)
        return self.preview.rendered


def differences(preview: Path, fresh: Path) -> list[str]:
    """Every file that is not the same in both folders (missing on one side or with other bytes)."""

    def walk(compared: filecmp.dircmp, prefix: str) -> list[str]:
        found = [prefix + name for name in compared.left_only + compared.right_only]
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        for name, below in compared.subdirs.items():
            found += walk(below, f"{prefix}{name}/")
        return found

    return sorted(walk(filecmp.dircmp(preview, fresh), ""))


def fresh_build(project: Path, site: Path) -> Path:
    from mkdocs.commands.build import build

    shutil.rmtree(site, ignore_errors=True)
    build(_serving(project, site), serve_url=URL)
    return site


@pytest.fixture
def previewed(project: Path, tmp_path: Path) -> Previewed:
    return Previewed(project, tmp_path / "preview")


def _entry(project: Path, number: int = 1) -> tuple[str, str]:
    relative = f"docs/speeches/shili-{number:05d}.md"
    return relative, (project / relative).read_text(encoding="utf-8")


def test_a_body_edit_renders_that_page_alone_and_the_site_equals_a_fresh_build(previewed, tmp_path):
    relative, text = _entry(previewed.project)
    assert previewed.save(relative, text + "\n新增的一段正文：示例局的学习体会。\n") == (1, 1)
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    page = BeautifulSoup((previewed.site / "speeches/shili-00001/index.html").read_text("utf-8"), "html.parser")
    assert "新增的一段正文：示例局的学习体会。" in page.get_text()
    assert previewed.save(relative, text + "\n新增的一段正文：示例局的学习体会。\n") == (0, 0), "saved unchanged"


def test_a_title_and_date_edit_moves_the_entry_in_the_indexes_as_a_fresh_build_does(previewed, tmp_path):
    relative, text = _entry(previewed.project)
    edited = text.replace("title: 示例讲话第1号", "title: 改过题目的示例讲话第1号")
    edited = edited.replace("date: 2016-02-02", "date: 2024-12-30")
    assert edited.count("改过题目") == 1 and "2024-12-30" in edited
    content, finished = previewed.save(relative, edited)
    assert 1 < content < previewed.pages / 2 and 1 < finished < previewed.pages / 2  # the page, its indexes
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    index = (previewed.site / "speeches/index.html").read_text("utf-8")
    assert "改过题目的示例讲话第1号" in index


def test_adding_and_deleting_an_entry_equals_a_fresh_build(previewed, tmp_path):
    relative, text = _entry(previewed.project)
    added = "docs/speeches/shili-09999.md"
    previewed.save(added, text.replace("示例讲话第1号", "新加的示例讲话"))
    assert (previewed.site / "speeches/shili-09999/index.html").is_file()
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    previewed.save(added, None)
    previewed.save(relative, None)
    assert not (previewed.site / "speeches/shili-00001/index.html").exists()
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []


def test_a_measure_edit_changes_its_ledger_as_a_fresh_build_does(previewed, tmp_path):
    relative = "docs/measures/m1.md"
    text = (previewed.project / relative).read_text(encoding="utf-8")
    edited = text.replace("task: 带头开展“四个大讲”", "task: 带头开展“四个大讲”，每季度一次", 1)
    assert edited != text
    previewed.save(relative, edited)
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    ledger = (previewed.site / "measures/ledger/index.html").read_text("utf-8")
    assert "每季度一次" in BeautifulSoup(ledger, "html.parser").get_text()


def test_an_edit_to_mkdocs_yml_renders_every_page_again(previewed, tmp_path):
    text = (previewed.project / "mkdocs.yml").read_text(encoding="utf-8")
    edited = text.replace("site_name: 学习资料站", "site_name: 示例学习资料站")
    assert edited != text
    assert previewed.save("mkdocs.yml", edited) == (previewed.pages, previewed.pages)
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    assert "<title>首页 - 示例学习资料站</title>" in (previewed.site / "index.html").read_text("utf-8")


def _failure_boxes(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [box.get_text(" ", strip=True) for box in soup.select(".admonition.failure")]


def test_a_bad_edit_shows_its_problem_on_the_pages_and_fixing_it_takes_the_box_away(previewed, tmp_path):
    relative, text = _entry(previewed.project)
    previewed.save(relative, text.replace("date: 2016-02-02", "date: 2016-02-30", 1))
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
    [box] = _failure_boxes(previewed.site / "index.html")
    assert box.startswith("有 1 处问题需要修改（本页 0 处）")
    assert "docs/speeches/shili-00001.md:5: date 日期: 应为 日期" in box and "实为 “2016-02-30”（没有这一天）" in box
    previewed.save(relative, text)
    assert _failure_boxes(previewed.site / "index.html") == []
    assert _failure_boxes(previewed.site / "speeches/shili-00001/index.html") == []
    assert differences(previewed.site, fresh_build(previewed.project, tmp_path / "fresh")) == []
