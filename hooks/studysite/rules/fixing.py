"""Typography fixes applied to a page's text (make fix, make import): each fixable finding of
studysite.rules.lint, never one that changes what the front matter's YAML holds beyond its values' text."""

from __future__ import annotations

import yaml

from studysite.rules.findings import Finding
from studysite.rules.lint import lines_of


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """The text with every fixable finding applied; applying again changes nothing. A fix that would change
    what the front matter's YAML holds beyond its values' text (a list's length, a key) is not applied."""
    fixed = _applied(text, findings)
    before = _front_matter_shape(text)
    if before is not None and _front_matter_shape(fixed) != before:
        front = {line.number for line in lines_of(text) if line.in_front_matter}
        fixed = _applied(text, [f for f in findings if f.line not in front])
    return fixed


def _front_matter_shape(text: str) -> object:
    """The keys of the front matter and the length of each list in it; None when there is none to read."""
    lines = lines_of(text)
    front = "\n".join(line.text for line in lines if line.in_front_matter)
    if not front:
        return None
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError:
        return "unreadable"
    if not isinstance(data, dict):
        return type(data).__name__
    return sorted((str(k), len(v) if isinstance(v, list) else type(v).__name__) for k, v in data.items())


def _applied(text: str, findings: list[Finding]) -> str:
    lines = text.split("\n")
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.fixable:
            by_line.setdefault(finding.line, []).append(finding)
    for number, line_findings in by_line.items():
        line = lines[number - 1]
        for finding in sorted(line_findings, key=lambda f: f.col, reverse=True):
            start = finding.col - 1
            if finding.new is not None and line[start : start + len(finding.old)] == finding.old:
                line = line[:start] + finding.new + line[start + len(finding.old) :]
        lines[number - 1] = line
    return "\n".join(lines)
