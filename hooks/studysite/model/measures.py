"""Measures (M1–M5), next-step tasks (T1–T4) and their checklist items: the rectification ledger's rows.

The front-matter contract (docs/measures/*.md) is what the office types; field names never change, only grow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TypeVar

from studysite.core.fields import NAMES, TITLES, Reader, format_date, one_of, parse_iso_date, text, text_list
from studysite.core.frontmatter import FrontMatter
from studysite.core.kinds import MEASURE
from studysite.core.pages import PROBLEM_PAGE, is_measure_path
from studysite.core.problems import Problem
from studysite.core.sources import Source

T = TypeVar("T")
TBD = "待定"  # the report names no owner or date: nothing is invented
UNREPORTED = "未填报"  # no status typed yet: the site does not guess progress
DONE, IN_PROGRESS, NOT_STARTED, ONGOING = "已完成", "正在整改", "未开始", "长期坚持"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, ONGOING)
REVIEWS = ("每月", "每季度", "每半年", "每年", TBD)
TODAY_VARIABLE = "STUDYSITE_TODAY"

LABELS = MEASURE.labels
ITEM_LABELS = {key.removeprefix("items."): label for key, label in MEASURE.nested.items()}
MEASURE_KEYS = MEASURE.keys
ITEM_KEYS = tuple(ITEM_LABELS)
_MEASURE_ID = re.compile(r"^[MT][1-9]\d*$")
_PROBLEM_HEADING = re.compile(r"^## (P[1-9]\d*) (.+?) \{#(P[1-9]\d*)\}\s*$")


@dataclass(frozen=True)
class ProblemArea:
    id: str  # P1 …
    title: str
    line: int  # where docs/report/problems.md lists it


@dataclass(frozen=True)
class Item:
    id: str  # M2-1 …
    task: str
    owner: str = TBD
    due: date | None = None  # None: 待定, or a 长期坚持 item
    ongoing: bool = False  # kind: 长期坚持
    review: str | None = None
    status: str = UNREPORTED
    evidence: tuple[str, ...] = ()
    closed_on: date | None = None

    def overdue(self, today: date) -> bool:
        """Past its due date and not done (long-term items have no due date to miss)."""
        return self.due is not None and self.due < today and self.status != DONE

    @property
    def unassigned(self) -> bool:
        return self.owner == TBD


@dataclass(frozen=True)
class Measure:
    src_uri: str
    id: str
    title: str
    problem_refs: tuple[str, ...]
    items: tuple[Item, ...]
    lead: str | None = None
    dept: str | None = None


# What 完成率 means, said next to every figure of it (page, ledger, CSV, workbook, PDF).
RATE_DEFINITION = "完成率 = 有完成时限的事项中已完成的项数 ÷ 有完成时限的项数（时限待定和长期坚持的事项不计入）"
NO_RATE = "—"  # no item has a due date yet: there is nothing to divide by
NO_RATE_NOTE = f"没有确定完成时限的事项时，完成率记为“{NO_RATE}”"


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    in_progress: int
    ongoing: int
    not_started: int
    unreported: int
    overdue: int
    unassigned: int
    dated: int = 0  # items with a due date: 完成率's denominator
    dated_done: int = 0  # of those, done: its numerator
    undated: int = 0  # one-off items whose due date is 待定

    @property
    def rate(self) -> str:
        """完成率 as RATE_DEFINITION says, e.g. 33.3%; NO_RATE when no item has a due date."""
        if self.dated == 0:
            return NO_RATE
        return f"{self.dated_done * 100 / self.dated:.1f}".removesuffix(".0") + "%"

    @property
    def rate_fraction(self) -> str:
        return f"{self.dated_done}/{self.dated}"

    @property
    def rate_shown(self) -> str:
        """完成率 with what it was divided from, 33.3%（1/3）; NO_RATE alone when nothing has a due date."""
        return self.rate + (f"（{self.rate_fraction}）" if self.dated else "")

    def statuses(self) -> str:
        """Items by status, 已完成0项、正在整改2项、长期坚持1项: the three a report quotes always, zero too; 未开始
        and 未填报 when there are any. The statuses add up to the total."""
        always = f"已完成{self.done}项、正在整改{self.in_progress}项、长期坚持{self.ongoing}项"
        rest = counted([(self.not_started, NOT_STARTED), (self.unreported, UNREPORTED)])
        return f"{always}、{rest}" if rest else always

    def among(self) -> str:
        """What is counted again among the statuses, said apart so nobody adds it up: 其中逾期0项 always (zero is
        news too), 完成时限待定 and 责任部门待定 when there are any."""
        rest = counted([(self.undated, "完成时限待定"), (self.unassigned, "责任部门待定")])
        return f"其中逾期{self.overdue}项" + (f"、{rest}" if rest else "")

    def summary(self) -> str:
        """The one wording of an item count everywhere (measure and problem pages, ledger, workbook, report):
        已完成1项、正在整改1项、长期坚持1项，完成率33.3%（1/3）；其中逾期0项、责任部门待定3项."""
        return f"{self.statuses()}，完成率{self.rate_shown}；{self.among()}"


def counted(counts: Iterable[tuple[int, str]]) -> str:
    """The counts that are not zero with their labels, 已完成3项、逾期1项 (empty when all are zero)."""
    return "、".join(f"{label}{count}项" for count, label in counts if count)


def progress(items: Iterable[Item], today: date) -> Progress:
    items = list(items)
    count = lambda status: sum(item.status == status for item in items)  # noqa: E731 - a local tally
    dated = [item for item in items if item.due is not None and not item.ongoing]
    return Progress(
        total=len(items),
        done=count(DONE),
        in_progress=count(IN_PROGRESS),
        ongoing=count(ONGOING),
        not_started=count(NOT_STARTED),
        unreported=count(UNREPORTED),
        overdue=sum(item.overdue(today) for item in items),
        unassigned=sum(item.unassigned for item in items),
        dated=len(dated),
        dated_done=sum(item.status == DONE for item in dated),
        undated=sum(item.due is None and not item.ongoing for item in items),
    )


def reference_date(environ: Mapping[str, str], today: date) -> tuple[date, list[Problem]]:
    """The day 逾期 is computed against: STUDYSITE_TODAY, else SOURCE_DATE_EPOCH, else today."""
    if TODAY_VARIABLE in environ:
        day, reason = parse_iso_date(environ[TODAY_VARIABLE])
        if day is None:
            return today, [
                Problem("环境变量", 1, TODAY_VARIABLE, "日期，如 2025-06-30", environ[TODAY_VARIABLE], reason)
            ]
        return day, []
    if environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), UTC).date(), []
    return today, []


def parse_problem_areas(markdown: str) -> tuple[ProblemArea, ...]:
    """The problem areas as docs/report/problems.md lists them: ## P1 标题 {#P1}."""
    areas = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _PROBLEM_HEADING.match(line)
        if match and match.group(1) == match.group(3):
            areas.append(ProblemArea(match.group(1), match.group(2), number))
    return tuple(areas)


