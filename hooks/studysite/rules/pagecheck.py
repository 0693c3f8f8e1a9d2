"""Every finished page, template included, judged as a browser reads it, and its comments taken out.

The Markdown body is judged by studysite.rules.allowlist as it renders; this is the last look, at the HTML the reader
gets: what Material's templates printed around it (titles, descriptions, the nav) as well. Every element and
attribute must be one the site's own template emits or one the contributor allowlist allows; scripts only from
the site's own files, no inline script but the theme's JSON data block, no <base>, no refresh.

The tokenizer follows the HTML standard's rules for where a tag, an attribute, a quoted value and a comment
begin and end (what Python's html.parser does, some ten times faster: one compiled pattern per tag). Where it
cannot follow a browser (a tag never closed, text inside <title> that looks like markup) it refuses.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

from studysite.rules import allowlist
from studysite.rules.allowlist import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, GENERIC_PREFIXES, normalised_url, url_scheme

_WS = "\t\n\f\r "
_NAME = rf"[^{_WS}/>][^{_WS}/>=]*+"
_VALUE = rf"(?:\"[^\"]*+\"|'[^']*+'|[^{_WS}>]++)"
_ATTRIBUTES = rf"(?:[{_WS}/]*+{_NAME}(?:[{_WS}]*+=[{_WS}]*+{_VALUE}?)?)*+[{_WS}/]*+"
_START = re.compile(rf"<([A-Za-z][^{_WS}/>]*+)({_ATTRIBUTES})>")
_END = re.compile(rf"</[A-Za-z][^{_WS}/>]*+{_ATTRIBUTES}>")
_ATTRIBUTE = re.compile(rf"[{_WS}/]*+({_NAME})(?:[{_WS}]*+=[{_WS}]*+(?:\"([^\"]*+)\"|'([^']*+)'|([^{_WS}>]++))?)?")
_COMMENT_END = re.compile(r"--!?>")
_MARKUP = re.compile(r"<[!/?A-Za-z]")
# Elements whose content a browser does not read as tags (in HTML; in <svg> or <math> it does: so what stands
# in the two the site uses, <script> and <title>, must hold no markup at all).
_RAW = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"})
_RAW_CHECKED = frozenset({"script", "title"})
PLAINTEXT = "plaintext"
SCRIPT_BODY = "#script-body"  # a script's text, as a pseudo-tag after its <script>


def _letter(character: str) -> bool:
    return ("a" <= character <= "z") or ("A" <= character <= "Z")


# What Material's templates and the site's overrides emit around the content (measured on built pages),
# beyond what the contributor allowlist allows in a page's body.
_T_GLOBAL = frozenset({"id", "class", "title", "lang", "role", "hidden", "tabindex", "dir"})
TEMPLATE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "html": frozenset(),
    "head": frozenset(),
    "body": frozenset(),
    "title": frozenset(),
    "meta": frozenset({"charset", "name", "content"}),
    "link": frozenset({"rel", "href"}),
    "script": frozenset({"src", "type"}),
    "header": frozenset(),
    "main": frozenset(),
    "article": frozenset(),
    "aside": frozenset(),
    "footer": frozenset(),
    "nav": frozenset(),
    "form": frozenset({"name"}),
    "button": frozenset({"type"}),
    "select": frozenset({"name"}),
    "option": frozenset({"value", "selected"}),
    "noscript": frozenset(),
    "small": frozenset(),  # a page's subtitle in the navigation (a pack's, while its page renders there)
    # The self-tests' forms (studysite.render.quizpage): generated markup only, the contributor allowlist has none.
    "fieldset": frozenset(),
    "legend": frozenset(),
    "svg": frozenset({"viewbox", "xmlns"}),
    "path": frozenset({"d"}),
    "input": frozenset(
        {
            "type",
            "name",
            "checked",
            "disabled",
            "autocomplete",
            "autocapitalize",
            "autocorrect",
            "spellcheck",
            "placeholder",
            "required",
            "value",  # a self-test's option
        }
    ),
    "label": frozenset({"for"}),
    "a": frozenset({"href", "rel"}),  # rel="edit" on the 编辑此页 link
    "td": frozenset(),
    "tr": frozenset(),
}
# What the site's own generators draw (the ledger's progress chart, render/progress.chart), allowed on generated
# pages only: a contributor's Markdown gets none of these (the body's allowlist refuses them, and so does this
# judge on every page a contributor wrote).
GENERATED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "svg": frozenset({"viewbox", "xmlns"}),
    "figure": frozenset({"tabindex"}),  # scrolled by keyboard when the chart is wider than the column
    "g": frozenset(),
    "desc": frozenset(),
    "rect": frozenset({"x", "y", "width", "height"}),
    "line": frozenset({"x1", "y1", "x2", "y2"}),
    "text": frozenset({"x", "y"}),
}
_INPUT_TYPES = frozenset({"checkbox", "radio", "search", "text"})
_BUTTON_TYPES = frozenset({"button", "submit", "reset"})
_LINK_RELS = frozenset({"stylesheet", "icon", "prev", "next", "canonical"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
_MATERIAL_ASSET = re.compile(
    r"^assets/(?:javascripts/bundle|stylesheets/(?:main|palette))\.[0-9a-f]{8}\.min\.(?:js|css)$"
)
_DATA_SCRIPT = frozenset({"application/json"})


class Tag:
    """One start tag: its name as a browser names it (lower case), as written, and its attributes on demand."""

    __slots__ = ("name", "text", "raw", "start")

    def __init__(self, name: str, text: str, raw: str, start: int) -> None:
        self.name, self.text, self.raw, self.start = name, text, raw, start

    @property
    def attributes(self) -> tuple[tuple[str, str], ...]:
        """Names lower case, values with character references decoded (read only when a tag is new)."""
        return _attributes(self.text)


@dataclass(frozen=True)
class PageFinding:
    got: str
    expected: str
    hint: str
    needle: str  # text to look for in the page's source for its line


@dataclass(frozen=True)
class Tokens:
    tags: list[Tag]
    comments: list[tuple[int, int]]  # comments, bogus comments (<?…>, <!x…>) and declarations but the leading doctype
    broken: list[PageFinding]  # what a browser would read otherwise than this tokenizer


def _attributes(text: str) -> tuple[tuple[str, str], ...]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1)
        if not name:
            continue
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.append((name.lower(), unescape(value) if "&" in value else value))
    return tuple(found)


def tokens(html: str) -> Tokens:
    """The start tags and comments of a document, as a browser's tokenizer finds them."""
    return _quick_tokens(html) or _tokens(html)


