"""Every self-test question cites the material: its quoted words must stand on the page its 出处 links to.

The page's text is what its reader gets (studysite.core.readertext: markup, entities and invisible characters
gone, full-width forms folded), compared with whitespace ignored, so a quote copied from the site matches however
the source wraps its lines. `make check` and the build both call this from check_site, so they agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from studysite.core.pages import is_quiz_path
from studysite.core.problems import Problem
from studysite.core.readertext import from_markdown, from_plain
from studysite.model.quizzes import FIELD
from studysite.model.site import Site
from studysite.rules.links import resolve

_SPACE = re.compile(r"\s+")
# A quote inside the quoted words is written ‘…’ (GB/T 15834) where the page has “…”: quotation marks match
# each other whatever their form.
_MARKS = str.maketrans("‘’“”「」『』", '""""""""')


def reader_words(markdown: str) -> str:
    """A page's text as its reader gets it, without whitespace."""
    return _SPACE.sub("", from_markdown(markdown)[0].text).translate(_MARKS)


def quoted_words(quote: str) -> str:
    return _SPACE.sub("", from_plain(quote)[0].text).translate(_MARKS)


def quote_problems(site: Site, texts: Mapping[str, str], directory_urls: bool = True) -> list[Problem]:
    """Each 出处 whose link reaches no page of the site, or whose quoted words that page does not hold; each quiz
    without a question.

    A link to nothing in docs/ is reported by the link check (studysite.rules.links) with its line; here it is
    only skipped."""
    problems = []
    words: dict[str, str] = {}
    for quiz in site.quizzes:
        if not quiz.written:  # a quiz `make new` just made: it is written, then checked
            problems.append(
                Problem(quiz.path, quiz.first_line, FIELD, "至少一道题（以 ## 开头的一行写题干）", "没有题目")
            )
        for question in quiz.questions:
            citation = question.citation
            resolved = resolve(quiz.src_uri, citation.target, False, site.targets, directory_urls)
            where = f"第{question.number}题的出处"
            if resolved is None or resolved[0] != "page":
                problems.append(
                    Problem(
                        quiz.path,
                        citation.line,
                        FIELD,
                        f"{where}链接到本站的页面（如 ../report/index.md）",
                        citation.target,
                    )
                )
                continue
            target = resolved[1]
            if target not in site.targets:
                continue  # the link check names it
            if is_quiz_path(target):
                # A self-test teaches nothing the material does not say: its own page (or another quiz) is not
                # material, and a quote found there would prove nothing.
                problems.append(
                    Problem(
                        quiz.path,
                        citation.line,
                        FIELD,
                        f"{where}链接到资料页面（会议报告、措施、讲话、通报通知等），不能是自测题",
                        citation.target,
                    )
                )
                continue
            if target not in texts or not target.endswith(".md"):
                problems.append(
                    Problem(quiz.path, citation.line, FIELD, f"{where}链接到本站的页面（.md 文件）", citation.target)
                )
                continue
            if target not in words:
                words[target] = reader_words(texts[target])
            if quoted_words(citation.quote) not in words[target]:
                problems.append(
                    Problem(
                        quiz.path,
                        citation.line,
                        FIELD,
                        f"{where}原文与 {target} 上的文字一字不差",
                        citation.quote,
                        f"在 {target} 中找不到这段话；请从该页复制原文，不要改写",
                    )
                )
    return problems
