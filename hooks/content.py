"""The content model of this build: every source of docs/ read and checked once, for every other hook.

Runs before every other hook (its events have the highest priority of the site's hooks, studysite.build.order).
It reads the build's settings from the environment once (on_config) and makes the Build from the files MkDocs
found (on_files), so nothing of one `mkdocs serve` rebuild leaks into the next.

It is also the gate between the build host and the site (studysite.core.hostfiles and studysite.rules.statics,
the rules `make check` applies too): a symbolic link under docs/ stops the build before MkDocs walks docs/
(its walk follows links into folders), and in on_files every other file the rules refuse (a FIFO, a file over
its size limit, a script) leaves `files` before anything reads or copies it, and is reported with every other
problem.
"""

from __future__ import annotations

import os
from datetime import date

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite.build.inputs import attach_settings, file_reader, read_inputs, settings_from, settings_of
from studysite.build.order import priority
from studysite.build.state import attach, make_build
from studysite.core.hostfiles import before_walk
from studysite.core.memo import memo_of
from studysite.core.problems import stop_message
from studysite.core.sources import UTF8
from studysite.rules.statics import refused_files

_PRIORITY = priority("content")
# The command this process runs (`mkdocs serve` keeps the preview going on problems): a fact of the process,
# known only at startup, not of one build.
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(_PRIORITY)
def on_config(config):
    settings, problems = settings_from(os.environ, date.today(), _serving)
    if problems:
        raise PluginError(stop_message(problems))
    attach_settings(config, settings)  # for the hooks' on_config, before the Build exists
    return config


@event_priority(_PRIORITY)
def on_pre_build(config):
    problems = before_walk(config)  # the same list `make check` stops with
    if problems:
        raise PluginError(stop_message(problems))


@event_priority(_PRIORITY)
def on_files(files, config):
    refused = refused_files(config, files)
    for file, _ in refused:
        files.remove(file)  # never read, never copied into site/; the build stops on the problem (guards)
    inputs = read_inputs(config, files, settings_of(config), [problem for _, problem in refused])
    for source in inputs.sources:
        if source.encoding != UTF8 or source.text_for_mkdocs is not source.text:
            # MkDocs reads what the checks read (no BOM, no GBK crash), and refused front matter blanked
            files.get_file_from_path(source.src_uri).content_string = source.text_for_mkdocs
    attach(config, make_build(inputs, file_reader(files), memo=memo_of(config)))  # memo: under make serve
    return files
