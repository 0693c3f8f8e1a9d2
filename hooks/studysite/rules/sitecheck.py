"""A built site checked before readers get it (make publish, make offline).

Every page and download the content model says the site has is there; no page or stylesheet loads anything
from another host; every link and resource of every page leads to a file of the site. The offline edition
opens from a folder, where a link to a folder shows a directory listing: there every link must name a file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studysite.core.problems import Problem, line_of
from studysite.rules.resources import _LOADING_ATTRIBUTES, EXTERNAL_EXPECTED, EXTERNAL_FIELD, css_urls, is_external

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_NOT_A_FILE = ("#", "data:", "mailto:", "tel:", "javascript:", "blob:")
# MkDocs writes the page a server shows for a missing address with links from the server's root (/assets/…):
# deploy/nginx.conf serves it under /xuexi/ and rewrites those links (sub_filter); what it loads is checked.
ROOT_ONLY = "404.html"


def references(html: str) -> tuple[list[str], list[str]]:
    """The URLs a page loads when it opens, and the targets of its links, in document order."""
    loads: list[str] = []
    links: list[str] = []
    for tag_match in _TAG.finditer(html):
        tag = tag_match.group(1).lower()
        attributes = {
            # as a browser reads an attribute: character references decoded (href="&#x9644;件/x.xlsx")
            match.group(1).lower(): unescape(next(g for g in match.groups()[1:] if g is not None))
            for match in _ATTRIBUTE.finditer(tag_match.group(2))
        }
        if tag == "a" and attributes.get("href"):
            links.append(attributes["href"])
        for name in _LOADING_ATTRIBUTES.get(tag, ()):
            if name in attributes:
                candidates = attributes[name].split(",") if name == "srcset" else [attributes[name]]
                loads.extend(c.strip().split(" ")[0] for c in candidates if c.strip())
        if "style" in attributes:
            loads.extend(css_urls(attributes["style"]))
    for style in _STYLE.findall(html):
        loads.extend(css_urls(style))
    return loads, links


def _local_target(url: str) -> str | None:
    """The path part of a URL that names a file of this site, percent-decoded; None for anything else."""
    url = url.strip()
    if not url or url.lower().startswith(_NOT_A_FILE) or is_external(url):
        return None
    parts = urlsplit(url)
    if parts.scheme or not parts.path:
        return None
    return unquote(parts.path)


def _reference_problems(
    root: Path, shown: str, text: str, folder: str, loads: list[str], links: list[str], offline: bool
) -> list[Problem]:
    """A link to another host is the reader's choice; a resource loaded from one is not (nor reachable)."""
    problems = [
        Problem(shown, line_of(text, url), EXTERNAL_FIELD, EXTERNAL_EXPECTED, url)
        for url in dict.fromkeys(loads)
        if is_external(url)
    ]
    for url in dict.fromkeys(loads + links):  # each distinct URL once
        path = _local_target(url)
        if path is None:
            continue
        if path.startswith("/"):
            expected = "相对链接（网站可能放在服务器的子路径下，也可能从文件夹打开）"
            problems.append(Problem(shown, line_of(text, url), "链接", expected, url))
            continue
        target = root / posixpath.normpath(posixpath.join(folder, path))
        if target.is_dir() or path.endswith("/"):
            if offline:
                expected = "指向 .html 文件的链接（离线版从文件夹打开，指向目录会显示文件列表）"
                problems.append(Problem(shown, line_of(text, url), "链接", expected, url))
                continue
            target = target / "index.html"
        if not target.is_file():
            problems.append(Problem(shown, line_of(text, url), "链接", "网站中存在的文件", url))
    return problems


def check_built_site(root: Path, expected: Iterable[str], offline: bool, label: str | None = None) -> list[Problem]:
    """Every problem of the built site at root; expected are the files it must hold (paths relative to it).

    Problems name files as label/relative path (label defaults to the folder's name).
    """
    label = label or root.name
    problems = [
        Problem(f"{label}/{path}", 1, "文件", "构建生成的页面或下载文件", "缺少")
        for path in sorted(set(expected))
        if not (root / path).is_file()
    ]
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        folder = posixpath.dirname(relative)
        loads, links = (css_urls(text), []) if path.suffix == ".css" else references(text)
        if relative == ROOT_ONLY:
            loads, links = [url for url in loads if is_external(url)], []
        problems += _reference_problems(root, f"{label}/{relative}", text, folder, loads, links, offline)
    return problems
