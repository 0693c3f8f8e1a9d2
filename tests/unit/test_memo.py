"""The preview's Memo (studysite.core.memo): a result is reused only for the same arguments, kept one build long,
and what it keeps gives the bytes a build without it gives (the search index made in blocks)."""

from __future__ import annotations

from studysite.core.memo import Memo, call, interned
from studysite.search.searchindex import BLOCK, IndexedPage, Section, build


def test_a_result_is_reused_for_the_same_arguments_within_the_next_build_only():
    calls: list[str] = []

    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    memo = Memo()
    assert call(memo, length, "整改") == 2 and call(memo, length, "整改") == 2
    memo.next_build()
    assert call(memo, length, "整改") == 2 and call(memo, length, "整改措施") == 4
    assert calls == ["整改", "整改措施"]
    memo.next_build()
    memo.next_build()  # a build that did not ask for it: gone
    assert call(memo, length, "整改") == 2 and calls == ["整改", "整改措施", "整改"]
    assert call(None, length, "台账") == 2 and calls[-1] == "台账", "no Memo: called every time"


def test_an_equal_value_is_the_previous_builds_object():
    memo = Memo()
    first = interned(memo, frozenset({"a.md", "b.md"}))
    memo.next_build()
    again = interned(memo, frozenset({"b.md", "a.md"}))
    assert again is first and interned(None, again) is again


def _pages(count: int, edited: int | None = None) -> list[IndexedPage]:
    return [
        IndexedPage(
            f"p{number:04d}/",
            f"示例讲话第{number}号" + ("（改）" if number == edited else ""),
            (Section("", "", f"示例局党委要围绕深入学习第{number}号，把整改措施和落实责任结合起来。"),),
        )
        for number in range(count)
    ]


def test_the_search_index_made_in_blocks_is_the_index_made_page_by_page():
    memo = Memo()
    count = BLOCK * 2 + 5
    assert build(_pages(count), memo=memo) == build(_pages(count))
    memo.next_build()
    assert build(_pages(count, edited=BLOCK + 3), memo=memo) == build(_pages(count, edited=BLOCK + 3))
    memo.next_build()
    assert build(_pages(count - 40), memo=memo) == build(_pages(count - 40)), "a page deleted: blocks shift"
