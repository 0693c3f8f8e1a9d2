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
