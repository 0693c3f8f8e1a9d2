"""The offline plugin or the switch writes the 检索 page's index as scripts, for file:// pages (a real build)."""

from __future__ import annotations

import json
from pathlib import Path

from support import copy_project, mkdocs_build


def test_the_offline_plugin_or_the_switch_writes_the_index_as_scripts(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline\n"))
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    meta = (site / "search/meta.json").read_bytes()
    assert (site / "search/meta.js").read_bytes() == b'StudySearch.load("meta",' + meta + b");\n"
    assert json.loads(meta)["find"] == "find/index.html", "the offline plugin turns directory URLs off"
    assert len(list((site / "search/text").glob("*.js"))) == json.loads(meta)["documents"]
    assert (site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