def _date_or_tbd(reader: Reader, path: tuple, raw: object) -> date | str | None:
    if raw == TBD:
        return TBD
    day, reason = parse_iso_date(raw)
    if day is None:
        reader.fail(path, f"日期，如 2025-06-30，或 {TBD}", raw, reason)
    return day


def _item(reader: Reader, index: int, raw: object, measure_id: str | None, today: date) -> Item | None:
    path = ("items", index)
    if not isinstance(raw, dict):
        reader.fail(path, "事项（含 id、task、owner、due 或 kind、status 等字段）", raw)
        return None
    if isinstance(raw.get("id"), str) and raw["id"].strip():
        reader.names[path] = raw["id"].strip()  # messages name the item as the office knows it
    reader.unknown_keys(ITEM_KEYS, "事项", within=path)

    def read(key: str, check: Callable[[Reader, tuple, object], T | None], required: bool = False) -> T | None:
        return reader.read(key, check, required, within=path)

    item_id = read("id", text(f"事项编号，如 {measure_id or 'M1'}-1"), required=True)
    if item_id and measure_id and not re.fullmatch(rf"{measure_id}-[1-9]\d*", item_id):
        reader.fail(path + ("id",), f"{measure_id}-序号，如 {measure_id}-1", item_id)
    task = read("task", text("任务内容"), required=True)
    owner = read("owner", text(f"责任部门或岗位（不写人名），未明确写 {TBD}")) or TBD
    ongoing = False
    if "kind" in raw:
        ongoing = read("kind", one_of((ONGOING,))) == ONGOING
    review = read("review", one_of(REVIEWS)) if ongoing else None
    if ongoing and "review" not in raw:
        reader.fail(path + ("review",), "长期坚持事项的检查频次：" + "、".join(REVIEWS) + " 之一", None)
    if not ongoing and "review" in raw:
        reader.fail(path + ("review",), "只用于 kind: 长期坚持 的事项", raw["review"])
    due = None
    if ongoing and "due" in raw:
        reader.fail(path + ("due",), "长期坚持事项不写完成时限", raw["due"])
    elif not ongoing:
        if "due" not in raw:
            reader.fail(path + ("due",), f"完成日期（如 2025-06-30，未明确写 {TBD}），或写 kind: {ONGOING}", None)
        else:
            value = _date_or_tbd(reader, path + ("due",), raw["due"])
            due = value if isinstance(value, date) else None
    status = read("status", one_of(STATUSES)) or (ONGOING if ongoing else UNREPORTED)
    if status == ONGOING and not ongoing:
        reader.fail(
            path + ("status",), f"{NOT_STARTED}、{IN_PROGRESS}、{DONE} 之一（{ONGOING} 须写 kind: {ONGOING}）", status
        )
    if ongoing and status != ONGOING:
        reader.fail(path + ("status",), f"{ONGOING}（kind: {ONGOING} 的事项）", status)
    evidence = read("evidence", text_list("佐证材料的标题或文号（多项用；分隔或写成列表）", TITLES)) or ()
    closed_on = None
    if "closed_on" in raw:
        day, reason = parse_iso_date(raw["closed_on"])
        if day is None:
            reader.fail(path + ("closed_on",), "销号日期，如 2025-06-30", raw["closed_on"], reason)
        elif day > today:
            reader.fail(
                path + ("closed_on",), f"不晚于 {format_date(today)} 的日期", raw["closed_on"], "销号日期不能在今天之后"
            )
        elif status != DONE:
            reader.fail(path + ("closed_on",), f"只用于状态为 {DONE} 的事项", raw["closed_on"])
        closed_on = day
    elif status == DONE:
        reader.fail(path + ("closed_on",), f"{DONE}事项的销号日期，如 2025-06-30", None)
    if item_id is None or task is None:
        return None
    return Item(item_id, task, owner, due, ongoing, review, status, evidence, closed_on)


