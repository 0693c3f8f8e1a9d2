"""make offline: the zip, its name and bytes, and what leaves the intranet in it (real strict builds)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

import offline
from studysite.build.edition import SERVER_ONLY, WITHHELD_NOTE
from support import soup
from support.offline import (
    EDITION_DAY,
    FILES,
    INTERNAL_NOTICE,
    INTERNAL_PAGES,
    INTERNAL_WORKBOOK,
    INTERNAL_WORKBOOK_TEXT,
    PUBLIC_NOTICE,
    PUBLIC_TEXTS,
    commit,
    edition_environment,
    make_project,
    make_zip,
    sentences,
    text_of,
    unpack,
)

PUBLIC_NAME = f"学习资料站-离线版-{EDITION_DAY}"
INTERNAL_NAME = f"学习资料站-离线版-内部资料-注意保存-{EDITION_DAY}"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("offline") / "project")


@pytest.fixture(scope="module")
def public_zip(project: Path, tmp_path_factory) -> Path:
    return make_zip(project, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def internal_zip(project: Path, tmp_path_factory) -> Path:
    return make_zip(project, tmp_path_factory.mktemp("dist-internal"), "--internal", "1")


def texts(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): text_of(path) for path in folder.rglob("*") if path.is_file()}


def test_the_zip_is_named_and_dated_for_the_newest_source_change(public_zip: Path):
    assert public_zip.name == f"{PUBLIC_NAME}.zip"
    with zipfile.ZipFile(public_zip) as opened:
        infos = opened.infolist()
    assert {info.filename.split("/")[0] for info in infos} == {PUBLIC_NAME}, "one folder"
    assert {info.date_time for info in infos} == {(2025, 3, 12, 0, 0, 0)}
    assert f"{PUBLIC_NAME}/index.html" in {info.filename for info in infos}


def test_the_same_sources_give_the_same_bytes_whenever_they_are_built(project: Path, public_zip: Path, tmp_path):
    # A later commit that does not touch what the site is built from changes neither the date nor the bytes.
    (project / "README.md").write_text("示例说明\n", encoding="utf-8")
    commit(project, "2025-04-01T09:00:00+08:00", "README only")
    again = make_zip(project, tmp_path)
    assert again.name == public_zip.name
    assert again.read_bytes() == public_zip.read_bytes()


def test_without_internal_no_sentence_of_an_internal_page_is_in_any_file(project: Path, public_zip: Path, tmp_path):
    folder = unpack(public_zip, tmp_path)
    found = texts(folder)
    kinds = {name.rsplit(".", 1)[-1] for name in found}
    assert {"html", "pdf", "xlsx", "docx", "csv", "js"} <= kinds, "every kind of file is read"
    leaked = [
        (sentence, name)
        for page in INTERNAL_PAGES
        for sentence in sentences((project / "docs" / page).read_text(encoding="utf-8"))
        for name, text in found.items()
        if sentence in text
    ]
    assert leaked == []
    assert INTERNAL_WORKBOOK_TEXT not in "".join(found.values())
    names = "\n".join(found)
    assert "内部" not in names and "neibu" not in names and "tongbao" not in names, names
    # The same reading finds what the edition does hold, in every kind of file.
    for text in PUBLIC_TEXTS:
        assert any(text in content for content in found.values()), text
    public_sentence = sentences(FILES[PUBLIC_NOTICE])[2]
    holders = {name.split("/")[0] for name, text in found.items() if public_sentence in text}
    assert {"notices", "search", "packs"} <= holders, holders


def test_a_public_page_names_what_was_left_out_as_text_not_a_dead_link(public_zip: Path, tmp_path):
    folder = unpack(public_zip, tmp_path)
    page = soup(folder / PUBLIC_NOTICE.replace(".md", ".html"))
    article = page.select_one("article")
    assert "内部情况通报" + WITHHELD_NOTE in article.get_text()
    assert [a["href"] for a in article.select("a[href$='.xlsx'], a[href$='.docx']")] == [
        "../measures/%E6%95%B4%E6%94%B9%20%E5%8F%B0%E8%B4%A6%EF%BC%88%E7%A4%BA%E4%BE%8B%EF%BC%89.xlsx",
        "../measures/%E6%95%B4%E6%94%B9%20%E6%96%B9%E6%A1%88%EF%BC%88%E7%A4%BA%E4%BE%8B%EF%BC%89.docx",
    ]
    banner = soup(folder / "index.html").select_one(".md-banner").get_text(" ", strip=True)
    assert banner == "离线版，资料截至 2025年3月12日。本版只收录非密、公开的资料和会议报告、措施，不含内部资料。"


def test_the_offline_edition_has_no_server_only_files_and_no_directory_links(public_zip: Path):
    with zipfile.ZipFile(public_zip) as opened:
        names = [name.split("/", 1)[1] for name in opened.namelist()]
    for server_only in SERVER_ONLY:
        assert not any(name == server_only or name.startswith(server_only) for name in names if name), server_only
    assert not any(name.endswith(".map") for name in names)
    assert "measures/ledger.html" in names and "packs/report.pdf" in names and "measures/ledger.csv" in names
    # From a folder the search index is read as scripts; its JSON copy (fetched on a server) is left out.
    index = [name for name in names if name.startswith("search/")]
    assert "search/meta.js" in index and not [name for name in index if name.endswith(".json")], index


def test_internal_edition_holds_internal_material_and_says_so_on_every_page(
    project: Path, internal_zip: Path, tmp_path
):
    assert internal_zip.name == f"{INTERNAL_NAME}.zip"
    folder = unpack(internal_zip, tmp_path)
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = soup(page)
        assert "内部资料 注意保存" in html.select_one(".md-banner").get_text(), page
        assert "内部资料 注意保存" in html.title.get_text(), page
    found = texts(folder)
    notice = sentences(FILES[INTERNAL_NOTICE])[2]
    holders = {name.split("/")[0] for name, text in found.items() if notice in text}
    assert {"notices", "search", "packs"} <= holders, holders
    assert INTERNAL_WORKBOOK_TEXT in found[INTERNAL_WORKBOOK]


def test_a_build_that_fails_writes_no_zip(project: Path, tmp_path, capsys):
    broken = tmp_path / "project"
    subprocess.run(["git", "clone", "-q", str(project), str(broken)], check=True)
    page = broken / "docs/report/problems.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n联系电话 13812345678\n", encoding="utf-8")
    with edition_environment():
        assert offline.main(["--root", str(broken), "--dist", str(tmp_path / "dist")]) == 1
    assert not list((tmp_path / "dist").glob("*")), "no zip, no partial file"
    err = capsys.readouterr().err
    assert "docs/report/problems.md" in err and "没有生成离线版。" in err


def test_without_git_or_a_date_it_says_how_to_give_one(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    with edition_environment():
        assert offline.main(["--root", str(tmp_path), "--dist", str(tmp_path / "dist")]) == 1
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


def test_the_offline_edition_carries_the_ledgers_progress_and_its_workbook_sheet(public_zip: Path, tmp_path):
    folder = unpack(public_zip, tmp_path)
    page = soup(folder / "measures/ledger.html")
    assert page.select_one("svg.progress-chart title").get_text() == "整改事项按月进展"
    months = [tr.select_one("td").get_text() for tr in page.select(".progress-table tbody tr")]
    assert months == ["2025年3月"]  # the fixture's only commit; the edition is reckoned on its day
    import openpyxl

    book = openpyxl.load_workbook(folder / "measures/ledger.xlsx")
    assert [row[0] for row in book["进展"].iter_rows(min_row=4, max_row=4, values_only=True)] == ["2025年3月"]
