"""What a page may contain once rendered: the tags, attributes and URL schemes the site's own Markdown makes.

An allowlist, not a list of known tricks: anything the extensions of mkdocs.yml do not produce is a finding.
The rules are nh3's (the Python binding of the Ammonia sanitizer, maintained, used by PyPI): a page whose HTML
nh3 would change is not clean. A walk over the same HTML says, in Chinese, what exactly is not allowed and
where the Markdown wrote it, so a clerk can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from pygments.token import STANDARD_TYPES

from studysite.core.problems import Problem
from studysite.core.sources import Source
from studysite.rules.resources import EXTERNAL_EXPECTED, EXTERNAL_FIELD, is_external

# What Python-Markdown and the extensions of mkdocs.yml produce (tables, footnotes, def_list, abbr, admonition,
# details, tasklist, toc permalinks, md_in_html), and what the site's own hooks add to pages.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# No form controls but the task list's box: a form on a contributor's page could ask readers for anything
# (a password, a phone number) and send it to the page's own address, where it lands in the server's log.
# The 检索 page's own form is the site's (studysite.search.findpage) and judged with the template (studysite.rules.pagecheck).
_GLOBAL = frozenset({"id", "class", "title", "lang", "role", "hidden", "tabindex"})
GENERIC_PREFIXES = frozenset({"aria-", "data-"})  # inert by themselves: read by screen readers and our scripts
ALLOWED_ATTRIBUTES = {
    "*": _GLOBAL,
    "input": _GLOBAL,  # type, checked and disabled only with the values _VALUES lists
    "label": _GLOBAL | {"for"},
    "a": _GLOBAL | {"href"},
    "img": _GLOBAL | {"src", "alt", "width", "height", "loading"},
    "ol": _GLOBAL | {"start", "type"},
    "li": _GLOBAL | {"value"},
    "td": _GLOBAL | {"style", "colspan", "rowspan", "align"},
    "th": _GLOBAL | {"style", "colspan", "rowspan", "align", "scope"},
    "details": _GLOBAL | {"open"},
    "div": _GLOBAL | {"data-search-exclude"},
}
# The one form control a page may hold: a task-list box (a disabled checkbox).
_VALUES = {
    "input": {"type": {"checkbox"}, "disabled": {"", "disabled"}, "checked": {"", "checked"}},
}
# The page's own identity, by allowlist: the classes the site's Markdown extensions write (admonition with
# Material's types, details, task list, footnotes, toc permalinks, code highlighting) and the one class
# CONTRIBUTING.md tells clerks to use ({ .screen-only }), and the site's entry header. Anything else, Material's md-* above all, would let a
# page dress as a part of the template (a fake search form, drawer or button its scripts act on).
_ADMONITION_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
_PYGMENTS_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)  # <span class="n"> in code
# What the site's own hooks write into pages (entry headers, indexes, task states, the ledger, the packs'
# buttons): the site's output passes the same allowlist as a contributor's.
SITE_CLASSES = frozenset(
    {
        "entry-meta",
        "index-table",
        "index-title",
        "index-parts",
        "task-state",
        "ledger",
        "ledger-due",
        "ledger-id",
        "ledger-task",
        "ledger-print",
        "ledger-progress",
        "overdue",
        "print-only",
        "pdf-pages",
        "pack-files",
        "pack-print",
        "md-button",  # Material's documented button for page text, not a part of its interface
        "md-button--primary",
    }
)
CONTRIBUTOR_CLASSES = (
    frozenset(
        {
            "admonition",
            "admonition-title",
            "task-list",
            "task-list-item",
            "task-list-control",
            "task-list-indicator",
            "footnote",
            "footnote-ref",
            "footnote-backref",
            "headerlink",
            "toc",
            "highlight",
            "highlighttable",
            "linenos",
            "linenodiv",
            "filename",
            "screen-only",
        }
    )
    | SITE_CLASSES
    | _ADMONITION_TYPES
    | _PYGMENTS_CLASSES
)
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#.\-]+")  # a fenced block's language (```python)
# Ids: what toc (heading slugs), footnotes (fn:1, fnref:1) and { #T1 } write: a letter, digit or hyphen first.
# Material's own are __search, __drawer, __toc, __nav_1 …; md- and study- name the theme's and the site's parts.
_CONTRIBUTOR_ID = re.compile(r"[^\W_][\w\-.:]*|-[\w\-.:]*")
_THEME_ID_PREFIXES = ("md-", "study-")
# Attributes whose value names ids: a label for the theme's __search checkbox opens the search, and so on.
_ID_REFERENCES = frozenset(
    {
        "for",
        "aria-controls",
        "aria-labelledby",
        "aria-describedby",
        "aria-owns",
        "aria-activedescendant",
        "aria-details",
        "aria-errormessage",
        "aria-flowto",
    }
)
# data-* attributes are read by Material (data-md-*) and the site's scripts (data-elder-toggle, data-status …):
# a contributor may write only those the site's own pages carry (the ledger's rows, a table's column names).
CONTRIBUTOR_DATA = frozenset({"data-search-exclude", "data-label", "data-status", "data-owner", "data-overdue"})
IDENTITY_RULE = "页面标识"
IDENTITY_ADVICE = "删除它；网站界面（搜索框、导航、按钮）的名字不能用在正文中"
STYLE_PROPERTIES = frozenset({"text-align"})  # what Markdown tables write (style="text-align: left;")
# Schemes by allowlist: relative links, http(s), mail and phone; ftp:, data:, file:, javascript: and the rest not.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEMES_EXPECTED = "站内相对路径，或 http、https、mailto、tel 链接"
_WEB = ("http", "https")
_URL_ATTRIBUTES = ("href", "src")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CONDITIONAL = re.compile(r"\[if\b|<!\[endif", re.I)


def clean(html: str) -> str:
    """The HTML as nh3 keeps it under the site's allowlist."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={tag: {a: set(v) for a, v in values.items()} for tag, values in _VALUES.items()},
        generic_attribute_prefixes=set(GENERIC_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
    )


