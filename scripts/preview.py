"""The builds of `make serve`: a whole build on every save, re-rendering only the pages whose inputs changed.

MkDocs' own build (mkdocs.commands.build.build) renders every page's Markdown and template on every save: 15 s
on a site of 2,000 entries. Preview.build runs the same build, event for event, except for the two costly
steps of each page, which it skips, with the hook events inside them, when their inputs are the previous
build's:

- Markdown → HTML (page.render, then on_page_content): inputs are the page's Markdown after the hooks'
  on_page_markdown (the entry headers, listings and checklists the hooks make from the content model are in
  it), its front matter, URL and source file, the tables the hooks stashed, and what each link looked up;
- template → finished page (on_page_context, the template, on_post_page): inputs are its content, contents
  list, title, front matter, dates and URL, the whole navigation (every page shows it), its 已学 control and
  the site's assets the judge of finished pages knows.

A skipped step gives the previous result with what the hooks noted about the page then (its problems). So a
body edit renders its page; a title or date edit also the indexes and listings that show it; a change to the
problem box, mkdocs.yml, overrides/ or a STUDYSITE_* setting renders every page. The content model and the
search index are made anew every time, their per-page parts through the build's Memo (studysite.core.memo).
Each rebuild leaves site_dir as a fresh build leaves it (tests/build/test_preview_build.py compares every
file after each kind of edit); a file whose bytes did not change is not written again. Edits to hooks/ need a
restart of `make serve`, as before (Python keeps the imported modules).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_theme_template, get_context
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import meta

from studysite.build.state import build_of
from studysite.core.memo import Memo, attach_memo
from studysite.render.place import place_of

log = logging.getLogger("mkdocs.commands.build")


@dataclass(frozen=True)
class _Content:
    """A page's Markdown rendered, with the hooks' on_page_content, and what it took to be valid again."""

    key: tuple
    links: tuple[tuple[str, object], ...]  # each link target the Markdown looked up, and what it found
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    problems: tuple  # what the hooks found on the rendered page (build.rendering)


@dataclass(frozen=True)
class _Finished:
    key: tuple
    output: str
    problems: tuple  # what the judge of finished pages found (build.rendering.finished)


class _Lookups:
    """The build's Files, noting each path a page's links look up and what they found."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.seen: dict[str, object] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.seen[path] = _target(file)
        return file

    def __getattr__(self, name: str) -> object:
        return getattr(self._files, name)


def _target(file: File | None) -> object:
    return None if file is None else (file.url, file.inclusion)


def _toc_key(items: Iterable) -> tuple:
    return tuple((item.title, item.id, item.level, _toc_key(item.children)) for item in items)


def _nav_key(items: Iterable) -> tuple:
    """What every page's navigation shows: titles, URLs, sections, and the pages' front matter (icons)."""
    return tuple(
        (
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            repr(getattr(item, "meta", None)),
            _nav_key(item.children or ()),
        )
        for item in items
    )


def _world(config) -> str:
    """What every page depends on and no page's key names: mkdocs.yml, the theme's overrides, the settings."""
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    custom = config.theme.custom_dir
    for path in sorted(Path(custom).rglob("*")) if custom else ():
        if path.is_file():
            digest.update(f"{path}\0{path.stat().st_size}\0{path.stat().st_mtime_ns}\0".encode())
    digest.update(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith("STUDYSITE_"))).encode())
    return digest.hexdigest()


