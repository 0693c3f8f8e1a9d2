"""scripts/search_bench.py at a small size, so the search benchmark cannot rot."""

from __future__ import annotations

import json

import search_bench


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


def test_the_benchmark_measures_recall_precision_and_speed_in_chromium(capsys):
    assert search_bench.main(["--pages", "30", "--words", "20", "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["recall_words"] == 20 and 0 <= outcome["recall"] <= 1
    assert outcome["precision_queries"] == len(search_bench.PHRASES)
    ours, lunr = outcome["speed"]
    assert ours["engine"].startswith("本项目") and lunr["engine"].startswith("原版")
    assert ours["first_result_seconds"] > 0 and ours["bytes_for_first_query"] > 0 and ours["browser_memory_mb"] > 0
    assert lunr["bytes_for_first_query"] > ours["bytes_for_first_query"] / 10
