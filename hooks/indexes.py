"""The compilation: its generated indexes (and their group pages), a tidy header on every entry page, and the
home page's newest entries."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import COMPILATION_PAGES
from studysite.render.compilation import entry_page, with_newest
from studysite.render.md import stash_tables, unstash_tables

_PRIORITY = priority("indexes")
HOME = "index.md"


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    for src_uri in (*COMPILATION_PAGES, *build.site.listings.group_pages):
        files.append(File.generated(config, src_uri, content=build.generated[src_uri]))
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    site = build_of(config).site
    if page.file.generated_by is not None:
        if page.file.src_uri in COMPILATION_PAGES or page.file.src_uri in site.listings.group_pages:
            markdown, tables = stash_tables(markdown)  # thousands of rows skip Markdown's HTML parsing
            build_of(config).rendering.stash_tables(page.file.src_uri, tables)
        return markdown
    if page.file.src_uri == HOME:
        return with_newest(markdown, site.listings, HOME)
    entry = site.catalogue.by_uri.get(page.file.src_uri)
    if entry is None:  # not an entry, or one whose problems the guards report
        return markdown
    return entry_page(entry, markdown, site.internal(entry.src_uri), site.listings)


@event_priority(_PRIORITY)
def on_page_content(html, page, config, files):
    return unstash_tables(html, build_of(config).rendering.tables(page.file.src_uri))
