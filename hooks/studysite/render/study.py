"""The study record's markup (issue 24): the 已学 control on a reading page and the 我的学习 page.

Both are inert HTML that assets/studymark.js and assets/mystudy.js bring to life from the browser's own record;
every name and title in them comes from the build and is escaped here. A reading page carries only its own id
and title; the 我的学习 page carries the catalogue its counts need (every reading page once, with the indexes of
the groups it counts in), so no other page grows with the site.
"""

from __future__ import annotations

from html import escape

from studysite.core.pages import STUDY_PAGE, relative_url
from studysite.model.study import Group, ReadingPage, StudyPlan

MARK_CLASS = "study-mark"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def mark_control(page: ReadingPage) -> str:
    """The 标记为已学 / 已学 toggle: a button with its state in aria-pressed, and the day it was marked."""
    return (
        f'<div class="{MARK_CLASS}" data-study-mark data-study-id="{_attr(page.src_uri)}"'
        f' data-study-title="{_attr(page.title)}">'
        '<button type="button" class="md-button study-mark__button" data-study-toggle aria-pressed="false">'
        "标记为已学</button>"
        '<span class="study-mark__date" data-study-date aria-live="polite"></span></div>'
    )


def with_mark_control(output: str, page: ReadingPage) -> str:
    """The finished page with the control under its title (the first heading of the article), where the
    reader sees at once whether the page is studied; a page without a heading gets it at the article's top."""
    article = output.find('<article class="md-content__inner')
    if article < 0:
        return output
    heading_end = output.find("</h1>", article)
    article_end = output.find("</article>", article)
    under_title = 0 <= heading_end < article_end
    at = heading_end + len("</h1>") if under_title else output.find(">", article) + 1
    return output[:at] + mark_control(page) + output[at:]


def _group_rows(groups: tuple[Group, ...], first: int, head: str) -> str:
    rows = "".join(
        f'<tr data-study-group="{first + index}"><th scope="row">{escape(group.label)}</th>'
        f"<td><span data-study-count>0</span>/{len(group.pages)}</td></tr>"
        for index, group in enumerate(groups)
        if group.pages  # a section or pack with nothing to study yet (讲话 0/0) is not a row
    )
    return (
        # No class: Material draws only tables without one (`table:not([class])`) with its borders and spacing.
        "<table>"
        f'<thead><tr><th scope="col">{head}</th><th scope="col">已学</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _catalogue(plan: StudyPlan, directory_urls: bool) -> str:
    """Every reading page and self-test the counts and lists need, as a hidden list (data, not shown)."""
    groups: dict[str, list[str]] = {src_uri: [] for src_uri in plan.pages}
    for index, group in enumerate((*plan.sections, *plan.packs)):
        for src_uri in group.pages:
            groups[src_uri].append(str(index))
    items = [
        f'<li data-study-id="{_attr(page.src_uri)}" data-study-href="{_attr(relative_url(page.src_uri, STUDY_PAGE, directory_urls))}"'
        f' data-study-groups="{" ".join(groups[page.src_uri])}">{escape(page.title)}</li>'
        for page in plan.pages.values()
    ]
    items += [
        f'<li data-study-quiz="{_attr(src_uri)}" data-study-href="{_attr(relative_url(src_uri, STUDY_PAGE, directory_urls))}">'
        f"{escape(title)}</li>"
        for src_uri, title in plan.quizzes.items()
    ]
    return f'<ul class="study-record__catalogue" data-study-catalogue hidden>{"".join(items)}</ul>'


def study_page(plan: StudyPlan, directory_urls: bool = True) -> str:
    """The 我的学习 page's Markdown: what the record holds is drawn by assets/mystudy.js; without JavaScript
    the page says so."""
    sections = _group_rows(plan.sections, 0, "栏目")
    packs = _group_rows(plan.packs, len(plan.sections), "学习材料包") if plan.packs else "<p>本站还没有学习材料包。</p>"
    return f"""---
hide:
  - navigation
  - toc
---

# 我的学习

<div class="study-record__note" data-study-record>
<p><strong>学习记录只保存在这台电脑的这个浏览器中</strong>，不会发送到任何地方，别人看不到。
换电脑或换浏览器前，请先“导出学习记录”，再在另一台电脑上“导入学习记录”；清除浏览器数据会删除学习记录。</p>
<p data-study-noscript>学习记录需要浏览器启用 JavaScript。</p>
<p data-study-separate hidden>这个浏览器从文件夹打开网站时，可能把每个页面的记录分开保存（如 Firefox）：
如果在其他页面标记的“已学”没有出现在这里，请改用 Chrome、Edge 等浏览器打开离线版，或在内网网站上学习。</p>
</div>

## 继续学习

<div class="study-record__continue" data-study-continue><p>还没有打开过学习页面。</p></div>

## 学习进度

### 各栏目

{sections}

### 各学习材料包

{packs}

## 已学页面

<div class="study-record__pages"><p data-study-pages-empty>还没有标记为已学的页面。在每个学习页面的标题下按“标记为已学”。</p><ol data-study-pages></ol></div>

## 自测成绩

<div class="study-record__quizzes"><p data-study-quizzes-empty>还没有自测成绩。</p><ul data-study-quizzes></ul></div>

## 导出、导入和清除

<div class="study-record__actions">
<p>导出的文件可以带到另一台电脑，在那里导入后接着学习；导入会替换那台电脑上原有的学习记录。</p>
<p class="study-record__buttons">
<button type="button" class="md-button md-button--primary" data-study-print>打印学习记录</button>
<button type="button" class="md-button" data-study-export>导出学习记录</button>
<button type="button" class="md-button" data-study-import>导入学习记录</button>
<button type="button" class="md-button" data-study-clear>清除学习记录</button>
</p>
<p class="study-record__status" data-study-status role="status" aria-live="polite"></p>
</div>

<div class="study-sheet" data-study-sheet>
<p class="study-sheet__title">个人学习记录</p>
<p class="study-sheet__fields"><span>姓名：<span class="study-sheet__blank"></span></span><span>支部：<span class="study-sheet__blank"></span></span></p>
<p class="study-sheet__summary" data-study-sheet-summary></p>
<table class="study-sheet__table"><thead><tr><th>学习的页面</th><th>学习日期</th></tr></thead><tbody data-study-sheet-pages></tbody></table>
<table class="study-sheet__table"><thead><tr><th>自测</th><th>得分</th><th>日期</th></tr></thead><tbody data-study-sheet-quizzes></tbody></table>
<p class="study-sheet__foot">本记录由学习资料站“我的学习”页打印，内容来自本人所用电脑的浏览器。</p>
</div>

{_catalogue(plan, directory_urls)}
"""
