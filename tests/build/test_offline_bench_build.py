"""scripts/offline_bench.py at a small size (real builds), so the benchmark cannot rot."""

from __future__ import annotations

import json

import offline_bench


def test_main_measures_the_served_site_and_both_offline_editions(capsys):
    assert offline_bench.main(["--entries", "10", "--timeout", "3", "--json"]) == 0
    output = json.loads(capsys.readouterr().out.splitlines()[-1])
    ours, material = output["editions"]
    assert output["entries"] == 10 and output["served_seconds"] > 0
    assert ours["zip_mb"] > 0 and ours["size_mb"] < output["served_mb"], "smaller than the served site"
    assert ours["left_machine"] == 0
    assert material["left_machine"] >= 1, "Material's offline plugin asks a public CDN for its search shim"
    assert material["zip_mb"] is None
