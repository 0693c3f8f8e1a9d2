"""内部 material in the public offline zip (issue 21, item 4): it carries only files its public pages reach.

Real builds of a fictional project (示例局) whose 内部 notice links to attachments in every way Markdown and
HTML allow, with files no page links to (tests/support/offline_variants.py): the zip scripts/offline.py
makes holds none of them, nor their text anywhere (pages, search index, packs' PDF and Word files, ledger
downloads), while `make offline INTERNAL=1` still holds everything.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studysite.build.shipped import site_path, urls_in_html
from support import mkdocs_build
from support.offline import (
    INTERNAL_NOTICE,
    INTERNAL_PACK,
    INTERNAL_SPEECH,
    make_zip,
    sentences,
    text_of,
    unpack,
)
from support.offline_variants import (
    INTERNAL_ATTACHMENTS,
    INTERNAL_ONLY,
    INTERNAL_TEXT,
    PUBLIC_ATTACHMENTS,
    PUBLIC_FILES,
    VARIANTS,
    variant_project,
)


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


SITE_ASSETS = [
    "assets/site.css",
    "assets/elder.css",
    "assets/readers.css",
    "assets/elder.js",
    "assets/studyrecord.js",
    "assets/ledger.js",
    "assets/print.js",
    "assets/search/header.js",
    "assets/search/words.js",
    "assets/search/indexfiles.js",
    "assets/search/engine.js",
    "assets/search/findlist.js",
    "assets/search/find.js",
    "assets/search/search.css",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return variant_project(tmp_path_factory.mktemp("variants") / "project")


@pytest.fixture(scope="module")
def public_folder(project: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("public")
    return unpack(make_zip(project, work / "dist"), work / "unpacked")


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")}


def test_the_public_zip_carries_only_files_public_pages_reach(public_folder: Path):
    found = _files(public_folder)
    assert [name for name in INTERNAL_ONLY if name in found] == []
    assert [name for name in PUBLIC_FILES + SITE_ASSETS if name not in found] == []
    assert not [name for name in found if name.startswith("机密材料")], "no folder left empty either"
    assert "notices/2025-02-24-shili-gongkai-fujian.html" in found
    assert "notices/2025-02-23-shili-neibu-fujian.html" not in found


def test_no_file_of_the_public_zip_holds_internal_text(project: Path, public_folder: Path):
    texts = {
        path.relative_to(public_folder).as_posix(): text_of(path) for path in public_folder.rglob("*") if path.is_file()
    }
    assert {"search/meta.js", "measures/ledger.csv", "measures/ledger.xlsx", "packs/report.pdf"} <= set(texts)
    assert any(name.endswith(".docx") and name.startswith("packs/") for name in texts), "packs' Word files read"
    leaked = [name for name, text in texts.items() if INTERNAL_TEXT in text]
    assert leaked == []
    pages = [INTERNAL_ATTACHMENTS, INTERNAL_NOTICE, INTERNAL_SPEECH, INTERNAL_PACK]
    internal = {s for page in pages for s in sentences((project / "docs" / page).read_text(encoding="utf-8"))}
    internal = {s for s in internal if len(re.findall(r"[\u4e00-\u9fff]", s)) >= 4}  # text, not markup
    assert len(internal) > 15, internal
    internal |= {"示例局内部附件汇总通报", "统计表十一", "wrap-text", "ref-implicit", "angle brackets"}
    assert [(s, name) for s in sorted(internal) for name, text in texts.items() if s.replace(" ", "") in text] == []
    # The same reading finds the public attachments' text and the public page where a reader looks for it.
    assert "虚构公开附表文字public-wrap" in texts["notices/附件/public-wrap.xlsx"]
    search = "".join(text for name, text in texts.items() if name.startswith("search/"))
    assert "公开附表见共用表" in search and "汇总情况见内部附件汇总通报" in search


def test_a_public_page_links_its_attachments_and_names_the_withheld_page_as_text(public_folder: Path):
    from studysite.build.edition import WITHHELD_NOTE
    from support import soup

    article = soup(public_folder / PUBLIC_ATTACHMENTS.replace(".md", ".html")).select_one("article")
    targets = sorted(a["href"] for a in article.select("a[href*='.xlsx']")) + [article.img["src"]]
    resolved = sorted(site_path("notices", href) for href in targets)
    assert resolved == sorted(PUBLIC_FILES)
    assert all((public_folder / name).is_file() for name in resolved)
    assert "内部附件汇总通报" + WITHHELD_NOTE in article.get_text()


def test_the_internal_edition_still_carries_everything(project: Path, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_OFFLINE": "1", "STUDYSITE_INTERNAL": "1"})
    assert result.returncode == 0, result.stderr
    found = _files(site)
    assert [name for name in INTERNAL_ONLY + PUBLIC_FILES + SITE_ASSETS if name not in found] == []
    # Each variant is a real link or image of the page a reader gets (else its absence above proves nothing).
    html = (site / INTERNAL_ATTACHMENTS.replace(".md", ".html")).read_text(encoding="utf-8")
    reached = {site_path("notices", url) for url in urls_in_html(html)[0]}
    named = [name for name in INTERNAL_ONLY if Path(name).stem in VARIANTS[INTERNAL_ATTACHMENTS]]
    assert len(named) == 13 and [name for name in named if name not in reached] == []


def test_make_offline_checks_the_folder_itself_before_packing(tmp_path, monkeypatch, capsys):
    import offline
    from support.offline import edition_environment

    root = tmp_path / "project"
    _site(
        root / "docs",
        {
            "index.md": "# 首页\n",
            "notices/附件/公开.xlsx": "公开",
            "notices/附件/内部.xlsx": "内部",
            "孤立/深层/孤立.pdf": "孤立",
            "assets/site.css": "x",
        },
    )

    def built(root_: Path, folder: Path, edition, **env) -> list[str]:  # a build whose hook left files in
        _site(
            folder,
            {
                "index.html": '<link rel="stylesheet" href="assets/site.css"><a href="notices/附件/公开.xlsx">公开</a>',
                "notices/附件/公开.xlsx": "公开",
                "notices/附件/内部.xlsx": "内部",
                "孤立/深层/孤立.pdf": "孤立",
                "assets/site.css": "x",
            },
        )
        return []

    monkeypatch.setattr(offline, "build_and_check", built)
    with edition_environment():
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741737600")
        assert offline.main(["--root", str(root), "--dist", str(tmp_path / "dist")]) == 1
        assert not list((tmp_path / "dist").glob("*")), "no zip, no partial file"
        err = capsys.readouterr().err.splitlines()
        assert err == [
            "离线版中有 2 个文件没有公开页面引用：",
            "docs/notices/附件/内部.xlsx:1: 离线版: 应为 公开页面引用的文件（不含内部资料的离线版只收录这些），"
            "实为 “没有公开页面引用”",
            "docs/孤立/深层/孤立.pdf:1: 离线版: 应为 公开页面引用的文件（不含内部资料的离线版只收录这些），"
            "实为 “没有公开页面引用”",
            "没有生成离线版。",
        ]
        # The edition with 内部 material carries every file: nothing to refuse there.
        assert offline.main(["--root", str(root), "--dist", str(tmp_path / "dist"), "--internal", "1"]) == 0
