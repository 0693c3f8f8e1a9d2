"""Links and images in a page's Markdown: where they point, whether it exists, and which pages reach which.

MkDocs checks links only after rendering, in English and without a line; these rules read the Markdown the
clerk wrote, resolve each target the way MkDocs does (relative to the page, percent-escapes decoded) and say
in Chinese, with file:line:col, what is missing. The same rules run in `make check` and in the build.

A link written as HTML (<a href>, <img src>) is not rewritten by MkDocs: the browser resolves it against
the page's URL (speeches/x/ for speeches/x.md). Such links are read as URLs and mapped back to the file
MkDocs publishes there, so the generated indexes' HTML tables are checked like any Markdown link.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from studysite.core.pages import page_url
from studysite.core.problems import Problem
from studysite.rules.allowlist import url_scheme

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(
    r"(!?)\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(<[^<>\n]*>|(?:[^()\s\\]|\\.|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
# A link or image whose path has a space and no <>: Markdown leaves it as text, so it silently shows nothing.
_SPACED_TARGET = re.compile(r"(!?)\[[^\]\n]*\]\(\s*([^<)\s][^)\n]*?\s[^)\n]*?)\)")
_REFERENCE = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*(<[^<>\n]*>|\S+)")  # [^1]: is a footnote
_HTML_URL = re.compile(r"""<(a|img|source)\b[^>]*?\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_ATTR_ID = re.compile(r"\{:?\s*[^}]*?#([^\s}]+)[^}]*\}")
_TRAILING_ATTRS = re.compile(r"\s*\{:?[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))""", re.I)
_FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
_MARKUP = re.compile(r"<[^>]+>|!?\[([^\]]*)\]\([^)]*\)|[*_`~]")


@dataclass(frozen=True)
class Link:
    line: int
    col: int  # 1-based
    target: str  # as written, without <> and with Markdown escapes removed
    image: bool
    html: bool = False  # written as HTML: a URL the browser resolves against the page's URL
    broken: bool = False  # written so that Markdown shows it as text (a path with spaces, no <>)


def _prose_lines(text: str) -> Iterable[tuple[int, str]]:
    """Numbered lines outside fenced code and front matter, with code spans blanked (same length)."""
    lines = text.split("\n")
    front_end = 0
    if lines and lines[0].rstrip() == "---":
        front_end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    in_code = False
    for index, line in enumerate(lines):
        if index <= front_end and front_end:
            continue
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield index + 1, _CODE_SPAN.sub(lambda m: " " * len(m.group()), line) if "`" in line else line


def markdown_links(text: str) -> list[Link]:
    """Every link and image a page's Markdown makes, in order, with where it stands."""
    found = []
    for number, line in _prose_lines(text):
        if "](" in line:
            for match in _SPACED_TARGET.finditer(line):
                title = re.fullmatch(r"(\S+)\s+([\"'(]).*", match.group(2).strip())
                if not title:  # a space before a "title" is Markdown's own; anywhere else the link is lost
                    found.append(
                        Link(number, match.start() + 1, match.group(2).strip(), match.group(1) == "!", broken=True)
                    )
            for match in _INLINE.finditer(line):
                target = match.group(2)
                target = target[1:-1] if target.startswith("<") else re.sub(r"\\(.)", r"\1", target)
                found.append(Link(number, match.start() + 1, target.strip(), match.group(1) == "!"))
        if "]:" in line and (reference := _REFERENCE.match(line)):
            target = reference.group(1)
            found.append(Link(number, reference.start(1) + 1, target.strip("<>"), False))
        if "<" in line:
            for match in _HTML_URL.finditer(line):
                value = next(group for group in match.groups()[2:] if group is not None)
                image = match.group(1).lower() != "a"
                found.append(Link(number, match.start() + 1, html.unescape(value), image, html=True))
    return found


