"""Index pages cut into parts above LIMIT rows, distinct names for group pages, and clerks' files refused there."""

from __future__ import annotations

from datetime import date

from studysite.core.sources import Source
from studysite.model.entries import Catalogue, Speech
from studysite.model.listings import Listings
from studysite.model.site import load_site
from studysite.render.compilation import generated_pages
from support.corpus import TOPICS


def test_a_group_longer_than_limit_is_cut_into_parts_at_its_headings():
    speeches = tuple(
        Speech(f"speeches/s{n:04d}.md", f"示例讲话{n}", ("示例甲",), date(2025, 1 + n % 12, 1 + n % 28))
        for n in range(700)
    )
    listing = Listings(Catalogue(speeches, (), TOPICS)).speeches_by_date
    assert [(page.src_uri, page.rows) for page in listing.pages] == [
        ("speeches/years/2025.md", 290),  # 12月 to 8月: 5 × 58; a sixth month would pass LIMIT
        ("speeches/years/2025/2.md", 292),  # 7月 to 3月 (4月 and 3月 have 59)
        ("speeches/years/2025/3.md", 118),
    ]
    pages = generated_pages(Listings(Catalogue(speeches, (), TOPICS)))
    second = pages["speeches/years/2025/2.md"]
    assert second.startswith("# 讲话·2025年（第2部分）\n")
    assert "共 700 篇，分 3 部分，本页为第 2 部分（7月—3月）。返回[讲话索引](<../../index.md>)。" in second
    assert '<a href="../">第1部分（12月—8月）</a> · <strong>第2部分（7月—3月）</strong>' in second
    assert "## 7月（58 篇） {#year-2025-7月}" in second


def test_one_month_longer_than_limit_is_cut_too_and_says_continued():
    speeches = tuple(Speech(f"speeches/s{n:04d}.md", f"示例讲话{n}", ("示例甲",), date(2025, 3, 1)) for n in range(650))
    listing = Listings(Catalogue(speeches, (), TOPICS)).speeches_by_date
    assert [page.rows for page in listing.pages] == [300, 300, 50]
    assert [block.title for page in listing.pages for block in page.blocks] == ["3月", "3月（续）", "3月（续）"]


def test_a_clerks_file_in_a_folder_of_group_pages_is_refused():
    site = load_site([Source("speeches/years/2025.md", "# 示例\n")], [], TOPICS, date(2025, 7, 1))
    assert [str(p) for p in site.problems] == [
        "docs/speeches/years/2025.md:1: 文件: 应为 不在 docs/speeches/years/ 中（该目录的页面由构建自动生成，资料请放在 "
        "docs/speeches/），实为 “speeches/years/2025.md”"
    ]
    assert site.catalogue.entries == (), "not read as an entry either"


def test_group_pages_get_distinct_names_even_from_names_that_look_alike():
    speakers = ["示例/甲", "示例-甲", "index", "…", "示例甲"]
    speeches = tuple(
        Speech(f"speeches/s{n:04d}.md", f"示例讲话{n}", (speakers[n % 5],), date(2025, 3, 1 + n % 28))
        for n in range(400)
    )
    listing = Listings(Catalogue(speeches, (), TOPICS)).speeches_by_speaker
    names = {page.group.name: page.src_uri for page in listing.pages}
    assert names == {
        "示例-甲": "speeches/by-speaker/示例-甲.md",  # equal counts: by name, so it comes first
        "示例/甲": "speeches/by-speaker/示例-甲-2.md",
        "index": "speeches/by-speaker/index-2.md",
        "…": "speeches/by-speaker/group.md",
        "示例甲": "speeches/by-speaker/示例甲.md",
    }
