"""The compilation in real strict builds: fixture entries listed everywhere, bad entries stop the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_corpus import index_pages
from support import copy_project, mkdocs_build, soup, with_entries
from support.corpus import BAD, BAD_ENTRIES_REPORT, GOOD, SPEECH_INDEX_ROWS


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("compilation")
    project = with_entries(tmp_path, GOOD)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _rows(page) -> list[list[str]]:
    return [[cell.get_text(strip=True) for cell in row.select("td")] for row in page.select("article table tbody tr")]


def test_speech_index_lists_every_speech_newest_first(fixture_site: Path):
    page = soup(fixture_site / "speeches/index.html")
    assert page.select_one("article h1").get_text(strip=True).removesuffix("¶") == "讲话索引"
    assert "共收录讲话 3 篇，讲话人 3 位。" in page.select_one("article").get_text()
    assert _rows(page) == SPEECH_INDEX_ROWS
    links = [a["href"] for a in page.select("article table a")]
    assert links == ["2025-05-20-shili-xuanren/", "2025-03-12-shili-jiaqiang-xuexi/", "2024-11-02-shili-lianjie/"]


def test_notice_indexes_and_contents_count_every_entry(fixture_site: Path):
    by_year = soup(fixture_site / "notices/index.html")
    assert [h.get_text(strip=True).removesuffix("¶") for h in by_year.select("article h2")] == [
        "2025年（1 份）",
        "2024年（1 份）",
    ]
    assert _rows(by_year)[0] == ["示纪发〔2025〕7号", "2025年4月1日", "通报", "示例局纪委", "关于示例违纪问题的通报"]
    by_issuer = soup(fixture_site / "notices/by-issuer/index.html")
    assert [h["id"] for h in by_issuer.select("article h2")] == [
        "issuer-示例局",
        "issuer-示例局纪委",
        "issuer-示例局组织处",
    ]
    contents = soup(fixture_site / "compilation/contents/index.html")
    assert [row[0] for row in _rows(contents)] == ["1", "2", "3", "4", "5"]


def test_entry_pages_have_their_header_and_internal_banner(fixture_site: Path):
    page = soup(fixture_site / "notices/shili-tongbao-2025-7/index.html")
    assert page.select_one("article h1").get_text(strip=True).removesuffix("¶") == "关于示例违纪问题的通报"
    assert page.select_one(".admonition.warning .admonition-title").get_text(strip=True) == "内部资料 注意保存"
    meta = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select(".entry-meta dt")],
            [dd.get_text(strip=True) for dd in page.select(".entry-meta dd")],
            strict=True,
        )
    )
    assert meta == {
        "文种": "通报",
        "文号": "示纪发〔2025〕7号",
        "发文机关": "示例局纪委",
        "成文日期": "2025年4月1日",
        "密级": "内部",
        "主送机关": "示例局各处室、示例局各一线窗口",
        "保密审查": "示例局办公室，2025年4月2日",
        "专题": "警示教育",
    }
    assert page.select_one(".entry-meta a")["href"] == "../by-type/#type-通报"


def test_entries_stay_out_of_the_sidebar_but_generated_pages_are_searchable(fixture_site: Path):
    nav_links = [a.get("href") for a in soup(fixture_site / "index.html").select(".md-nav--primary a")]
    assert not any("shili" in (href or "") for href in nav_links)
    locations = {page["u"] for page in index_pages(fixture_site)}
    assert {"speeches/", "notices/by-type/", "compilation/contents/", "speeches/2025-05-20-shili-xuanren/"} <= locations


def test_bad_entries_stop_the_build_with_every_problem(tmp_path: Path):
    project = with_entries(tmp_path, BAD)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    # The build adds the security guard's line for the copied secret mark to the contract's lines.
    secret = "docs/notices/dup-b.md:7: 国家秘密标志: 应为 非涉密内容（涉密不上网，上网不涉密），实为 “机密★5年”（删除该页，涉密文件不得收入本站）"
    lines = sorted(
        BAD_ENTRIES_REPORT.splitlines()[1:] + [secret], key=lambda line: (line.split(":")[0], int(line.split(":")[1]))
    )
    assert f"ERROR   -  发现 {len(lines)} 处问题，构建已停止：\n" + "\n".join(lines) + "\n" in result.stderr
    # the doc_number field is checked by its contract alone: one message for one fault, not a second warning
    assert "docs/notices/x.md:6:13: 文号格式（警告）" not in result.stderr


def test_a_hand_written_index_in_place_of_a_generated_one_is_refused(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    (project / "docs/speeches/index.md").write_text("# 讲话\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "docs/speeches/index.md:1: 文件: 应为 不存在（此页由构建自动生成，请删除该文件），实为 “speeches/index.md”"
        in result.stderr
    )


def test_two_builds_in_one_process_give_identical_output(tmp_path: Path):
    """Hooks stay imported across `mkdocs serve` rebuilds: nothing may leak from one build into the next."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = with_entries(tmp_path, GOOD)
    outputs = []
    for name in ("first", "second"):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name))
        build(config)
        outputs.append(
            {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}
        )
    assert outputs[0].keys() == outputs[1].keys()
    assert [path for path in outputs[0] if outputs[0][path] != outputs[1][path]] == []
    assert Path("speeches/by-speaker/index.html") in outputs[0]