_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, which browsers strip at both ends
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def normalised_url(value: str) -> str:
    """A URL as a browser's URL parser reads it (WHATWG URL): character references decoded, C0 controls and
    spaces cut from both ends, tabs and newlines removed anywhere, backslashes read as slashes (as they are for
    http, https, file and ftp): http:\\host and \\\\host name another host."""
    url = _TAB_OR_NEWLINE.sub("", unescape(value).strip(_EDGES))
    return url.replace("\\", "/")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see, judged stricter still: percent-escapes and hidden characters removed."""
    decoded = _CONTROL.sub("", unquote(normalised_url(value))).lower()
    match = _SCHEME.match(decoded)
    return match.group(1) if match else None


def leaves_site(value: str) -> bool:
    """The URL names another host: //host, http://host, http:\\host, or http:host (another host from https)."""
    url = normalised_url(value)
    return url.startswith("//") or is_external(url) or url_scheme(url) in _WEB


def style_allowed(tag: str, value: str) -> bool:
    return tag in ("td", "th") and all(prop in STYLE_PROPERTIES for prop, _ in _style(value))


@dataclass(frozen=True)
class Disallowed:
    rule: str
    expected: str
    got: str
    advice: str
    needles: tuple[str, ...]  # what to look for in the Markdown to find the line it came from


def _style(value: str) -> tuple[tuple[str, str], ...]:
    declarations = (part.split(":", 1) for part in value.split(";") if ":" in part)
    return tuple(sorted((name.strip().lower(), text.strip().lower()) for name, text in declarations))


