"""Index pages and entry headers rendered from the fixture catalogue (Markdown with HTML tables)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import markdown
from bs4 import BeautifulSoup

from studysite.model.entries import Catalogue, Notice, Speech, load_catalogue
from studysite.model.listings import Listings
from studysite.render.compilation import entry_page, generated_pages, newest_section, with_newest
from studysite.render.md import escape
from support.corpus import GOOD, SPEECH_INDEX_ROWS, TOPICS, entry_files

CATALOGUE, _ = load_catalogue(entry_files(GOOD), TOPICS)
LISTINGS = Listings(CATALOGUE)
PAGES = generated_pages(LISTINGS)


def rows(markdown: str) -> list[list[str]]:
    """The cells of every table row of a generated page, as a reader sees them."""
    page = BeautifulSoup(markdown, "html.parser")
    return [[td.get_text() for td in tr.select("td")] for tr in page.select("tbody tr")]


def hrefs(markdown: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(markdown, "html.parser").select("td a")]


def headings(markdown: str, level: str = "## ") -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(level)]


def test_markdown_specials_in_titles_are_literal():
    assert escape("示例|标题*重点*[注]<b>") == "示例\\|标题\\*重点\\*\\[注\\]&lt;b&gt;"


def test_speech_index_groups_years_newest_first_with_unknowns_left_empty():
    page = PAGES["speeches/index.md"]
    assert "共收录讲话 3 篇，讲话人 3 位。按年份分组，新的在前。" in page
    assert headings(page) == ["## 2025年（2 篇） {#year-2025}", "## 2024年（1 篇） {#year-2024}"]
    assert "本页：[2025年（2）](#year-2025) · [2024年（1）](#year-2024)" in page
    assert rows(page) == SPEECH_INDEX_ROWS
    # The URLs MkDocs gives the entries (use_directory_urls), since it does not rewrite links in HTML.
    assert hrefs(page) == ["2025-05-20-shili-xuanren/", "2025-03-12-shili-jiaqiang-xuexi/", "2024-11-02-shili-lianjie/"]
    flat = generated_pages(LISTINGS, directory_urls=False)["speeches/index.md"]
    assert hrefs(flat)[0] == "2025-05-20-shili-xuanren.html"


def test_clerk_text_in_an_html_table_is_escaped():
    speech = Speech("speeches/a&b.md", "示例<b>标题</b>&", ("示例甲",), date(2025, 1, 2), occasion='示例"会"')
    page = generated_pages(Listings(Catalogue((speech,), (), TOPICS)))["speeches/index.md"]
    assert '<a href="a%26b/">示例&lt;b&gt;标题&lt;/b&gt;&amp;</a>' in page
    assert "<td>示例&quot;会&quot;</td>" in page
    assert rows(page)[0][2] == "示例<b>标题</b>&"


def test_grouped_pages_count_every_entry_in_every_group_it_belongs_to():
    assert headings(PAGES["speeches/by-speaker.md"]) == [
        "## 示例甲（2 篇） {#speaker-示例甲}",
        "## 示例丙（1 篇） {#speaker-示例丙}",
        "## 示例乙（1 篇） {#speaker-示例乙}",
    ]
    assert "讲话人 3 位，按篇数排列，多的在前" in PAGES["speeches/by-speaker.md"]
    assert headings(PAGES["speeches/by-topic.md"]) == [
        "## 理想信念（1 篇） {#topic-理想信念}",
        "## 选人用人（1 篇） {#topic-选人用人}",
        "## 作风建设（1 篇） {#topic-作风建设}",
        "## 未标注专题（1 篇） {#topic-未标注专题}",
    ]
    assert "## 示例局（1 份） {#issuer-示例局}" in PAGES["notices/by-issuer.md"]
    assert "## 示例局组织处（1 份） {#issuer-示例局组织处}" in PAGES["notices/by-issuer.md"]
    assert headings(PAGES["notices/by-type.md"]) == ["## 通报（1 份） {#type-通报}", "## 通知（1 份） {#type-通知}"]


def test_notice_index_by_year_has_a_doc_type_column_and_an_empty_cell_for_a_missing_doc_number():
    page = PAGES["notices/index.md"]
    assert headings(page) == ["## 2025年（1 份） {#year-2025}", "## 2024年（1 份） {#year-2024}"]
    assert rows(page)[1] == [
        "",
        "2024年12月15日",
        "通知",
        "示例局、示例局组织处",
        "关于开好示例专题民主生活会的通知",
    ]


def _notice(number: int, doc_number: str | None, day: date = date(2025, 3, 1)) -> Notice:
    return Notice(f"notices/n{number}.md", f"关于示例事项{number}的通知", "通知", ("示例局",), day, "公开", doc_number)


def test_notices_of_one_day_are_ordered_by_doc_number_year_then_number_as_a_number():
    notices = (
        _notice(1, "示发〔2025〕1259号"),
        _notice(2, "示发〔2025〕419号"),
        _notice(3, None),
        _notice(4, "示发〔2024〕1679号"),
        _notice(5, "示发〔2025〕839号"),
        _notice(6, "示发〔2025〕7号", date(2025, 3, 2)),
    )
    page = generated_pages(Listings(Catalogue((), notices, TOPICS)))["notices/index.md"]
    assert [row[0] for row in rows(page)] == [
        "示发〔2025〕7号",  # the newer day first
        "示发〔2024〕1679号",
        "示发〔2025〕419号",
        "示发〔2025〕839号",
        "示发〔2025〕1259号",
        "",
    ]


def test_contents_numbers_entries_by_topic_then_order_then_date():
    page = PAGES["compilation/contents.md"]
    assert "编排顺序" not in page and "order" not in page
    assert [row[:2] for row in rows(page)] == [
        ["1", "在示例局理论学习中心组学习会上的讲话"],
        ["2", "关于示例选人用人工作的讲话"],
        ["3", "关于示例违纪问题的通报"],
        ["4", "示例廉洁自律讲话摘编"],
        ["5", "关于开好示例专题民主生活会的通知"],
    ]
    assert hrefs(page)[0] == "../../speeches/2025-03-12-shili-jiaqiang-xuexi/"


def test_empty_catalogue_pages_say_so_and_point_to_the_report_list():
    pages = generated_pages(Listings(Catalogue((), (), TOPICS)))
    assert "共收录讲话 0 篇，讲话人 0 位。" in pages["speeches/index.md"]
    assert (
        "目前尚未收录讲话。会议报告提到的讲话见[学习资料汇编](<../compilation/index.md>)。"
        in pages["speeches/index.md"]
    )
    assert "目前尚未收录通报通知。会议报告提到的通报和通知见" in pages["notices/by-type.md"]
    assert "<table>" not in pages["compilation/contents.md"]


def test_a_topic_index_without_topics_says_so_instead_of_one_untagged_heap():
    speeches = tuple(Speech(f"speeches/s{n}.md", f"示例讲话{n}", ("示例甲",), date(2025, 1, n)) for n in range(1, 4))
    pages = generated_pages(Listings(Catalogue(speeches, (), TOPICS)))
    page = pages["speeches/by-topic.md"]
    assert "收录的讲话还没有标注专题，暂时不能按专题浏览，请按时间或按讲话人查看。" in page
    assert "未标注" not in page and "<table>" not in page
    assert "[按时间](<index.md>)" in page
    contents = pages["compilation/contents.md"]
    assert headings(contents) == [] and len(rows(contents)) == 3, "one list, not a heading 未标注专题"


def test_entry_page_gets_title_banner_and_metadata_header():
    notice = CATALOGUE.notices[0]
    page = entry_page(notice, "虚构的通报正文。\n", internal=True, listings=LISTINGS)
    assert page.startswith('# 关于示例违纪问题的通报\n\n!!! warning "内部资料 注意保存"')
    assert "文号\n:   示纪发〔2025〕7号\n" in page
    assert "发文机关\n:   [示例局纪委](<by-issuer.md#issuer-示例局纪委>)\n" in page
    assert "保密审查\n:   示例局办公室，2025年4月2日\n" in page
    assert "来源" not in page and "待补充" not in page  # a field not known is left out
    assert page.endswith("虚构的通报正文。\n")
    speech = CATALOGUE.speeches[0]
    own_title = entry_page(speech, "# 自拟标题\n\n正文\n", internal=False, listings=LISTINGS)
    assert own_title.startswith('# 自拟标题\n\n\n<div class="entry-meta" markdown>')
    assert "!!! warning" not in own_title


def test_attachments_are_one_list_item_each():
    notice = replace(CATALOGUE.notices[0], attachments=("示例学习安排表", "示例学习人员名单"))
    page = entry_page(notice, "正文。\n", internal=False, listings=LISTINGS)
    assert "附件\n:   1. 示例学习安排表\n    2. 示例学习人员名单\n" in page
    html = markdown.markdown(page, extensions=["def_list", "md_in_html"])
    items = BeautifulSoup(html, "html.parser").select(".entry-meta dd ol > li")
    assert [li.get_text() for li in items] == ["示例学习安排表", "示例学习人员名单"]


def test_home_page_names_the_ten_newest_entries_before_its_second_section():
    speeches = tuple(
        Speech(f"speeches/s{n:02d}.md", f"示例讲话{n}", ("示例甲",), date(2025, 1, n)) for n in range(1, 13)
    )
    notices = (_notice(1, "示发〔2025〕1号", date(2025, 1, 20)),)
    listings = Listings(Catalogue(speeches, notices, TOPICS))
    section = newest_section(listings, "index.md")
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert lines[0] == "- 2025年1月20日 通报通知：[关于示例事项1的通知](<notices/n1.md>)"
    assert lines[1] == "- 2025年1月12日 讲话：[示例讲话12](<speeches/s12.md>)"
    assert len(lines) == 10 and lines[-1].startswith("- 2025年1月4日 ")
    home = "# 学习资料站\n\n## 从哪里开始\n\n- 一\n\n## 报告中的数字\n\n表\n"
    placed = with_newest(home, listings, "index.md")
    assert placed.index("## 从哪里开始") < placed.index("## 最新收录") < placed.index("## 报告中的数字")
    empty = newest_section(Listings(Catalogue((), (), TOPICS)), "index.md")
    assert "目前尚未收录讲话和通报通知。" in empty


def test_each_index_leads_to_the_find_page_with_its_own_restriction():
    from studysite.model.listings import Listings
    from studysite.render.compilation import generated_pages

    pages = generated_pages(Listings(CATALOGUE))
    assert "[在检索页中查找和筛选讲话](<../find/index.md?type=speech>)\n{ .screen-only }" in pages["speeches/index.md"]
    assert "(<../find/index.md?type=notice>)" in pages["notices/by-type.md"]
    assert "find/index.md?" not in pages["compilation/contents.md"].split("[在检索页中查找和筛选")[1].split(")")[0]


def test_a_group_page_leads_to_the_find_page_with_its_group_chosen(tmp_path):
    import bench
    from studysite.model.listings import Listings
    from studysite.render.compilation import generated_pages
    from support.corpus import sources_in

    bench.write_corpus(tmp_path, 800)  # more than one page of speeches: one page a year
    catalogue, _ = load_catalogue(sources_in(tmp_path), TOPICS)
    pages = generated_pages(Listings(catalogue))
    year_page = next(text for src, text in pages.items() if src.startswith("speeches/years/2020"))
    assert "[在检索页中查找和筛选2020年的讲话](<../../find/index.md?type=speech&year=2020>)" in year_page
