"""Chinese search that finds and counts every match and loads in pieces: our index, Material's search box,
and the 检索 page with filters.

Material's own Lunr index is kept empty (it would put every page into one file every reader downloads);
the header search talks to assets/search/header.js, which answers in the page through Material's worker
protocol from the index this hook writes to search/. The 检索 page (find/) is generated here too.

For an edition opened from file:// (no fetch there: make offline or STUDYSITE_SEARCH_SCRIPTS=1) the index is also written as small scripts that the reader loads with <script> tags. Listed
before hooks/edition.py, whose on_post_build removes what only a server needs (search_index.json is read here
first).

On a large site the index is built in a second process while MkDocs renders the page templates (it needs only
the pages' content, complete at on_env) and written at on_post_build: the same function, the same bytes.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.memo import call, memo_of
from studysite.core.pages import FIND_PAGE, STUDY_PAGE
from studysite.search.findpage import KINDS, facet_orders, facts_of
from studysite.search.searchindex import IndexedPage, build, details_of, sections_of

_PRIORITY = priority("search")
log = logging.getLogger("mkdocs.hooks.search")
# From this many pages the index is built beside the templates (below it, starting a process costs more);
# STUDYSITE_SEARCH_WORKER=1 or 0 says always or never (studysite.build.inputs).
WORKER_FROM_PAGES = 1500

# The index being built for the current build, if in a second process; replaced at each build's start.
_pending: tuple[subprocess.Popen, float] | None = None  # the worker and when it started
# The worker imports only the index module (a new interpreter: no copy of MkDocs' threads or of the caller's
# __main__); build's arguments go in and the index files come back pickled, through pipes.
_WORKER = (
    f"import pickle, sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); "
    "from studysite.search.searchindex import build; import resource; "
    "pickle.dump(build(*pickle.load(sys.stdin.buffer)), sys.stdout.buffer, pickle.HIGHEST_PROTOCOL); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"  # its peak memory, in KB
)


def scripts_wanted(config) -> bool:
    """The index as scripts too: for the offline edition (make offline), or when asked."""
    settings = build_of(config).settings
    return settings.search_scripts or settings.edition.offline


def _drop_pending() -> None:
    global _pending
    if _pending is not None:
        worker, _ = _pending
        worker.kill()  # a stopped build does not wait for its index
        worker.communicate()
    _pending = None


@event_priority(_PRIORITY)
def on_files(files, config):
    _drop_pending()  # a build that failed before on_post_build leaves nothing behind for the next one
    files.append(File.generated(config, FIND_PAGE, content=build_of(config).generated[FIND_PAGE]))
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(_PRIORITY)
def on_env(env, config, files):
    global _pending
    site = build_of(config).site
    memo = memo_of(config)  # under make serve: each page's part of the index made again only when it changed
    documents = [
        IndexedPage(
            file.page.url,
            file.page.title or file.page.url,
            call(memo, sections_of, file.page.content),
            facts_of(file.src_uri, site.catalogue),
            details_of(file.page.content),
        )
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None and file.src_uri not in (FIND_PAGE, STUDY_PAGE)
    ]
    arguments = (
        documents,
        files.get_file_from_path(FIND_PAGE).url,
        facet_orders(site.catalogue),
        {"type": KINDS},
        scripts_wanted(config),
        not build_of(config).edition.offline,  # opened from a folder, the JSON copy could never be fetched
    )
    if memo is None and _worker_wanted(len(documents), build_of(config).settings.search_worker):
        worker = subprocess.Popen(
            [sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        _pending = (worker, time.perf_counter())
        log.debug("搜索索引（%d 个页面）在另一个进程中生成，与网页模板同时进行", len(documents))
        assert worker.stdin is not None  # stdin=PIPE
        pickle.dump(arguments, worker.stdin, pickle.HIGHEST_PROTOCOL)
        worker.stdin.flush()
        return env
    for path, content in build(*arguments, memo=memo).items():
        files.append(File.generated(config, f"search/{path}", content=content))
    return env


def _worker_wanted(pages: int, asked: bool | None) -> bool:
    if asked is not None:
        return asked
    return pages >= WORKER_FROM_PAGES and (os.cpu_count() or 1) > 1


def _write_pending(site_dir: str) -> None:
    global _pending
    if _pending is None:
        return
    (worker, started), _pending = _pending, None
    output, errors = worker.communicate()
    if worker.returncode != 0:
        raise PluginError(
            f"搜索索引没有生成（{sys.executable} 返回 {worker.returncode}）：\n{errors.decode(errors='replace')}"
        )
    index = pickle.loads(output)
    peak = int(errors.split()[-1]) / 1024
    # Said at INFO so a benchmark (scripts/bench.py) can add the second process's memory to the build's.
    log.info("搜索索引：另一进程生成，%.1f 秒后写出，该进程内存峰值 %.1f MB", time.perf_counter() - started, peak)
    for path, content in sorted(index.items()):
        target = Path(site_dir, "search", path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


@event_priority(_PRIORITY)
def on_build_error(error):
    _drop_pending()


@event_priority(_PRIORITY)
def on_post_build(config):
    _write_pending(config.site_dir)
    # Material highlights the words on the page a result opens with its own index's settings; from file://
    # it reads them from search_index.js (as its offline plugin writes it), not from search_index.json.
    folder = Path(config.site_dir, "search")
    if scripts_wanted(config) and (folder / "search_index.json").is_file():
        data = (folder / "search_index.json").read_text(encoding="utf-8")
        (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
