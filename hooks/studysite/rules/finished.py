"""The build's judge of finished pages: each page as the reader gets it, its problems at the source's line.

hooks/guards.py hands every page to it after its template rendered (on_post_page) and stops the build with
what it found once every page is through (on_post_build); a page that fails is written as a notice only, so
what the judge refused never lands in site/, not even in a build that stops.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from studysite.core.problems import Problem
from studysite.rules.pagecheck import PageFinding, SiteAssets, page_findings, tokens, without_comments

FIELD = "网页 HTML"
_WITHHELD = (
    '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>本页未发布</title></head>'
    "<body><h1>本页未发布</h1><p>本页含有本站不允许的 HTML，构建已停止：</p><ul>{items}</ul></body></html>"
)


def source_line(text: str, needle: str) -> int:
    """The line of the source where the needle stands (case aside), else 1: a template's part has no line."""
    if not needle:
        return 1
    at = text.find(needle)
    if at < 0:
        at = text.lower().find(needle.lower())
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def problem_of(path: str, text: str, finding: PageFinding) -> Problem:
    return Problem(path, source_line(text, finding.needle), FIELD, finding.expected, finding.got, finding.hint)


class FinishedPages:
    def __init__(self) -> None:
        self.build = None
        self.assets = SiteAssets(frozenset(), frozenset())
        self.found: list[Problem] = []

    def start(self, build, assets: SiteAssets) -> None:
        self.build, self.assets, self.found = build, assets, []

    def judged(self, output: str, page) -> str:
        """The page without its comments, or, when the judge refuses it, a notice naming the problems."""
        scanned = tokens(output)  # read once: judged, and its comments taken out
        generated = page.file.generated_by is not None  # the site's own page: its drawings are allowed
        findings = page_findings(output, page.url, self.assets, scanned, generated)
        if not findings:
            return without_comments(output, scanned)
        source = self.build.site.source(page.file.src_uri) if self.build is not None else None
        path = source.path if source is not None else f"docs/{page.file.src_uri}"
        problems = [problem_of(path, source.text if source else "", finding) for finding in findings]
        self.found += problems
        return _WITHHELD.format(items="".join(f"<li>{escape(str(problem))}</li>" for problem in problems))

    def add(self, problems: Iterable[Problem]) -> None:
        """What the judge found on a page in the previous build of `make serve`, the page being the same."""
        self.found += problems

    def problems(self) -> list[Problem]:
        return list(self.found)
