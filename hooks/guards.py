"""Content checks in the build: report what the content model's checks found, then what rendering reveals.

The findings are the ones `make check` prints (studysite.checks over the same model), so a clean `make check`
means a clean build and a failing one names the same lines. Under `mkdocs serve` the problems do not stop
the preview: every page shows them in a box at its top, so a clerk sees them where they look.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from studysite.catalogue import with_internal_banner
from studysite.pages import is_entry_path
from studysite.problems import Problem, report
from studysite.resources import external_resource_problems, is_external, scan
from studysite.serving import problems_banner
from studysite.state import build_of

# Only loggers named mkdocs.* count toward --strict.
typography_log = logging.getLogger("mkdocs.hooks.typography")
notice_log = logging.getLogger("mkdocs.hooks.notices")
problem_log = logging.getLogger("mkdocs.hooks.problems")
_serving = False  # the whole process is one `mkdocs serve`: set once at startup


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    problems = [
        Problem("mkdocs.yml", 1, key, "站内文件", str(url))
        for key in ("extra_css", "extra_javascript")
        for url in config[key]
        if is_external(str(url))
    ]
    if problems:
        raise PluginError(report(problems))
    return config


def _stop(problems: list[Problem]) -> None:
    """Stop the build with every problem; under serve, say them and keep the preview going."""
    if not problems:
        return
    if not _serving:
        raise PluginError(report(problems))
    for problem in sorted(set(problems)):
        problem_log.error(str(problem))


def on_files(files, config):
    checked = build_of(files).report
    for finding in checked.notices:
        notice_log.info(str(finding))
    for finding in checked.typography:
        typography_log.warning(f"{finding}（make fix 可自动修正）")
    _stop(checked.stopping)
    return files


def on_page_markdown(markdown, page, config, files):
    build = build_of(files)
    if _serving and (build.report.stopping or build.report.typography):
        markdown = problems_banner(build.report, page.file.src_uri) + markdown
    # Entries get their banner with their header (hooks/indexes.py); other pages get it here.
    if is_entry_path(page.file.src_uri) or not build.site.internal(page.file.src_uri):
        return markdown
    return with_internal_banner(markdown)


def on_env(env, config, files):
    # Every page's Markdown is rendered before on_env: what it loads is checked on the HTML, all together.
    problems = []
    for file in files.documentation_pages():
        if file.generated_by is None and file.page is not None and file.page.content is not None:
            loaded, _ = scan(file.page.content)
            problems += external_resource_problems(f"docs/{file.src_uri}", file.content_string, loaded)
    _stop(problems)
    return env
