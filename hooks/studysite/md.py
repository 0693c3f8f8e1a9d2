"""Small Markdown writers shared by every generated page: escaping, links and tables."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|{}#!])")


def escape(text: str) -> str:
    """Clerk-typed text as literal Markdown, safe inside a table cell or a link label."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, from_folder: str) -> str:
    """The way from one folder of docs/ to another ("" for the same folder); a few pairs serve every link."""
    relative = posixpath.relpath(folder or ".", from_folder or ".")
    return "" if relative == "." else relative + "/"


def relative(target: str, from_page: str) -> str:
    """The path of target (under docs/) as a link on from_page writes it."""
    folder, _, name = target.rpartition("/")
    return _relative_folder(folder, from_page.rpartition("/")[0]) + name


def link(label: str, target: str, from_page: str, fragment: str = "") -> str:
    """A Markdown link from one page under docs/ to another, relative, so MkDocs checks it."""
    return f"[{escape(label)}](<{relative(target, from_page)}{'#' + fragment if fragment else ''}>)"


def table(header: Iterable[str], rows: Iterable[Iterable[str]], css_class: str = "", searchable: bool = True) -> str:
    """A Markdown table; wrapped in a div when it needs a class or must stay out of the search index."""
    header = tuple(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    body = "\n".join(lines) + "\n"
    if not css_class and searchable:
        return body
    # Material drops data-search-exclude from the page it writes; the class stays, so a scan of the built
    # pages (scripts/search_bench.py) knows what the index left out.
    classes = " ".join(filter(None, [css_class, "" if searchable else "search-exclude"]))
    attributes = (f' class="{classes}"' if classes else "") + ("" if searchable else " data-search-exclude")
    return f"<div{attributes} markdown>\n\n{body}\n</div>\n"
