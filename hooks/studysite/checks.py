"""Every content check over the pages of docs/, in one pass: what `make check` prints and the build enforces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .catalogue import GENERATED_PAGES
from .entries import is_entry_path, load_catalogue
from .ledger import LEDGER_PAGE, MAPPING_PAGE
from .lint import (
    ERROR,
    NOTICE,
    Finding,
    has_internal_mark,
    internal_marks,
    lines_of,
    problem_line,
    security,
    typography,
)
from .measures import PROBLEM_PAGE, is_measure_path, load_plan
from .packs import PACK_INDEX, is_pack_path, load_packs, page_levels
from .problems import Problem


@dataclass(frozen=True)
class Page:
    path: str  # as messages name it: docs/…
    src_uri: str  # relative to docs/
    text: str


@dataclass(frozen=True)
class Report:
    problems: list[Problem] = field(default_factory=list)  # front matter and contracts: stop the build
    findings: list[Finding] = field(default_factory=list)  # guards (stop), typography (fix), notices

    @property
    def stopping(self) -> list[Problem]:
        return sorted(set(self.problems + [f.problem() for f in self.findings if f.level == ERROR]))

    @property
    def typography(self) -> list[Finding]:
        return [f for f in self.findings if f.level not in (ERROR, NOTICE)]

    @property
    def notices(self) -> list[Finding]:
        return [f for f in self.findings if f.level == NOTICE]

    @property
    def must_fix(self) -> bool:
        return bool(self.stopping or self.typography)

    def lines(self) -> list[str]:
        """One line per finding, by file, line and column, as `make check` prints them."""
        keyed = [((p.path, p.line, 0), problem_line(p)) for p in self.problems]
        keyed += [((f.path, f.line, f.col), str(f)) for f in self.findings]
        return [line for _, line in sorted(keyed)]


def check_pages(pages: list[Page], topics: tuple[str, ...], today: date) -> Report:
    """The compilation's and the measures' contracts, then security, typography and notices on every page."""
    entries = [(p.path, p.src_uri, p.text) for p in pages if is_entry_path(p.src_uri)]
    catalogue, problems = load_catalogue(entries, topics)
    measures = [(p.path, p.src_uri, p.text) for p in pages if is_measure_path(p.src_uri)]
    problem_list = next((p.text for p in pages if p.src_uri == PROBLEM_PAGE), "")
    if measures:
        _, found = load_plan(measures, problem_list, today)
        problems += found
    packs = [(p.path, p.src_uri, p.text) for p in pages if is_pack_path(p.src_uri)]
    if packs:
        existing = {p.src_uri for p in pages} | set(GENERATED_PAGES) | {LEDGER_PAGE, MAPPING_PAGE, PACK_INDEX}
        internal = {p.src_uri for p in pages if has_internal_mark(p.text)}
        problems += load_packs(packs, existing, catalogue, page_levels(catalogue, internal))[1]
    findings: list[Finding] = []
    for page in pages:
        lines = lines_of(page.text)  # read once, shared by the three checks
        findings += security(page.path, page.text, lines) + typography(page.path, page.text, lines)
        findings += internal_marks(page.path, page.text, lines)
    return Report(problems, findings)