class _Walker(HTMLParser):
    """Every start tag with its attributes (values decoded), and every comment, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]], str]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs], self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(" ".join(data.split()))

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ … ]]> and the like
        self.tags.append(("!" + data.split("[", 1)[0].lower(), [], f"<![{data}]>"))


def _walk(html: str) -> _Walker:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker


def _canonical(html: str) -> tuple:
    """What matters of an HTML fragment for the comparison with nh3's output: tags, attributes, text."""
    walker = _walk(html)
    tags = []
    for tag, attrs, _ in walker.tags:
        normal = []
        for name, value in attrs:
            kept: object = value
            if name == "style":
                kept = _style(value)
            elif name == "class":
                kept = tuple(sorted(value.split()))
            elif name in ("checked", "disabled", "open") and value in ("", name):
                kept = ""
            normal.append((name, kept))
        tags.append((tag, tuple(sorted(normal))))
    return tuple(tags), "".join(walker.text).replace(" ", "")


def _attribute_finding(tag: str, name: str, value: str, raw: str) -> Disallowed | None:
    allowed = ALLOWED_ATTRIBUTES.get(tag, _GLOBAL)
    if name in _VALUES.get(tag, {}):
        if value.lower() in _VALUES[tag][name]:
            return None
        expected = "、".join(sorted(_VALUES[tag][name] - {""}))
        return Disallowed("表单控件", f"{tag} 的 {name} 为 {expected}", f"{name}={value}", "删除该控件", (raw, name))
    identity = _identity_finding(tag, name, value)
    if identity is not None or name.startswith(tuple(GENERIC_PREFIXES)):
        return identity
    if name.startswith("on"):
        return Disallowed("事件处理属性", "不含脚本的 HTML", name, f"删除 {name} 属性", (f"{name}=", name))
    if name == "style":
        if style_allowed(tag, value):
            return None
        return Disallowed(
            "样式属性", "不带 style 的 HTML（排版由网站统一设定）", value, "删除 style 属性", ("style=", value)
        )
    if name in ("srcset", "background", "poster", "data", "formaction", "action", "xlink:href", "ping"):
        return Disallowed(
            "加载或提交地址", "本站允许的属性：" + "、".join(sorted(allowed)), name, f"删除 {name} 属性", (name,)
        )
    if name not in allowed:
        return Disallowed(
            "HTML 属性",
            f"<{tag}> 可用的属性：{'、'.join(sorted(allowed))}",
            name,
            f"删除 {name} 属性",
            (f"{name}=", name),
        )
    if name in _URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme and scheme not in URL_SCHEMES:
            return Disallowed(
                "链接协议",
                SCHEMES_EXPECTED,
                value.strip()[:60],
                f"删除 {scheme}: 链接",
                (value, value.strip()[:20], f"{name}="),
            )
        if tag == "img" and name == "src" and leaves_site(value):
            return Disallowed(EXTERNAL_FIELD, EXTERNAL_EXPECTED, value, "", (value,))
    return None


def contributor_id(value: str) -> bool:
    """An id a page may give itself: one of the forms toc, footnotes and attr_list write, none of the theme's."""
    return bool(_CONTRIBUTOR_ID.fullmatch(value)) and not value.lower().startswith(_THEME_ID_PREFIXES)


def _identity(got: str, expected: str, needles: tuple[str, ...]) -> Disallowed:
    return Disallowed(IDENTITY_RULE, expected, got, IDENTITY_ADVICE, needles)


def _identity_finding(tag: str, name: str, value: str) -> Disallowed | None:
    """An id, class, id reference or data-* attribute that names a part of the template, not of the page."""
    if name == "class":
        for word in value.split():
            if word not in CONTRIBUTOR_CLASSES and not _LANGUAGE_CLASS.fullmatch(word):
                expected = "Markdown 写出的 class 或本站说明中的 { .screen-only }"
                return _identity(f"class={word}", expected, (word, "class="))
        return None
    if name == "id":
        if contributor_id(value):
            return None
        expected = "以文字或数字开头的锚点名（不用 __、md-、study- 开头）"
        return _identity(f"id={value}", expected, (value, "id="))
    if name in _ID_REFERENCES:
        for word in value.split():
            if not contributor_id(word):
                expected = "本页自己的锚点名（不指向网站界面）"
                return _identity(f"{name}={word}", expected, (word, f"{name}="))
        return None
    if name == "href" and value.strip().startswith("#"):
        fragment = unquote(value.strip()[1:])
        if fragment and not contributor_id(fragment):
            return _identity(f"href=#{fragment}", "本页自己的锚点名（不指向网站界面）", (fragment, value))
        return None
    if name.startswith("data-") and name not in CONTRIBUTOR_DATA:
        expected = "不带 data- 属性（本站只允许 " + "、".join(sorted(CONTRIBUTOR_DATA)) + "）"
        return _identity(name, expected, (f"{name}=", name))
    return None