# Every token of a well-formed page in one pass of one pattern: comments, bogus comments (<!x>, <?x>, </ x>), end
# tags, start tags. Where a '<' falls outside every match, or an element whose text a browser reads raw (<script>,
# <title>) is not followed by its end tag with no '<' between, the careful loop below reads the page instead.
_TOKEN = re.compile(
    rf"<!--(?:>|->|.*?--!?>)|<!(?!--)[^>]*+>|<\?[^>]*+>|</(?![A-Za-z>])[^>]*+>|</>"
    rf"|</([A-Za-z][^{_WS}/>]*+){_ATTRIBUTES}>|<([A-Za-z][^{_WS}/>]*+)({_ATTRIBUTES})>",
    re.S,
)


def _doctype_at(html: str) -> int:
    """Where the document's own <!doctype …> starts (-1: none). Only the template's, first in the page, stays: a
    <!DOCTYPE …> or any other declaration further on is a bogus comment to a browser, and taken out like one."""
    at = len(html) - len(html.lstrip(_WS + "\ufeff"))
    return at if html[at : at + 9].lower() == "<!doctype" else -1


def _quick_tokens(html: str) -> Tokens | None:
    tags: list[Tag] = []
    comments: list[tuple[int, int]] = []
    last = 0
    raw = None  # the element whose end tag must come next
    raw_end = 0
    doctype = _doctype_at(html)
    for match in _TOKEN.finditer(html):
        start = match.start()
        if html.find("<", last, start) >= 0:
            return None
        last = match.end()
        closing, name = match.group(1), match.group(2)
        if raw is not None:
            if closing is None or closing.lower() != raw:
                return None
            if raw == "script" and start > raw_end and html[raw_end:start].strip():
                tags.append(Tag(SCRIPT_BODY, "", html[raw_end:start], raw_end))
            raw = None
            continue
        if name is not None:
            lower = name.lower()
            tags.append(Tag(lower, match.group(3), match.group(0), start))
            if lower == PLAINTEXT:
                return None
            if lower in _RAW:
                raw, raw_end = lower, last
        elif closing is None and not html.startswith("</>", start) and start != doctype:
            comments.append((start, last))
    if raw is not None or html.find("<", last) >= 0:
        return None
    return Tokens(tags, comments, [])


