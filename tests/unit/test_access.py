"""Screen-reader labels added to rendered pages: task-list boxes and table headers, nothing else touched."""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup

from studysite.render.access import accessible


def render(text: str) -> str:
    """Markdown as the site renders it (mkdocs.yml: tables, attr_list, md_in_html, tasklist with custom boxes)."""
    return markdown.markdown(
        text,
        extensions=["tables", "attr_list", "md_in_html", "pymdownx.tasklist"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )


def labels(html: str) -> list[str | None]:
    return [box.get("aria-label") for box in BeautifulSoup(html, "html.parser").select("input[type=checkbox]")]


def test_task_boxes_say_their_item_and_whether_it_is_done():
    html = accessible(render("- [x] 传达学习会议精神\n- [ ] 报送“学习心得” & 体会\n- 不是任务的一行\n"))
    assert labels(html) == ["传达学习会议精神：已完成", "报送“学习心得” & 体会：未完成"]
    assert "<li>不是任务的一行</li>" in html


def test_a_named_state_wins_and_only_the_first_line_is_the_item():
    text = (
        "- [ ] **M9-2** 开展示例专题学习  \n"
        '  责任部门：示例局组织处 · 状态：<span class="task-state"><span class="overdue">正在整改（逾期）</span></span>\n'
        "- [x] **M9-1** 制定示例学习制度  \n"
        '  状态：<span class="task-state">已完成</span>\n'
    )
    assert labels(accessible(render(text))) == [
        "M9-2 开展示例专题学习：正在整改（逾期）",
        "M9-1 制定示例学习制度：已完成",
    ]


def test_loose_and_nested_task_lists_label_every_box_with_its_own_item():
    text = "- [ ] 第一项\n\n    第一项的说明。\n\n    - [x] 子项甲\n    - [ ] 子项乙\n\n- [x] 第二项\n"
    assert labels(accessible(render(text))) == ["第一项：未完成", "子项甲：已完成", "子项乙：未完成", "第二项：已完成"]


def test_a_box_that_has_a_label_keeps_it_and_quotes_are_escaped():
    html = '<ul><li class="task-list-item"><input type="checkbox" aria-label="自己的说明" disabled/> 甲</li></ul>'
    assert accessible(html) == html
    escaped = accessible(render('- [ ] 学习《关于"三严三实"的讲话》<b>重点</b>\n'))
    assert labels(escaped) == ['学习《关于"三严三实"的讲话》重点：未完成']
    assert 'aria-label="学习《关于&quot;三严三实&quot;的讲话》重点：未完成"' in escaped


def test_column_headers_are_scoped_and_nothing_else_changes():
    html = render("| 措施 | 状态 |\n|:---|---:|\n| M1 | 长期坚持 |\n")
    result = accessible(html)
    soup = BeautifulSoup(result, "html.parser")
    assert [th.get("scope") for th in soup.select("thead th")] == ["col", "col"]
    assert soup.select_one("thead th")["style"] == "text-align: left;"
    assert not soup.select("td[scope]")
    assert re.sub(r' scope="col"', "", result) == html, "only the attribute is added"


def test_headers_outside_thead_and_scoped_ones_are_left_alone():
    html = (
        '<table><thead><tr><th scope="row">甲</th></tr></thead><tbody><tr><th>乙</th><td>丙</td></tr></tbody></table>'
    )
    assert accessible(html) == html


def test_pages_without_tables_or_tasks_are_returned_as_they_are():
    html = "<p>没有表格&amp;任务</p>"
    assert accessible(html) is html


def test_heading_anchors_take_no_tab_stop_and_stay_links():
    """The toc extension's ¶ after every heading: a mouse and a screen reader still find it, Tab passes it by."""
    html = markdown.markdown(
        "## 进度\n\n正文\n\n## 整改进展\n", extensions=["toc"], extension_configs={"toc": {"permalink": True}}
    )
    result = accessible(html)
    anchors = BeautifulSoup(result, "html.parser").select("a.headerlink")
    assert [(a["href"], a.get("tabindex")) for a in anchors] == [("#_1", "-1"), ("#_2", "-1")]
    assert result.replace(' tabindex="-1"', "") == html, "only the attribute is added"
