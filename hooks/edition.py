"""The offline edition (make offline): pages that open from a folder, and 内部 material only when asked for.

Listed right after hooks/content.py. The content model of an offline edition without 内部 material is made
without those pages (studysite.edition); here MkDocs is told to leave them out too, links to them become text,
every page says which edition it is, and files only a web server needs are not written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from studysite.edition import INTERNAL_MARK, edition_from, edition_notice, prune_nav, server_only, without_links_to
from studysite.problems import report
from studysite.state import build_of

_URLS = "studysite_withheld_urls"


def on_config(config):
    edition, problems = edition_from(os.environ)
    if problems:
        raise PluginError(report(problems))
    if edition.offline:
        # A folder has no index files: every link must name the page's own .html file.
        config.use_directory_urls = False
        config.extra["edition_notice"] = edition_notice(edition)
        if edition.internal:
            config.site_name = f"{config.site_name}（{INTERNAL_MARK}）"
    return config


def on_files(files, config):
    build = build_of(files)
    if not build.withheld:
        return files
    left_out = [file for file in files if file.src_uri in build.withheld]
    for file in left_out:
        file.inclusion = InclusionLevel.EXCLUDED  # not rendered, not copied, not in the search index
    setattr(files, _URLS, frozenset(file.url for file in left_out))  # with the build, like its state
    config.nav = prune_nav(config.nav, build.withheld)
    return files


def on_page_content(html, page, config, files):
    return without_links_to(html, page.url, getattr(files, _URLS, frozenset()))


def on_post_build(config):
    edition, _ = edition_from(os.environ)
    if not edition.offline:
        return
    site = Path(config.site_dir)
    for path in sorted(site.rglob("*"), reverse=True):
        relative = path.relative_to(site).as_posix() + ("/" if path.is_dir() else "")
        if server_only(relative):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
