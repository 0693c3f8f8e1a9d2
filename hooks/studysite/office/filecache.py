"""The office files already made, kept under .cache/ by a hash of everything that goes into them.

A key is the SHA-256 of a file's inputs: its pages' HTML, its date and names (the caller's part), and
`fingerprint()`: the sources of the office code and of every studysite module it imports, the versions of the
libraries that lay files out, and the CSS and font files printing uses (printing.print_resources). Same key,
same bytes: a build that finds an entry takes it instead of printing again (builds are repeatable, so a fresh
file would be identical).

Safety: an entry is written to a temporary name and renamed into place (a killed build leaves no half file);
it carries the SHA-256 of its own bytes and is refused, deleted and rebuilt when they do not match (a disk or a
hand that changed it); the folder is pruned to a size, least recently used first. A build whose code or inputs
differ in any way looks up other keys, so an edit never reuses a stale file. What a shared folder cannot prove
is who wrote it: CI keeps one cache per branch (see .gitlab-ci.yml), so a merge request never writes the cache
the default branch and `make publish` read.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import importlib.metadata
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

MAGIC = b"studysite-office-cache 1\n"
DEFAULT_LIMIT = 2 * 1024**3  # bytes kept at most: a few builds' worth of every pack at 10,000 entries
# The libraries whose versions change the bytes of a PDF, a Word file or a workbook.
LIBRARIES: tuple[str, ...] = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "pillow", "pyphen")
LIBRARIES += ("python-docx", "lxml", "xlsxwriter")
_PACKAGE = Path(__file__).resolve().parents[1]  # studysite/
_IMPORT = re.compile(r"^\s*(?:from|import)\s+studysite\.([\w.]+)", re.MULTILINE)


def digest(*parts: bytes | str) -> str:
    """One SHA-256 over several inputs, each length-prefixed so no two different lists hash alike."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def _module_file(name: str) -> Path | None:
    base = _PACKAGE.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def code_files() -> list[Path]:
    """office/'s files (modules and CSS) and every studysite module they import, directly or not."""
    todo = [path for path in (_PACKAGE / "office").iterdir() if path.suffix in (".py", ".css")]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if path.suffix == ".py":
            for name in _IMPORT.findall(path.read_text(encoding="utf-8")):
                # `from studysite.core.fields import x` names a module; `from studysite.core import fields` too.
                found = _module_file(name) or _module_file(name.rsplit(".", 1)[0])
                if found:
                    todo.append(found)
    return sorted(seen)


def _pango() -> list[str]:
    """The Pango and HarfBuzz libraries WeasyPrint lays text out with, by their real file names (versioned)."""
    found = glob.glob("/usr/lib/*/libpango*-1.0.so.*") + glob.glob("/usr/lib/*/libharfbuzz.so.*")
    return sorted({os.path.realpath(path) for path in found})


def _stamp(path: Path) -> str:
    """A system file by name, size and change time: a font replaced in place (a package upgrade) changes it
    (dpkg gives a file its package's time, so a fresh CI machine stamps it alike). The project's own files by
    their bytes: a fresh clone gives them the time of the checkout, and CI's kept cache would never match."""
    own = path.resolve()
    if own.is_relative_to(_PACKAGE):
        try:
            return f"{own.relative_to(_PACKAGE)}:{digest(own.read_bytes())}"
        except OSError:
            return f"{own.relative_to(_PACKAGE)}:missing"
    try:
        stat = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.cache
def _static_fingerprint() -> str:
    code = [f"{path.relative_to(_PACKAGE)}\n".encode() + path.read_bytes() for path in code_files()]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return digest(*code, *versions, *_pango())


def fingerprint(resources: Iterable[Path]) -> str:
    """Everything every office file depends on besides its own content: code, libraries, CSS and fonts."""
    return digest(_static_fingerprint(), *sorted(_stamp(path) for path in resources))


def project_cache(project: Path, limit: int = DEFAULT_LIMIT) -> FileCache:
    """The office cache of a project: .cache/office/ beside its mkdocs.yml (git-ignored, never under docs/)."""
    return FileCache(project / ".cache" / "office", limit)


class FileCache:
    """Entries under root/<2 hex>/<key>: MAGIC, the payload's SHA-256, a newline, the payload."""

    def __init__(self, root: Path, limit: int = DEFAULT_LIMIT) -> None:
        self.root = root
        self.limit = limit

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", key):
            raise ValueError(key)
        return self.root / key[:2] / key

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, _, payload = data[len(MAGIC) :].partition(b"\n")
        if not data.startswith(MAGIC) or head.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
            path.unlink(missing_ok=True)  # a damaged entry: made again by the caller
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest by prune()
        return payload

    def put(self, key: str, payload: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".writing-", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
            os.replace(temporary, path)
        except OSError:
            return  # a cache that cannot be written (full disk, read-only checkout) only costs time

    def prune(self) -> int:
        """Remove the least recently used entries until the folder holds at most `limit` bytes; the count removed."""
        entries = []
        for path in self.root.glob("*/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime_ns, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed


def cached(cache: FileCache | None, key: str, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """A file's bytes from the cache under key, else made and stored; and whether they were reused."""
    found = cache.get(key) if cache else None
    if found is not None:
        return found, True
    made = make()
    if cache:
        cache.put(key, made)
    return made, False
