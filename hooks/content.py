"""The content model of this build: every source of docs/ read and checked once, for every other hook.

Listed first under `hooks:` in mkdocs.yml. It replaces the model at the start of each build (on_files), so
nothing of one `mkdocs serve` rebuild leaks into the next.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

from studysite.edition import edition_from
from studysite.measures import reference_date
from studysite.sources import UTF8, read_source
from studysite.state import attach, make_build

PDF_VARIABLE = "STUDYSITE_PDF"


def pdf_wanted() -> bool:
    return os.environ.get(PDF_VARIABLE) == "1"


def on_files(files, config):
    today, problems = reference_date(os.environ, date.today())
    sources, others = [], []
    for file in files:
        if file.generated_by is not None:
            continue
        if file.is_documentation_page():
            source = read_source(file.src_uri, file.content_bytes)
            if source.encoding != UTF8:
                file.content_string = source.text  # MkDocs reads what the checks read (no BOM, no GBK crash)
            sources.append(source)
        else:
            others.append(file.src_uri)
    toc = config.mdx_configs.get("toc", {})
    build = make_build(
        sources,
        others,
        tuple(config.extra.get("topics", ())),
        today,
        config.nav,
        toc.get("slugify", default_slugify),
        pdf_wanted(),
        problems,
        edition_from(os.environ)[0],  # hooks/edition.py stops the build on a bad value (on_config)
        lambda src_uri: Path(files.get_file_from_path(src_uri).abs_src_path).read_bytes(),
        directory_urls=config.use_directory_urls,
    )
    attach(files, build)
    return files
