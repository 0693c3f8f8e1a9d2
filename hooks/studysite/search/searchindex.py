"""A Chinese search index that finds every word, counts every match and loads in small pieces.

Text is read as tokens: each Han character is one, each run of (lower-case) Latin letters and digits is one
(2019, m2), and any other character but a space is one (〔, ，). Every token stands next to its neighbours up
to a space, so 负责同志3, 2019年 and 示发〔2019〕5号 are runs of tokens as written. The index holds the single
tokens (Han characters, Latin words and numbers) and every pair of neighbouring tokens, with where each pair
stands. A query word (the query cut at spaces) is cut the same way and found as written: a word of one or two
tokens by its piece, a longer one by the positions of its pairs. So any word is found wherever it stands,
also inside a longer one (措施 in 整改措施, 支部 in 党支部) — no dictionary decides — while a number is
matched whole (负责同志3 is not 负责同志30, 3 is not the 3 of 2023): a page counts only when it holds the
words as written, and the count a reader sees is the number of pages that hold them all.

Files under search/ (assets/search/indexfiles.js reads them):
- meta.json: the sizes the reader needs to find the other files;
- shards/N.json: piece → documents and counts, spread over hashed shards;
- positions/N.json: token pair → documents and positions (in tokens), for words of three or more tokens;
- text/N.json: one page's address, title, 文号 and sections, for titles and excerpts of results;
- catalogue.json (the file's name, read by indexfiles.js for find.js): each page's facts (kind, date, 文种, 发文机关, 讲话人, 专题) for the 检索 page's filters;
- heads.json: every page's address, title and 文号, which the 检索 page loads once its first results show,
  so that a filter, the sort or another page of results is drawn without waiting for the network.
Numbers are written as compact strings (see `varints`): a posting costs a few bytes, not a JSON number each.
With scripts=True every file is also written as a small script that registers its data
(`StudySearch.load("shards/12", {...})`), for an edition opened from file://, where fetch is blocked.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from itertools import groupby
from operator import add

from studysite.core.han import HAN
from studysite.core.memo import Memo, call

FORMAT = 3
TITLE_WEIGHT = 1000  # a piece in the title outranks any number of occurrences in the text
EPOCH = date(1970, 1, 1)
_WORD = re.compile(r"[0-9a-z]+")
# A token: a Latin word or number, else one character (a space between runs is one "\n" token; see analyse).
_TOKEN = re.compile(r"[0-9a-z]+|.", re.DOTALL)
_LETTER = re.compile(rf"[{HAN}0-9a-z]")
# Full-width digits and letters (typed with a Chinese input method) read as their ASCII forms, and Latin is
# matched without case; Han characters stay as they are. words.js folds queries alike.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x61 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    }
)
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_EXCLUDED = re.compile(r"<div\b[^>]*\bdata-search-exclude\b[^>]*>.*?</div>", re.DOTALL | re.IGNORECASE)
# An entry's details (文种, 文号, 来源…: render/compilation.entry_page): searchable, but no excerpt's first choice.
_DETAILS = re.compile(r"<div class=\"entry-meta\"[^>]*>.*?</div>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
# Inline elements join their text to the words around them (整改<strong>措施</strong> reads 整改措施);
# any other tag separates, as a paragraph or a table cell does on the screen.
INLINE_TAGS = frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s")
    + ("samp", "small", "span", "strong", "sub", "sup", "time", "u", "var")
)
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(INLINE_TAGS))})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    anchor: str  # heading id, "" for the text before the first heading
    title: str
    text: str


@dataclass(frozen=True)
class Facts:
    """What the 检索 page knows of a page besides its text: from the content model, never from the HTML."""

    kind: str  # a key of KINDS in studysite.search.findpage: speech, notice, report, …
    date: date | None = None
    doc_type: str | None = None  # 文种
    issuers: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    number: str | None = None  # 文号


@dataclass(frozen=True)
class IndexedPage:
    url: str  # site-relative, as Material's search locations are ("report/")
    title: str
    sections: tuple[Section, ...]
    facts: Facts = field(default_factory=lambda: Facts("page"))
    details: str = ""  # an entry's details block (文种, 文号, 来源…): searched, never a result's excerpt

    @property
    def text(self) -> str:
        return "\n".join([*(section.title + "\n" + section.text for section in self.sections), self.details])


def fold(text: str) -> str:
    text = text.lower()
    return text.translate(_FOLD) if _FULL_WIDTH.search(text) else text  # translate is slow: only when needed


def plain(html: str) -> str:
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", _INLINE_TAG.sub("", html)))).strip()


def sections_of(content: str) -> tuple[Section, ...]:
    """A page's rendered content cut at its headings; blocks marked data-search-exclude and an entry's details
    (see details_of) are left out: a result's excerpt comes from these sections, the body text."""
    content = _DETAILS.sub(" ", _HEADERLINK.sub("", _EXCLUDED.sub("", content)))
    found = []
    position, anchor, title = 0, "", ""
    for match in _HEADING.finditer(content):
        found.append(Section(anchor, title, plain(content[position : match.start()])))
        position, anchor, title = match.end(), match.group(2), plain(match.group(3))
    found.append(Section(anchor, title, plain(content[position:])))
    return tuple(section for section in found if section.text or section.anchor)


