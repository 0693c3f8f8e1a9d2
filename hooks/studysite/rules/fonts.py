"""Which characters the printing fonts can draw: a character no installed font has prints as an empty box.

The study packs print with the faces pack.css names (the Debian fonts of BRIEF §4); a character outside them
is looked for in every installed font, as fontconfig would when it substitutes.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

# The faces pack.css asks for that Debian provides; other characters must be found by fontconfig.
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai", "DejaVu Sans")


def available() -> bool:
    """The printing fonts are installed (make build installs them; make check may run without them)."""
    return shutil.which("fc-match") is not None and _font_file(FONT_FAMILIES[0]) is not None


@functools.cache
def _font_file(family: str) -> tuple[str, int] | None:
    result = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", family], capture_output=True, text=True)
    names, _, rest = result.stdout.partition("\t")
    if result.returncode or family not in names.split(","):
        return None
    file, _, index = rest.partition("\t")
    return file, int(index or 0)


@functools.cache
def _cmap(family: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    found = _font_file(family)
    if not found:
        return frozenset()
    with TTFont(found[0], fontNumber=found[1], lazy=True) as font:
        return frozenset((font.getBestCmap() or {}).keys())


def missing_glyphs(text: str) -> list[str]:
    """Characters no installed font can draw: they would print as empty boxes (tofu)."""
    characters = {c for c in text if not c.isspace() and ord(c) >= 0x20}
    covered = {c for c in characters if any(ord(c) in _cmap(family) for family in FONT_FAMILIES)}
    return [
        c
        for c in sorted(characters - covered)
        if not subprocess.run(
            ["fc-list", f":charset={ord(c):x}", "family"], capture_output=True, text=True
        ).stdout.strip()
    ]