def _tokens(html: str) -> Tokens:
    tags: list[Tag] = []
    comments: list[tuple[int, int]] = []
    broken: list[PageFinding] = []
    doctype = _doctype_at(html)
    at = html.find("<")
    while at >= 0:
        following = html[at + 1 : at + 2]
        second = html[at + 2 : at + 3]
        end = at + 1
        if html.startswith("<!--", at):
            if html.startswith("<!-->", at) or html.startswith("<!--->", at):
                end = html.index(">", at) + 1
            else:
                close = _COMMENT_END.search(html, at + 4)
                end = close.end() if close else len(html)
            comments.append((at, end))
        elif following in ("!", "?") or (following == "/" and second and second != ">" and not _letter(second)):
            closing = html.find(">", at)
            end = closing + 1 if closing >= 0 else len(html)
            if at != doctype:
                comments.append((at, end))
        elif following == "/" and _letter(second):
            match = _END.match(html, at)
            end = match.end() if match else len(html)
        elif _letter(following):
            match = _START.match(html, at)
            if match is None:
                snippet = html[at : at + 40]
                broken.append(PageFinding(snippet, "完整的 HTML 标签", "补全或删除这个标签", snippet[:20]))
                break
            name = match.group(1).lower()
            tags.append(Tag(name, match.group(2), match.group(0), at))
            end = match.end()
            if name == PLAINTEXT:
                break
            if name in _RAW:
                close = re.compile(rf"</{name}[{_WS}/>]", re.I).search(html, end)
                stop = close.start() if close else len(html)
                body = html[end:stop]
                markup = _MARKUP.search(body) if name in _RAW_CHECKED else None
                if markup:
                    got = f"<{name}> 中的 {markup.group(0)}"
                    broken.append(PageFinding(got, f"<{name}> 中只有文字", "删除其中的 HTML 写法", body.strip()[:20]))
                if name == "script" and body.strip():
                    tags.append(Tag(SCRIPT_BODY, "", body, end))
                end = stop
        at = html.find("<", end)
    return Tokens(tags, comments, broken)


def without_comments(html: str, scanned: Tokens | None = None) -> str:
    """The HTML with every comment (and bogus comment) taken out: a reader's page source shows none."""
    if scanned is None and "<!" not in html and "<?" not in html and "</" not in html:
        return html
    spans = (scanned or tokens(html)).comments
    if not spans:
        return html
    parts, last = [], 0
    for start, end in spans:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts)


@dataclass(frozen=True)
class SiteAssets:
    """The site's own scripts and stylesheets, by path from the site's root (assets/elder.js)."""

    scripts: frozenset[str]
    styles: frozenset[str]
    site_url: str = ""  # mkdocs.yml's site_url (`mkdocs serve` sets its own): canonical links name it

    def own_address(self, url: str) -> bool:
        return bool(self.site_url) and normalised_url(url).startswith(self.site_url)

    def allows(self, path: str, kind: str) -> bool:
        own = self.scripts if kind == "script" else self.styles
        return path in own or bool(_MATERIAL_ASSET.match(path))


_TEMPLATE_ASSET = re.compile(r"""['"]([^'"\s]+\.(js|css))['"]\s*\|\s*url""")


def site_assets(config) -> SiteAssets:
    """mkdocs.yml's extra_javascript and extra_css, and the files the overrides' templates name."""
    from pathlib import Path

    scripts = {str(getattr(s, "path", s)) for s in config.extra_javascript}
    styles = {str(s) for s in config.extra_css}
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        for template in Path(custom).rglob("*.html"):
            for path, kind in _TEMPLATE_ASSET.findall(template.read_text(encoding="utf-8")):
                (scripts if kind == "js" else styles).add(path)
    site_url = str(config.site_url or "")
    return SiteAssets(frozenset(scripts), frozenset(styles), site_url if site_url.endswith("/") else "")


def _resolved(page_url: str, value: str) -> str | None:
    """The path from the site's root a relative URL names on this page (None: it leaves the site)."""
    url = normalised_url(value).split("#", 1)[0].split("?", 1)[0]
    if url_scheme(url) or url.startswith("//"):
        return None
    if url.startswith("/"):
        return posixpath.normpath(url.lstrip("/"))
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join(folder, url))
    return None if joined.startswith("..") else joined