def details_of(content: str) -> str:
    """An entry's details block as text: what the search finds in it (a 文号, a 发文机关) counts, but the
    result's excerpt is body text (the result's line already says 文种, 日期, 文号)."""
    return " ".join(plain(match.group(0)) for match in _DETAILS.finditer(_EXCLUDED.sub("", content)))


def analyse(text: str) -> tuple[Counter, dict[str, list[int]]]:
    """A text's index pieces with their counts (Han characters, lower-case Latin words and numbers, and pairs
    of neighbouring tokens that hold no other character) and where every pair of neighbouring tokens starts,
    counted in tokens; no pair spans a space. One pass for both."""
    tokens = _TOKEN.findall(_SPACE.sub("\n", fold(text)).strip())
    pairs = list(map(add, tokens, tokens[1:]))
    # A stable sort of the offsets by their pair, grouped: each pair's offsets ascending, the loop in C.
    positions = {
        pair: list(offsets)
        for pair, offsets in groupby(sorted(range(len(pairs)), key=pairs.__getitem__), pairs.__getitem__)
        if "\n" not in pair  # pairs across a space contain the newline that stands for it
    }
    counts = Counter(tokens)
    # Other characters (punctuation) are looked up only inside a word, never alone or in a pair of two.
    others = {token for token in counts if not _LETTER.match(token)}
    for token in others:
        del counts[token]
    for pair, offsets in positions.items():
        if pair[0] not in others and pair[-1] not in others:  # a token of another character is one character
            counts[pair] = len(offsets)
    return counts, positions


# Numbers as text: 5 bits a character, low bits first, the sixth bit set while more characters follow.
# Every character is safe in JSON and in a URL; small numbers (most gaps and counts) take one or two.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _encode(number: int) -> str:
    out = []
    while True:
        low, number = number & 31, number >> 5
        out.append(ALPHABET[low | 32] if number else ALPHABET[low])
        if not number:
            return "".join(out)


# Every number below 32768 (three characters) looked up, not computed: an index of 10,000 pages writes
# some 50 million of them.
_TABLE = [_encode(number).encode("ascii") for number in range(32768)]
_encoded = _TABLE.__getitem__


def varints(numbers: Iterable[int]) -> str:
    return "".join(_encode(n) for n in numbers)


def _varint(number: int) -> bytes:
    return _TABLE[number] if number < 32768 else _encode(number).encode("ascii")


def _gaps(positions: Sequence[int]) -> bytes:
    """A count, then ascending positions as gaps: the first from 0."""
    gaps = map(int.__sub__, positions, (0, *positions))
    try:
        return _varint(len(positions)) + b"".join(map(_encoded, gaps))
    except IndexError:  # a gap of 32768 characters or more: rare enough to take the slow way
        return _varint(len(positions)) + b"".join(map(_varint, map(int.__sub__, positions, (0, *positions))))


def read_varints(text: str) -> list[int]:
    """The inverse of varints (indexfiles.js has its own; tests hold the two together)."""
    numbers, value, shift = [], 0, 0
    for char in text:
        digit = ALPHABET.index(char)
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            numbers.append(value)
            value, shift = 0, 0
    return numbers


def shard_of(piece: str, shards: int) -> int:
    """FNV-1a over the UTF-8 bytes: indexfiles.js computes the same number."""
    value = 0x811C9DC5
    for byte in piece.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def shard_count(postings: int, per_shard: int = 2000) -> int:
    """About per_shard postings a shard, a power of two between 16 and 4096: a query fetches one shard per
    piece, so shards stay small however large the site grows."""
    count = 16
    while count < 4096 and postings / count > per_shard:
        count *= 2
    return count


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _cells(rows: Sequence[Sequence[int]]) -> str:
    """One column of the catalogue: per page its value numbers (0: none); value v is written as (v + 1) * 2,
    plus one when another value of the same page follows."""
    out = []
    for row in rows:
        if not row:
            out.append(0)
        out += [(value + 1) * 2 + (index < len(row) - 1) for index, value in enumerate(row)]
    return varints(out)


