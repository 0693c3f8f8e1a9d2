"""Every page readable by a screen reader: task-list boxes say their item and its state, table headers their column."""

from __future__ import annotations

from studysite.render.access import accessible


def on_page_content(html, page, config, files):
    return accessible(html)
