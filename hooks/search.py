"""Chinese search that finds and counts every match and loads in pieces: our index, Material's search box,
and the 检索 page with filters.

Material's own Lunr index is kept empty (it would put every page into one file every reader downloads);
the header search talks to assets/search/header.js, which answers in the page through Material's worker
protocol from the index this hook writes to search/. The 检索 page (find/) is generated here too.

For an edition opened from file:// (no fetch there: make offline, STUDYSITE_SEARCH_SCRIPTS=1, or Material's
offline plugin) the index is also written as small scripts that the reader loads with <script> tags. Listed
before hooks/edition.py, whose on_post_build removes what only a server needs (search_index.json is read here
first).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File

from studysite.edition import edition_from
from studysite.findpage import KINDS, facet_orders, facts_of
from studysite.pages import FIND_PAGE
from studysite.searchindex import Document, build, sections_of
from studysite.state import build_of

SCRIPTS_VARIABLE = "STUDYSITE_SEARCH_SCRIPTS"


def scripts_wanted(config) -> bool:
    """The index as scripts too: for the offline edition (make offline), Material's offline plugin, or when asked."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if os.environ.get(SCRIPTS_VARIABLE) == "1" or bool(offline and offline.config.enabled):
        return True
    return edition_from(os.environ)[0].offline


def on_files(files, config):
    files.append(File.generated(config, FIND_PAGE, content=build_of(files).generated[FIND_PAGE]))
    return files


def on_page_markdown(markdown, page, config, files):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_env(env, config, files):
    site = build_of(files).site
    documents = [
        Document(
            file.page.url,
            file.page.title or file.page.url,
            sections_of(file.page.content),
            facts_of(file.src_uri, site.catalogue),
        )
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None and file.src_uri != FIND_PAGE
    ]
    index = build(
        documents,
        files.get_file_from_path(FIND_PAGE).url,
        facet_orders(site.catalogue),
        {"type": KINDS},
        scripts_wanted(config),
    )
    for path, content in index.items():
        files.append(File.generated(config, f"search/{path}", content=content))
    return env


def on_post_build(config):
    # Material highlights the words on the page a result opens with its own index's settings; from file://
    # it reads them from search_index.js (as its offline plugin writes it), not from search_index.json.
    folder = Path(config.site_dir, "search")
    if scripts_wanted(config) and (folder / "search_index.json").is_file():
        data = (folder / "search_index.json").read_text(encoding="utf-8")
        (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
