"""The 检索 page's facts from the content model: each entry's front matter, other pages' folders, the filters."""

from __future__ import annotations

import re
from datetime import date

from studysite.core.pages import FIND_PAGE, GENERATED_PAGES, GENERATED_TITLES
from studysite.model.entries import load_catalogue
from studysite.search.findpage import KINDS, facet_orders, facts_of, find_page
from studysite.search.searchindex import Facts
from support.corpus import GOOD, TOPICS, sources_in


def _catalogue():
    catalogue, problems = load_catalogue(sources_in(GOOD), TOPICS)
    assert not problems
    return catalogue


def test_an_entrys_facts_are_its_front_matters():
    catalogue = _catalogue()
    speech = facts_of("speeches/2025-05-20-shili-xuanren.md", catalogue)
    assert speech == Facts("speech", date(2025, 5, 20), speakers=("示例乙", "示例甲"), topics=("选人用人",))
    notice = facts_of("notices/shili-tongbao-2025-7.md", catalogue)
    assert notice == Facts(
        "notice", date(2025, 4, 1), "通报", ("示例局纪委",), topics=("警示教育",), number="示纪发〔2025〕7号"
    )
    assert facts_of("notices/shili-tongzhi-2024.md", catalogue).number is None


def test_other_pages_are_known_by_their_folder():
    catalogue = _catalogue()
    assert facts_of("report/problems.md", catalogue) == Facts("report")
    assert facts_of("measures/m1.md", catalogue).kind == "measure"
    assert facts_of("measures/ledger.md", catalogue).kind == "measure"
    assert facts_of("packs/report.md", catalogue).kind == "pack"
    assert facts_of("speeches/index.md", catalogue).kind == "page", "an index of entries is not an entry"
    assert facts_of("index.md", catalogue) == Facts("page")


def test_filters_list_values_in_the_sites_own_order():
    orders = facet_orders(_catalogue())
    assert orders["type"] == tuple(KINDS) and orders["topic"] == TOPICS
    assert orders["doc_type"][:3] == ("决议", "决定", "命令（令）")


def test_the_find_page_is_a_generated_page_with_a_form_and_no_script_of_its_own():
    assert FIND_PAGE in GENERATED_PAGES and GENERATED_TITLES[FIND_PAGE] == "检索"
    page = find_page()
    assert "<form" in page and 'name="q"' in page and "data-study-find-results" in page
    assert "<script" not in page and not re.search(r"\son[a-z]+=", page), "no inline script, no inline handler"
