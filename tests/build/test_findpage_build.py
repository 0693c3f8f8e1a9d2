"""The offline plugin or the switch writes the 检索 page's index as scripts, for file:// pages (a real build)."""

from __future__ import annotations

import json
from pathlib import Path

from support import copy_project, mkdocs_build


def test_materials_offline_plugin_is_refused_and_the_switch_writes_the_index_as_scripts(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain.replace("  - search\n", "  - search\n  - offline\n"))
    site = tmp_path / "site"
    refused = mkdocs_build(project, site)
    assert refused.returncode == 1
    assert (
        "mkdocs.yml:1: plugins: 应为 本站的插件（离线版请用 make offline 生成），实为 “material/offline”"
        in refused.stderr
    )
    config.write_text(plain.replace("use_directory_urls: true", "use_directory_urls: false"))
    result = mkdocs_build(project, site, env={"STUDYSITE_SEARCH_SCRIPTS": "1"})
    assert result.returncode == 0, result.stderr
    meta = (site / "search/meta.json").read_bytes()
    assert (site / "search/meta.js").read_bytes() == b'StudySearch.load("meta",' + meta + b");\n"
    assert json.loads(meta)["find"] == "find/index.html"
    assert len(list((site / "search/text").glob("*.js"))) == json.loads(meta)["documents"]
    assert (site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
