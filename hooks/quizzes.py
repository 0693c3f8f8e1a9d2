"""Self-tests: each quiz page becomes a form, the quizzes get their index, and with STUDYSITE_PDF=1 (make build,
make pdf) each quiz its 试题 and 答案 sheets as PDF and Word files."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import QUIZ_INDEX, QUIZ_SHEETS, sheet_of
from studysite.model.packs import DEFAULT_LEVEL
from studysite.office.filecache import project_cache
from studysite.render.quizpage import quiz_html, with_quiz

_PRIORITY = priority("quizzes")
log = logging.getLogger("mkdocs.hooks.quizzes")


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    files.append(File.generated(config, QUIZ_INDEX, content=build.generated[QUIZ_INDEX]))
    if build.pdf:
        for quiz in build.site.quizzes:
            for sheet, _ in QUIZ_SHEETS:
                for extension in ("pdf", "docx"):  # placeholders now, so links to them are checked; on_env fills them
                    files.append(File.generated(config, sheet_of(quiz.src_uri, sheet, extension), content=b""))
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is None and build_of(config).site.quiz(page.file.src_uri) is not None:
        # The stems are the page's ## headings in the source, not on the page: no contents list of them.
        page.meta["hide"] = sorted({*(page.meta.get("hide") or []), "toc"})
    return markdown


@event_priority(_PRIORITY)
def on_page_content(html, page, config, files):
    # After the guards judged the clerk's own rendering: the quiz replaces it from the parsed model, escaped.
    build = build_of(config)
    quiz = build.site.quiz(page.file.src_uri) if page.file.generated_by is None else None
    if quiz is None:
        return html
    return with_quiz(html, quiz_html(quiz, config.use_directory_urls, build.pdf))


@event_priority(_PRIORITY)
def on_env(env, config, files):
    build = build_of(config)
    if not build.pdf:
        return env
    from studysite.office.quizsheets import sheet_files  # WeasyPrint and python-docx: only builds that print

    changed = build.rendering.page_dates
    cache = project_cache(Path(config.config_file_path).parent)
    for quiz in build.site.quizzes:
        started = time.perf_counter()
        level = build.site.levels.get(quiz.src_uri, DEFAULT_LEVEL)  # 内部 when it quotes 内部 material
        for name, data in sheet_files(quiz, changed.get(quiz.src_uri), level, cache).items():
            files.get_file_from_path(name).content_bytes = data
        log.info("自测题 %s：试题和答案 PDF、Word，%.2f 秒", quiz.src_uri, time.perf_counter() - started)
    return env
