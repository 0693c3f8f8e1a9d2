"""A site to find one's place in (issue 26, item 11): the repo with N fictional entries, the fixture entries and
measure M9, and one speech with Chinese headings (its 目录); read back as a reader follows its links."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import bench
from support import FIXTURES, copy_project, mkdocs_build, soup

HEADED = "speeches/2025-06-01-shili-mulu.md"  # the speech with headings
HEADED_PATH = "speeches/2025-06-01-shili-mulu/"
HEADED_TITLE = "在示例局整改工作推进会上的讲话"
HEADINGS = ("一、提高政治站位", "二、抓好整改落实", "三、健全长效机制")
_PARAGRAPH = (
    "示例局党委要围绕深入学习，把整改措施和落实责任结合起来；党支部要围绕制度建设，把督促检查和长效机制结合起来。\n"
)


def build_place_site(tmp_path: Path, entries: int) -> Path:
    project = copy_project(tmp_path / "project")
    bench.write_corpus(project / "docs", entries)
    for folder in ("speeches", "notices"):
        for path in (FIXTURES / "compilation" / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    shutil.copy2(FIXTURES / "measures/m9.md", project / "docs/measures/m9.md")
    body = "\n".join(f"## {heading}\n\n" + "\n".join([_PARAGRAPH] * 8) for heading in HEADINGS)
    (project / "docs" / HEADED).write_text(
        f"---\ntype: speech\ntitle: {HEADED_TITLE}\nspeaker: 示例甲\ndate: 2025-06-01\ntopics: [理想信念]\n---\n\n{body}",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def resolve(page: str, href: str) -> tuple[str, str]:
    """The site path (a folder, as speeches/x/) and the decoded fragment a link on a page (a site path) leads to."""
    parts = urlsplit(urljoin("http://site/" + page, href))
    return unquote(parts.path).removeprefix("/"), unquote(parts.fragment)


def contents_order(site: Path) -> list[str]:
    """The entries as the built 汇编目录 shows them: its table, or, when split, each of its pages' tables in the
    order the index names them (a group, then its parts)."""
    index = "compilation/contents/"
    page = soup(site / index / "index.html")
    shown = [index]
    if page.select(".index-groups"):
        shown = []
        for row in page.select(".index-groups tbody tr"):
            first = resolve(index, row.select_one("td a")["href"])[0]
            parts = [resolve(index, a["href"])[0] for a in row.select("td:nth-of-type(3) a")]
            shown += [first, *[p for p in parts if p != first]] if parts else [first]
    order = []
    for path in shown:
        for row in soup(site / path / "index.html").select("article tbody tr"):
            order.append(resolve(path, row.select("td")[1].a["href"])[0])
    return order
