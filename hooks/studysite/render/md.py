"""Small Markdown writers shared by every generated page: escaping, links and tables.

Tables of thousands of rows (the indexes) are written as HTML: Python-Markdown passes a raw HTML block
through untouched, where parsing a Markdown table of that size costs real build time. Their links are
written as the URLs MkDocs gives the pages (it does not rewrite links inside raw HTML), and the link
checks (studysite.rules.links) read them as URLs.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from studysite.core.pages import relative_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|{}#!])")

# The class of a block the PDF and Word writers print whole on one page (a self-test question with its options).
KEEP = "keep"


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


def html_text(text: str) -> str:
    """Clerk-typed text as literal HTML."""
    return html.escape(text, quote=True)


def html_link(label: str, target: str, from_page: str, directory_urls: bool = True, fragment: str = "") -> str:
    """A link from one page under docs/ to another (src_uri) as HTML, by the URL MkDocs gives the target."""
    href = relative_url(target, from_page, directory_urls) + ("#" + quote(fragment) if fragment else "")
    return f'<a href="{html.escape(href, quote=True)}">{html_text(label)}</a>'


# The cell that heads a row's card on a phone (html_table's title; readers.css).
TITLE_CELL = "index-title"


@dataclass(frozen=True)
class Row:
    """A table row whose cells are HTML already (escaped text, links); attributes go on its <tr>."""

    cells: Sequence[str]
    attributes: Mapping[str, str] = field(default_factory=dict)


def html_table(
    header: Iterable[str],
    rows: Iterable[Sequence[str] | Row],
    css_class: str = "",
    searchable: bool = True,
    labels: bool = False,
    title: str = "",
) -> str:
    """A table as one raw HTML block, one row a line: cells are HTML (use html_text and html_link).

    Wrapped in a div when it needs a class or must stay out of the search index; the table itself has no
    class, so the theme styles it like any other. labels puts each column's name on its cells (data-label),
    for layouts that show a row as a card on a small screen; title names the column whose cells head such a
    card (class TITLE_CELL), so the stylesheet needs no :has(), which browsers before Chromium 105 lack.
    """
    header = tuple(header)
    names = [
        (f' data-label="{html_text(name)}"' if labels else "") + (f' class="{TITLE_CELL}"' if name == title else "")
        for name in header
    ]
    lines = ["<table>", "<thead><tr>" + "".join(f"<th>{html_text(name)}</th>" for name in header) + "</tr></thead>"]
    lines.append("<tbody>")
    for row in rows:
        cells, attributes = (row.cells, row.attributes) if isinstance(row, Row) else (row, {})
        opening = "<tr" + "".join(f' {key}="{html_text(value)}"' for key, value in attributes.items()) + ">"
        lines.append(
            opening + "".join(f"<td{name}>{cell}</td>" for name, cell in zip(names, cells, strict=True)) + "</tr>"
        )
    lines += ["</tbody>", "</table>"]
    body = "\n".join(lines)
    wrapper = (f' class="{css_class}"' if css_class else "") + ("" if searchable else " data-search-exclude")
    if wrapper:
        body = f"<div{wrapper}>\n{body}\n</div>"
    return f"\n{body}\n"


# A table html_table wrote: "<table>" and "</table>" on lines of their own, one row a line between them.
_TABLE = re.compile(r"^<table>\n.*?^</table>$", re.MULTILINE | re.DOTALL)
_STASHED = re.compile(r"<!--table (\d+)-->")


def stash_tables(markdown: str) -> tuple[str, list[str]]:
    """The page with each html_table table replaced by a short comment, and the tables.

    Python-Markdown passes raw HTML through, but only after parsing it tag by tag (md_in_html): for an index
    of thousands of rows that is most of its conversion time. The comment passes through in one step;
    unstash_tables puts the tables back into the converted page.
    """
    tables: list[str] = []

    def stash(match: re.Match) -> str:
        tables.append(match.group())
        return f"<!--table {len(tables) - 1}-->"

    return _TABLE.sub(stash, markdown), tables


def unstash_tables(html_text: str, tables: Sequence[str]) -> str:
    """The converted page with its stashed tables back in place."""
    if not tables:
        return html_text
    return _STASHED.sub(lambda match: tables[int(match.group(1))], html_text)
