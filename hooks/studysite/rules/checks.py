"""Every content check over the site, in one pass: what `make check` prints and the build enforces.

The contracts were read by the model (studysite.model.site); here come the rules over each page's text (security,
typography, notices, links, an empty body) and over the whole site (every page reachable from the nav).
The build and `make check` both call check_site on the same model, so their verdicts are one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from studysite.core.memo import Memo, call, interned
from studysite.core.pages import is_entry_path
from studysite.core.problems import Problem
from studysite.model.site import Site
from studysite.rules.complexity import complexity_problems
from studysite.rules.fonts import missing_glyphs
from studysite.rules.links import anchors, link_problems, orphan_problems, page_targets
from studysite.rules.lint import (
    ERROR,
    NOTICE,
    Finding,
    accessibility,
    heading_hints,
    internal_marks,
    lines_of,
    problem_line,
    typography,
)
from studysite.rules.quotes import quote_problems
from studysite.rules.secrecy import security

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Verdict:
    problems: list[Problem] = field(default_factory=list)  # contracts, links, reachability: stop the build
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
    def fails_build(self) -> bool:
        """The strict build would stop: a problem to fix by hand, or a typography warning (make fix)."""
        return bool(self.stopping or self.typography)

    def lines(self) -> list[str]:
        """One line per finding, by file, line and column, as `make check` prints them."""
        keyed = [((p.path, p.line, 0), problem_line(p)) for p in set(self.problems)]
        keyed += [((f.path, f.line, f.col), str(f)) for f in self.findings]
        return [line for _, line in sorted(keyed)]


def empty_body(site: Site) -> list[Problem]:
    """An entry whose text is still only the template's comment (or nothing): it would publish an empty page."""
    problems = []
    for source in site.sources:
        if is_entry_path(source.src_uri) and not _COMMENT.sub("", source.body).strip():
            start = len(source.text) - len(source.body) + (len(source.body) - len(source.body.lstrip()))
            line = source.text.count("\n", 0, start) + 1  # where the comment (or the end) stands
            got = "只有模板中的说明文字" if "<!--" in source.body else "（空）"
            problems.append(
                Problem(source.path, line, "正文", "资料正文（把原件的文字粘贴在文件头下面，删去 <!-- --> 说明）", got)
            )
    return problems


def glyph_problems(site: Site, texts: Mapping[str, str]) -> list[Problem]:
    """Characters of a study pack's pages that no installed font can print (they would be empty boxes).

    Each is reported where a clerk typed it: the first source line holding it (a generated page's text comes
    from the sources), with its code point, since it may not show on the clerk's screen either.
    """
    printed = {src_uri for pack in site.packs for src_uri in (*pack.pages, pack.src_uri)}
    missing = missing_glyphs(
        "".join(texts.get(src_uri, "") for src_uri in printed) + "".join(site.title(s) for s in printed)
    )
    problems = []
    for character in missing:
        source = next((s for s in site.sources if s.src_uri in printed and character in s.text), None)
        source = source or next((s for s in site.sources if character in s.text), None)
        packs = "、".join(pack.title for pack in site.packs if source and source.src_uri in (*pack.pages, pack.src_uri))
        line = source.text.count("\n", 0, source.text.index(character)) + 1 if source else 1
        problems.append(
            Problem(
                source.path if source else "mkdocs.yml",
                line,
                "字形",
                "打印字体中有的字",
                f"{character}（U+{ord(character):04X}）",
                f"学习材料包{('《' + packs + '》') if packs else ''}印出来会是空白方框；请改用规范字，或安装含该字的字体",
            )
        )
    return problems


def source_checks(path: str, text: str, body: str) -> tuple[list[Problem], list[Finding]]:
    """The rules over one page's own text: what it is wrong or unsafe to write, whatever the rest of the site."""
    lines = lines_of(text)  # read once, shared by the checks
    findings = security(path, text, lines) + typography(path, text, lines)
    findings += internal_marks(path, text, lines) + accessibility(path, text, lines)
    findings += heading_hints(path, text, lines)
    return complexity_problems(path, text, body), findings


def check_site(
    site: Site,
    generated: Mapping[str, str],
    nav: object,
    slugify: Callable[[str, str], str] | None,
    glyphs: bool = False,
    directory_urls: bool = True,
    memo: Memo | None = None,
) -> Verdict:
    """Every rule over every source, with the generated pages' Markdown to resolve links and reachability.

    nav is mkdocs.yml's nav (None: every page is in the generated nav); slugify is the toc extension's, to
    know the heading anchors a page will have (None: anchors are not checked); directory_urls is
    mkdocs.yml's use_directory_urls, which says where a link written as HTML lands. memo: the preview's
    (studysite.core.memo), so a page's own checks run again only when its text changed.
    """
    texts = {source.src_uri: source.body for source in site.sources} | dict(generated)
    known_anchors: dict[str, set[str] | None] = {}

    def anchors_of(src_uri: str) -> set[str] | None:
        if src_uri not in known_anchors:
            text = texts.get(src_uri)
            known_anchors[src_uri] = anchors(text, slugify) if text is not None and slugify else None
        return known_anchors[src_uri]

    problems = list(site.problems) + empty_body(site) + quote_problems(site, texts, directory_urls)
    findings: list[Finding] = []
    for source in site.sources:
        complex_, found = call(memo, source_checks, source.path, source.text, source.body)
        problems += complex_
        findings += found
    for source in site.sources:
        if "](" in source.text or "]:" in source.text or "<" in source.text:
            problems += link_problems(
                source.path, source.src_uri, source.text, site.targets, anchors_of, directory_urls
            )
    if nav is not None:
        pages = interned(memo, site.pages)
        links = {
            src_uri: set(call(memo, page_targets, src_uri, text, pages, directory_urls))
            for src_uri, text in texts.items()
        }
        for pack in site.packs:  # a pack page lists its pages (the list is generated with the page)
            links[pack.src_uri] |= set(pack.pages)
        # A page with a fault of its own may be missing from its index because of it: that fault is the news.
        faulty = {problem.path for problem in problems}
        reported = [source.src_uri for source in site.sources if source.path not in faulty]
        problems += orphan_problems(links, nav, reported)
    if glyphs:  # what the study packs print must have a glyph (fonts.available(): where they are installed)
        problems += glyph_problems(site, texts)
    return Verdict(problems, findings)
