"""scripts/search_bench.py's pieces: sampled words and queries, matching, medians."""

from __future__ import annotations

import re

import search_bench
import search_corpus


def test_word_sampling_is_deterministic_and_respects_the_page_limit():
    texts = {
        "a/": "整改措施落实到位，党支部书记带头。",
        "b/": "整改措施要具体，党支部要落实。",
        "c/": "理论学习中心组学习。",
        "d/": "整改要求。",
    }
    assert search_bench.sample_words(texts, 50) == {
        "中心组": {"c/"},
        "书记": {"a/"},
        "党支部": {"a/", "b/"},
        "具体": {"b/"},
        "到位": {"a/"},
        "学习": {"c/"},
        "带头": {"a/"},
        "整改": {"a/", "b/", "d/"},
        "整改措施": {"a/", "b/"},
        "理论": {"c/"},
        "落实": {"a/", "b/"},
        "要求": {"d/"},
    }
    assert search_bench.sample_words(texts, 3) == search_bench.sample_words(texts, 3), "a fixed seed"
    assert len(search_bench.sample_words(texts, 3)) == 3


def test_a_page_matches_when_it_holds_every_word_as_written():
    text = "m2 坚持公道正派选人用人，2024年，示例局负责同志30 示例局负责同志3，示发〔2019〕5号"
    assert search_bench.contains(text, "选人用人")
    assert search_bench.contains(text, "公道 M2")
    assert not search_bench.contains(text, "选人 用人 党委")
    assert not search_bench.contains(text, "用人选人"), "a phrase as a whole"
    assert not search_bench.contains(text, "202"), "a number whole, not a part of one"
    assert search_bench.contains(text, "２０２４"), "full-width digits as typed with an input method"
    assert search_bench.contains(text, "负责同志3") and search_bench.contains(text, "负责同志30")
    assert not search_bench.contains(text.replace("同志3，", "同志，"), "负责同志3"), "3 is not the 3 of 30"
    assert search_bench.contains(text, "示发〔2019〕5号") and not search_bench.contains(text, "示发〔2019〕15号")
    assert not search_bench.contains(text, "负责同志3 形式主义"), "every word"
    assert search_corpus.query_words("“负责同志3” 形式主义 负责同志3") == ["负责同志3", "形式主义"]


def test_sampled_queries_take_every_shape_and_stand_in_the_pages():
    texts = {f"p{n}/": f"示例局党委深入学习整改措施，落实第{n}号通知的要求。" for n in range(30)}
    queries = search_bench.sample_queries(texts, 20)
    assert queries == search_bench.sample_queries(texts, 20), "a fixed seed"
    assert len(set(queries)) == 20
    assert any(" " in q for q in queries) and any(q.isdigit() for q in queries) and any(len(q) == 1 for q in queries)
    assert all(any(search_bench.contains(t, q.split()[0]) for t in texts.values()) for q in queries if " " in q)
    assert any(re.search(r"\d", q) and re.search(r"[\u4e00-\u9fff]", q) for q in queries), "names and numbers"


def test_figures_of_several_runs_are_their_medians():
    runs = [search_bench.Speed("本项目", "检索页", "整改", 10, seconds, 0.1, 100, 50.0) for seconds in (0.9, 0.5, 3.0)]
    assert search_bench.median(runs) == search_bench.Speed("本项目", "检索页", "整改", 10, 0.9, 0.1, 100, 50.0)


def test_a_bracket_whose_partner_is_in_the_word_stays_and_quotes_only_mark_a_phrase():
    from search_corpus import query_words

    assert query_words("〔2019〕5号 （2019） 2019〕") == ["〔2019〕5号", "（2019）", "2019"]
    assert query_words("“示例机关7” 《通知》") == ["示例机关7", "通知"]
