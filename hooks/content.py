"""The content model of this build: every source of docs/ read and checked once, for every other hook.

Listed first under `hooks:` in mkdocs.yml. It replaces the model at the start of each build (on_files), so
nothing of one `mkdocs serve` rebuild leaks into the next.

It is also the gate between the build host and the site (studysite.core.hostfiles, the rule `make check` applies
too): a symbolic link under docs/ stops the build before MkDocs walks docs/ (its walk follows links into
folders), and in on_files every other file the rule refuses (a FIFO, a file over its size limit) leaves
`files` before anything reads or copies it, and is reported with every other problem.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.exceptions import PluginError

from studysite.build.edition import edition_from
from studysite.build.state import attach, make_build
from studysite.core.hostfiles import before_walk
from studysite.core.problems import report
from studysite.core.sources import UTF8, read_source, unparsed_front_matter
from studysite.model.measures import reference_date
from studysite.rules.statics import refused_files

PDF_VARIABLE = "STUDYSITE_PDF"


def pdf_wanted() -> bool:
    return os.environ.get(PDF_VARIABLE) == "1"


def on_pre_build(config):
    problems = before_walk(config)  # the same list `make check` stops with
    if problems:
        raise PluginError(report(problems))


def on_files(files, config):
    today, problems = reference_date(os.environ, date.today())
    sources, others = [], []
    for file, refused in refused_files(config, files):
        files.remove(file)  # never read, never copied into site/; the build stops on the problem (guards)
        problems.append(refused)
    for file in files:
        if file.generated_by is not None:
            continue
        if file.is_documentation_page():
            source = read_source(file.src_uri, file.content_bytes)
            if source.encoding != UTF8 or source.text_for_mkdocs is not source.text:
                # MkDocs reads what the checks read (no BOM, no GBK crash), and refused front matter blanked
                file.content_string = source.text_for_mkdocs
            sources.append(source)
        else:
            others.append(file.src_uri)
    problems += unparsed_front_matter(sources)
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
