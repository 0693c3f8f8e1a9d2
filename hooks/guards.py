"""Content checks in the build: every page's contract, security and typography, then what rendering reveals.

The checks are the ones `make check` runs (studysite.checks), over the same files, so a clean `make check`
means a clean build and a failing one names the same lines.
"""

from __future__ import annotations

import logging
import os
from datetime import date

from mkdocs.exceptions import PluginError

from studysite.catalogue import with_internal_banner
from studysite.checks import Page, check_pages
from studysite.entries import is_entry_path
from studysite.lint import has_internal_mark
from studysite.measures import reference_date
from studysite.problems import Problem, report
from studysite.reachability import orphan_problems
from studysite.resources import external_resource_problems, is_external, scan

# Only loggers named mkdocs.* count toward --strict.
typography_log = logging.getLogger("mkdocs.hooks.typography")
notice_log = logging.getLogger("mkdocs.hooks.notices")


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


def on_files(files, config):
    today, problems = reference_date(os.environ, date.today())
    pages = [
        Page(f"docs/{file.src_uri}", file.src_uri, file.content_string)
        for file in files.documentation_pages()
        if file.generated_by is None
    ]
    checked = check_pages(pages, tuple(config.extra.get("topics", ())), today)
    for finding in checked.notices:
        notice_log.info(str(finding))
    for finding in checked.typography:
        typography_log.warning(f"{finding}（make fix 可自动修正）")
    if problems or checked.stopping:
        raise PluginError(report(problems + checked.stopping))
    return files


def on_page_markdown(markdown, page, config, files):
    # Entries get their banner with their header (hooks/indexes.py); other pages get it here.
    if is_entry_path(page.file.src_uri) or not has_internal_mark(markdown):
        return markdown
    return with_internal_banner(markdown)


def on_env(env, config, files):
    # Every page's Markdown is rendered before on_env, so all pages are checked and reported together.
    rendered = {
        file.src_uri: file
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    }
    problems = []
    links = {}
    for src_uri, file in rendered.items():
        loaded, hrefs = scan(file.page.content)
        problems += external_resource_problems(f"docs/{src_uri}", file.content_string, loaded)
        links[src_uri] = (file.page.url, hrefs)
    if config.nav is not None:  # without a nav in mkdocs.yml every page is in the generated nav
        problems += orphan_problems(links, config.nav)
    if problems:
        raise PluginError(report(problems))
    return env
