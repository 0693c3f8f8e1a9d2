"""Find resources a page would load from outside the intranet (images, scripts, stylesheets, frames)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .problems import Problem, line_of

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
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""", re.IGNORECASE)


def is_external(url: str) -> bool:
    """True for http(s)://, protocol-relative // and any other scheme with a host (ftp://…)."""
    return bool(_EXTERNAL.match(url))


def css_urls(css: str) -> list[str]:
    return _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)


class _ResourceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
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


def loaded_urls(html: str) -> list[str]:
    """Every URL the HTML makes a browser fetch on load, in document order."""
    collector = _ResourceCollector()
    collector.feed(html)
    collector.close()
    return collector.urls


def external_resource_problems(path: str, source: str, html: str) -> list[Problem]:
    """One problem per external resource in a page's rendered HTML, located at its line in the source."""
    return [
        Problem(
            path=path,
            line=line_of(source, url),
            field="外部资源",
            expected="站内文件（内网无法访问外部网站，请把文件放进 docs/ 并用相对路径引用）",
            got=url,
        )
        for url in loaded_urls(html)
        if is_external(url)
    ]