def url_sources(url: str, directory_urls: bool = True) -> list[str]:
    """The files of docs/ MkDocs would publish at a site URL (unquoted, from the site root), likeliest first."""
    if url.endswith("/index.html"):
        url = url.removesuffix("index.html")
    if url in ("", ".", "./", "index.html"):
        return ["index.md", "README.md"]
    if url.endswith("/"):
        stem = url.rstrip("/")
        return [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if directory_urls else [f"{stem}/index.md"]
    if url.endswith(".html") and not directory_urls:
        return [url.removesuffix(".html") + ".md"]
    return [url]


def resolve(
    src_uri: str,
    target: str,
    html_url: bool = False,
    targets: frozenset[str] = frozenset(),
    directory_urls: bool = True,
) -> tuple[str, str, str] | None:
    """(kind, target src_uri, anchor) of a link on page src_uri, as MkDocs resolves it; None if external.

    kind is "page" (a file in docs/ or a self link), "absolute" (a link from the site root, which breaks under
    a sub-path) or "mail"; the target is percent-decoded and normalised. A link written as HTML (html_url) is
    resolved against the page's URL, as the browser does, and named by the file of targets published there.
    """
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or url_scheme(target):  # a scheme, even a disguised one: the allowlist judges it
        return None
    if target.startswith(("/", "\\")):
        return "absolute", target, parts.fragment
    if not parts.path:
        return "page", src_uri, parts.fragment
    path = unquote(parts.path)
    if html_url:
        base = page_url(src_uri, directory_urls).rpartition("/")[0]
        url = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
        if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):
            url = url + "/"
        candidates = url_sources(url, directory_urls)
        return "page", next((c for c in candidates if c in targets), candidates[0]), parts.fragment
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)).lstrip("/")
    return "page", resolved, parts.fragment


