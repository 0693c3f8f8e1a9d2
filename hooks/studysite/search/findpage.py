"""The 检索 page: what each page is (its facts, from the content model) and the page itself.

The page is a form and empty lists; assets/search/find.js fills them from the search index (searchindex.py),
whose catalogue holds the facts made here. Facts come from the catalogue of entries read once per build
(studysite.model.site), never from the rendered HTML, so the filters say what the clerks' front matter says.
"""

from __future__ import annotations

from studysite.core.kinds import KINDS as REGISTRY
from studysite.core.kinds import OTHER, kind_of_folder
from studysite.model.entries import DOC_TYPES, Catalogue, Notice, Speech
from studysite.search.searchindex import Facts

# What a page is, in the order the 检索 page lists them: the key the URL holds (find/?type=notice) → its name.
KINDS = {kind.key: kind.label for kind in REGISTRY}


def facts_of(src_uri: str, catalogue: Catalogue) -> Facts:
    """A page's facts: an entry's from its front matter, any other page's kind from the folder it stands in."""
    entry = catalogue.by_uri.get(src_uri)
    if isinstance(entry, Speech):
        return Facts(entry.type_key, entry.date, speakers=entry.speakers, topics=entry.topics)
    if isinstance(entry, Notice):
        return Facts(
            entry.type_key, entry.date, entry.doc_type, entry.issuers, topics=entry.topics, number=entry.doc_number
        )
    kind = kind_of_folder(src_uri)
    if kind.entry:
        kind = OTHER  # the compilation's index pages: they list entries, they are not one
    return Facts(kind.key)


def facet_orders(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """How the filters list their values where the site has an order: kinds as above, 文种 as the 条例 lists
    them, 专题 as mkdocs.yml lists them; names (发文机关, 讲话人) by name."""
    return {"type": tuple(KINDS), "doc_type": DOC_TYPES, "topic": catalogue.topics}


def find_page() -> str:
    """The 检索 page's Markdown: a search form, the sort and (on a narrow screen) a button that shows the
    filters, a place for the filters and one for the results."""
    return """---
hide:
  - navigation
  - toc
---

# 检索

在全部资料中查找词语，可按类型、年份、文种、发文机关、讲话人、专题筛选，按相关度、日期或文号排序。
不输入检索词时，筛选条件可直接浏览全部资料（如“2024年的通报”）。多个词用空格分开，结果须同时包含这些词；
词中的数字和字母按原样查找（“负责同志3”不会找到“负责同志30”）。

<div class="study-find" data-study-find data-search-exclude>
<form class="study-find__form" role="search" data-study-find-form>
<label class="study-find__label" for="study-find-q">检索词</label>
<input class="study-find__input" id="study-find-q" type="search" name="q" autocomplete="off" spellcheck="false" placeholder="如：整改">
<button class="md-button md-button--primary study-find__submit" type="submit">检索</button>
</form>
<p class="study-find__status" data-study-find-status role="status" aria-live="polite" tabindex="-1">正在载入检索……</p>
<noscript><p>检索页需要浏览器启用 JavaScript。也可以使用页面右上角的搜索框。</p></noscript>
<div class="study-find__toolbar">
<label for="study-find-sort">排序</label>
<select id="study-find-sort" name="sort" data-study-find-sort>
<option value="relevance">按相关度</option>
<option value="date">按日期（新的在前）</option>
<option value="number">按文号（机关代字、年份、序号）</option>
</select>
<button class="md-button study-find__toggle" type="button" data-study-find-toggle aria-expanded="false" aria-controls="study-find-filters">筛选</button>
<button class="md-button study-find__clear" type="button" data-study-find-clear hidden>清除筛选</button>
</div>
<div class="study-find__layout">
<div class="study-find__filters" id="study-find-filters" data-study-find-filters role="group" aria-label="筛选条件"></div>
<div class="study-find__main">
<ol class="study-find__results" data-study-find-results></ol>
<nav class="study-find__pages" data-study-find-pages aria-label="结果分页"></nav>
</div>
</div>
</div>
"""
