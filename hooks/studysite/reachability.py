"""Nothing is lost: every page must be reachable from the nav by following links."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from .problems import Problem


def resolve(page_url: str, href: str) -> str | None:
    """The site URL ("report/", "" for home) a link on page_url leads to; None for an external link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_url
    folder = "/" + page_url if page_url.endswith("/") or not page_url else posixpath.dirname("/" + page_url) + "/"
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path))).lstrip("/")
    if target in ("", "."):
        return ""
    return target + "/" if parts.path.endswith("/") or parts.path in (".", "..") else target


def nav_sources(nav: object) -> set[str]:
    """The Markdown files named in mkdocs.yml's nav (nested lists and {title: file} items)."""
    found: set[str] = set()
    if isinstance(nav, str):
        if not urlsplit(nav).scheme:
            found.add(nav)
    elif isinstance(nav, Mapping):
        for value in nav.values():
            found |= nav_sources(value)
    elif isinstance(nav, Iterable):
        for item in nav:
            found |= nav_sources(item)
    return found


def unreachable(start: Iterable[str], links: Mapping[str, Iterable[str]]) -> set[str]:
    """Pages (keys of links) that no chain of links reaches from the start pages."""
    seen = set(start)
    frontier = list(seen)
    while frontier:
        for target in links.get(frontier.pop(), ()):
            if target in links and target not in seen:
                seen.add(target)
                frontier.append(target)
    return set(links) - seen


def orphan_problems(pages: Mapping[str, tuple[str, list[str]]], nav: object) -> list[Problem]:
    """pages: src_uri -> (site url, the hrefs of its links). One problem per page the nav cannot reach."""
    by_url = {url: src_uri for src_uri, (url, _) in pages.items()}
    links = {
        src_uri: [by_url[target] for href in hrefs if (target := resolve(url, href)) in by_url]
        for src_uri, (url, hrefs) in pages.items()
    }
    return [
        Problem(
            f"docs/{src_uri}",
            1,
            "页面",
            "列入导航（mkdocs.yml 的 nav）或由某个栏目页、索引链接到",
            "无法从导航到达的页面",
        )
        for src_uri in sorted(unreachable(nav_sources(nav) & set(pages), links))
    ]
