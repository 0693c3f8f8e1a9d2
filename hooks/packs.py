"""Study packs: a page per pack, the packs index, and with STUDYSITE_PDF=1 (make build, make pdf) the PDFs."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from studysite.packpages import pack_page, with_pdf_pages
from studysite.pages import PACK_INDEX
from studysite.printing import PrintPage, glyph_problems, render_pdf
from studysite.problems import report
from studysite.state import build_of


def on_files(files, config):
    build = build_of(files)
    files.append(File.generated(config, PACK_INDEX, content=build.generated[PACK_INDEX]))
    if build.pdf:
        for pack in build.site.packs:
            # A placeholder now, so links to the PDF are checked; on_env fills in the bytes.
            files.append(File.generated(config, pack.pdf, content=b""))
    return files


def on_page_markdown(markdown, page, config, files):
    build = build_of(files)
    pack = build.site.pack(page.file.src_uri) if page.file.generated_by is None else None
    if pack is None:
        return markdown
    titles = {src_uri: build.site.title(src_uri) for src_uri in pack.pages}
    return markdown.rstrip("\n") + "\n\n" + pack_page(pack, titles, build.pdf)


def on_env(env, config, files):
    build = build_of(files)
    if not build.pdf:
        return env
    docs = Path(config.docs_dir)
    problems = []
    counts: dict[str, int] = {}
    for pack in build.site.packs:
        pages = []
        for src_uri in pack.pages:
            page = files.get_file_from_path(src_uri).page
            # Paper carries the page's own heading, not the shorter label the nav may give it (会议报告).
            title = next((item.title for item in page.toc if item.level == 1), page.title)
            pages.append(PrintPage(src_uri, title, page.content, (docs / page.url).as_uri().rstrip("/") + "/"))
        problems += glyph_problems(pack, pages)
        if not problems:
            files.get_file_from_path(pack.pdf).content_bytes, counts[pack.src_uri] = render_pdf(pack, pages)
    if problems:
        raise PluginError(report(problems))
    for src_uri in (PACK_INDEX, *counts):  # the pages that name a PDF's page count
        page = files.get_file_from_path(src_uri).page
        page.content = with_pdf_pages(page.content, counts)
    return env
