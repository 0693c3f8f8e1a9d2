"""scripts/offline_bench.py's configuration of plain Material's offline plugin."""

from __future__ import annotations

import offline_bench
from support import REPO


def test_material_gets_its_offline_plugin_and_nothing_of_ours():
    config = offline_bench.material_offline_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "plugins:\n  - search\n  - offline\n" in config
    assert "hooks/" not in config and "custom_dir" not in config
