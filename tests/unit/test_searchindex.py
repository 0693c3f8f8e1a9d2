"""The search index: sections, pieces, positions, shards, the catalogue and the file format engine.js reads."""

from __future__ import annotations

import json
from datetime import date

from studysite.search.searchindex import (
    Facts,
    IndexedPage,
    Section,
    analyse,
    build,
    details_of,
    facts_table,
    fold,
    read_varints,
    sections_of,
    shard_count,
    shard_of,
    varints,
)


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


def test_inline_markup_joins_words_and_blocks_keep_them_apart():
    html = "<p>落实<strong>整改</strong><a href='x'>措施</a></p><p>党</p><p>支部</p><td>选人</td><td>用人</td>"
    (section,) = sections_of(html)
    assert "落实整改措施" in section.text
    assert "党支部" not in section.text and "选人用人" not in section.text


def test_pieces_are_characters_latin_words_and_pairs_of_neighbouring_tokens():
    assert analyse("党支部 M2-1")[0] == {"党": 1, "支": 1, "部": 1, "党支": 1, "支部": 1, "m2": 1, "1": 1}
    assert analyse("Ｍ２ ２０２４年") == analyse("m2 2024年"), "full-width digits and letters read as ASCII"
    assert fold("ＡＢＣ abc ＸＹＺ 整改") == "abc abc xyz 整改"


def test_a_number_is_one_token_beside_its_han_neighbours():
    counts, positions = analyse("负责同志3，2019年")
    assert counts == {"负": 1, "责": 1, "同": 1, "志": 1, "3": 1, "2019": 1, "年": 1}.copy() | {
        "负责": 1, "责同": 1, "同志": 1, "志3": 1, "2019年": 1,
    }  # fmt: skip
    assert positions == {"负责": [0], "责同": [1], "同志": [2], "志3": [3], "3，": [4], "，2019": [5], "2019年": [6]}
    assert "志30" in analyse("负责同志30")[0] and "志3" not in analyse("负责同志30")[0], "30 is not 3"


def test_punctuation_stands_in_pairs_for_positions_only():
    counts, positions = analyse("示发〔2019〕5号")
    assert positions == {"示发": [0], "发〔": [1], "〔2019": [2], "2019〕": [3], "〕5": [4], "5号": [5]}
    assert set(counts) == {"示", "发", "示发", "2019", "5", "号", "5号"}


def test_pair_positions_stay_inside_runs_without_spaces():
    assert analyse("整改措施，整改")[1] == {"整改": [0, 5], "改措": [1], "措施": [2], "施，": [3], "，整": [4]}
    assert analyse("党 支部")[1] == {"支部": [2]}, "no pair across the space"


def test_numbers_are_written_compactly_and_read_back():
    numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1 << 20, 123456789]
    assert read_varints(varints(numbers)) == numbers
    assert varints([0, 31, 32]) == "A" + "f" + "gB", "5 bits a character, the sixth bit: more follows"
    assert len(varints(range(32))) == 32, "numbers below 32 take one character"


def test_shards_are_stable_and_sized_by_the_vocabulary():
    assert shard_of("整改", 1024) == shard_of("整改", 1024)
    assert shard_of("a", 2**32) == 0xE40C292C  # FNV-1a("a"), the published test vector
    assert (shard_count(100), shard_count(200_000), shard_count(100_000_000)) == (16, 128, 4096)


def _decode_postings(encoded: str) -> dict[int, int]:
    flat, docs, number = read_varints(encoded), {}, 0
    for gap, count in zip(flat[::2], flat[1::2], strict=True):
        number += gap
        docs[number] = count
    return docs


def _decode_positions(encoded: str) -> dict[int, tuple[list[int], list[int]]]:
    flat, docs, number, at = read_varints(encoded), {}, 0, 0
    while at < len(flat):
        number += flat[at]
        at += 1
        parts = []
        for _ in range(2):  # the title's positions, then the text's
            count, position, where = flat[at], 0, []
            for gap in flat[at + 1 : at + 1 + count]:
                position += gap
                where.append(position)
            parts.append(where)
            at += 1 + count
        docs[number] = (parts[0], parts[1])
    return docs


DOCUMENTS = [
    IndexedPage("b/", "整改台账", (Section("", "", "整改事项"),), Facts("notice", number="示发〔2025〕7号")),
    IndexedPage("a/", "首页", (Section("", "", "整改措施，整改"),)),
]