def _suggestion(src_uri: str, resolved: str, targets: frozenset[str]) -> str:
    def written(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")

    for guess in (resolved + ".md", posixpath.join(resolved, "index.md"), resolved.removesuffix(".html") + ".md"):
        if guess in targets:
            return f"改为 “{written(guess)}”"
    same_but_case = next((t for t in sorted(targets) if t.lower() == resolved.lower()), None)
    if same_but_case:  # Windows does not mind; the web server does
        return f"改为 “{written(same_but_case)}”（文件名的大小写不同，网站上大小写有区别）"
    return "检查文件名和所在目录，路径相对于本页所在目录"


_NOT_IN_IDS = re.compile(r"[\W_]+")


def _anchor_hint(page: str, anchor: str, ids: set[str]) -> str:
    """The id the clerk meant (a heading's words without its punctuation), else where to copy it from."""
    wanted = _NOT_IN_IDS.sub("", anchor.lower())
    close = sorted(i for i in ids if _NOT_IN_IDS.sub("", i.lower()) == wanted)
    if close:
        return f"改为 “#{close[0]}”（锚点是标题去掉标点后的文字）"
    return f"在网站上打开{page}，点标题旁的 ¶ 可复制正确的锚点"


def link_problems(
    path: str,
    src_uri: str,
    text: str,
    targets: frozenset[str],
    anchors: Callable[[str], set[str] | None],
    directory_urls: bool = True,
) -> list[Problem]:
    """Links and images of one page whose target is not in docs/, or whose #anchor is not on that page.

    anchors(src_uri) gives the ids a page will carry, or None when they are not known (a file, not a page).
    """
    problems = []
    for link in markdown_links(text):
        if link.broken:
            problems.append(
                Problem(
                    path,
                    link.line,
                    "图片" if link.image else "链接",
                    "路径中有空格时放在尖括号中，如 ![说明](<images/示例 图.png>)",
                    link.target,
                    "否则网页上只显示这段文字",
                )
            )
            continue
        resolved = resolve(src_uri, link.target, link.html, targets, directory_urls)
        if resolved is None or not link.target or link.target.startswith("mailto:"):
            continue
        kind, target, anchor = resolved
        field = "图片" if link.image else "链接"
        if kind == "absolute":
            problems.append(
                Problem(
                    path,
                    link.line,
                    field,
                    "相对路径（如 ../report/index.md）",
                    link.target,
                    "以 / 开头的路径在内网子路径下会失效",
                )
            )
            continue
        if target not in targets:
            expected = "docs/ 中存在的图片文件" if link.image else "docs/ 中存在的页面或文件（.md 文件名）"
            if link.html:
                here = page_url(src_uri, directory_urls)
                hint = f"用 HTML 写的链接按网址解析，本页网址为 {here}；建议改用 Markdown 链接，如 [文字](文件.md)"
            else:
                hint = _suggestion(src_uri, target, targets)
            problems.append(Problem(path, link.line, field, expected, link.target, hint))
            continue
        ids = anchors(target) if anchor else None
        if ids is not None and unquote(anchor) not in ids:
            page = "本页" if target == src_uri else target
            problems.append(
                Problem(
                    path,
                    link.line,
                    field,
                    f"{page} 中存在的锚点（标题或 {{#编号}}）",
                    link.target,
                    _anchor_hint(page, unquote(anchor), ids),
                )
            )
    return problems


def _heading_text(markdown: str) -> str:
    text = _TRAILING_ATTRS.sub("", markdown)
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    return html.unescape(text).strip()


def anchors(markdown: str, slugify: Callable[[str, str], str]) -> set[str]:
    """The ids the rendered page will carry: explicit {#id} and id="…", then headings as toc numbers them."""
    ids: set[str] = set()
    headings: list[str] = []
    previous = ""
    for _, line in _prose_lines(markdown):
        if "{" in line:
            ids.update(_ATTR_ID.findall(line))
        if "<" in line:
            ids.update(next(g for g in match.groups() if g) for match in _HTML_ID.finditer(line))
        if "[^" in line:
            for name in _FOOTNOTE.findall(line):
                ids.update({f"fn:{name}", f"fnref:{name}"})
        atx = _ATX.match(line)
        if atx:
            if not _ATTR_ID.search(line):
                headings.append(_heading_text(atx.group(2)))
        elif (
            _SETEXT.match(line)
            and previous.strip()
            and not previous.lstrip().startswith(("-", "*", "|"))
            and not _ATTR_ID.search(previous)
        ):
            headings.append(_heading_text(previous))
        previous = line
    counters: dict[str, int] = {}
    for heading in headings:
        slug = candidate = slugify(heading, "-")
        while candidate in ids:
            counters[slug] = counters.get(slug, 0) + 1
            candidate = f"{slug}_{counters[slug]}"
        ids.add(candidate)
    return ids


def page_targets(src_uri: str, text: str, pages: frozenset[str], directory_urls: bool = True) -> set[str]:
    """The pages a page links to (its Markdown links and its HTML links), for reachability."""
    found = set()
    for link in markdown_links(text):
        resolved = None if link.broken else resolve(src_uri, link.target, link.html, pages, directory_urls)
        if resolved and resolved[0] == "page" and resolved[1] in pages:
            found.add(resolved[1])
    return found


def unreachable(start: Iterable[str], links: Mapping[str, Iterable[str]]) -> set[str]:
    """Pages (keys of links) that no chain of links reaches from the start pages."""
    seen = set(start) & set(links)
    frontier = list(seen)
    while frontier:
        for target in links.get(frontier.pop(), ()):
            if target in links and target not in seen:
                seen.add(target)
                frontier.append(target)
    return set(links) - seen


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


def orphan_problems(links: Mapping[str, Iterable[str]], nav: object, reported: Iterable[str]) -> list[Problem]:
    """links: every page → the pages it links to. One problem per reported page the nav cannot reach."""
    lost = unreachable(nav_sources(nav), links) & set(reported)
    return [
        Problem(
            f"docs/{src_uri}",
            1,
            "页面",
            "能从网站导航到达的页面（讲话、通报通知放进 docs/speeches/、docs/notices/ 即自动列入索引；其他页面请在某个栏目页加链接）",
            "没有任何导航或页面链接到本页",
        )
        for src_uri in sorted(lost)
    ]
