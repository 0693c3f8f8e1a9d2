"""Study packs: validated page lists, a page per pack, and with STUDYSITE_PDF=1 (make build, make pdf) the PDFs."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from studysite.entries import is_entry_path, load_catalogue
from studysite.lint import has_internal_mark
from studysite.packs import PACK_INDEX, is_pack_path, load_packs, pack_page, packs_index, page_levels, source_title
from studysite.printing import PrintPage, glyph_problems, render_pdf
from studysite.problems import hand_written_copies, report

PDF_VARIABLE = "STUDYSITE_PDF"


def _pdf_wanted() -> bool:
    return os.environ.get(PDF_VARIABLE) == "1"


def _packs(files, config):
    pages = [file for file in files.documentation_pages()]
    pack_files = [(f"docs/{f.src_uri}", f.src_uri, f.content_string) for f in pages if is_pack_path(f.src_uri)]
    # Reading every entry costs time at thousands of pages: only when a pack can hold entries.
    wants_entries = any(
        re.search(r"^\s*-\s*(speeches|notices|compilation/contents)", text, re.M) for *_, text in pack_files
    )
    entries = [
        (f"docs/{f.src_uri}", f.src_uri, f.content_string) for f in pages if wants_entries and is_entry_path(f.src_uri)
    ]
    catalogue, _ = load_catalogue(entries, tuple(config.extra.get("topics", ())))  # guards stopped bad entries
    internal = {f.src_uri for f in pages if f.generated_by is None and has_internal_mark(f.content_string)}
    existing = {f.src_uri for f in pages} | {PACK_INDEX}
    return load_packs(pack_files, existing, catalogue, page_levels(catalogue, internal))


def on_files(files, config):
    packs, problems = _packs(files, config)
    problems += hand_written_copies([PACK_INDEX], lambda src_uri: files.get_file_from_path(src_uri) is not None)
    if problems:
        raise PluginError(report(problems))
    files.append(File.generated(config, PACK_INDEX, content=packs_index(packs, _pdf_wanted())))
    if _pdf_wanted():
        for pack in packs:
            # A placeholder now, so links to the PDF are checked; on_env fills in the bytes.
            files.append(File.generated(config, pack.pdf, content=b""))
    return files


def on_page_markdown(markdown, page, config, files):
    if not is_pack_path(page.file.src_uri) or page.file.generated_by is not None:
        return markdown
    packs, _ = _packs(files, config)
    pack = next(p for p in packs if p.src_uri == page.file.src_uri)
    # Other pages are not rendered yet: their titles come from their sources, as MkDocs will take them.
    titles = {src: source_title(files.get_file_from_path(src).content_string) or src for src in pack.pages}
    return markdown.rstrip("\n") + "\n\n" + pack_page(pack, titles, _pdf_wanted())


def on_env(env, config, files):
    if not _pdf_wanted():
        return env
    packs, _ = _packs(files, config)
    docs = Path(config.docs_dir)
    problems = []
    for pack in packs:
        pages = []
        for src_uri in pack.pages:
            page = files.get_file_from_path(src_uri).page
            pages.append(PrintPage(src_uri, page.title, page.content, (docs / page.url).as_uri().rstrip("/") + "/"))
        problems += glyph_problems(pack, pages)
        if not problems:
            files.get_file_from_path(pack.pdf).content_bytes = render_pdf(pack, pages)
    if problems:
        raise PluginError(report(problems))
    return env
