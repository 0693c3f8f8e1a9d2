"""Study packs: a page per pack, the packs index, and with STUDYSITE_PDF=1 (make build, make pdf) each pack's
PDF and Word document."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import markdown as markdown_module
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import PACK_INDEX
from studysite.office.printing import PrintedPack, PrintPage, printed_date, render_pdf
from studysite.render.packpages import pack_page, with_pdf_pages

_PRIORITY = priority("packs")
log = logging.getLogger("mkdocs.hooks.packs")


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    files.append(File.generated(config, PACK_INDEX, content=build.generated[PACK_INDEX]))
    if build.pdf:
        for pack in build.site.packs:
            # Placeholders now, so links to them are checked; on_env fills in the bytes.
            files.append(File.generated(config, pack.pdf, content=b""))
            files.append(File.generated(config, pack.docx, content=b""))
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    build = build_of(config)
    pack = build.site.pack(page.file.src_uri) if page.file.generated_by is None else None
    if pack is None:
        return markdown
    titles = {src_uri: build.site.title(src_uri) for src_uri in pack.pages}
    return markdown.rstrip("\n") + "\n\n" + pack_page(pack, titles, build.pdf)


def _base(docs: Path, page) -> str:
    """The file:// URL a page's relative links resolve against: a folder (m1/) or, offline, a file (m1.html)."""
    return (docs / page.url).as_uri() + ("/" if page.url.endswith("/") or not page.url else "")


@event_priority(_PRIORITY)
def on_env(env, config, files):
    build = build_of(config)
    if not build.pdf:
        return env
    from studysite.office.wordpack import word_pack  # python-docx: loaded only by builds that make the packs' files

    docs = Path(config.docs_dir)
    # The dates hook has read each page's last commit by now (all on_files ran before on_env).
    changed = dict(build.rendering.page_dates)
    counts: dict[str, int] = {}
    for pack in build.site.packs:
        pages = []
        for src_uri in pack.pages:
            page = files.get_file_from_path(src_uri).page
            # Paper carries the page's own heading, not the shorter label the nav may give it (会议报告).
            title = next((item.title for item in page.toc if item.level == 1), page.title)
            pages.append(PrintPage(src_uri, title, page.content, _base(docs, page)))
        # The pack's own text under its title, rendered as MkDocs renders pages.
        intro = markdown_module.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        pack_page_file = files.get_file_from_path(pack.src_uri)
        intro_page = PrintPage(pack.src_uri, pack.title, intro.convert(pack.intro), _base(docs, pack_page_file.page))
        # Characters no font can print stopped the build with the other problems (checks.glyph_problems).
        printed = PrintedPack(pack, pages, intro_page.content, printed_date(pack, changed))
        started = time.perf_counter()
        pdf, numbers, counts[pack.src_uri] = render_pdf(printed)
        middle = time.perf_counter()
        word = word_pack(printed, numbers)
        files.get_file_from_path(pack.pdf).content_bytes = pdf
        files.get_file_from_path(pack.docx).content_bytes = word
        log.info(
            "材料包 %s：PDF %d 字节，%.2f 秒；Word %d 字节，%.2f 秒",
            pack.src_uri,
            len(pdf),
            middle - started,
            len(word),
            time.perf_counter() - middle,
        )
    for src_uri in (PACK_INDEX, *counts):  # the pages that name a PDF's page count
        page = files.get_file_from_path(src_uri).page
        page.content = with_pdf_pages(page.content, counts)
    return env
