"""scripts/bench.py's pieces: the fictional corpus, the plain-Material configuration, the office files of a log."""

from __future__ import annotations

from pathlib import Path

import bench
from studysite.core.pages import GENERATED_PAGES, is_entry_path
from studysite.model.entries import load_catalogue
from support import REPO
from support.corpus import TOPICS, sources_in


def test_the_fictional_corpus_is_valid_and_fictional(tmp_path: Path):
    written = bench.write_corpus(tmp_path, 30)
    files = sources_in(tmp_path)
    assert len(files) == len(written) and all(is_entry_path(source.src_uri) for source in files)
    catalogue, problems = load_catalogue(files, TOPICS)
    assert problems == []
    assert (len(catalogue.speeches), len(catalogue.notices)) == (18, 12)
    assert all(name.startswith("示例") for speech in catalogue.speeches for name in speech.speakers)
    assert all(issuer.startswith("示例") for notice in catalogue.notices for issuer in notice.issuers)
    assert bench.write_corpus(tmp_path / "again", 30)[5].read_text() == written[5].read_text(), "deterministic"


def test_plain_config_has_no_hooks_and_no_generated_pages():
    plain = bench.plain_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks/" not in plain and "\nhooks:" not in plain and "custom_dir" not in plain
    assert not any(page in plain for page in GENERATED_PAGES)
    assert "strict: false" in plain
    assert "theme:\n  name: material" in plain
    assert "      - compilation/index.md\n" in plain


def test_office_files_are_read_from_the_build_log():
    log = (
        "INFO    -  整改台账工作簿 measures/ledger.xlsx：11649 字节，0.03 秒\n"
        "INFO    -  材料包 packs/report.md：PDF 729142 字节，2.41 秒；Word 52049 字节，0.35 秒\n"
    )
    assert bench.office_files(log) == [
        bench.OfficeFile("measures/ledger.xlsx", "Excel", 11649, 0.03),
        bench.OfficeFile("packs/report.md", "PDF", 729142, 2.41),
        bench.OfficeFile("packs/report.md", "Word", 52049, 0.35),
    ]
