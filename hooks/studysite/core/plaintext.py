"""Front matter is plain text: what a clerk types in a field is shown as typed, never read as HTML.

Material's templates print page.title and page.meta raw in places (the header, <title>, <meta name=
"description">, the nav, the footer, the page's <h1> when it has none): a title holding <base href=…> became an
element of every page. So markup in any string of any page's front matter is refused at its line (check and
build, through the content model), and every value is escaped before the templates see it anyway.

Markup is what an HTML parser could read as more than text: < and > (tags, comments), and & starting a character
reference (&lt; &#60; &amp; and the legacy ones without ;). A plain & (A&B) is text and stays allowed.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import overload

from markupsafe import Markup, escape

from studysite.core.fields import path_name
from studysite.core.problems import Problem
from studysite.core.sources import Source

FIELD_SUFFIX = "（文件头文字）"
EXPECTED = "纯文字（不含 <、> 或 &lt; &#60; 这类 HTML 写法）"
HINT = "文件头的文字原样显示，不按 HTML 解释：请删去尖括号和 & 开头的字符引用，书名用《》，“和”不要写成 &amp;"


def markup_in(text: str) -> bool:
    """The text holds something a browser could read as a tag, a comment or a character reference."""
    return "<" in text or ">" in text or ("&" in text and html.unescape(text) != text)


def _strings(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "……"


def front_matter_problems(source: Source) -> list[Problem]:
    """Each string of the page's front matter that holds markup, at the line of its key."""
    front = source.front
    if front is None:
        return []
    return [
        Problem(source.path, front.line(*path), path_name(path) + FIELD_SUFFIX, EXPECTED, _shown(text), HINT)
        for path, text in _strings(front.data, ())
        if path and markup_in(text)
    ]


@overload
def escaped(value: dict) -> dict: ...
@overload
def escaped(value: object) -> object: ...
def escaped(value: object) -> object:
    """Every string of a front-matter value as HTML-escaped Markup: printed raw it is text; Jinja's | e keeps it."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escaped(item) for item in value]
    return value


def plain_title(page) -> str:
    """A page's title as text: the nav's or front matter's as written; a heading's is HTML, so it is read."""
    if "title" in vars(page) or "title" in page.meta:
        return str(page.title or "")
    return Markup(page.title or "").striptags()  # the first # heading, as Markdown rendered it


class EscapedPages:
    """Escapes the titles and front matter of the pages one template shows, and puts them back after it.

    Only for the time the page's template renders (on_page_context to on_post_page): every other hook (search
    index, PDFs, Word files) keeps reading the values as text.
    """

    def __init__(self) -> None:
        self._saved: list[tuple[object, dict, object]] = []

    def escape(self, page, others) -> None:
        self.restore()
        _missing = object()
        unique = {id(p): p for p in (page, *others) if p is not None}  # pages are unhashable
        for item in unique.values():
            title = vars(item).get("title", _missing)
            self._saved.append((item, item.meta, title))
            text = plain_title(item)
            meta = escaped(item.meta)
            if item is page and not (item.is_homepage and "title" not in item.meta):
                # base.html prints page.title | striptags when no meta title is set, which undoes escaping
                meta["title"] = escape(text)
            item.meta = meta
            item.title = escape(text)

    def restore(self) -> None:
        for item, meta, title in reversed(self._saved):
            item.meta = meta
            if isinstance(title, str):
                item.title = title
            else:
                vars(item).pop("title", None)
        self._saved = []