def read_measure(
    path: str, src_uri: str, front: FrontMatter | None, today: date
) -> tuple[Measure | None, list[Problem]]:
    reader = Reader(path, front or FrontMatter({}), LABELS, [])
    reader.unknown_keys(MEASURE_KEYS, MEASURE.label)
    kind = reader.value("type")
    if kind != MEASURE.key:
        reader.fail(("type",), MEASURE.expected_type, kind)
    measure_id = reader.read("id", text("M1…M5 或 T1…T4 形式的编号"), MEASURE.needs("id"))
    if measure_id and not _MEASURE_ID.match(measure_id):
        reader.fail(("id",), "M 或 T 加序号，如 M2、T1", measure_id)
        measure_id = None
    title = reader.read("title", text("措施标题"), MEASURE.needs("title"))
    refs = (
        reader.read("problem_refs", text_list("所针对的问题编号列表，如 [P2]", NAMES), MEASURE.needs("problem_refs"))
        or ()
    )
    lead = reader.read("lead", text("责任领导（写职务，如 局党委书记）"))
    dept = reader.read("dept", text("牵头部门"))
    raw_items = reader.value("items")
    items: list[Item] = []
    if not isinstance(raw_items, list) or not raw_items:
        reader.fail(("items",), "事项列表（至少一项）", raw_items)
    else:
        for index, raw in enumerate(raw_items):
            item = _item(reader, index, raw, measure_id, today)
            items += [item] if item else []
    if reader.problems or measure_id is None or title is None:
        return None, reader.problems
    return Measure(src_uri, measure_id, title, tuple(refs), tuple(items), lead, dept), []


