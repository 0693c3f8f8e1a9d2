"""Each page shows when it last changed, from git history, in Material's own page footer (source-file)."""

from __future__ import annotations

from pathlib import Path

from studysite.model.history import last_changed, updated_label


def on_files(files, config):
    dates = last_changed(Path(config.docs_dir))
    for file in files.documentation_pages():
        # File objects are made anew for every build, so the date travels with the file, not the module.
        file.last_changed = dates.get(file.src_uri)
    return files


def on_page_markdown(markdown, page, config, files):
    changed = getattr(page.file, "last_changed", None)
    if changed is not None:
        page.meta["revision_date"] = updated_label(changed)
        page.update_date = changed.isoformat()
    return markdown
