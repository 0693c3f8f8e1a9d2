"""The compilation's entries: speeches (docs/speeches/) and notices (docs/notices/), read and checked.

The front-matter contract is what clerks type; its field names never change, only grow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TypeVar

from studysite.core import docnumber
from studysite.core.fields import NAMES, TITLES, Reader, iso_date, one_of, positive_int, split_list, text, text_list
from studysite.core.frontmatter import FrontMatter
from studysite.core.kinds import ENTRY_KINDS, NOTICE, SPEECH
from studysite.core.pages import is_entry_path
from studysite.core.plaintext import front_matter_problems
from studysite.core.problems import Problem
from studysite.core.sources import Source

DOC_TYPES = (
    "决议",
    "决定",
    "命令（令）",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
CLASSIFICATIONS = ("非密", "公开", "内部")
SECRET_LEVELS = ("绝密", "机密", "秘密")
GENRES = ("讲话", "重要讲话", "重要指示", "文章", "批示", "贺信", "讲话摘编")
EXCERPTS = ("全文", "节选", "摘要", "新闻稿")
# The contracts are the registry's (studysite.core.kinds); here the tables the readers use.
LABELS = {key: label for kind in ENTRY_KINDS for key, label in kind.labels.items()}
TYPE_BY_DIR = {kind.folder: kind.key for kind in ENTRY_KINDS}
TYPE_EXPECTED = {kind.key: kind.expected_type for kind in ENTRY_KINDS}


@dataclass(frozen=True)
class SourceRef:
    """Where a speech was published: a paper on a date, a journal issue, or a volume and page."""

    publisher: str
    date: date | None = None
    year: int | None = None
    issue: str | None = None
    volume: str | None = None
    page: str | None = None


@dataclass(frozen=True)
class Review:
    by: str
    date: date


@dataclass(frozen=True)
class Speech:
    src_uri: str  # relative to docs/, e.g. speeches/2025-03-12-示例.md
    title: str
    speakers: tuple[str, ...]
    date: date
    occasion: str | None = None
    genre: str | None = None
    excerpt: str | None = None
    sources: tuple[SourceRef, ...] = ()
    topics: tuple[str, ...] = ()
    order: int | None = None

    kind = SPEECH.label
    type_key = SPEECH.key


@dataclass(frozen=True)
class Notice:
    src_uri: str
    title: str
    doc_type: str
    issuers: tuple[str, ...]
    date: date
    classification: str
    doc_number: str | None = None
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    public_status: str | None = None
    review: Review | None = None
    topics: tuple[str, ...] = ()
    order: int | None = None

    kind = NOTICE.label
    type_key = NOTICE.key


Entry = Speech | Notice
E = TypeVar("E", bound=Entry)  # entries of one kind, or of both: what goes in comes out


@dataclass(frozen=True)
class Catalogue:
    speeches: tuple[Speech, ...]
    notices: tuple[Notice, ...]
    topics: tuple[str, ...]  # the closed list, in the order the compilation prints them

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.speeches + self.notices

    def of_kind(self, key: str) -> tuple[Entry, ...]:
        """The entries of one kind (its registry key: speech, notice …)."""
        return tuple(entry for entry in self.entries if entry.type_key == key)

    @cached_property
    def by_uri(self) -> dict[str, Entry]:
        return {entry.src_uri: entry for entry in self.entries}


def compilation_order_key(entry: Entry) -> tuple:
    """As the printed 汇编 orders a section: by `order` where given, then by date, oldest first."""
    return (entry.order is None, entry.order or 0, entry.date, entry.title, entry.src_uri)


def _sources(reader: Reader, path: tuple, raw: object) -> tuple[SourceRef, ...] | None:
    items = raw if isinstance(raw, list) else None
    if items is None:
        reader.fail(
            path,
            "出处列表，每项含 publisher 和 date，或 year+issue，或 volume+page",
            raw,
            "如 sources: [{publisher: 示例日报, date: 2025-03-13}]；期刊写 year 和 issue，书写 volume 和 page",
        )
        return None
    sources = []
    for index, item in enumerate(items):
        item_path = path + (index,)
        if not isinstance(item, dict) or not isinstance(item.get("publisher"), str) or not item["publisher"].strip():
            reader.fail(item_path, "含 publisher（出版单位或报刊名）的一项", item)
            continue
        unknown = set(item) - {"publisher", "date", "year", "issue", "volume", "page"}
        if unknown:
            reader.fail(item_path, "publisher、date、year、issue、volume、page 中的字段", "、".join(sorted(unknown)))
            continue
        when = iso_date(reader, item_path + ("date",), item["date"]) if "date" in item else None
        if "year" in item and not (isinstance(item["year"], int) and 1900 <= item["year"] <= 2100):
            reader.fail(item_path + ("year",), "四位年份，如 2025", item["year"])
        if not ({"date"} <= set(item) or {"year", "issue"} <= set(item) or {"volume", "page"} <= set(item)):
            reader.fail(item_path, "date，或 year 与 issue，或 volume 与 page", item)
            continue
        sources.append(
            SourceRef(
                publisher=item["publisher"].strip(),
                date=when,
                year=item.get("year"),
                issue=str(item["issue"]) if "issue" in item else None,
                volume=str(item["volume"]) if "volume" in item else None,
                page=str(item["page"]) if "page" in item else None,
            )
        )
    return tuple(sources)


def _review(reader: Reader, path: tuple, raw: object) -> Review | None:
    if not isinstance(raw, dict) or set(raw) != {"by", "date"}:
        reader.fail(path, "{by: 审查人或部门, date: 审查日期}", raw)
        return None
    by = text("审查人或部门")(reader, path + ("by",), raw["by"])
    when = iso_date(reader, path + ("date",), raw["date"])
    return Review(by, when) if by and when else None


def _classification(reader: Reader, path: tuple, raw: object) -> str | None:
    if raw is None:  # an imported notice leaves it empty on purpose: a person decides it
        reader.fail(
            path,
            "、".join(CLASSIFICATIONS) + " 之一",
            raw,
            "请对照原件核定密级后填写；涉密文件不得收入本站，应删除本文件",
        )
        return None
    if isinstance(raw, str) and raw.strip().startswith(SECRET_LEVELS):
        reader.fail(path, "、".join(CLASSIFICATIONS) + " 之一", raw, "涉密文件不得上网，不能收入本站")
        return None
    return one_of(CLASSIFICATIONS)(reader, path, raw)


def topics_of(allowed: tuple[str, ...]) -> Callable[[Reader, tuple, object], tuple[str, ...] | None]:
    def check(reader: Reader, path: tuple, raw: object) -> tuple[str, ...] | None:
        items = text_list("专题列表")(reader, path, raw)
        if items is None:
            return None
        for topic in items:
            if topic not in allowed:
                typed_in = (
                    [i for i, item in enumerate(raw) if topic in split_list(item)] if isinstance(raw, list) else []
                )
                item_path = path + (typed_in[0],) if typed_in else path
                reader.fail(
                    item_path, "专题目录中的专题：" + "、".join(allowed), topic, "专题目录在 mkdocs.yml 的 extra.topics"
                )
        return tuple(topic for topic in items if topic in allowed)

    return check


def _doc_number(doc_type: str | None) -> Callable[[Reader, tuple, object], str | None]:
    def check(reader: Reader, path: tuple, raw: object) -> str | None:
        value = str(raw).strip()
        if docnumber.is_valid(value, doc_type):
            return value
        reader.fail(path, docnumber.expected_for(doc_type), raw, "；".join(docnumber.faults(value)))
        return None

    return check


def _speech(reader: Reader, src_uri: str, topics: tuple[str, ...]) -> Speech | None:
    reader.unknown_keys(SPEECH.keys, SPEECH.label)
    reader.unfilled(key for key in SPEECH.fields if not SPEECH.needs(key) and key != "type")
    title = reader.read("title", text("讲话标题"), SPEECH.needs("title"))
    speakers = reader.read("speaker", text_list("讲话人姓名（一人写文字，多人写列表）"), SPEECH.needs("speaker"))
    day = reader.read("date", iso_date, SPEECH.needs("date"))
    occasion = reader.read("occasion", text("场合（不加书名号）"))
    genre = reader.read("genre", one_of(GENRES))
    excerpt = reader.read("excerpt", one_of(EXCERPTS))
    sources = reader.read("sources", _sources) or ()
    chosen_topics = reader.read("topics", topics_of(topics)) or ()
    order = reader.read("order", positive_int)
    if occasion and ("《" in occasion or "》" in occasion):
        reader.fail(("occasion",), "场合（会议名称不加书名号）", occasion)
    if title is None or speakers is None or day is None:
        return None
    return Speech(
        src_uri=src_uri,
        title=title,
        speakers=speakers,
        date=day,
        occasion=occasion,
        genre=genre,
        excerpt=excerpt,
        sources=sources,
        topics=chosen_topics,
        order=order,
    )


def _notice(reader: Reader, src_uri: str, topics: tuple[str, ...]) -> Notice | None:
    reader.unknown_keys(NOTICE.keys, NOTICE.label)
    reader.unfilled(key for key in NOTICE.fields if not NOTICE.needs(key) and key != "type")
    doc_type = reader.read(
        "doc_type", one_of(DOC_TYPES, "15 种法定文种之一：" + "、".join(DOC_TYPES)), NOTICE.needs("doc_type")
    )
    title = reader.read("title", text("公文标题"), NOTICE.needs("title"))
    issuers = reader.read("issuer", text_list("发文机关（联合发文写列表，主办机关在前）"), NOTICE.needs("issuer"))
    day = reader.read("date", iso_date, NOTICE.needs("date"))
    classification = reader.read("classification", _classification, NOTICE.needs("classification"))
    doc_number = reader.read("doc_number", _doc_number(doc_type))
    recipients = reader.read("recipients", text_list("主送机关", NAMES)) or ()
    cc = reader.read("cc", text_list("抄送机关", NAMES)) or ()
    attachments = reader.read("attachments", text_list("附件名称列表（多个附件用；分隔或写成列表）", TITLES)) or ()
    note = reader.read("note", text("附注"))
    source = reader.read("source", text("来源"))
    public_status = reader.read("public_status", text("公开属性，如 主动公开"))
    review = reader.read("review", _review)
    chosen_topics = reader.read("topics", topics_of(topics)) or ()
    order = reader.read("order", positive_int)
    if title is None or doc_type is None or issuers is None or day is None or classification is None:
        return None
    return Notice(
        src_uri=src_uri,
        title=title,
        doc_type=doc_type,
        issuers=issuers,
        date=day,
        classification=classification,
        doc_number=doc_number,
        recipients=recipients,
        cc=cc,
        attachments=attachments,
        note=note,
        source=source,
        public_status=public_status,
        review=review,
        topics=chosen_topics,
        order=order,
    )


_READERS = {SPEECH.key: _speech, NOTICE.key: _notice}


def read_entry(
    path: str, src_uri: str, front: FrontMatter | None, topics: tuple[str, ...]
) -> tuple[Entry | None, list[Problem]]:
    """Check one entry's parsed front matter; path is how messages name it (docs/…), src_uri how the site links it."""
    expected_type = TYPE_BY_DIR[src_uri.split("/", 1)[0] + "/"]
    reader = Reader(path, front or FrontMatter({}), LABELS, [])
    kind = reader.front.data.get("type")
    if kind is None:
        reader.missing("type", TYPE_EXPECTED[expected_type])
    elif kind not in TYPE_EXPECTED:
        reader.fail(("type",), " 或 ".join(TYPE_EXPECTED.values()), kind)
    elif kind != expected_type:
        reader.fail(("type",), TYPE_EXPECTED[expected_type], kind, f"本文件在 docs/{src_uri.split('/', 1)[0]}/")
    entry = _READERS[expected_type](reader, src_uri, topics)
    return (entry if not reader.problems else None), reader.problems