def duplicate_ids(occurrences: list[tuple[str, str, int, str]]) -> list[Problem]:
    """The same id twice (items or measures): (id, path, line, field) → one problem per later place."""
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for identifier, path, line, field in occurrences:
        if identifier in first:
            other = first[identifier]
            problems.append(Problem(path, line, field, "唯一的编号", identifier, f"与 {other[0]}:{other[1]} 重复"))
        else:
            first[identifier] = (path, line)
    return problems


def mapping_problems(refs: list[tuple[str, str, int]], areas: tuple[ProblemArea, ...]) -> list[Problem]:
    """Every measure cites known problems only; every problem is answered. refs: (P-id, path, line)."""
    known = {area.id for area in areas}
    problems = [
        Problem(path, line, "problem_refs 对应问题", "问题清单中的编号：" + "、".join(sorted(known)), ref)
        for ref, path, line in refs
        if ref not in known
    ]
    answered = {ref for ref, _, _ in refs}
    problems += [
        Problem(
            f"docs/{PROBLEM_PAGE}",
            area.line,
            f"{area.id} 问题",
            f"至少一项措施的 problem_refs 含 {area.id}",
            "没有措施对应",
        )
        for area in areas
        if area.id not in answered
    ]
    return problems


@dataclass(frozen=True)
class Plan:
    """Everything the measures pages and the ledger are built from."""

    measures: tuple[Measure, ...]
    areas: tuple[ProblemArea, ...]
    today: date

    def area(self, area_id: str) -> ProblemArea | None:
        """The problem area of that id; None for an id the problem list lacks (reported as a problem)."""
        return next((area for area in self.areas if area.id == area_id), None)

    @cached_property
    def by_uri(self) -> dict[str, Measure]:
        return {measure.src_uri: measure for measure in self.measures}

    def measures_for(self, area_id: str) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if area_id in m.problem_refs)


def _measure_order(measure: Measure) -> tuple:
    return (measure.id[0] != "M", int(measure.id[1:]))


def _cited(front: FrontMatter, path: str) -> list[tuple[str, str, int]]:
    """The problem ids a measure file cites, as typed, with their lines (P1、P2 in one text counts as two)."""
    refs = front.data.get("problem_refs")
    if isinstance(refs, str):
        return [(ref, path, front.line("problem_refs")) for ref in NAMES.split(refs) if ref]
    if isinstance(refs, list):
        return [
            (ref, path, front.line("problem_refs", i))
            for i, typed in enumerate(refs)
            if isinstance(typed, str)
            for ref in NAMES.split(typed)
            if ref
        ]
    return []


def _ids(front: FrontMatter, path: str) -> list[tuple[str, str, int, str]]:
    """The measure's id and its items' ids as typed, with lines, for the duplicate check."""
    data = front.data
    ids = [(data["id"], path, front.line("id"), "id 编号")] if isinstance(data.get("id"), str) else []
    items = data.get("items")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.append((item["id"], path, front.line("items", index, "id"), f"{item['id']}.id 编号"))
    return ids


def load_plan(sources: Iterable[Source], today: date) -> tuple[Plan, list[Problem]]:
    """The measure files (measures/) and the problem list → the plan and every problem.

    Duplicate ids and the problem mapping are checked on what was typed, even in files with other faults,
    so one run lists everything.
    """
    sources = list(sources)
    problem_list = next((s for s in sources if s.src_uri == PROBLEM_PAGE), None)
    areas = parse_problem_areas(problem_list.text) if problem_list else ()
    measures: list[Measure] = []
    ids: list[tuple[str, str, int, str]] = []
    refs: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    found: Sequence[Problem]
    for source in sorted((s for s in sources if is_measure_path(s.src_uri)), key=lambda s: s.src_uri):
        front, found = source.parsed
        if not found:
            front = front or FrontMatter({})
            measure, found = read_measure(source.path, source.src_uri, front, today)
            measures += [measure] if measure else []
            ids += _ids(front, source.path)
            refs += _cited(front, source.path)
        problems += found
    if not measures and not problems:
        return Plan((), areas, today), []  # a site without measures needs no problem mapping
    problems += duplicate_ids(ids) + mapping_problems(refs, areas)
    measures.sort(key=_measure_order)
    return Plan(tuple(measures), areas, today), problems