def html_findings(html: str) -> list[Disallowed]:
    """What of this rendered HTML the allowlist does not allow, each with where to look for it."""
    walker = _walk(html)
    found: list[Disallowed] = []
    for tag, attrs, raw in walker.tags:
        if tag not in ALLOWED_TAGS:
            found.append(
                Disallowed(
                    "HTML 标签",
                    "Markdown 能写出的内容（段落、标题、列表、表格、链接、图片）",
                    f"<{tag}>",
                    f"删除 <{tag}>，正文用 Markdown 书写",
                    (f"<{tag}", raw),
                )
            )
            continue
        if tag == "input" and dict(attrs).get("type", "").strip().lower() not in _VALUES["input"]["type"]:
            expected = "任务清单的复选框（type=checkbox）；本站页面不收集读者填写的内容"
            found.append(Disallowed("表单控件", expected, "<input>", "删除输入框", ("<input", raw)))
        for name, value in attrs:
            finding = _attribute_finding(tag, name, value, raw)
            if finding:
                found.append(finding)
    for comment in walker.comments:
        if _CONDITIONAL.search(comment):
            found.append(
                Disallowed(
                    "条件注释", "普通注释", "<!--[if …]>", "删除条件注释（兼容模式的浏览器会执行其中的内容）", ("[if",)
                )
            )
    found.sort(key=lambda finding: finding.rule == IDENTITY_RULE)  # what may run or load first, names after
    if not found and _canonical(clean(html)) != _canonical(html):
        # nh3 changes something the walk above did not name: still not clean
        found.append(Disallowed("HTML 内容", "本站允许的 HTML", "不符合允许清单的内容", "改用 Markdown 书写", ("<",)))
    return found


def may_need_rendering(text: str) -> bool:
    """Only raw HTML, links, attribute lists or character references can put anything unlisted in a page."""
    return any(mark in text for mark in ("<", "](", "]:", "{", "&"))


def _line(source: Source, needles: tuple[str, ...], after: dict[str, int]) -> int:
    """The line of the first needle found, searching past where the same needle was found before: each of four
    onclick attributes is reported at its own line, not four times at the first one's."""
    offset = len(source.text) - len(source.body)
    lowered = source.body.lower()
    for needle in needles:
        if not needle:
            continue
        for haystack, wanted in ((source.body, needle), (lowered, needle.lower())):
            key = (haystack is lowered) * "\0" + wanted
            at = haystack.find(wanted, after.get(key, 0))
            if at < 0 and key in after:  # more findings than occurrences: the last one again
                at = haystack.rfind(wanted)
            if at >= 0:
                after[key] = at + 1
                return source.text.count("\n", 0, offset + at) + 1
    return 1


def numbered(problems: list[Problem]) -> list[Problem]:
    """Problems equal in every part (two on one line) told apart, so none is lost where problems are a set."""
    counts: dict[Problem, int] = {}
    result = []
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
        if counts[problem] > 1:
            problem = replace(problem, got=f"{problem.got}（本行第 {counts[problem]} 处）")
        result.append(problem)
    return result


def allowlist_problems(source: Source, html: str) -> list[Problem]:
    """The findings of a page's rendered HTML as problems at the Markdown line they came from, each of them."""
    after: dict[str, int] = {}
    return numbered(
        [
            Problem(
                source.path,
                _line(source, finding.needles, after),
                finding.rule,
                finding.expected,
                finding.got,
                finding.advice,
            )
            for finding in html_findings(html)
        ]
    )
