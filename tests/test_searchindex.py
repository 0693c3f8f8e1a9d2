"""The search index: sections, pieces, shards and the file format engine.js reads."""

from __future__ import annotations

import json

from studysite.searchindex import Document, Section, build, pieces, sections_of, shard_count, shard_of


def test_sections_follow_headings_and_skip_excluded_blocks():
    html = (
        '<p>开头</p><h2 id="一基本情况">一、基本情况<a class="headerlink" href="#x">¶</a></h2><p>内容&amp;说明</p>'
        '<div class="index-table" data-search-exclude><table><tr><td>重复的行</td></tr></table></div>'
        '<h3 id="p1">P1 问题</h3><p>问题内容</p>'
    )
    assert sections_of(html) == (
        Section("", "", "开头"),
        Section("一基本情况", "一、基本情况", "内容&说明"),
        Section("p1", "P1 问题", "问题内容"),
    )


def test_pieces_are_characters_pairs_and_latin_words():
    assert pieces("党支部 M2-1") == {"党": 1, "支": 1, "部": 1, "党支": 1, "支部": 1, "m2": 1, "1": 1}


def test_shards_are_stable_and_sized_by_the_vocabulary():
    assert shard_of("整改", 1024) == shard_of("整改", 1024)
    assert shard_of("a", 2**32) == 0xE40C292C  # FNV-1a("a"), the published test vector
    assert (shard_count(100), shard_count(200_000), shard_count(100_000_000)) == (16, 128, 4096)


def test_build_writes_gap_encoded_postings_with_title_weight():
    documents = [
        Document("b/", "整改台账", (Section("", "", "整改事项"),)),
        Document("a/", "首页", (Section("", "", "整改措施，整改"),)),
    ]
    files = build(documents)
    meta = json.loads(files["meta.json"])
    assert meta == {"chunk": 64, "documents": 2, "format": 1, "shards": 16}
    assert json.loads(files["titles/0.json"]) == [["a/", "首页"], ["b/", "整改台账"]]
    shard = json.loads(files[f"shards/{shard_of('整改', 16)}.json"])
    # a/ (number 0) has 整改 twice in its text; b/ (number 1, gap 1) once in the text and once in the title.
    assert shard["整改"] == [0, 2, 1, 1001]
    assert json.loads(files["text/1.json"]) == [["", "", "整改事项"]]
    assert build(list(reversed(documents))) == files, "the same pages give the same bytes in any order"
