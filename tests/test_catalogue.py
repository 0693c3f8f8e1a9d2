"""Index pages and entry headers rendered from the fixture catalogue, as Markdown."""

from __future__ import annotations

from compilation_fixtures import GOOD, TOPICS, entry_files
from studysite.catalogue import contents, entry_page, generated_pages, notice_index, speech_index
from studysite.entries import Catalogue, load_catalogue
from studysite.md import escape

CATALOGUE, _ = load_catalogue(entry_files(GOOD), TOPICS)


def test_markdown_specials_in_titles_are_literal():
    assert escape("示例|标题*重点*[注]<b>") == "示例\\|标题\\*重点\\*\\[注\\]&lt;b&gt;"


def test_speech_index_is_newest_first_with_unknowns_shown_as_daibuchong():
    page = speech_index(CATALOGUE)
    assert "共收录讲话 3 篇，讲话人 3 位。按日期排列，新的在前。" in page
    rows = [line for line in page.splitlines() if line.startswith("| 20")]
    assert rows == [
        "| 2025年5月20日 | 示例乙、示例甲 | [关于示例选人用人工作的讲话](<2025-05-20-shili-xuanren.md>) | 待补充 | 待补充 |",
        "| 2025年3月12日 | 示例甲 | [在示例局理论学习中心组学习会上的讲话](<2025-03-12-shili-jiaqiang-xuexi.md>) "
        "| 示例局理论学习中心组学习会 | 示例日报 2025年3月13日 |",
        "| 2024年11月2日 | 示例丙 | [示例廉洁自律讲话摘编](<2024-11-02-shili-lianjie.md>) | 待补充 | 示例杂志 2024年第21期 |",
    ]


def test_grouped_pages_count_every_entry_in_every_group_it_belongs_to():
    pages = generated_pages(CATALOGUE)
    by_speaker = pages["speeches/by-speaker.md"]
    assert "## 示例甲（2 篇） {#speaker-示例甲}" in by_speaker
    assert "## 示例乙（1 篇） {#speaker-示例乙}" in by_speaker
    by_topic = pages["speeches/by-topic.md"]
    headings = [line for line in by_topic.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 理想信念（1 篇） {#topic-理想信念}",
        "## 选人用人（1 篇） {#topic-选人用人}",
        "## 作风建设（1 篇） {#topic-作风建设}",
        "## 未标注专题（1 篇） {#topic-未标注专题}",
    ]
    assert "## 示例局（1 份） {#issuer-示例局}" in pages["notices/by-issuer.md"]
    assert "## 示例局组织处（1 份） {#issuer-示例局组织处}" in pages["notices/by-issuer.md"]
    assert [line for line in pages["notices/by-type.md"].splitlines() if line.startswith("## ")] == [
        "## 通报（1 份） {#type-通报}",
        "## 通知（1 份） {#type-通知}",
    ]


def test_notice_index_by_year_shows_daibuchong_for_a_missing_doc_number():
    page = notice_index(CATALOGUE)
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## 2025年（1 份） {#year-2025年}",
        "## 2024年（1 份） {#year-2024年}",
    ]
    assert (
        "| 待补充 | 2024年12月15日 | 示例局、示例局组织处 | [关于开好示例专题民主生活会的通知](<shili-tongzhi-2024.md>) |"
        in page
    )


def test_contents_numbers_entries_by_topic_then_order_then_date():
    rows = [line.split(" | ")[:2] for line in contents(CATALOGUE).splitlines() if line[2:3].isdigit()]
    assert rows == [
        ["| 1", "[在示例局理论学习中心组学习会上的讲话](<../speeches/2025-03-12-shili-jiaqiang-xuexi.md>)"],
        ["| 2", "[关于示例选人用人工作的讲话](<../speeches/2025-05-20-shili-xuanren.md>)"],
        ["| 3", "[关于示例违纪问题的通报](<../notices/shili-tongbao-2025-7.md>)"],
        ["| 4", "[示例廉洁自律讲话摘编](<../speeches/2024-11-02-shili-lianjie.md>)"],
        ["| 5", "[关于开好示例专题民主生活会的通知](<../notices/shili-tongzhi-2024.md>)"],
    ]


def test_empty_catalogue_pages_say_so_and_point_to_the_report_list():
    page = speech_index(Catalogue((), (), TOPICS))
    assert "共收录讲话 0 篇，讲话人 0 位。" in page
    assert "目前尚未收录讲话。会议报告提到的讲话见[学习资料汇编](<../compilation/index.md>)。" in page


def test_entry_page_gets_title_banner_and_metadata_header():
    notice = CATALOGUE.notices[0]
    page = entry_page(notice, "虚构的通报正文。\n", internal=True)
    assert page.startswith('# 关于示例违纪问题的通报\n\n!!! warning "内部资料 注意保存"')
    assert "文号\n:   示纪发〔2025〕7号\n" in page
    assert "发文机关\n:   [示例局纪委](<by-issuer.md#issuer-示例局纪委>)\n" in page
    assert "保密审查\n:   示例局办公室，2025年4月2日\n" in page
    assert "来源\n:   待补充\n" in page
    assert page.endswith("虚构的通报正文。\n")
    speech = CATALOGUE.speeches[0]
    own_title = entry_page(speech, "# 自拟标题\n\n正文\n", internal=False)
    assert own_title.startswith('# 自拟标题\n\n\n<div class="entry-meta" markdown>')
    assert "!!! warning" not in own_title
