"""The search benchmark's answer key: a built site's pages, as its index holds them and as a reader sees them.

The index is read back from the files the build wrote (search/text, search/shards); the pages are also
scanned from the built HTML itself, so a result count is checked against text the index did not make. The
words and queries the benchmark tries are sampled from these pages with fixed seeds. Apart from
scripts/search_bench.py, which drives the browser, because the build and browser tests read the same pages
without it. Needs hooks/ on the path, as search_bench.py and the tests set it.
"""

from __future__ import annotations

import json
import random
import re
from html import unescape
from pathlib import Path

from studysite.search.searchindex import INLINE_TAGS, fold, read_varints, shard_of

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TERM = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
_WORD = re.compile(r"[0-9a-z]+")
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
    the page's last-changed line) and block elements kept apart as on the screen."""
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
        for excluded in article.select(".search-exclude, [data-search-exclude], a.headerlink, .md-source-file"):
            excluded.decompose()
        for element in article.find_all(True):
            if element.name not in INLINE_TAGS:
                element.insert_before("\n")
        url = relative.removesuffix("index.html")
        texts[url] = fold((unescape(title.group(1)).rsplit(" - ", 1)[0] if title else "") + "\n" + article.get_text())
    return texts


def contains(text: str, words: set[str], query: str) -> bool:
    """A page matches when it holds every word: Han characters as written, Latin words and numbers whole
    (words: the page's Latin words and numbers)."""
    return all(term in text if _HAN_RUN.fullmatch(term) else term in words for term in _TERM.findall(fold(query)))


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
    characters, two words apart, numbers; a few that match nothing (two words never on one page)."""
    import jieba

    jieba.setLogLevel(60)
    rng = random.Random(seed)
    pages = sorted(texts)
    pages = rng.sample(pages, min(len(pages), 300))  # cut from a sample of pages, checked against all
    words = sorted({w for url in pages for w in jieba.cut(texts[url]) if _HAN_WORD.match(w)})
    numbers = sorted({w for text in texts.values() for w in _WORD.findall(text)})
    queries: list[str] = []
    shapes = ["word", "word", "word", "phrase", "phrase", "phrase", "two", "two", "char", "number"]
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
        else:
            runs = [run for run in _HAN_RUN.findall(texts[rng.choice(pages)]) if len(run) >= 3]
            if not runs:
                continue
            run = rng.choice(runs)
            length = rng.randint(3, min(8, len(run)))
            start = rng.randrange(len(run) - length + 1)
            query = run[start : start + length]
        if query not in queries:
            queries.append(query)
    return queries
