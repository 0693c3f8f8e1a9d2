"""Measures that track themselves: checklists on measure pages, the ledger, its CSV and the problem map;
with STUDYSITE_PDF=1 (make build, make pdf) the ledger's Excel workbook too."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import LEDGER_XLSX, MEASURE_FILES, MEASURE_PAGES, PROBLEM_PAGE
from studysite.office.filecache import project_cache
from studysite.office.workbook import cached_ledger_workbook
from studysite.render.ledger import checklist, with_problem_links

_PRIORITY = priority("checklists")
log = logging.getLogger("mkdocs.hooks.checklists")


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    history = build.history
    if history is not None and not history.available:
        log.info("整改进展：%s，台账不显示进展。", history.missing)  # the one line a tarball's build says of it
    elif history is not None and history.skipped:
        log.info("整改进展：%d 个历史版本的措施文件无法读取，已跳过。", history.skipped)
    for src_uri in (*MEASURE_PAGES, *MEASURE_FILES):
        files.append(File.generated(config, src_uri, content=build.generated[src_uri]))
    if build.pdf:
        started = time.perf_counter()
        cache = project_cache(Path(config.config_file_path).parent)
        workbook, reused = cached_ledger_workbook(build.site.plan, history, cache)
        files.append(File.generated(config, LEDGER_XLSX, content=workbook))
        how = "（取自 .cache/）" if reused else ""
        log.info(
            "整改台账工作簿 %s：%d 字节，%.2f 秒%s", LEDGER_XLSX, len(workbook), time.perf_counter() - started, how
        )
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is not None:
        return markdown
    plan = build_of(config).site.plan
    if page.file.src_uri == PROBLEM_PAGE:
        return with_problem_links(markdown, plan)
    measure = plan.by_uri.get(page.file.src_uri)
    return markdown.rstrip("\n") + "\n\n" + checklist(measure, plan) if measure else markdown