def test_build_writes_gap_encoded_postings_with_title_weight():
    files = build(DOCUMENTS, "find/")
    meta = json.loads(files["meta.json"])
    assert meta == {"documents": 2, "find": "find/", "format": 3, "positions": 16, "shards": 16}
    shard = json.loads(files[f"shards/{shard_of('整改', 16)}.json"])
    # a/ (number 0) has 整改 twice in its text; b/ (number 1) once in the text and once in the title.
    assert _decode_postings(shard["整改"]) == {0: 2, 1: 1001}
    text = {"u": "b/", "t": "整改台账", "n": "示发〔2025〕7号", "s": [["", "", "整改事项"]]}
    assert json.loads(files["text/1.json"]) == text
    assert json.loads(files["text/0.json"]) == {"u": "a/", "t": "首页", "s": [["", "", "整改措施，整改"]]}
    heads = {"u": ["a/", "b/"], "t": ["首页", "整改台账"], "n": {"1": "示发〔2025〕7号"}}
    assert json.loads(files["heads.json"]) == heads
    assert build(list(reversed(DOCUMENTS)), "find/") == files, "the same pages give the same bytes in any order"


def test_positions_of_pairs_are_kept_apart_for_the_title_and_the_text():
    files = build(DOCUMENTS, "find/")
    pairs = json.loads(files[f"positions/{shard_of('整改', 16)}.json"])
    # a/'s tokens read 整 改 措 施 ， 整 改: 整改 at 0 and 5, 措施 at 2.
    assert _decode_positions(pairs["整改"]) == {0: ([], [0, 5]), 1: ([0], [0])}
    measures = json.loads(files[f"positions/{shard_of('措施', 16)}.json"])
    assert _decode_positions(measures["措施"]) == {0: ([], [2])}


def test_every_shard_is_written_also_when_empty():
    files = build(DOCUMENTS, "find/")
    assert {f"shards/{n}.json" for n in range(16)} <= set(files)
    assert {f"positions/{n}.json" for n in range(16)} <= set(files)
    assert b"{}" in {files[f"shards/{n}.json"] for n in range(16)}


def test_scripts_register_the_same_data_for_file_urls():
    files = build(DOCUMENTS, "find/", scripts=True)
    assert files["meta.js"] == b"StudySearch.load(" + b'"meta"' + b"," + files["meta.json"] + b");\n"
    assert set(files) == {path for name in build(DOCUMENTS, "find/") for path in (name, name[:-5] + ".js")}


def _cells(encoded: str) -> list[list[int]]:
    rows, row = [], []
    for value in read_varints(encoded):
        if value:
            row.append((value >> 1) - 1)
        if not value & 1:
            rows.append(row)
            row = []
    return rows


def test_the_catalogue_holds_each_pages_facts_as_columns():
    documents = [
        IndexedPage("n/", "通报", (), Facts("notice", date(2024, 3, 1), "通报", ("示例局纪委",), topics=("警示教育",))),
        IndexedPage("s/", "讲话", (), Facts("speech", date(2023, 12, 31), speakers=("示例乙", "示例甲"))),
        IndexedPage("r/", "报告", (), Facts("report")),
    ]
    data = facts_table(documents, {"type": ("speech", "notice", "report")}, {"type": {"notice": "通报通知"}})
    facets = {facet["key"]: facet for facet in data["facets"]}
    assert facets["type"] == {"key": "type", "label": "类型", "values": ["speech", "notice", "report"],
                              "names": ["speech", "通报通知", "report"]}  # fmt: skip
    assert _cells(data["columns"]["type"]) == [[1], [0], [2]]
    assert facets["speaker"]["values"] == ["示例乙", "示例甲"], "values without an order by name (code point)"
    assert _cells(data["columns"]["speaker"]) == [[], [0, 1], []], "two speakers in one cell"
    assert _cells(data["columns"]["doc_type"]) == [[0], [], []]
    # Dates as days since 1970: 19783 (2024-03-01), then 19722 (-61), then none.
    zigzag = read_varints(data["dates"])
    assert zigzag == [19783 * 2 + 1, 61 * 2 - 1 + 1, 0]


def test_an_entrys_details_are_searched_but_kept_out_of_the_sections_excerpts_come_from():
    html = (
        '<h1 id="t">关于示例的通报</h1><div class="entry-meta">\n<dl><dt>文号</dt><dd>示发〔2019〕5号</dd></dl>\n</div>'
        "<p>正文第一段。</p>"
    )
    assert sections_of(html) == (Section("t", "关于示例的通报", "正文第一段。"),)
    assert details_of(html) == "文号 示发〔2019〕5号"
    page = IndexedPage("n/", "关于示例的通报", sections_of(html), details=details_of(html))
    assert "示发〔2019〕5号" in page.text
    files = build([page])
    assert json.loads(files["text/0.json"])["s"] == [["t", "关于示例的通报", "正文第一段。"]], "no details to excerpt"
    assert "5号" in json.loads(files[f"shards/{shard_of('5号', 16)}.json"]), "but found"