def duplicate_doc_numbers(numbers: list[tuple[str, str, int]]) -> list[Problem]:
    """The same 文号 in two files: one problem per later file, naming the first. Items: 文号, path, line."""
    first_seen: dict[str, tuple[str, int]] = {}
    problems = []
    for number, path, line in numbers:
        if number in first_seen:
            other_path, other_line = first_seen[number]
            problems.append(
                Problem(
                    path, line, "doc_number 文号", "每份公文唯一的文号", number, f"与 {other_path}:{other_line} 重复"
                )
            )
        else:
            first_seen[number] = (path, line)
    return problems


def duplicate_entries(sources: Iterable[Source]) -> list[Problem]:
    """The same document in two files (same kind, title and date under different names), as typed."""
    first_seen: dict[tuple, Source] = {}
    problems = []
    for source in sources:
        data = source.data
        title, day = data.get("title"), data.get("date")
        if not (isinstance(title, str) and title.strip() and isinstance(day, str)):
            continue
        key = (source.src_uri.split("/", 1)[0], "".join(title.split()), day.strip())
        if key in first_seen:
            other = first_seen[key]
            problems.append(
                Problem(
                    source.path,
                    source.line("title"),
                    "title 标题",
                    "每份资料只收录一次",
                    title.strip(),
                    f"与 {other.path}:{other.line('title')} 标题和日期相同，是同一份资料；请删除其中一个文件",
                )
            )
        else:
            first_seen[key] = source
    return problems