def _dates(days: Sequence[int | None]) -> str:
    """Per page its date as days since 1970: 0 for none, else the zigzag difference from the last date + 1."""
    out, previous = [], 0
    for day in days:
        if day is None:
            out.append(0)
            continue
        delta = day - previous
        out.append((delta * 2 if delta >= 0 else -delta * 2 - 1) + 1)
        previous = day
    return varints(out)


# The facets of the 检索 page: (key in the URL and in Facts, label, how a page's values are read).
FACETS = (
    ("type", "类型", lambda facts: (facts.kind,)),
    ("doc_type", "文种", lambda facts: (facts.doc_type,) if facts.doc_type else ()),
    ("issuer", "发文机关", lambda facts: facts.issuers),
    ("speaker", "讲话人", lambda facts: facts.speakers),
    ("topic", "专题", lambda facts: facts.topics),
)


def facts_table(
    documents: Sequence[IndexedPage],
    orders: Mapping[str, Sequence[str]] | None = None,
    names: dict[str, dict[str, str]] | None = None,
) -> dict:
    """Each page's facts as columns: a facet's values once, then per page the numbers of its values.
    orders: a facet's values in the order the site lists them (kinds, 文种, 专题), the rest by name after them;
    names: how a value reads where it differs from what the URL holds (type=notice reads 通报通知)."""
    orders, names = orders or {}, names or {}
    facets, columns = [], {}
    for key, label, read in FACETS:
        rows = [tuple(read(d.facts)) for d in documents]
        seen = {value for row in rows for value in row}
        given = [value for value in orders.get(key, ()) if value in seen]
        values = given + sorted(seen - set(given))
        number = {value: index for index, value in enumerate(values)}
        facet: dict[str, object] = {"key": key, "label": label, "values": values}
        if key in names:
            facet["names"] = [names[key].get(value, value) for value in values]
        facets.append(facet)
        columns[key] = _cells([[number[value] for value in row] for row in rows])
    days = [(d.facts.date - EPOCH).days if d.facts.date else None for d in documents]
    return {"facets": facets, "columns": columns, "dates": _dates(days)}


class _Postings:
    """Per piece its documents, in order, each as its gap from the piece's last document and what follows:
    encoded as they come, so a site of 10,000 pages does not hold millions of small Python objects."""

    def __init__(self) -> None:
        self.data: dict[str, bytearray] = defaultdict(bytearray)
        self.last: dict[str, int] = defaultdict(int)
        self.numbers = 0

    def add(self, piece: str, document: int, encoded: bytes) -> None:
        self.data[piece] += _varint(document - self.last[piece]) + encoded
        self.last[piece] = document

    def add_counts(self, document: int, counts: Counter) -> None:
        data, last = self.data, self.last  # the hottest loop of a build: no call per piece
        for piece, count in counts.items():
            data[piece] += _varint(document - last[piece]) + _varint(count)
            last[piece] = document
        self.numbers += len(counts)

    def parts(self) -> tuple[dict[str, tuple[int, bytes, int]], int]:
        """These postings as a block of a larger index (its documents numbered from 0): per piece its first
        document, what follows that document's gap, and its last document; and how many numbers they hold."""
        return {
            piece: (first := _read_first(encoded), bytes(encoded[len(_varint(first)) :]), self.last[piece])
            for piece, encoded in self.data.items()
        }, self.numbers

    def add_block(self, block: tuple[dict[str, tuple[int, bytes, int]], int], start: int) -> None:
        """A block's postings (see parts) as if its documents, numbered from start, were added one by one."""
        data, last = self.data, self.last
        for piece, (first, rest, final) in block[0].items():
            data[piece] += _varint(start + first - last[piece]) + rest
            last[piece] = start + final
        self.numbers += block[1]

    def shards(self, count: int) -> dict[int, dict[str, str]]:
        """Every shard, also an empty one: a shard that cannot be loaded is then a fault, never “no match”."""
        files: dict[int, dict[str, str]] = {number: {} for number in range(count)}
        for piece, encoded in self.data.items():
            files[shard_of(piece, count)][piece] = encoded.decode("ascii")
        return files


