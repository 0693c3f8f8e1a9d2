"""The compilation: check every entry's front matter, generate the indexes, give entries a tidy header."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from studysite.catalogue import GENERATED_PAGES, entry_page, generated_pages
from studysite.entries import is_entry_path, load_catalogue, parse_entry
from studysite.problems import hand_written_copies, report


def _topics(config) -> tuple[str, ...]:
    return tuple(config.extra.get("topics", ()))


def on_files(files, config):
    entry_files = [
        (f"docs/{file.src_uri}", file.src_uri, file.content_string)
        for file in files.documentation_pages()
        if is_entry_path(file.src_uri)
    ]
    catalogue, problems = load_catalogue(entry_files, _topics(config))
    pages = generated_pages(catalogue)
    problems += hand_written_copies(GENERATED_PAGES, lambda src_uri: files.get_file_from_path(src_uri) is not None)
    if problems:
        raise PluginError(report(problems))
    for src_uri, markdown in pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by or not is_entry_path(page.file.src_uri):
        return markdown
    # on_files stopped the build on any invalid entry, so this parse succeeds.
    entry, _ = parse_entry(f"docs/{page.file.src_uri}", page.file.src_uri, page.file.content_string, _topics(config))
    return entry_page(entry, markdown)
