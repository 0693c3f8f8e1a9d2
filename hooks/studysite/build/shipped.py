"""Which files of docs/ a public offline edition carries: those its built pages reach, read as a browser reads them.

A file of docs/ that is not a page (an attachment, an image, a stylesheet, a script) goes into the public
offline edition only when a page of that edition reaches it: a link or resource of the page's final HTML (every
attribute that holds a URL, srcset, srcdoc, inline styles and <style>, inline scripts' strings), then what a
reached stylesheet loads (url(), @import) and the file names a reached script loads beside itself
(assets/search/header.js loads the search engine's and the 检索 page's scripts by name). `make offline` checks
the packed folder with the same reading (unshipped_problems). The links are read from the pages MkDocs wrote, never from the Markdown: a link
wrapped over lines, a reference-style link, a link in raw HTML or md_in_html, an entity-encoded or
percent-encoded address all count exactly when the browser would follow them. What no page of the edition
reaches (a file only a withheld 内部 page links to, a file no page links to at all) is left out.

Reading more than a browser would only keeps a file a public page names anyway; reading less would break a
public link, which the built-site check (studysite.rules.sitecheck) then reports, or a script's load, which the
offline browser tests see: the mistakes fail loudly, not by leaking.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from studysite.core.problems import Problem

# Attributes whose value is one URL (HTML, SVG, MathML and the legacy ones browsers still honour).
_URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "classid",
        "code",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "href",
        "icon",
        "itemtype",
        "longdesc",
        "lowsrc",
        "manifest",
        "poster",
        "profile",
        "src",
        "usemap",
        "value",  # <param name=movie value=…>
    }
)
_URL_LIST_ATTRIBUTES = frozenset({"archive", "ping"})  # several URLs separated by white space
_SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Read by scripts (data-*) or by other tools (content of <meta>): counted too, so a name there is never lost.
_LOOSE_PREFIXES = ("data-",)
_MARKUP = (".html", ".htm", ".xhtml", ".svg")
_STYLES = (".css",)
_SCRIPTS = (".js", ".mjs")

_CSS_URL = re.compile(
    r"""url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|((?:\\[0-9a-fA-F]{1,6}\s?|\\.|[^)\s\\])*))\s*\)""",
    re.IGNORECASE | re.DOTALL,
)
_CSS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
_SCRIPT_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
_SCRIPT_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))", re.DOTALL)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _css_unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return "" if match.group(2) == "\n" else match.group(2)

    return _CSS_ESCAPE.sub(one, text)


def _script_unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1) or match.group(2) or match.group(3)
        if code:
            value = int(code, 16)
            return chr(value) if value <= 0x10FFFF else "\ufffd"
        return match.group(4)

    return _SCRIPT_ESCAPE.sub(one, text)


def urls_in_css(css: str) -> list[str]:
    """Every url() and every quoted string of a stylesheet (@import "…", image-set("…" 1x)), unescaped."""
    found = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    found += [next(g for g in m.groups() if g is not None) for m in _CSS_STRING.finditer(css)]
    return [_css_unescape(url) for url in found]


def urls_in_script(script: str) -> list[str]:
    """Every string literal of a script: a name the script may load (only names of files that exist count)."""
    return [_script_unescape(next(g for g in m.groups() if g is not None)) for m in _SCRIPT_STRING.finditer(script)]


def _srcset(value: str) -> list[str]:
    """Each candidate's URL, and each word as a URL too: a comma inside a URL must not lose it."""
    found = [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]
    return found + [word.rstrip(",") for word in value.split()]


