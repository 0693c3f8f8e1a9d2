"""What a screen reader needs that Markdown does not write: task-list boxes labelled with their item and its
state, and table headers bound to their columns; and what a keyboard needs: heading anchors (¶) out of the Tab
order, a stop each before every heading that only copies an address (still links for a mouse and a screen reader).

Works on the HTML MkDocs rendered (hooks/a11y.py, on_page_content). Only attributes are added, so every other
byte of the page stays as Markdown wrote it: in task lists at the offsets the standard library's parser reports,
in table heads (Markdown writes them plainly, and index pages have thousands of rows to skip) by pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

# A task item may name its own state (the measures' 状态 field) in an element of this class; other task
# items are 已完成 when their box is ticked, 未完成 when not.
TASK_STATE_CLASS = "task-state"
BOX_CHECKED, BOX_UNCHECKED = "已完成", "未完成"  # what a screen reader says for a task-list box
_LABELLED = ("aria-label", "aria-labelledby", "id")  # a box with one of these has its label already
_FIRST_LINE_ENDS = ("br", "p", "ul", "ol", "div", "li")
_SPACE = re.compile(r"\s+")
_THEAD = re.compile(r"<thead\b.*?</thead>", re.DOTALL | re.IGNORECASE)
_UNSCOPED_TH = re.compile(r"<th\b(?![^>]*\sscope=)([^>]*?)(\s*/?)>", re.IGNORECASE)
# The toc extension's permalink (mkdocs.yml, toc: permalink): one per heading, always written this way.
_HEADERLINK = '<a class="headerlink" href='
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@dataclass
class _TaskItem:
    is_task: bool
    box: tuple[int, str] | None = None  # offset and text of the <input> start tag to label
    checked: bool = False
    first_line: list[str] = field(default_factory=list)
    state: list[str] = field(default_factory=list)
    in_first_line: bool = False
    state_depth: int = 0  # > 0 while inside the element that names the state


def task_label(first_line: str, state: str) -> str:
    """What a screen reader says for a box: the item, then its state (M1-1 落实……：正在整改)."""
    return f"{_SPACE.sub(' ', first_line).strip()}：{_SPACE.sub(' ', state).strip()}"


def _unlabelled_checkbox(attributes: dict[str, str | None]) -> bool:
    return (attributes.get("type") or "").lower() == "checkbox" and not any(a in attributes for a in _LABELLED)


class _Reader(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.items: list[_TaskItem] = []
        self.insertions: list[tuple[int, str]] = []  # (offset just before the tag's closing > or />, text)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _insert_attribute(self, tag_offset: int, tag_text: str, attribute: str) -> None:
        end = tag_offset + len(tag_text) - (2 if tag_text.endswith("/>") else 1)
        self.insertions.append((end, f" {attribute}"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        item = self.items[-1] if self.items else None
        if item and item.in_first_line and tag in _FIRST_LINE_ENDS:
            item.in_first_line = False
        if tag == "li":
            self.items.append(_TaskItem("task-list-item" in classes))
        elif tag == "input" and item and item.is_task and item.box is None and _unlabelled_checkbox(attributes):
            item.box = (self._offset(), self.get_starttag_text() or "")
            item.checked = "checked" in attributes
            item.in_first_line = True
        if item and item.state_depth:
            item.state_depth += tag not in _VOID
        elif item and item.box and TASK_STATE_CLASS in classes:
            item.state_depth = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # void elements (<br />, <input/>) have no end tag to wait for

    def handle_endtag(self, tag: str) -> None:
        item = self.items[-1] if self.items else None
        if item and item.state_depth:
            item.state_depth -= 1
        if item and item.in_first_line and tag in _FIRST_LINE_ENDS:
            item.in_first_line = False
        if tag == "li" and item:
            self.items.pop()
            if item.box:
                state = "".join(item.state) or (BOX_CHECKED if item.checked else BOX_UNCHECKED)
                label = task_label("".join(item.first_line), state)
                self._insert_attribute(*item.box, f'aria-label="{escape(label)}"')

    def handle_data(self, data: str) -> None:
        item = self.items[-1] if self.items else None
        if item is None:
            return
        if item.in_first_line:
            item.first_line.append(data)
        if item.state_depth:
            item.state.append(data)


def _scoped(thead: re.Match) -> str:
    return _UNSCOPED_TH.sub(lambda th: f'<th{th.group(1)} scope="col"{th.group(2)}>', thead.group())


def accessible(html: str) -> str:
    """The page with every task-list box labelled, every column header scoped and every heading anchor out of the
    Tab order; nothing else changed."""
    html = html.replace(_HEADERLINK, '<a class="headerlink" tabindex="-1" href=')
    if "<thead" in html:
        html = _THEAD.sub(_scoped, html)
    if "task-list-item" not in html:
        return html
    reader = _Reader(html)
    reader.feed(html)
    reader.close()
    for offset, text in sorted(reader.insertions, reverse=True):
        html = html[:offset] + text + html[offset:]
    return html
