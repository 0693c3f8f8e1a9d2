"""Find resources a page would load from outside the intranet (images, scripts, stylesheets, frames)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from studysite.core.problems import Problem, line_of

# Attributes through which a browser loads something when the page opens (links a reader clicks are fine).
_LOADING_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
EXTERNAL_FIELD = "外部资源"
EXTERNAL_EXPECTED = "站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用）"
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""", re.IGNORECASE)


def is_external(url: str) -> bool:
    """True for http(s)://, protocol-relative // and any other scheme with a host (ftp://…)."""
    return bool(_EXTERNAL.match(url))


def css_urls(css: str) -> list[str]:
    return _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)


class _ResourceCollector(HTMLParser):
    """One pass over a page: what it loads, and where its links go (for the reachability check)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.hrefs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        for name in _LOADING_ATTRIBUTES.get(tag, ()):
            if name in values:
                candidates = values[name].split(",") if name == "srcset" else [values[name]]
                self.urls.extend(c.strip().split(" ")[0] for c in candidates if c.strip())
        if "style" in values:
            self.urls.extend(css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(css_urls(data))


# Most pages load nothing of their own; the full parser runs only where a loading tag or style may be.
_MAY_LOAD = re.compile(
    r"<(?:img|script|link|i?frame|embed|object|source|video|audio|track|input|style)\b|\sstyle\s*=", re.I
)
_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def scan(html: str) -> tuple[list[str], list[str]]:
    """The URLs the HTML makes a browser fetch on load, and the targets of its links, in document order."""
    if _MAY_LOAD.search(html):
        collector = _ResourceCollector()
        collector.feed(html)
        collector.close()
        return collector.urls, collector.hrefs
    hrefs = [unescape(next(group for group in match.groups() if group is not None)) for match in _HREF.finditer(html)]
    return [], [href for href in hrefs if href]


def loaded_urls(html: str) -> list[str]:
    return scan(html)[0]


def external_resource_problems(path: str, source: str, loaded: list[str]) -> list[Problem]:
    """One problem per external resource a page loads, located at its line in the source."""
    return [
        Problem(
            path=path,
            line=line_of(source, url),
            field=EXTERNAL_FIELD,
            expected=EXTERNAL_EXPECTED,
            got=url,
        )
        for url in loaded
        if is_external(url)
    ]
