"""The search benchmark's answer key: a built site's pages, as its index holds them and as a reader sees them.

The index is read back from the files the build wrote (search/text, search/shards); the pages are also
scanned from the built HTML itself, so a result count is checked against text the index did not make. The
words and queries the benchmark tries are sampled from these pages with fixed seeds. Apart from
scripts/search_bench.py, which drives the browser, because the build and browser tests read the same pages
without it. Needs hooks/ on the path, as search_bench.py and the tests set it.
"""

from __future__ import annotations

import functools
import json
import random
import re
from html import unescape
from pathlib import Path

from studysite.search.searchindex import INLINE_TAGS, fold, read_varints, shard_of

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_EDGE = re.compile(
    r"^[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9a-z]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9a-z]+$"
)
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_WORD = re.compile(r"[0-9a-z]+")
# Text around a number, up to a space: 示例局负责同志3、2019年3月5日、示发〔2019〕5号
_AROUND_NUMBER = re.compile(r"\S{0,6}[0-9]+\S{0,6}")
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def index_pages(site: Path) -> list[dict]:
    """The index's pages in their numbers' order: address u, title t, result line m, sections s."""
    texts = sorted((site / "search/text").glob("*.json"), key=lambda path: int(path.stem))
    return [json.loads(path.read_text(encoding="utf-8")) for path in texts]


def index_postings(site: Path, piece: str) -> dict[int, int]:
    """The index's pages holding a piece (a character, a pair or a word) → its count there."""
    meta = json.loads((site / "search/meta.json").read_text(encoding="utf-8"))
    shard = json.loads((site / f"search/shards/{shard_of(piece, meta['shards'])}.json").read_text(encoding="utf-8"))
    flat, pages, number = read_varints(shard.get(piece, "")), {}, 0
    for gap, count in zip(flat[::2], flat[1::2], strict=True):
        number += gap
        pages[number] = count
    return pages


def page_texts(site: Path) -> dict[str, str]:
    """Each page's searchable text, by URL, read back from the index the build wrote."""
    return {
        page["u"]: page["t"] + "\n" + "\n".join(s[1] + "\n" + s[2] for s in page["s"]) for page in index_pages(site)
    }


def scanned_pages(site: Path) -> dict[str, str]:
    """Each built page's title and article text, read from its HTML (not from the index), by URL: what a
    reader sees, with what the index leaves out left out too (blocks marked search-exclude, the ¶ links,
    the page's last-changed line, the 已学 button added after the index is made) and block elements kept apart as on the screen."""
    from bs4 import BeautifulSoup

    texts = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative in ("404.html", "find/index.html", "study/index.html"):  # the pages the index leaves out
            continue
        html = path.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if start < 0 or end < 0:
            continue
        title = _TITLE.search(html)
        article = BeautifulSoup(html[start : end + len("</article>")], "lxml").article
        assert article is not None  # the text cut out starts with <article
        for excluded in article.select(
            # the template's own lines (已学, 返回 and 第N篇) are not the page's text, as the index reads it
            ".search-exclude, [data-search-exclude], a.headerlink, .md-source-file, .study-mark, .page-place"
        ):
            excluded.decompose()
        for element in article.find_all(True):
            if element.name not in INLINE_TAGS:
                element.insert_before("\n")
        url = relative.removesuffix("index.html")
        texts[url] = fold((unescape(title.group(1)).rsplit(" - ", 1)[0] if title else "") + "\n" + article.get_text())
    return texts


_OPENING, _CLOSING = "〔（([［【", "〕）)]］】"  # brackets; quotes and 《》 only mark a phrase


def _unpaired_edges(word: str) -> str:
    """The word without the punctuation at its ends, except a bracket whose partner it holds (〔2019〕5号)."""
    start, end = 0, len(word)
    while (
        start < end
        and _EDGE.match(word[start])
        and not (word[start] in _OPENING and _CLOSING[_OPENING.index(word[start])] in word[start + 1 : end])
    ):
        start += 1
    while (
        end > start
        and _EDGE.match(word[end - 1])
        and not (word[end - 1] in _CLOSING and _OPENING[_CLOSING.index(word[end - 1])] in word[start : end - 1])
    ):
        end -= 1
    return word[start:end]


