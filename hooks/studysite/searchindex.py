"""A Chinese search index that finds every word and loads in small pieces.

Every run of Han characters is indexed by its single characters and its character pairs (bigrams); other
text by lower-case words. A query is cut the same way, so any word of two or more characters is found
wherever it stands, also inside a longer word (措施 in 整改措施, 支部 in 党支部) — no dictionary decides.
Postings are spread over hashed shards: a query fetches the few shards its pieces fall in, then the text
of its best pages to check the exact phrase and cut an excerpt. assets/search/engine.js reads this format.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import unescape
from operator import add

FORMAT = 1
CHUNK = 64  # pages per title chunk
TITLE_WEIGHT = 1000  # a piece in the title outranks any number of occurrences in the text
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
_HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_EXCLUDED = re.compile(r"<div\b[^>]*\bdata-search-exclude\b[^>]*>.*?</div>", re.DOTALL | re.IGNORECASE)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    anchor: str  # heading id, "" for the text before the first heading
    title: str
    text: str


@dataclass(frozen=True)
class Document:
    url: str  # site-relative, as Material's search locations are ("report/")
    title: str
    sections: tuple[Section, ...]

    @property
    def text(self) -> str:
        return "\n".join(section.title + "\n" + section.text for section in self.sections)


def plain(html: str) -> str:
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def sections_of(content: str) -> tuple[Section, ...]:
    """A page's rendered content cut at its headings; blocks marked data-search-exclude are left out."""
    content = _HEADERLINK.sub("", _EXCLUDED.sub("", content))
    found = []
    position, anchor, title = 0, "", ""
    for match in _HEADING.finditer(content):
        found.append(Section(anchor, title, plain(content[position : match.start()])))
        position, anchor, title = match.end(), match.group(2), plain(match.group(3))
    found.append(Section(anchor, title, plain(content[position:])))
    return tuple(section for section in found if section.text or section.anchor)


def pieces(text: str) -> Counter:
    """The index terms of a text: Han characters and character pairs, and lower-case Latin words and numbers."""
    runs = _HAN_RUN.findall(text)
    joined = "\n".join(runs)  # one pass in C: pairs across the newline contain it and are dropped
    counts = Counter(joined.replace("\n", ""))
    counts.update(map(add, joined, joined[1:]))
    del counts["\n"]
    for pair in [pair for pair in counts if "\n" in pair]:
        del counts[pair]
    counts.update(_WORD.findall(text.lower()))
    return counts


def shard_of(piece: str, shards: int) -> int:
    """FNV-1a over the UTF-8 bytes: engine.js computes the same number."""
    value = 0x811C9DC5
    for byte in piece.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def shard_count(postings: int) -> int:
    """About 2,000 postings (some 12 KB) a shard, a power of two between 16 and 4096: a query fetches one
    shard per piece, so shards stay small however large the site grows."""
    count = 16
    while count < 4096 and postings / count > 2000:
        count *= 2
    return count


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def build(documents: list[Document]) -> dict[str, bytes]:
    """The index files, by path under search/: meta, title chunks, shards, and each page's sections."""
    documents = sorted(documents, key=lambda d: d.url)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, document in enumerate(documents):
        counts = pieces(document.text)
        for piece, count in pieces(document.title).items():
            counts[piece] += count * TITLE_WEIGHT
        for piece, count in counts.items():
            postings[piece].append((number, count))
    shards = shard_count(sum(len(entries) for entries in postings.values()))
    shard_files: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for piece, entries in postings.items():
        flat, previous = [], 0
        for number, count in entries:  # documents are added in order: store gaps, they are short
            flat += [number - previous, count]
            previous = number
        shard_files[shard_of(piece, shards)][piece] = flat
    files = {
        "meta.json": _json({"format": FORMAT, "documents": len(documents), "shards": shards, "chunk": CHUNK}),
    }
    for start in range(0, len(documents), CHUNK):
        files[f"titles/{start // CHUNK}.json"] = _json([[d.url, d.title] for d in documents[start : start + CHUNK]])
    for number, entries in shard_files.items():
        files[f"shards/{number}.json"] = _json(entries)
    for number, document in enumerate(documents):
        files[f"text/{number}.json"] = _json([[s.anchor, s.title, s.text] for s in document.sections])
    return files
