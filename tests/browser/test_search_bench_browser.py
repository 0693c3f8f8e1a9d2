"""scripts/search_bench.py at a small size in Chromium, so the search benchmark cannot rot."""

from __future__ import annotations

import json

import search_bench


def test_the_benchmark_measures_counts_recall_precision_and_speed_in_chromium(capsys):
    assert search_bench.main(["--sizes", "40", "--words", "20", "--queries", "20", "--repeat", "1", "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["recall_words"] == 20 and 0 <= outcome["recall"] <= 1
    assert outcome["precision_queries"] == len(search_bench.PHRASES)
    own, corpus = outcome["counts"]
    assert own["queries"] == corpus["queries"] == 20 and corpus["pages"] > 40
    assert 0 <= corpus["equal"] <= 20 and len(corpus["mismatches"]) == 20 - corpus["equal"]
    places = [(s["where"], s["query"]) for s in outcome["speed"]]
    assert places == [(where, q) for q in search_bench.SPEED_QUERIES for where in ("页头搜索框", "检索页")]
    for speed in outcome["speed"]:
        assert speed["first_result_seconds"] > 0 and speed["bytes_for_first_query"] > 0
        assert speed["browser_memory_mb"] > 0
        # where the time went: page parsed, index in, then texts in and the first result drawn (the best
        # results are drawn before the last text of the first screen is in)
        assert speed["parsed"] > 0 and 0 < speed["index_in"] <= min(speed["texts_in"], speed["drawn"]), speed
        assert (speed["typed_at"] > 0) == (speed["where"] == "页头搜索框")
    assert all(r["filter_ms"] > 0 and r["sort_ms"] > 0 for r in outcome["redraw"])
    assert float(outcome["index_mb"]["40"]) > 0