_NOWHERE = _gaps(())  # a pair not in the title (or not in the text)
BLOCK = 64  # pages per block of the postings a preview keeps (an edit makes its page's block again)


def _read_first(encoded: bytearray) -> int:
    return read_varints(encoded[:4].decode("ascii"))[0]  # a block's first page: one or two characters


def _block(pages: tuple[tuple[str, str], ...], memo: Memo | None) -> tuple:
    """The postings and positions of a run of pages (text, title), numbered from 0, as blocks (see parts)."""
    postings, positions = _Postings(), _Postings()
    for number, (text, title) in enumerate(pages):
        _index_document(number, text, title, postings, positions, memo)
    return postings.parts(), positions.parts()


def document_terms(text: str, title: str) -> tuple[Counter, list[tuple[str, bytes]], int]:
    """A page's pieces with their counts (the title's TITLE_WEIGHT each) and, for every character pair, where
    it stands in the title, then in the text, each counted from 0; and how many positions that is."""
    counts, in_text = analyse(text)
    title_counts, in_title = analyse(title)
    for piece, count in title_counts.items():
        counts[piece] += count * TITLE_WEIGHT
    pairs = [
        (pair, (_gaps(title_at) if (title_at := in_title.get(pair)) else _NOWHERE) + _gaps(text_at))
        for pair, text_at in in_text.items()
    ]
    pairs += [(pair, _gaps(title_at) + _NOWHERE) for pair, title_at in in_title.items() if pair not in in_text]
    return counts, pairs, sum(map(len, in_text.values())) + sum(map(len, in_title.values()))


def _index_document(
    number: int, text: str, title: str, postings: _Postings, positions: _Postings, memo: Memo | None = None
) -> None:
    """One page into the postings (piece → count) and the positions (pair → where it stands)."""
    counts, pairs, numbers = call(memo, document_terms, text, title)
    postings.add_counts(number, counts)
    add_positions = positions.add
    for pair, encoded in pairs:
        add_positions(pair, number, encoded)
    positions.numbers += numbers


def build(
    documents: list[IndexedPage],
    find_url: str = "",
    orders: Mapping[str, Sequence[str]] | None = None,
    names: dict[str, dict[str, str]] | None = None,
    scripts: bool = False,
    fetched: bool = True,
    memo: Memo | None = None,
) -> dict[str, bytes]:
    """The index files, by path under search/; find_url is the 检索 page's address (site-relative), orders
    and names tell the catalogue how facet values are listed and read (see `facts_table`); scripts: also as
    scripts for file:// (see the module's notes), fetched: as JSON, which only a server can give a page;
    memo: under `make serve`, the pages' terms of the previous build (studysite.core.memo)."""
    documents = sorted(documents, key=lambda d: d.url)
    postings, positions = _Postings(), _Postings()
    if memo is None:
        for number, document in enumerate(documents):
            _index_document(number, document.text, document.title, postings, positions)
    else:  # the preview: the blocks of pages that did not change are the previous build's
        for start in range(0, len(documents), BLOCK):
            pages = tuple((d.text, d.title) for d in documents[start : start + BLOCK])
            block_postings, block_positions = memo.call(_block, pages, memo)
            postings.add_block(block_postings, start)
            positions.add_block(block_positions, start)
    shards = shard_count(postings.numbers)
    position_shards = shard_count(positions.numbers, 8000)
    meta = {
        "format": FORMAT,
        "documents": len(documents),
        "shards": shards,
        "positions": position_shards,
        "find": find_url,
    }
    data: dict[str, object] = {"meta": meta, "catalogue": facts_table(documents, orders, names)}
    data["heads"] = {
        "u": [d.url for d in documents],
        "t": [d.title for d in documents],
        "n": {str(number): d.facts.number for number, d in enumerate(documents) if d.facts.number},
    }
    data |= {f"shards/{n}": entries for n, entries in postings.shards(shards).items()}
    data |= {f"positions/{n}": entries for n, entries in positions.shards(position_shards).items()}
    for number, document in enumerate(documents):
        data[f"text/{number}"] = {
            "u": document.url,
            "t": document.title,
            **({"n": document.facts.number} if document.facts.number else {}),
            "s": [[s.anchor, s.title, s.text] for s in document.sections],
        }
    files = {}
    for path, value in data.items():
        content = _json(value)
        if fetched:
            files[f"{path}.json"] = content
        if scripts:
            files[f"{path}.js"] = b"StudySearch.load(" + _json(path) + b"," + content + b");\n"
    return files
