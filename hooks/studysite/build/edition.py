"""Which edition a build makes, and what the offline edition without 内部 material leaves out.

The served site (make build, make publish) holds everything the intranet may hold: 非密, 公开 and 内部. The
offline edition (make offline) is a folder that opens from a USB stick, without a server. By default it holds
only 非密/公开 material with the report and measures; `make offline INTERNAL=1` takes 内部 material too and then
says 内部资料 注意保存 on every page.

Which pages a public offline edition leaves out is decided here, from the sources, before the content model
is made, so nothing made from the model (indexes, contents, search index, packs and their PDFs and Word files,
the ledger's downloads) can hold them:
- every page the model marks 内部 (a notice classified 内部, a page marked 内部资料/注意保存: `page_levels`),
  and every page with a narrow 传达范围 (发至县处级): both judged on the page's words as a reader reads them
  (Source.restricted: **内部**资料, 内 部 资 料, | 内部 | 资料 | count);
- a study pack that names such a page, or whose pages are all such pages.
Which files of docs/ that are not pages (attachments, images) it carries is decided after the build, from the
pages as MkDocs wrote them (studysite.build.shipped): only what a page of the edition reaches, so a file only withheld
pages link to, or no page at all, is left out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit

from studysite.core.fields import format_date, parse_iso_date
from studysite.core.pages import GENERATED_PAGES, is_pack_path
from studysite.core.problems import Problem
from studysite.core.sources import INTERNAL_LABEL, Source
from studysite.model.entries import load_catalogue
from studysite.model.packs import expand, page_levels
from studysite.model.quizzes import load_quizzes

OFFLINE_VARIABLE = "STUDYSITE_OFFLINE"  # "1": the offline edition (no directory URLs, no server-only files)
INTERNAL_VARIABLE = "STUDYSITE_INTERNAL"  # "1": the offline edition takes 内部 material too
DATE_VARIABLE = "STUDYSITE_EDITION_DATE"  # the newest source change, shown on every page of an offline edition
WITHHELD_NOTE = "（内部资料，本离线版未收录）"

# What a reader's browser never asks for when the site opens from a folder: the page a server shows for a
# missing address, the sitemap, source maps for developers' tools, and Material's own Lunr search (the site
# searches with assets/search/, and Material's search index is kept empty).
SERVER_ONLY = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.json",
    "assets/javascripts/lunr/",
    "assets/javascripts/workers/",
)
SERVER_ONLY_SUFFIXES = (".map",)


@dataclass(frozen=True)
class Edition:
    offline: bool = False
    internal: bool = True  # holds 内部 material (the served site always does)
    date: date | None = None  # the newest source change (offline editions name it)

    @property
    def withholds_internal(self) -> bool:
        return self.offline and not self.internal


SERVED = Edition()  # the site on the intranet server: everything, with directory URLs


def _flag(environ: Mapping[str, str], name: str, problems: list[Problem]) -> bool:
    value = environ.get(name, "").strip()
    if value not in ("", "0", "1"):
        problems.append(Problem("环境变量", 1, name, "1（是）或 0（否）", value))
    return value == "1"


def edition_from(environ: Mapping[str, str]) -> tuple[Edition, list[Problem]]:
    """The edition the environment asks for (make offline sets it), and any value that makes no sense."""
    problems: list[Problem] = []
    offline = _flag(environ, OFFLINE_VARIABLE, problems)
    internal = _flag(environ, INTERNAL_VARIABLE, problems) or not offline
    day = None
    if environ.get(DATE_VARIABLE):
        day, reason = parse_iso_date(environ[DATE_VARIABLE])
        if day is None:
            problems.append(
                Problem("环境变量", 1, DATE_VARIABLE, "日期，如 2025-06-30", environ[DATE_VARIABLE], reason)
            )
    return Edition(offline, internal, day), problems


def edition_notice(edition: Edition) -> str | None:
    """The line every page of an offline edition shows above its header (HTML); None for the served site."""
    if not edition.offline:
        return None
    when = f"，资料截至 {format_date(edition.date)}" if edition.date else ""
    # The line's own class says whether it prints (site.css): a stylesheet cannot ask the banner what it holds
    # without :has(), which office browsers before Chromium 105 lack.
    if edition.internal:
        return (
            f'<span class="edition-notice edition-notice--internal"><strong class="edition-internal">'
            f"{INTERNAL_LABEL}</strong> "
            f"离线版{when}。本版含内部资料，仅限经批准的人员使用，不得复制、外传或接入互联网。</span>"
        )
    return (
        f'<span class="edition-notice">离线版{when}。本版只收录非密、公开的资料和会议报告、措施，不含内部资料。</span>'
    )


def _pack_items(source: Source) -> list[str]:
    items = source.data.get("pages")
    items = [items] if isinstance(items, str) else items
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []


def withheld(sources: Iterable[Source], topics: tuple[str, ...]) -> frozenset[str]:
    """The pages an edition without 内部 material leaves out (see the module's doc)."""
    sources = list(sources)
    catalogue, _ = load_catalogue(sources, topics)  # the model's own reading of each notice's classification
    levels = page_levels(catalogue, {source.src_uri for source in sources if source.restricted})
    hidden = {src_uri for src_uri, level in levels.items() if level == "内部"}
    existing = {source.src_uri for source in sources} | set(GENERATED_PAGES)
    for source in sources:
        if not is_pack_path(source.src_uri):
            continue
        printed: set[str] = set()
        for item in _pack_items(source):
            expanded = expand(item, existing, catalogue) or []
            printed.update(expanded)
            if item.strip().removeprefix("docs/") in hidden:
                hidden.add(source.src_uri)
        if printed and printed <= hidden:
            hidden.add(source.src_uri)
    quizzes, _ = load_quizzes(sources, topics)  # a quiz quoting a page left out would carry its words
    hidden |= {quiz.src_uri for quiz in quizzes if quiz.cited() & hidden}
    return frozenset(hidden)


def prune_nav(nav: object, hidden: frozenset[str]) -> object:
    """mkdocs.yml's nav without the pages left out; sections left empty go too."""
    if not isinstance(nav, list) or not hidden:
        return nav

    def keep(item: object) -> object:
        if isinstance(item, str):
            return None if item in hidden else item
        if not isinstance(item, dict):
            return item
        kept = {}
        for title, value in item.items():
            if isinstance(value, list):
                value = [child for child in map(keep, value) if child is not None]
            if value not in (None, []) and not (isinstance(value, str) and value in hidden):
                kept[title] = value
        return kept or None

    return [child for child in map(keep, nav) if child is not None]


_ANCHOR = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL)


def without_links_to(html: str, page_url: str, hidden_urls: frozenset[str]) -> str:
    """A page's HTML with each link to a page left out turned into its text and a note saying why.

    hidden_urls are the site-relative URLs of the pages left out, as MkDocs gives them (percent-encoded).
    """
    if not hidden_urls or "<a" not in html:
        return html
    hidden_urls = frozenset(unquote(url) for url in hidden_urls)
    folder = page_url[:-1] if page_url.endswith("/") else posixpath.dirname(page_url)

    def replace(match: re.Match) -> str:
        parts = urlsplit(match.group(1))
        if parts.scheme or parts.netloc or not parts.path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if target in hidden_urls or target.rstrip("/") + "/" in hidden_urls:
            return match.group(2) + WITHHELD_NOTE
        return match.group(0)

    return _ANCHOR.sub(replace, html)


def server_only(path: str) -> bool:
    """A file of the built site (path relative to it, with /) that the offline edition does not need."""
    return path.endswith(SERVER_ONLY_SUFFIXES) or any(
        path == name or (name.endswith("/") and path.startswith(name)) for name in SERVER_ONLY
    )
