"""Every page readable by a screen reader: task-list boxes say their item and its state, table headers their column."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from studysite.build.order import priority
from studysite.render.access import accessible

_PRIORITY = priority("a11y")


@event_priority(_PRIORITY)
def on_page_content(html, page, config, files):
    return accessible(html)
