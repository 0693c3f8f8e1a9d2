"""The compilation: its generated indexes and contents, and a tidy header on every entry page."""

from __future__ import annotations

from mkdocs.structure.files import File

from studysite.catalogue import entry_page
from studysite.pages import COMPILATION_PAGES
from studysite.state import build_of


def on_files(files, config):
    generated = build_of(files).generated
    for src_uri in COMPILATION_PAGES:
        files.append(File.generated(config, src_uri, content=generated[src_uri]))
    return files


def on_page_markdown(markdown, page, config, files):
    site = build_of(files).site
    entry = site.catalogue.by_uri.get(page.file.src_uri) if page.file.generated_by is None else None
    if entry is None:  # not an entry, or one whose problems the guards report
        return markdown
    return entry_page(entry, markdown, site.internal(entry.src_uri))
