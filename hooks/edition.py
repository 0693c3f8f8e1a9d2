"""The offline edition (make offline): pages that open from a folder, and 内部 material only when asked for.

Listed right after hooks/search.py. The content model of an offline edition without 内部 material is made
without those pages (studysite.build.edition); here MkDocs is told to leave them out too, links to them become text,
every page says which edition it is, and files only a web server needs are not written. Once every page is
written, the files of docs/ that no page of a public edition reaches are removed (studysite.build.shipped).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

from studysite.build.edition import (
    edition_notice,
    prune_nav,
    server_only,
    without_links_to,
)
from studysite.build.inputs import settings_of
from studysite.build.order import priority
from studysite.build.shipped import unreached
from studysite.build.state import build_of
from studysite.core.sources import INTERNAL_LABEL

_PRIORITY = priority("edition")
log = logging.getLogger("mkdocs.hooks.edition")


@event_priority(_PRIORITY)
def on_config(config):
    edition = settings_of(config).edition  # read by hooks/content.py, which stops the build on a bad value
    if edition.offline:
        # A folder has no index files: every link must name the page's own .html file.
        config.use_directory_urls = False
        config.extra["edition_notice"] = edition_notice(edition)
        if edition.internal:
            config.site_name = f"{config.site_name}（{INTERNAL_LABEL}）"
    return config


@event_priority(_PRIORITY)
def on_files(files, config):
    build = build_of(config)
    if not build.withheld:
        return files
    left_out = [file for file in files if file.src_uri in build.withheld]
    for file in left_out:
        file.inclusion = InclusionLevel.EXCLUDED  # not rendered, not copied, not in the search index
    build.rendering.withheld_urls = frozenset(file.url for file in left_out)
    config.nav = prune_nav(config.nav, build.withheld)
    return files


@event_priority(_PRIORITY)
def on_page_content(html, page, config, files):
    return without_links_to(html, page.url, build_of(config).rendering.withheld_urls)


@event_priority(_PRIORITY)
def on_env(env, config, files):
    if build_of(config).edition.withholds_internal:
        # A file of docs/ that is not a page (the site's own assets included) goes into a public edition only
        # where one of its pages reaches it. The theme's files (Material's, overrides/) are the site's own, and
        # a generated file (search index, packs, ledger) is made from the edition's content model.
        docs = os.path.abspath(config.docs_dir)
        generated = {file.dest_uri for file in files if file.generated_by is not None}
        found = {
            file.dest_uri
            for file in files
            if file.generated_by is None
            and not file.is_documentation_page()
            and file.src_dir is not None
            and os.path.abspath(file.src_dir) == docs
            and file.dest_uri not in generated
        }
        build_of(config).rendering.docs_files = frozenset(found)
    return env


def _remove(site: Path, relative: str) -> None:
    """A file of the site, and the folders it leaves empty (a folder's name can say as much as a file)."""
    path = site / relative
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
            break
        folder.rmdir()


@event_priority(_PRIORITY)
def on_post_build(config):
    edition = build_of(config).edition
    if not edition.offline:
        return
    site = Path(config.site_dir)
    for path in sorted(site.rglob("*"), reverse=True):
        relative = path.relative_to(site).as_posix() + ("/" if path.is_dir() else "")
        if server_only(relative):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    candidates = build_of(config).rendering.docs_files
    if edition.withholds_internal and candidates:
        own = [str(value) for value in (*config.extra_css, *config.extra_javascript)]  # the site's own assets
        left_out = unreached(site, candidates, own)
        for relative in left_out:
            _remove(site, relative)
        log.info("离线版未收录 %d 个没有公开页面引用的文件", len(left_out))