class Preview:
    """The serve process's builder: keeps the last build's pages and reuses those whose inputs are unchanged."""

    def __init__(self) -> None:
        self.memo = Memo()
        self.world = ""
        self.contents: dict[str, _Content] = {}
        self.finished: dict[str, _Finished] = {}
        self.written: dict[str, str] = {}  # each page this process wrote into site_dir (not rewritten when equal)
        self.copied: dict[str, object] = {}  # each other file, as its source was when copied
        self.outputs: set[str] = set()  # every file the last build wrote or kept
        self.env: jinja2.Environment | None = None  # the theme's templates, compiled
        self.rendered = (0, 0)  # pages whose Markdown and template the last build rendered (the others reused)
        self._fresh = [0, 0]

    def forget_output(self) -> None:
        """site_dir was written by someone else (the error page): every file is written again."""
        self.written, self.copied, self.outputs = {}, {}, set()

    def build(self, config, serve_url: str) -> None:
        """mkdocs.commands.build.build(config, serve_url=serve_url), re-rendering only what changed."""
        world = _world(config)
        if world != self.world:
            self.memo.clear()
            self.contents, self.finished, self.world, self.env = {}, {}, world, None
        self.memo.next_build()
        attach_memo(config, self.memo)
        try:
            self._build(config)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            self.forget_output()
            if isinstance(error, BuildError):
                log.error(str(error))
                raise Abort("Aborted with a BuildError!") from error
            raise

    def _build(self, config) -> None:
        inclusion = InclusionLevel.is_in_serve
        self._fresh = [0, 0]
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        if not self.outputs:  # the first build, or the first after the error page: as MkDocs, from nothing
            utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = self.env or config.theme.get_env()  # its templates compiled once per mkdocs.yml and overrides/
        self.env = env
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        build = build_of(config)
        context = (build.settings, build.rendering.withheld_urls)
        contents: dict[str, _Content] = {}
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            contents[file.src_uri] = self._populate(file.page, config, files, context)
        self.contents = contents

        env = config.plugins.on_env(env, config=config, files=files)
        written = self._copy_static_files(files, inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        shared = (_nav_key(nav.items), build.rendering.finished.assets)
        titles = {item.file.src_uri: item.title for item in nav.pages}  # what hooks/place.py reads for a place
        finished: dict[str, _Finished] = {}
        for file in doc_files:
            assert file.page is not None
            place = repr(place_of(file.src_uri, build.site.listings, titles))  # 上一篇/下一篇, 返回, 第N篇
            finished[file.src_uri] = self._finish(file.page, config, doc_files, nav, env, (*shared, place))
            path = file.page.file.abs_dest_path
            output = finished[file.src_uri].output
            if output.strip():
                written.add(path)
                if self.written.get(path) != output:
                    utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), path)
                    self.written[path] = output
        self.finished = finished
        self.rendered = (self._fresh[0], self._fresh[1])
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        # What the previous build wrote and this one did not: a deleted page's, an attachment's, a shard's.
        for path in self.outputs - written:
            Path(path).unlink(missing_ok=True)
            self.written.pop(path, None)
            self.copied.pop(path, None)
            _remove_empty_folders(Path(path).parent, Path(config.site_dir))
        self.outputs = written

    def _copy_static_files(self, files: Files, inclusion) -> set[str]:
        """Files.copy_static_files, each file written only when it is not already there as this build has it."""
        written = set()
        for file in files:
            if file.is_documentation_page() or not inclusion(file.inclusion):
                continue
            path = file.abs_dest_path
            written.add(path)
            if file.abs_src_path is None:
                state: object = hashlib.sha256(file.content_bytes).digest()
            else:
                stat = os.stat(file.abs_src_path)
                state = (file.abs_src_path, stat.st_size, stat.st_mtime_ns)
            if self.copied.get(path) != state or not os.path.isfile(path):
                file.copy_file(dirty=False)
                self.copied[path] = state
        return written

    def _read_source(self, page: Page, config) -> None:
        """Page.read_source, its front matter parsed again only when the file changed (the hooks change the
        page's copy of it)."""
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            try:
                source = page.file.content_string
            except OSError:
                log.error(f"File not found: {page.file.src_path}")
                raise
            except ValueError:
                log.error(f"Encoding error reading file: {page.file.src_path}")
                raise
        page.markdown, data = self.memo.call(meta.get_data, source)
        page.meta = copy.deepcopy(data)

    def _populate(self, page: Page, config, files: Files, context: tuple) -> _Content:
        """mkdocs.commands.build._populate_page, the Markdown rendered only when its inputs changed."""
        with _current(page, config, "reading"):
            page = config.plugins.on_pre_page(page, config=config, files=files)
            self._read_source(page, config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            build = build_of(config)
            source = build.site.source(page.file.src_uri)
            key: tuple = (page.url, page.file.inclusion, source.text if source else None, page.markdown)
            key += (repr(page.meta), tuple(build.rendering.tables(page.file.src_uri)), *context)  # tables: stashed
            cached = self.contents.get(page.file.src_uri)
            fresh = not (
                cached is not None
                and cached.key == key
                and all(_target(files.get_file_from_path(path)) == found for path, found in cached.links)
            )
            if fresh:
                lookups = _Lookups(files)
                page.render(config, lookups)  # type: ignore[arg-type]  # Files as far as rendering asks
                before = len(build.rendering.problems)
                content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
                cached = _Content(
                    key,
                    tuple(lookups.seen.items()),
                    content,
                    page.toc,
                    page._title_from_render,
                    frozenset(page.present_anchor_ids or ()),
                    None
                    if page.links_to_anchors is None
                    else {file.src_uri: links for file, links in page.links_to_anchors.items()},
                    build.rendering.problems[before:],
                )
            else:
                assert cached is not None
                page.toc = cached.toc
                page._title_from_render = cached.title
                page.present_anchor_ids = set(cached.anchors)
                if cached.links_to_anchors is not None:
                    page.links_to_anchors = {
                        target: links
                        for src_uri, links in cached.links_to_anchors.items()
                        if (target := files.get_file_from_path(src_uri)) is not None
                    }
                build.rendering.add_problems(cached.problems)
            page.content = cached.content
            self._fresh[0] += fresh
            return cached

    def _finish(self, page: Page, config, doc_files, nav: Navigation, env, shared: tuple) -> _Finished:
        """mkdocs.commands.build._build_page without the write, the template rendered only when its inputs changed."""
        with _current(page, config, "building"):
            build = build_of(config)
            source = build.site.source(page.file.src_uri)
            template_name = page.meta.get("template", "main.html")
            key = (
                page.url,
                page.content,
                _toc_key(page.toc),
                page.title,
                repr(page.meta),
                page.update_date,
                page.canonical_url,
                page.edit_url,
                template_name,
                repr(build.study.pages.get(page.file.src_uri)),
                source.text if source else None,
                *shared,
            )
            cached = self.finished.get(page.file.src_uri)
            fresh = cached is None or cached.key != key
            if fresh:
                page.active = True
                try:
                    context = get_context(nav, doc_files, config, page)
                    template = env.get_template(template_name)
                    context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                    output = template.render(context)
                    before = len(build.rendering.finished.problems())
                    output = config.plugins.on_post_page(output, page=page, config=config)
                    cached = _Finished(key, output, tuple(build.rendering.finished.problems()[before:]))
                finally:
                    page.active = False
            else:
                assert cached is not None
                build.rendering.finished.add(cached.problems)
            self._fresh[1] += fresh
            return cached


@contextlib.contextmanager
def _current(page: Page, config, doing: str) -> Iterator[None]:
    """As MkDocs' _populate_page and _build_page: the page is the config's current one, and an error names it."""
    config._current_page = page
    try:
        yield
    except Exception as error:
        message = f"Error {doing} page '{page.file.src_uri}':"
        if not isinstance(error, BuildError):
            message += f" {error}"
        log.error(message)
        raise
    finally:
        config._current_page = None


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    """A deleted page's folder (speeches/x/), as a fresh build never makes it."""
    while folder != site_dir and folder.is_relative_to(site_dir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