def query_words(query: str) -> list[str]:
    """A query's words as the search reads them: cut at spaces, folded, other characters (punctuation,
    quotes) at either end left off, each once."""
    words = []
    for word in fold(query).split():
        word = _unpaired_edges(word)
        if word and word not in words:
            words.append(word)
    return words


def contains(text: str, query: str) -> bool:
    """A page matches when it holds every word of the query as written: Han characters anywhere (措施 in
    整改措施), a number or Latin word at a word's edge not part of a longer one (负责同志3 is not in
    负责同志30, 3 not in 2023). text: folded, as scanned_pages gives it."""
    return all(_as_written(word).search(text) for word in query_words(query))


@functools.lru_cache(maxsize=4096)
def _as_written(word: str) -> re.Pattern[str]:
    head = "(?<![0-9a-z])" if word[0] in _ALNUM else ""
    tail = "(?![0-9a-z])" if word[-1] in _ALNUM else ""
    return re.compile(head + re.escape(word) + tail)


def sample_words(texts: dict[str, str], count: int, seed: int = 7) -> dict[str, set[str]]:
    """Words of 2–4 Chinese characters standing in at most 3 pages → the pages that contain them."""
    import jieba

    jieba.setLogLevel(60)
    words = sorted({w for text in texts.values() for w in jieba.cut(text) if _HAN_WORD.match(w)})
    containing = {w: {url for url, text in texts.items() if w in text} for w in words}
    rare = [w for w in words if 1 <= len(containing[w]) <= 3]
    chosen = random.Random(seed).sample(rare, min(count, len(rare)))
    return {w: containing[w] for w in sorted(chosen)}


def sample_queries(texts: dict[str, str], count: int, seed: int = 11) -> list[str]:
    """Queries of every shape a reader types, cut from the pages: words, single characters, phrases of 3–8
    characters, two words apart, numbers, pieces of text around a number (names like 负责同志3, years like
    2019年, 文号 like 〔2019〕5号); a few that match nothing (two words never on one page)."""
    import jieba

    jieba.setLogLevel(60)
    rng = random.Random(seed)
    pages = sorted(texts)
    pages = rng.sample(pages, min(len(pages), 300))  # cut from a sample of pages, checked against all
    words = sorted({w for url in pages for w in jieba.cut(texts[url]) if _HAN_WORD.match(w)})
    numbers = sorted({w for text in texts.values() for w in _WORD.findall(text)})
    queries: list[str] = []
    shapes = ["word", "word", "phrase", "phrase", "mixed", "mixed", "two", "two", "char", "number"]
    while len(queries) < count:
        shape = shapes[len(queries) % len(shapes)]
        if shape == "word":
            query = rng.choice(words)
        elif shape == "char":
            query = rng.choice(rng.choice(words))
        elif shape == "number" and numbers:
            query = rng.choice(numbers)
        elif shape == "two":
            query = f"{rng.choice(words)} {rng.choice(words)}"
        elif shape == "mixed":
            around = [m for m in _AROUND_NUMBER.finditer(texts[rng.choice(pages)])]
            if not around:
                query = rng.choice(words) + " " + (rng.choice(numbers) if numbers else "")
            else:
                run = rng.choice(around).group(0)
                start = rng.randrange(0, max(1, len(run) // 2))
                query = run[start : start + rng.randint(3, 10)].strip("，。；：、（）“”《》 ")
        else:
            runs = [run for run in _HAN_RUN.findall(texts[rng.choice(pages)]) if len(run) >= 3]
            if not runs:
                continue
            run = rng.choice(runs)
            length = rng.randint(3, min(8, len(run)))
            start = rng.randrange(len(run) - length + 1)
            query = run[start : start + length]
        query = query.strip()
        if query and query_words(query) and query not in queries:
            queries.append(query)
    return queries
