"""Each page shows when it last changed, from git history, in Material's own page footer (source-file)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.model.history import last_changed, updated_label

_PRIORITY = priority("dates")


@event_priority(_PRIORITY)
def on_files(files, config):
    build_of(config).rendering.page_dates = last_changed(Path(config.docs_dir))
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    changed = build_of(config).rendering.page_dates.get(page.file.src_uri)
    if changed is not None:
        page.meta["revision_date"] = updated_label(changed)
        page.update_date = changed.isoformat()
    return markdown