def future_dates(entries: Iterable[Entry], by_uri: dict[str, Source], today: date) -> list[Problem]:
    """A speech or 成文日期 after today: a typing slip (2052 for 2025), never a real document's date."""
    problems = []
    for entry in entries:
        if entry.date > today:
            source = by_uri[entry.src_uri]
            problems.append(
                Problem(
                    source.path,
                    source.line("date"),
                    "date 日期",
                    f"不晚于今天（{today.year}年{today.month}月{today.day}日）的日期",
                    source.data.get("date", ""),
                    "讲话和公文的日期不会在今天之后，请对照原件核对",
                )
            )
    return problems


def load_catalogue(
    sources: Iterable[Source], topics: tuple[str, ...], today: date | None = None
) -> tuple[Catalogue, list[Problem]]:
    """Every entry file (speeches/, notices/) → the catalogue and every problem found (with today: dates
    after it too)."""
    sources = tuple(sources)
    entries: list[Entry] = []
    numbers: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    readable = []
    found: Sequence[Problem]
    for source in sorted((s for s in sources if is_entry_path(s.src_uri)), key=lambda s: s.src_uri):
        front, found = source.parsed
        if not found:
            readable.append(source)
            entry, found = read_entry(source.path, source.src_uri, front, topics)
            entries += [entry] if entry else []
            number = front.data.get("doc_number") if front else None
            if isinstance(number, str) and number.strip():
                # checked even when the file has other faults, so a clerk sees every problem in one run
                numbers.append((number.strip(), source.path, source.line("doc_number")))
        problems += found
    problems += duplicate_doc_numbers(numbers) + duplicate_entries(readable)
    # Every page's front matter, not only entries': the templates print any page's title and description.
    problems += [problem for source in sources for problem in front_matter_problems(source)]
    if today is not None:
        problems += future_dates(entries, {s.src_uri: s for s in readable}, today)
    speeches = tuple(e for e in entries if isinstance(e, Speech))
    notices = tuple(e for e in entries if isinstance(e, Notice))
    return Catalogue(speeches, notices, topics), problems


NO_TOPIC = "未标注专题"


def grouped(
    entries: Iterable[E], keys: Callable[[E], Iterable[str]], order: Callable[[str, int], tuple]
) -> list[tuple[str, list[E]]]:
    """Entries under each of their keys (an entry with two speakers stands under both), groups in order."""
    groups: dict[str, list[E]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            groups[key].append(entry)
    return sorted(groups.items(), key=lambda item: order(item[0], len(item[1])))


def topic_order(topics: tuple[str, ...]) -> Callable[[str, int], tuple]:
    """Groups in the order of the topic list (mkdocs.yml extra.topics), anything else after it."""
    return lambda name, _count: (topics.index(name) if name in topics else len(topics), name)


def contents_groups(catalogue: Catalogue) -> list[tuple[str, list[Entry]]]:
    """The printed 汇编's sections: by topic (each entry under its first), each in compilation order."""
    groups = grouped(
        catalogue.entries, lambda e: (e.topics[0] if e.topics else NO_TOPIC,), topic_order(catalogue.topics)
    )
    return [(name, sorted(members, key=compilation_order_key)) for name, members in groups]