def _parse(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a string with an XML encoding declaration: lxml wants the bytes
        return lxml.html.document_fromstring(html.encode("utf-8"))


def urls_in_html(html: str) -> tuple[list[str], list[str]]:
    """(the URLs of a page's elements, the <base href> values), as an HTML parser decodes them (entities)."""
    if not html.strip():
        return [], []
    try:
        root = _parse(html)
    except (etree.ParserError, ValueError):
        return [], []
    urls: list[str] = []
    bases: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions are not followed
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "style" and element.text:
            urls += urls_in_css(element.text)
        if tag == "script" and element.text:  # the names an inline script may load
            urls += urls_in_script(element.text)
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower().rsplit(":", 1)[-1]  # xlink:href, {ns}href: href
            if tag == "base" and name == "href":
                bases.append(value)
            if name in _URL_ATTRIBUTES or name.startswith(_LOOSE_PREFIXES):
                urls.append(value)
            elif name in _URL_LIST_ATTRIBUTES:
                urls += value.split()
            elif name in _SRCSET_ATTRIBUTES:
                urls += _srcset(value)
            elif name == "style":
                urls += urls_in_css(value)
            elif name == "content" and tag == "meta":
                urls += [value, *_REFRESH.findall(value)]
            elif name == "srcdoc":  # a frame's own document, resolved against this page
                urls += urls_in_html(value)[0]
    return urls, bases


def site_path(folder: str, url: str) -> str | None:
    """The file of the site (path relative to its root, decoded) a URL in a file of `folder` opens; None for
    another host, a scheme, or a place outside the site. A directory stands for its index.html."""
    # As the browser's URL parser does: tabs and line ends inside are dropped, C0 and spaces at the ends are
    # trimmed, and a backslash is a slash (file: and http: are special schemes).
    url = _TAB_OR_NEWLINE.sub("", url).strip(_C0_AND_SPACE).replace("\\", "/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined


def _targets(relative: str, text: str) -> set[str]:
    """The site paths a file reaches (relative: its own path in the site)."""
    folder = posixpath.dirname(relative)
    suffix = posixpath.splitext(relative)[1].lower()
    if suffix in _MARKUP:
        urls, bases = urls_in_html(text)
        # With a <base href> the browser resolves against it; both readings count.
        folders = {folder} | {posixpath.dirname(b) for href in bases if (b := site_path(folder, href or "./"))}
    elif suffix in _STYLES:
        urls, folders = urls_in_css(text), {folder}
    elif suffix in _SCRIPTS:
        urls, folders = urls_in_script(text), {folder}
    else:
        return set()
    return {path for url in urls for base in folders if (path := site_path(base, url)) is not None}


def _readable(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def unreached(site: Path, candidates: Iterable[str], roots: Iterable[str] = ()) -> list[str]:
    """The candidates (files of docs/ as the site holds them, relative paths) no page of the built site reaches.

    Every .html file of the site that is not a candidate is a page the build made; roots are files reached
    anyway (mkdocs.yml's extra_css and extra_javascript: the site's own assets). Reached stylesheets, scripts
    and markup are read in turn for what they reach.
    """
    candidates = frozenset(candidates)
    pages = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix.lower() in (".html", ".htm") and path.is_file() and not path.is_symlink()
    ]
    reached: set[str] = set()
    queue = [page for page in pages if page not in candidates]
    queue += [root for root in roots if root in candidates]
    reached.update(root for root in queue if root in candidates)
    seen: set[str] = set()
    while queue:
        relative = queue.pop()
        if relative in seen:
            continue
        seen.add(relative)
        path = site / relative
        if not path.is_file() or path.is_symlink():
            continue
        for target in _targets(relative, _readable(path)):
            if target in candidates and target not in reached:
                reached.add(target)
                queue.append(target)
    return sorted(candidates - reached)


def unshipped_problems(docs: Path, site: Path) -> list[Problem]:
    """The files of docs/ a built public offline edition at site holds though none of its pages reaches them.

    `make offline` checks the folder with this before packing it, whatever the build's hooks did: the zip is
    what leaves the intranet. Pages (.md) are the content model's to leave out (studysite.build.edition).
    """
    held = []
    for folder, names, files in os.walk(docs):  # never follows a link to a folder
        names[:] = [name for name in names if not os.path.islink(os.path.join(folder, name))]
        for name in files:
            relative = Path(folder, name).relative_to(docs).as_posix()
            if not name.lower().endswith(".md") and (site / relative).is_file():
                held.append(relative)
    return [
        Problem(
            f"docs/{relative}", 1, "离线版", "公开页面引用的文件（不含内部资料的离线版只收录这些）", "没有公开页面引用"
        )
        for relative in unreached(site, held)
    ]
