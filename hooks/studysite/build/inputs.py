"""What one build starts from: its settings (read once from the environment) and its inputs (read once from docs/).

Both the build's first hook (hooks/content.py) and `make check` (scripts/check.py) make the Build from these
two functions, so they read the same files the same way and come to the same verdict. The settings are every
STUDYSITE_* variable the build honours, read once per build here; the hooks ask the Build for them. Each
variable is parsed beside what it means (STUDYSITE_TODAY: model/measures.reference_date, which make new and
make import use too; the edition's: build/edition.edition_from).

MkDocs' objects are taken as they come (config, files, file): nothing here imports MkDocs, so the unit tests
call these functions with plain stand-ins.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

from studysite.build.edition import Edition, edition_from
from studysite.core.memo import call, memo_of
from studysite.core.problems import Problem
from studysite.core.sources import Source, read_source, unparsed_front_matter
from studysite.model.measures import reference_date
from studysite.model.timeline import History, read_history

PDF_VARIABLE = "STUDYSITE_PDF"  # "1": study packs get their PDFs and Word files, the ledger its workbook
SCRIPTS_VARIABLE = "STUDYSITE_SEARCH_SCRIPTS"  # "1": the search index as scripts too (opens from file://)
WORKER_VARIABLE = "STUDYSITE_SEARCH_WORKER"  # "1"/"0": build the index in a second process always/never


@dataclass(frozen=True)
class Settings:
    """What this build is asked to make, from the environment (make build, make offline, the tests)."""

    today: date  # the day 逾期 is computed against (STUDYSITE_TODAY, SOURCE_DATE_EPOCH or today)
    edition: Edition
    pdf: bool = False
    search_scripts: bool = False
    search_worker: bool | None = None  # None: decided by the number of pages and cores
    serving: bool = False  # `mkdocs serve`: problems are shown on the pages, the preview goes on


def settings_from(environ: Mapping[str, str], today: date, serving: bool = False) -> tuple[Settings, list[Problem]]:
    """The settings the environment asks for, and every value that makes no sense (the build stops on them)."""
    day, problems = reference_date(environ, today)
    edition, wrong = edition_from(environ)
    worker = environ.get(WORKER_VARIABLE)
    settings = Settings(
        day,
        edition,
        pdf=environ.get(PDF_VARIABLE) == "1",
        search_scripts=environ.get(SCRIPTS_VARIABLE) == "1",
        search_worker=None if worker not in ("0", "1") else worker == "1",
        serving=serving,
    )
    return settings, [*problems, *wrong]


@dataclass(frozen=True)
class BuildInputs:
    """Everything a Build is made from: the decoded pages, the other files, mkdocs.yml's parts the model reads."""

    settings: Settings
    sources: tuple[Source, ...]
    others: tuple[str, ...]  # the files of docs/ that are not pages (attachments, images), by src_uri
    topics: tuple[str, ...]
    nav: object
    slugify: Callable[[str, str], str] | None  # None: the anchors of headings are not checked
    directory_urls: bool
    problems: tuple[Problem, ...]  # found before the model is made: settings, refused files, front matter
    history: History | None = None  # the measures' git history (None: not read, as in tests of one page)


def read_inputs(config, files: Iterable, settings: Settings, problems: Iterable[Problem] = ()) -> BuildInputs:
    """The build's inputs from the files MkDocs listed (refused files already taken out): each page read and
    decoded once, as the checks read it."""
    sources, others = [], []
    for file in files:
        if file.generated_by is not None:
            continue
        if file.is_documentation_page():
            # Under make serve, an unchanged file is the Source of the previous build (parsed once).
            sources.append(call(memo_of(config), read_source, file.src_uri, file.content_bytes))
        else:
            others.append(file.src_uri)
    toc = config.mdx_configs.get("toc", {})
    return BuildInputs(
        settings,
        tuple(sources),
        tuple(others),
        tuple(config.extra.get("topics", ())),
        config.nav,
        toc.get("slugify", default_slugify),
        config.use_directory_urls,
        (*problems, *unparsed_front_matter(sources)),
        read_history(Path(config.docs_dir), settings.today),
    )


_ATTRIBUTE = "studysite_settings"


def attach_settings(config: object, settings: Settings) -> None:
    """The settings travel with the build's config (MkDocs loads it anew for every build) until the Build exists."""
    setattr(config, _ATTRIBUTE, settings)


def settings_of(config: object) -> Settings:
    return getattr(config, _ATTRIBUTE)


def file_reader(files) -> Callable[[str], bytes]:
    """read_file(src_uri): the bytes of a file of docs/ that is not a page, for the attachment checks."""

    def read_file(src_uri: str) -> bytes:
        with open(os.fspath(files.get_file_from_path(src_uri).abs_src_path), "rb") as handle:
            return handle.read()

    return read_file
