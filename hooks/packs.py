"""Study packs: a page per pack, the packs index, and with STUDYSITE_PDF=1 (make build, make pdf) each pack's
PDF and Word document."""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path

import markdown as markdown_module
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import PACK_INDEX
from studysite.office.filecache import project_cache
from studysite.office.packrun import print_packs
from studysite.office.printing import PrintPage
from studysite.render.packpages import pack_page, too_big, whole_buttons, with_pack_files, with_pdf_pages

_PRIORITY = priority("packs")
log = logging.getLogger("mkdocs.hooks.packs")
notice_log = logging.getLogger("mkdocs.hooks.notices")  # said to the clerk; not a warning that stops --strict


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    files.append(File.generated(config, PACK_INDEX, content=build.generated[PACK_INDEX]))
    if build.pdf:
        for pack in build.site.packs:
            # Placeholders now, so links to them are checked; on_env fills in the bytes (and drops the whole
            # file of a pack in parts that is too big to print as one).
            for name in (pack.pdf, pack.docx, *(made for part in pack.parts for made in (part.pdf, part.docx))):
                files.append(File.generated(config, name, content=b""))
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


def _said(pack, page, files, run) -> str:
    """What stands at a pack-in-parts' mark on a page: its whole file's links, or why there is none."""
    if not run.wholes[pack.src_uri]:
        return "不合订" if page.file.src_uri == PACK_INDEX else too_big(run.totals[pack.src_uri], len(pack.parts))
    pdf, docx = (files.get_file_from_path(name).url_relative_to(page.file) for name in (pack.pdf, pack.docx))
    if page.file.src_uri == PACK_INDEX:
        return f'<a href="{html.escape(pdf, quote=True)}">PDF</a> · <a href="{html.escape(docx, quote=True)}">Word</a>'
    return whole_buttons(pdf, docx)


@event_priority(_PRIORITY)
def on_env(env, config, files):
    build = build_of(config)
    if not build.pdf:
        return env
    docs = Path(config.docs_dir)
    # The dates hook has read each page's last commit by now (all on_files ran before on_env).
    changed = dict(build.rendering.page_dates)
    pages: dict[str, PrintPage] = {}
    intros: dict[str, str] = {}
    for pack in build.site.packs:
        for src_uri in pack.pages:
            if src_uri not in pages:
                page = files.get_file_from_path(src_uri).page
                # Paper carries the page's own heading, not the shorter label the nav may give it (会议报告).
                title = next((item.title for item in page.toc if item.level == 1), page.title)
                pages[src_uri] = PrintPage(src_uri, title, page.content, _base(docs, page))
        # The pack's own text under its title, rendered as MkDocs renders pages.
        intro = markdown_module.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        intros[pack.src_uri] = intro.convert(pack.intro)
    # Characters no font can print stopped the build with the other problems (checks.glyph_problems).
    started = time.perf_counter()
    cache = project_cache(Path(config.config_file_path).parent)
    run = print_packs(build.site.packs, pages, intros, changed, cache)
    for name, data in run.files.items():
        files.get_file_from_path(name).content_bytes = data
    for pack in build.site.packs:
        if pack.parts and not run.wholes[pack.src_uri]:
            for name in (pack.pdf, pack.docx):
                files.remove(files.get_file_from_path(name))
    for src_uri, made in run.made:
        how = "（取自 .cache/）" if made.reused else ""
        log.info(
            "材料包 %s：PDF %d 字节，%.2f 秒；Word %d 字节，%.2f 秒%s",
            src_uri,
            len(made.pdf),
            made.seconds[0],
            len(made.docx),
            made.seconds[1],
            how,
        )
    reused = sum(made.reused for _, made in run.made)
    log.info(
        "材料包：%d 份 PDF 和 Word，%d 份取自 .cache/，用时 %.1f 秒",
        len(run.made),
        reused,
        time.perf_counter() - started,
    )
    for line in run.reminders:
        notice_log.info(line)
    for src_uri in (PACK_INDEX, *(pack.src_uri for pack in build.site.packs)):  # pages that name PDF pages
        page = files.get_file_from_path(src_uri).page
        said = {one.src_uri: _said(one, page, files, run) for one in build.site.packs if one.parts}
        page.content = with_pack_files(with_pdf_pages(page.content, run.counts), said)
    cache.prune()
    return env
