"""The office cache: entries written whole, a damaged one refused and removed, the folder kept to a size, and
keys that change with any input (code, libraries, CSS and font files)."""

from __future__ import annotations

import os
from pathlib import Path

from studysite.office.filecache import FileCache, code_files, digest, fingerprint

KEY_A = digest("a")
KEY_B = digest("b")


def test_an_entry_comes_back_as_it_was_put_and_no_temporary_file_is_left(tmp_path: Path):
    cache = FileCache(tmp_path)
    cache.put(KEY_A, b"%PDF-1.7 ...")
    assert cache.get(KEY_A) == b"%PDF-1.7 ..." and cache.get(KEY_B) is None
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [KEY_A]


def test_a_damaged_entry_is_refused_and_removed(tmp_path: Path):
    cache = FileCache(tmp_path)
    cache.put(KEY_A, b"the bytes of a PDF")
    path = tmp_path / KEY_A[:2] / KEY_A
    path.write_bytes(path.read_bytes().replace(b"PDF", b"PDX"))
    assert cache.get(KEY_A) is None and not path.exists()
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"")  # a build killed while writing by hand, or a truncated copy
    assert cache.get(KEY_A) is None and not path.exists()


def test_a_key_that_is_not_a_hash_never_names_a_path(tmp_path: Path):
    cache = FileCache(tmp_path)
    for key in ("../../etc/passwd", KEY_A.upper(), KEY_A[:-1]):
        try:
            cache.put(key, b"x")
        except ValueError:
            continue
        raise AssertionError(key)


def test_prune_keeps_the_most_recently_used_within_the_limit(tmp_path: Path):
    cache = FileCache(tmp_path, limit=400)  # two entries of 100 bytes with their header (190 bytes each)
    keys = [digest(str(n)) for n in range(4)]
    for age, key in enumerate(keys):
        cache.put(key, bytes(100))
        path = tmp_path / key[:2] / key
        os.utime(path, ns=(10**18 + age * 10**9, 10**18 + age * 10**9))
    assert cache.get(keys[0]) is not None  # used just now: kept
    assert cache.prune() == 2
    assert [key for key in keys if cache.get(key) is not None] == [keys[0], keys[3]]


def test_the_fingerprint_changes_with_a_font_file_and_covers_the_office_code(tmp_path: Path):
    font = tmp_path / "FangSong.ttf"
    font.write_bytes(b"font one")
    before = fingerprint([font])
    assert fingerprint([font]) == before
    font.write_bytes(b"font two, longer")
    assert fingerprint([font]) != before
    names = {path.name for path in code_files()}
    assert {"printing.py", "pack.css", "wordpack.py", "wordformat.py", "workbook.py", "md.py"} <= names


def test_the_projects_own_print_files_count_by_their_bytes_not_their_checkout_time():
    # A fresh clone (CI) gives pack.css the time of the checkout; a kept cache must still match it.
    from studysite.office.printing import CSS_FILE, print_resources

    assert CSS_FILE in print_resources()
    before = fingerprint(print_resources())
    stat = CSS_FILE.stat()
    try:
        os.utime(CSS_FILE, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**12))
        assert fingerprint(print_resources()) == before
    finally:
        os.utime(CSS_FILE, ns=(stat.st_atime_ns, stat.st_mtime_ns))
