"""Measures that track themselves: checklists on measure pages, the ledger, its CSV and the problem map."""

from __future__ import annotations

import os
from datetime import date

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from studysite.ledger import (
    GENERATED,
    LEDGER_CSV,
    LEDGER_PAGE,
    MAPPING_PAGE,
    checklist,
    ledger_csv,
    ledger_page,
    mapping_page,
    with_problem_links,
)
from studysite.measures import PROBLEM_PAGE, is_measure_path, load_plan, reference_date
from studysite.problems import hand_written_copies, report


def _plan(files):
    """The plan from the measure files and the problem list; every problem of both, with the day 逾期 uses."""
    today, problems = reference_date(os.environ, date.today())
    measure_files = [
        (f"docs/{file.src_uri}", file.src_uri, file.content_string)
        for file in files.documentation_pages()
        if is_measure_path(file.src_uri) and file.generated_by is None
    ]
    problem_list = files.get_file_from_path(PROBLEM_PAGE)
    plan, found = load_plan(measure_files, problem_list.content_string if problem_list else "", today)
    return plan, problems + found


def on_files(files, config):
    plan, problems = _plan(files)
    problems += hand_written_copies(GENERATED, lambda src_uri: files.get_file_from_path(src_uri) is not None)
    if problems:
        raise PluginError(report(problems))
    for src_uri, content in (
        (LEDGER_PAGE, ledger_page(plan)),
        (MAPPING_PAGE, mapping_page(plan)),
        (LEDGER_CSV, ledger_csv(plan)),
    ):
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    src_uri = page.file.src_uri
    if page.file.generated_by is not None or not (is_measure_path(src_uri) or src_uri == PROBLEM_PAGE):
        return markdown
    plan, _ = _plan(files)  # on_files stopped the build on any problem
    if src_uri == PROBLEM_PAGE:
        return with_problem_links(markdown, plan)
    measure = next(m for m in plan.measures if m.src_uri == src_uri)
    return markdown.rstrip("\n") + "\n\n" + checklist(measure, plan)
