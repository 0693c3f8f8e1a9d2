"""The allowlist in `make check` and real builds: the contributors' unsafe pages stop both at the same lines, and
every page the site generates or decorates passes it (the cases themselves: tests/unit/test_allowlist.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import check
from studysite.rules.allowlist import html_findings
from support import REPO, build_quietly, copy_project
from support.allowlist import CASES


def test_check_and_build_stop_on_the_same_lines_in_the_contributors_words(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    # the local image of the srcset case, where the browser looks for it (raw HTML resolves against the page URL)
    image = project / "docs/speeches/2025-03-12-示例12/a.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    header = "---\ntype: speech\ntitle: {t}\nspeaker: 示例甲\ndate: 2025-03-{d:02d}\n---\n\n示例正文。\n\n"
    for day, (text, _) in enumerate(CASES[:12], start=1):
        path = project / f"docs/speeches/2025-03-{day:02d}-示例{day}.md"
        path.write_text(header.format(t=f"示例讲话{day}", d=day) + text + "\n", encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    checked = [line for line in capsys.readouterr().out.splitlines() if line.startswith("docs/")]
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built
    for day, (_, expected) in enumerate(CASES[:12], start=1):
        path = f"docs/speeches/2025-03-{day:02d}-示例{day}.md"
        mine = [line for line in printed if line.startswith(path + ":")]
        assert sorted(line.split(": ", 2)[1] for line in mine) == sorted(rule for rule, _ in expected), path
        assert all(line.startswith(f"{path}:10: ") for line in mine), mine  # the Markdown line it came from
        assert sorted(line.replace(":10:1:", ":10:", 1) for line in checked if line.startswith(path + ":")) == sorted(
            mine
        )


RECORD_HOOK = """
import json, pathlib
def on_page_content(html, page, config, files):
    out = pathlib.Path(config.site_dir).parent / "contents"
    out.mkdir(exist_ok=True)
    (out / (page.file.src_uri.replace("/", "__") + ".json")).write_text(json.dumps(html), encoding="utf-8")
    return html
"""


def test_every_page_the_site_generates_or_decorates_passes_the_same_allowlist(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for folder in ("speeches", "notices"):
        for path in (REPO / "tests/fixtures/compilation" / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    shutil.copy2(REPO / "tests/fixtures/measures/m9.md", project / "docs/measures/m9.md")
    (project / "record.py").write_text(RECORD_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = re.sub(r"\nhooks:[^\n]*\n", "\nhooks:\n  - record.py\n", config.read_text(encoding="utf-8"), count=1)
    assert "  - record.py\n" in text, "the recording hook must be listed, or the test records nothing"
    config.write_text(text, "utf-8")
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    contents = {
        path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (tmp_path / "contents").glob("*.json")
    }
    assert {"speeches__index.md", "measures__ledger.md", "packs__index.md", "compilation__contents.md"} <= set(contents)
    # The 检索 page's form is the site's own: judged with the template (studysite.rules.pagecheck), never allowed to
    # a contributor's page.
    assert [finding.got for finding in html_findings(contents.pop("find__index.md"))][:1] == ["<form>"]
    # So is 我的学习's own markup (its buttons, data-study-* and study-* names, which a contributor may not use so
    # that no page can forge it), and nothing else of it.
    found = {finding.got for finding in html_findings(contents.pop("study__index.md"))}
    assert "<button>" in found and all(
        got == "<button>" or got.startswith(("data-study-", "class=study-")) for got in found
    ), found
    assert {name: html_findings(html) for name, html in contents.items() if html_findings(html)} == {}
