"""A printed pack's two files (PDF and Word), taken from the office cache when nothing that goes into them
changed, else made — the missing ones side by side in worker processes (WeasyPrint uses one core).

The key of a pack's files is its printed content (every page's rendered HTML, titles, the images they show),
its cover (title, date, level …) and filecache.fingerprint (code, libraries, CSS, fonts).
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from studysite.office import printing
from studysite.office.filecache import FileCache, digest, fingerprint
from studysite.office.printing import PrintedPack, print_resources, render_pdf

_IMAGE = re.compile(r'\ssrc="([^"]+)"')


@dataclass(frozen=True)
class PackFiles:
    pdf: bytes
    docx: bytes
    numbers: tuple[int, ...]  # the PDF page each page's title stands on (the Word 目录 uses them)
    pages: int  # the PDF's number of pages
    reused: bool = False  # taken from the cache
    seconds: tuple[float, float] = (0.0, 0.0)  # making the PDF, the Word document (none when reused)


def _images(printed: PrintedPack) -> list[str]:
    """The local images the pages show, each as its file's stamp and bytes' hash (an image replaced under the
    same name changes the pack)."""
    found = []
    for page in printed.pages:
        for src in _IMAGE.findall(page.content):
            url = urljoin(page.base, html.unescape(src))
            if urlparse(url).scheme != "file":
                continue
            path = Path(unquote(urlparse(url).path))
            try:
                found.append(f"{path}:{digest(path.read_bytes())}")
            except OSError:
                found.append(f"{path}:missing")
    return found


def pack_key(printed: PrintedPack, inputs: str) -> str:
    """The cache key of one printed pack's files; `inputs` is filecache.fingerprint(print_resources())."""
    parts: list[str] = [
        inputs,
        printing.CSS,
        repr(printed.pack),
        printed.intro,
        repr(printed.day),
        repr(printed.report),
    ]
    for page in printed.pages:
        parts += [page.src_uri, page.title, page.content, page.base]
    return digest(*parts, *_images(printed))


def _encode(files: PackFiles) -> bytes:
    head = json.dumps({"numbers": files.numbers, "pages": files.pages, "pdf": len(files.pdf)}).encode()
    return head + b"\n" + files.pdf + files.docx


def _decode(payload: bytes) -> PackFiles | None:
    head, _, rest = payload.partition(b"\n")
    try:
        facts = json.loads(head)
        size = int(facts["pdf"])
        return PackFiles(rest[:size], rest[size:], tuple(facts["numbers"]), int(facts["pages"]), reused=True)
    except (ValueError, KeyError, TypeError):
        return None


def make_files(printed: PrintedPack) -> PackFiles:
    """Print one pack: its PDF, then its Word document with the PDF's page numbers."""
    from studysite.office.wordpack import word_pack  # python-docx: loaded only where files are made

    started = time.perf_counter()
    pdf, numbers, pages = render_pdf(printed)
    middle = time.perf_counter()
    word = word_pack(printed, numbers)
    return PackFiles(pdf, word, numbers, pages, seconds=(middle - started, time.perf_counter() - middle))


def workers() -> int:
    """Processes that print side by side: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def pack_files(jobs: Sequence[PrintedPack], cache: FileCache | None, processes: int | None = None) -> list[PackFiles]:
    """Each pack's files, in the order given: from the cache where the key matches, else printed (in
    `processes` worker processes when more than one is missing) and stored."""
    inputs = fingerprint(print_resources())
    keys = [pack_key(printed, inputs) for printed in jobs]
    found: dict[int, PackFiles] = {}
    for index, key in enumerate(keys):
        payload = cache.get(key) if cache else None
        decoded = _decode(payload) if payload is not None else None
        if decoded is not None:
            found[index] = decoded
    missing = [index for index in range(len(jobs)) if index not in found]
    # The biggest first, so two processes finish together rather than one waiting on the last big pack.
    missing.sort(key=lambda index: -sum(len(page.content) for page in jobs[index].pages))
    processes = min(processes or workers(), len(missing))
    if processes > 1:
        import multiprocessing

        # spawn: the workers start small (not a copy of a build holding every page), with this process's
        # sys.path (so they import this project's studysite), and each imports WeasyPrint once; the jobs
        # travel to them as data.
        context = multiprocessing.get_context("spawn")
        # MkDocs puts a hooks folder on sys.path only while it loads the hooks: workers, which get this
        # process's sys.path, need it there to import this studysite rather than one the environment names.
        hooks = str(Path(__file__).resolve().parents[2])
        sys.path.insert(0, hooks)
        try:
            with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
                made = pool.map(make_files, [jobs[index] for index in missing])
                for index, files in zip(missing, made, strict=True):
                    found[index] = files
                    if cache:
                        cache.put(keys[index], _encode(files))
        finally:
            sys.path.remove(hooks)
    else:
        for index in missing:
            found[index] = make_files(jobs[index])
            if cache:
                cache.put(keys[index], _encode(found[index]))
    return [found[index] for index in range(len(jobs))]
