"""The committee's report: corrected text and its parts (problems P1–P5, measures M1–M5, tasks T1–T4).

The site's pages hold the report's words; tests use this parser to prove the pages say exactly what the
source says, with only the half-width periods corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studysite.core.han import HAN

# A half-width period between Chinese text (or before a "(3)" marker) is a typing slip for 。.
_SLIP_PERIOD = re.compile(rf"(?<=[{HAN}])\.(?=[{HAN}]|\(\d\))")
_ORDINALS = "一二三四五"
_POINT = re.compile(rf"^([{_ORDINALS}])是(.+?。)(.*)$")
_TASK = re.compile(r"\((\d)\)")


@dataclass(frozen=True)
class Point:
    """A numbered point of the report: 一是… under a part, or a (1) task."""

    id: str  # P1, M1, T1, or B1/R1 for points that carry no site id
    heading: str  # the point's first sentence without its final 。 (the report's own words)
    text: str  # the whole point as the report says it


@dataclass(frozen=True)
class Part:
    heading: str  # e.g. 一、专题民主生活会的基本情况
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class MeetingReport:
    title: str
    opening: str
    parts: tuple[Part, ...]
    problems: tuple[Point, ...]
    measures: tuple[Point, ...]
    tasks: tuple[Point, ...]


def correct_periods(text: str) -> tuple[str, list[int]]:
    """Replace slip periods with 。 and return the corrected text and the offsets that changed."""
    offsets = [m.start() for m in _SLIP_PERIOD.finditer(text)]
    return _SLIP_PERIOD.sub("。", text), offsets


def _points(paragraphs: tuple[str, ...], prefix: str) -> tuple[Point, ...]:
    points = []
    for paragraph in paragraphs:
        match = _POINT.match(paragraph)
        if match:
            number = _ORDINALS.index(match.group(1)) + 1
            heading = match.group(2).removesuffix("。").split("。")[0]
            points.append(Point(f"{prefix}{number}", heading, paragraph))
    return tuple(points)


def _inline_points(paragraph: str, prefix: str) -> tuple[Point, ...]:
    """Points written inline as 一是…。二是…。 in one paragraph (part 二 and part 三)."""
    starts = [m.start() for m in re.finditer(rf"[{_ORDINALS}]是", paragraph)]
    starts = [s for s in starts if s == 0 or paragraph[s - 1] == "。"]
    return _points(tuple(paragraph[a:b] for a, b in zip(starts, starts[1:] + [len(paragraph)], strict=True)), prefix)


def _tasks(paragraph: str) -> tuple[Point, ...]:
    marks = list(_TASK.finditer(paragraph))
    tasks = []
    for mark, following in zip(marks, marks[1:] + [None], strict=True):
        text = paragraph[mark.start() : following.start() if following else len(paragraph)]
        heading = text[mark.end() - mark.start() :].split("，")[0]
        tasks.append(Point(f"T{mark.group(1)}", heading, text))
    return tuple(tasks)


def parse_report(source: str) -> MeetingReport:
    """Split the corrected source text into title, opening and its four parts."""
    text, _ = correct_periods(source)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, opening = lines[0], lines[1]
    parts: list[Part] = []
    for line in lines[2:]:
        if re.match(rf"^[{_ORDINALS}]、", line):
            parts.append(Part(line, ()))
        else:
            parts[-1] = Part(parts[-1].heading, parts[-1].paragraphs + (line,))
    reflection, analysis, plans = parts[1], parts[2], parts[3]
    return MeetingReport(
        title=title,
        opening=opening,
        parts=tuple(parts),
        problems=_inline_points(analysis.paragraphs[0].split("。", 1)[1], "P"),
        measures=_points(plans.paragraphs, "M"),
        tasks=_tasks(reflection.paragraphs[0]),
    )
