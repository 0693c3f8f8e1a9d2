"""scripts/import_bench.py at a small size, so the benchmark cannot rot."""

from __future__ import annotations

import json

import import_bench


def test_the_benchmark_imports_every_file_of_a_mixed_folder(capsys):
    assert import_bench.main(["--files", "4", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["files"], result["docx"], result["pdf"]) == (4, 2, 2)
    assert result["seconds"] > 0 and 30 < result["peak_mb"] < 1000
    assert abs(result["files_per_second"] - result["files"] / result["seconds"]) < 0.05
