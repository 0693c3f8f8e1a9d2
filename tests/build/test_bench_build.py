"""scripts/bench.py run at a small size (real builds), so the benchmark cannot rot."""

from __future__ import annotations

import json
import re

import bench


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


def test_profile_and_the_full_build_are_reported(capsys):
    assert bench.main(["--sizes", "10", "--profile", "--full-entries", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"全部输出打开（make build：PDF、Word、Excel）：本站加 2 篇虚构条目，用时 [\d.]+ 秒，内存峰值 [\d.]+ MB", out
    )
    project_part = out.split("== 本项目代码（hooks/）中累计用时最多的 30 个函数", 1)[1]
    assert "hooks/content.py" in project_part and "make_build" in project_part, "the project's own functions listed"


def test_the_preview_answers_a_body_and_a_title_edit_as_ratios_to_the_pages_only_build(capsys):
    assert bench.main(["--sizes", "", "--preview-sizes", "12", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)["preview"]
    assert result["entries"] == 12 and result["build_seconds"] > 0 and result["first_seconds"] > 0
    assert abs(result["body_ratio"] - result["body_seconds"] / result["build_seconds"]) < 0.01
    assert abs(result["title_ratio"] - result["title_seconds"] / result["build_seconds"]) < 0.01
    first, body, title = result["pages"]
    assert body == [1, 1], "a body edit renders its own page only"
    assert result["peak_mb"] > 50
    assert first[0] > 40 and 1 < title[0] < first[0] / 2, "a title edit: the page and the indexes holding it"


def test_full_builds_are_measured_cold_and_after_one_edit_against_the_pages_only_build(capsys):
    assert bench.main(["--sizes", "", "--full-sizes", "6", "--json"]) == 0
    [full] = json.loads(capsys.readouterr().out)["full_builds"]
    assert full["entries"] == 6
    for name in ("pages_only", "cold", "warm"):
        assert full[f"{name}_seconds"] > 0 and full[f"{name}_peak_mb"] > 50
    base = full["pages_only_seconds"]
    for name in ("cold", "warm"):  # ratios of unrounded seconds, shown to 0.01; seconds shown to 0.1
        seconds = full[f"{name}_seconds"]
        low, high = (seconds - 0.05) / (base + 0.05), (seconds + 0.05) / max(base - 0.05, 0.01)
        assert low - 0.01 <= full[f"{name}_ratio"] <= high + 0.01


def test_one_edit_reprints_only_the_part_that_holds_the_entry(tmp_path):
    import full_bench

    project = full_bench.full_project(12, tmp_path)
    full_bench.full_build_cold(project)
    cached = {path.name for path in (project / ".cache/office").glob("*/*")}
    built = {path.name: path.read_bytes() for path in (project / "site/packs").glob("*.pdf")}
    full_bench.full_build_after_edit(project)
    added = {path.name for path in (project / ".cache/office").glob("*/*")} - cached
    changed = [p.name for p in sorted((project / "site/packs").glob("*.pdf")) if built.get(p.name) != p.read_bytes()]
    # The edited entry's part and the whole compilation (small enough to print whole): two packs, one entry each.
    assert len(changed) == 2 and "compilation.pdf" in changed, changed
    assert len(added) == 2, added
