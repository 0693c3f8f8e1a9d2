"""Study packs: the page list contract and the print document, made in-process."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from studysite.core.problems import stop_message
from studysite.core.sources import Source
from studysite.model.entries import load_catalogue
from studysite.model.packs import load_packs, page_levels
from studysite.office.printing import PrintedPack, PrintPage, document, print_content, printed_date
from support import FIXTURES, REPO
from support.corpus import GOOD, TOPICS, entry_files, sources_in

CATALOGUE, _ = load_catalogue(entry_files(GOOD), TOPICS)
EXISTING = (
    {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    | {e.src_uri for e in CATALOGUE.entries}
    | {"compilation/contents.md", "measures/ledger.md", "measures/mapping.md"}
)
LEVELS = page_levels(CATALOGUE, set())


def pack_files(folder: Path) -> list[Source]:
    return sources_in(folder, "packs/")


def test_bad_packs_are_refused_naming_file_and_line():
    _, problems = load_packs(pack_files(FIXTURES / "bad-packs"), EXISTING, CATALOGUE, LEVELS)
    expected = "docs/ 中存在的页面（如 report/index.md）、栏目（如 speeches/）或 compilation/contents.md"
    assert stop_message(problems) == (
        "发现 4 处问题，构建已停止：\n"
        "docs/packs/empty.md:4: pages 页面: 应为 要打印的页面列表（至少一项），实为 “[]”\n"
        f"docs/packs/missing.md:6: pages[2] 页面: 应为 {expected}，实为 “report/nothing.md”\n"
        f"docs/packs/missing.md:7: pages[3] 页面: 应为 {expected}，实为 “shili/”\n"
        "docs/packs/public.md:7: pages[2] 页面: 应为 密级不高于 公开 的页面，实为 “notices/shili-tongbao-2025-7.md（内部）”"
        "（从材料包中删去该页，或提高 classification）"
    )


def test_the_repo_packs_expand_sections_and_the_whole_compilation():
    packs, problems = load_packs(pack_files(REPO / "docs/packs"), EXISTING, CATALOGUE, LEVELS)
    assert problems == []
    compilation, meeting = packs
    assert compilation.pages == (
        "compilation/index.md",
        "speeches/2025-03-12-shili-jiaqiang-xuexi.md",
        "speeches/2025-05-20-shili-xuanren.md",
        "notices/shili-tongbao-2025-7.md",
        "speeches/2024-11-02-shili-lianjie.md",
        "notices/shili-tongzhi-2024.md",
    )
    assert compilation.internal, "it holds an 内部 notice"
    assert meeting.pages[:4] == ("report/index.md", "report/problems.md", "measures/index.md", "measures/m1.md")
    assert meeting.pages[-6:] == (
        "measures/t1.md",
        "measures/t2.md",
        "measures/t3.md",
        "measures/t4.md",
        "measures/mapping.md",
        "measures/ledger.md",
    )
    assert not meeting.internal


def test_print_content_keeps_text_and_makes_paper_sense():
    html = (
        '<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>见<a href="../x/">问题清单</a>。</p>'
        '<ul class="task-list"><li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/>'
        '<span class="task-list-indicator"></span></label> 已办</li><li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> 未办</li></ul><img src="a.png">'
    )
    assert print_content(html, 3, "file:///site/report/problems/") == (
        '<p>见问题清单。</p><ul class="task-list"><li class="task-list-item"><span class="task-mark">☑</span>  已办</li>'
        '<li class="task-list-item"><span class="task-mark">☐</span>  未办</li></ul><img src="file:///site/report/problems/a.png">'
    )


def test_document_puts_cover_toc_and_pages_in_order():
    packs, _ = load_packs(pack_files(REPO / "docs/packs"), EXISTING, CATALOGUE, LEVELS)
    pages = [PrintPage("a.md", "甲", "<p>一</p>", "file:///d/"), PrintPage("b.md", "乙", "<p>二</p>", "file:///d/")]
    html = document(PrintedPack(packs[0], pages))
    assert (
        html.index('class="cover"') < html.index('class="toc"') < html.index('id="page-1"') < html.index('id="page-2"')
    )
    assert '<p class="cover-mark">内部资料　注意保存</p>' in html
    assert '<li><a href="#page-1">甲</a></li><li><a href="#page-2">乙</a></li>' in html


def test_printed_date_is_the_packs_own_else_the_newest_change_of_its_pages():
    packs, _ = load_packs(pack_files(REPO / "docs/packs"), EXISTING, CATALOGUE, LEVELS)
    meeting = packs[1]
    changed = {"report/index.md": date(2025, 5, 1), "measures/m1.md": date(2025, 6, 2), "index.md": date(2026, 1, 1)}
    assert printed_date(meeting, changed) == date(2025, 6, 2), "index.md is not in the pack"
    assert printed_date(meeting, {}) is None, "outside git: no date, never the build day"
    assert printed_date(replace(meeting, date=date(2025, 3, 1)), changed) == date(2025, 3, 1)


def test_paper_drops_screen_only_blocks_and_turns_wide_tables_with_their_heading():
    header = "".join(f"<th>{name}</th>" for name in ("序号", "问题", "措施", "任务", "责任领导", "责任部门"))
    wide_cells = "".join(f"<td>{text}</td>" for text in ("1", "P1、P2", "M9", "M9-2 开展示例专题学习", "待定", "待定"))
    wide_row = wide_cells + "<td>2025年6月30日</td>" * 4
    content = (
        '<p>正文。</p><p class="screen-only">文件放在 docs/speeches/。</p>'
        '<h2 id="a">明细</h2><div class="ledger"><table><thead><tr>'
        + header
        + "<th>完成时限</th><th>状态</th><th>佐证材料</th><th>销号日期</th></tr></thead>"
        f"<tbody><tr>{wide_row}</tr></tbody></table></div>"
        "<table><tr><th>标题</th><th>日期</th></tr><tr><td>关于示例的通报</td><td>2025年3月12日</td></tr></table>"
    )
    paper = print_content(content, 2, "file:///d/")
    assert "docs/" not in paper and "正文。" in paper
    assert re.search(r'<div class="wide"><h2 id="p2-a">明细</h2>\s*<div class="ledger"><table><colgroup>', paper)
    assert paper.count('class="wide"') == 1, "a two-column table stays upright"
    widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', paper)]
    assert len(widths) == 12 and abs(sum(widths[:10]) - 100) < 0.1 and abs(sum(widths[10:]) - 100) < 0.1


def test_a_pack_says_it_holds_internal_material_only_when_one_of_its_pages_is_internal():
    """The sentence comes from the pack's pages (issue 26 item 12): the public offline edition leaves the 内部
    notices out, and the same pack then says nothing about them; the repo's own pack texts claim nothing."""
    from studysite.render.packpages import INTERNAL_SENTENCE, pack_page

    packs, _ = load_packs(pack_files(REPO / "docs/packs"), EXISTING, CATALOGUE, LEVELS)
    compilation = next(pack for pack in packs if pack.src_uri == "packs/compilation.md")
    internal = replace(compilation, level="内部")
    public = replace(compilation, level="非密")
    assert INTERNAL_SENTENCE in pack_page(internal, {}, pdf=True)
    assert "内部" not in pack_page(public, {}, pdf=True) and "内部" not in pack_page(public, {}, pdf=False)
    assert all("内部" not in pack.intro for pack in packs), "said by the site, not by the pack's own text"
