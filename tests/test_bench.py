"""scripts/bench.py at a small size, so the benchmark cannot rot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bench
from compilation_fixtures import TOPICS, sources_in
from conftest import REPO
from studysite.core.pages import GENERATED_PAGES, is_entry_path
from studysite.model.entries import load_catalogue


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


def test_main_measures_both_builds_and_a_pack(capsys):
    assert bench.main(["--sizes", "20", "--pack-entries", "3", "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    [result] = output["builds"]
    pack = output["pack"]
    assert pack["entries"] == 3 and pack["pdf_pages"] > 3 and pack["pdf_seconds"] > 0 and pack["peak_mb"] > 50
    made = {(f["name"], f["kind"]): f for f in pack["files"]}
    assert set(made) == {("measures/ledger.xlsx", "Excel"), ("packs/bench.md", "PDF"), ("packs/bench.md", "Word")}
    assert all(f["bytes"] > 5000 and f["seconds"] > 0 for f in made.values())
    assert result["entries"] == 20
    assert result["project_seconds"] > 0 and result["plain_seconds"] > 0
    assert abs(result["ratio"] - result["project_seconds"] / result["plain_seconds"]) < 0.01
    assert 5 < result["median_entry_kb"] < 60
    assert result["cpu_ratio"] > 0 and result["peak_mb"] > 50 and result["plain_peak_mb"] > 50


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


def test_profile_and_the_full_build_are_reported(capsys):
    assert bench.main(["--sizes", "10", "--profile", "--full-entries", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"全部输出打开（make build：PDF、Word、Excel）：本站加 2 篇虚构条目，用时 [\d.]+ 秒，内存峰值 [\d.]+ MB", out
    )
    project_part = out.split("== 本项目代码（hooks/）中累计用时最多的 30 个函数", 1)[1]
    assert "hooks/content.py" in project_part and "make_build" in project_part, "the project's own functions listed"