def _tag_findings(tag: Tag, page_url: str, assets: SiteAssets, generated: bool = False) -> list[PageFinding]:
    name = tag.name
    drawn = GENERATED_ATTRIBUTES.get(name) if generated else None
    if name not in TEMPLATE_ATTRIBUTES and name not in ALLOWED_TAGS and drawn is None:
        return [PageFinding(f"<{name}>", "本站模板和正文允许的元素", f"删除 <{name}>", f"<{name}")]
    allowed = TEMPLATE_ATTRIBUTES.get(name, frozenset()) | ALLOWED_ATTRIBUTES.get(name, ALLOWED_ATTRIBUTES["*"])
    allowed |= drawn or frozenset()
    values = dict(tag.attributes)
    found = []
    for attribute, value in tag.attributes:
        if attribute.startswith("on"):
            found.append(PageFinding(f"<{name} {attribute}>", "不含脚本的 HTML", f"删除 {attribute} 属性", attribute))
        elif not (attribute in allowed or attribute in _T_GLOBAL or attribute.startswith(tuple(GENERIC_PREFIXES))):
            found.append(
                PageFinding(f"<{name} {attribute}>", f"<{name}> 可用的属性", f"删除 {attribute} 属性", attribute)
            )
        elif attribute == "style" and not allowlist.style_allowed(name, value):
            found.append(PageFinding(f"<{name} style>", "不带 style 的 HTML", "删除 style 属性", value[:20]))
        elif attribute in _URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme and scheme not in allowlist.URL_SCHEMES:
                found.append(
                    PageFinding(value.strip()[:60], allowlist.SCHEMES_EXPECTED, f"删除 {scheme}: 链接", value[:20])
                )
    if name == "script":
        src = values.get("src")
        if src is not None:
            path = _resolved(page_url, src)
            if path is None or not assets.allows(path, "script"):
                found.append(PageFinding(f"<script src={src[:60]}>", "本站自己的脚本文件", "删除这个脚本", src[:20]))
        elif values.get("type", "").strip().lower() not in _DATA_SCRIPT:
            found.append(PageFinding("<script>（内联脚本）", "不含脚本的 HTML", "删除这段脚本", "<script"))
    elif name == "link":
        rels = set(values.get("rel", "").lower().split())
        href = values.get("href", "")
        if not rels or not rels <= _LINK_RELS:
            found.append(
                PageFinding(f"<link rel={values.get('rel', '')}>", "本站模板的链接", "删除这个 <link>", "<link")
            )
        elif "stylesheet" in rels and not (
            (path := _resolved(page_url, href)) is not None and assets.allows(path, "style")
        ):
            found.append(PageFinding(f"<link href={href[:60]}>", "本站自己的样式表", "删除这个样式表", href[:20]))
        elif _resolved(page_url, href) is None and not assets.own_address(href):
            found.append(PageFinding(f"<link href={href[:60]}>", "站内地址", "删除这个 <link>", href[:20]))
    elif name == "input" and values.get("type", "text").strip().lower() not in _INPUT_TYPES:
        found.append(PageFinding(f"<input type={values.get('type')}>", "本站模板的输入框", "删除输入框", "<input"))
    elif name == "button" and values.get("type", "submit").strip().lower() not in _BUTTON_TYPES:
        found.append(PageFinding(f"<button type={values.get('type')}>", "本站模板的按钮", "删除按钮", "<button"))
    elif name == "img" and "src" in values and _resolved(page_url, values["src"]) is None:
        scheme = url_scheme(values["src"])
        if not scheme or scheme in allowlist.URL_SCHEMES:
            found.append(PageFinding(values["src"][:60], allowlist.EXTERNAL_EXPECTED, "", values["src"][:20]))
    return found


_CACHE: dict[tuple[str, str, bool], tuple[PageFinding, ...]] = {}


def page_findings(
    html: str, page_url: str, assets: SiteAssets, scanned: Tokens | None = None, generated: bool = False
) -> list[PageFinding]:
    """What of a finished page neither the template's nor the contributor's allowlist allows (generated: a page
    the site made, which may hold what its generators draw, GENERATED_ATTRIBUTES)."""
    scanned = scanned or tokens(html)
    found = list(scanned.broken)
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    for index, tag in enumerate(scanned.tags):
        if tag.name == SCRIPT_BODY:
            # The text of a script that loads a file is ignored by browsers, of a JSON block it is data: any
            # other runs. The template writes none, so any text but the data block's is refused.
            script = dict(scanned.tags[index - 1].attributes)
            if "src" in script or script.get("type", "").strip().lower() not in _DATA_SCRIPT:
                found.append(
                    PageFinding("<script> 中的脚本", "本站自己的脚本文件", "删除这段脚本", tag.raw.strip()[:20])
                )
            continue
        key = (tag.raw, folder if tag.name in ("script", "link", "img") else "", generated)
        cached = _CACHE.get(key)
        if cached is None:
            if len(_CACHE) > 100_000:
                _CACHE.clear()
            cached = _CACHE[key] = tuple(_tag_findings(tag, page_url, assets, generated))
        found += cached
    return found


def tags_of(html: str) -> Iterator[Tag]:
    yield from (tag for tag in tokens(html).tags if not tag.name.startswith("#"))
