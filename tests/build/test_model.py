"""One content model per build: every YAML form means the same in check and build, and no build sees another's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import check
from support import build_quietly, copy_project, soup
from support.corpus import GOOD

FORMS = {
    "block": "pages:\n  - compilation/contents.md\n  - speeches/\n",
    "quoted": "pages:\n  - \"compilation/contents.md\"\n  - 'speeches/'\n",
    "flow": "pages: [compilation/contents.md, speeches/]\n",
    "flow quoted": 'pages: ["compilation/contents.md", "speeches/"]\n',
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    for folder in ("speeches", "notices"):
        for path in (GOOD / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    return project


@pytest.mark.parametrize("form", FORMS)
def test_each_yaml_form_of_a_pack_gives_the_same_pages_in_check_and_build(project: Path, tmp_path: Path, form: str):
    (project / "docs/packs/示例.md").write_text(
        f"---\ntype: pack\ntitle: 示例材料包\n{FORMS[form]}---\n\n# 示例材料包\n\n说明。\n", encoding="utf-8"
    )
    [pack] = [p for p in check.load(project).site.packs if p.src_uri == "packs/示例.md"]
    # the whole compilation (2 notices and 3 speeches in print order), the speeches already in it not twice
    assert len(pack.pages) == 5
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    page = soup(tmp_path / "site/packs/示例/index.html")
    listed = [a["href"] for a in page.select("article ol li a")]
    assert len(listed) == len(pack.pages) == 5
    assert "5 个" in page.select_one("article dl").get_text()


@pytest.mark.parametrize(
    "speaker",
    ["[示例甲, 示例乙]", "\n  - 示例甲\n  - 示例乙", '"示例甲、示例乙"', "示例甲，示例乙", "['示例甲', '示例乙']"],
)
def test_each_form_of_a_list_field_means_the_same_in_check_and_build(project: Path, tmp_path: Path, speaker: str):
    (project / "docs/speeches/2025-06-01-示例.md").write_text(
        f"---\ntype: speech\ntitle: 示例两人讲话\nspeaker: {speaker}\ndate: 2025-06-01\n---\n\n正文。\n",
        encoding="utf-8",
    )
    entry = check.load(project).site.catalogue.by_uri["speeches/2025-06-01-示例.md"]
    assert entry.speakers == ("示例甲", "示例乙")
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    by_speaker = soup(tmp_path / "site/speeches/by-speaker/index.html").get_text()
    assert by_speaker.count("示例两人讲话") == 2, "listed under each of the two speakers"


def test_two_builds_in_one_process_each_see_their_own_sources(project: Path, tmp_path: Path):
    entry = project / "docs/speeches/2025-03-12-shili-jiaqiang-xuexi.md"
    built, _ = build_quietly(project, tmp_path / "first")
    assert built and "在示例局理论学习中心组学习会上的讲话" in soup(tmp_path / "first/speeches/index.html").get_text()
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("理论学习中心组学习会上的讲话", "改过标题的讲话"), "utf-8"
    )
    built, _ = build_quietly(project, tmp_path / "second")
    index = soup(tmp_path / "second/speeches/index.html").get_text()
    assert built and "改过标题的讲话" in index and "理论学习中心组学习会上的讲话" not in index
    entry.write_text(re.sub(r"date: .*", "date: 2025-02-30", entry.read_text(encoding="utf-8")), "utf-8")
    built, printed = build_quietly(project, tmp_path / "third")
    assert not built and any("没有这一天" in line for line in printed)
    entry.unlink()
    built, _ = build_quietly(project, tmp_path / "fourth")
    assert built, "the faulty file of the last build is gone, and so are its problems"
    assert "改过标题的讲话" not in soup(tmp_path / "fourth/speeches/index.html").get_text()
