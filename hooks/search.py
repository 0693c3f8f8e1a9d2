"""Chinese search that finds every word and loads in pieces: our index, Material's search box.

Material's own Lunr index is kept empty (it would put every page into one file every reader downloads);
the header search talks to assets/search/worker.js, which reads the index this hook writes to search/.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from studysite.searchindex import Document, build, sections_of


def on_page_markdown(markdown, page, config, files):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_env(env, config, files):
    documents = [
        Document(file.page.url, file.page.title or file.page.url, sections_of(file.page.content))
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    ]
    for path, content in build(documents).items():
        files.append(File.generated(config, f"search/{path}", content=content))
    return env
