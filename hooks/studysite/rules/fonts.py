"""The faces every print is set in, and which characters they can draw.

GB/T 9704 asks 仿宋 for the body, 小标宋 for titles, 黑体 and 楷体 for heading levels and 宋体 for page numbers.
The free faces with those designs for simplified Chinese are the Fandol family (GPL with the font exception:
a document that embeds them is not bound by the GPL), shipped by Debian's texlive-lang-chinese outside
fontconfig's folders. The PDF loads them from their files (pack.css's @font-face, written from FACES); the
Word document names the same families, so LibreOffice (given the folder, fontconfig_file) sets it alike and
Word on an office PC falls back to the 仿宋/黑体/楷体 its fontTable names as alternatives.

This module is the one place that says which font files a print depends on (print_font_files: what a cache
of prints hashes). A character outside Fandol falls back to Noto CJK SC, LXGW WenKai or DejaVu, as fontconfig
substitutes; one no installed font has prints as an empty box, and the pack is refused.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
FANDOL_PACKAGE = "texlive-lang-chinese"

# The print roles' family names, as pack.css and the Word styles name them.
FANGSONG = "FandolFang"  # body (仿宋)
SONGTI = "FandolSong"  # titles (bold, for 小标宋) and page numbers (宋体)
HEITI = "FandolHei"  # “一、” headings, table heads, labels (黑体)
KAITI = "FandolKai"  # “（一）” headings (楷体)


@dataclass(frozen=True)
class Face:
    family: str
    file: str  # in FANDOL_DIR
    weight: int = 400

    @property
    def path(self) -> Path:
        return FANDOL_DIR / self.file


FACES = (
    Face(FANGSONG, "FandolFang-Regular.otf"),
    Face(SONGTI, "FandolSong-Regular.otf"),
    Face(SONGTI, "FandolSong-Bold.otf", 700),
    Face(HEITI, "FandolHei-Regular.otf"),
    Face(HEITI, "FandolHei-Bold.otf", 700),
    Face(KAITI, "FandolKai-Regular.otf"),
)

# Installed faces fontconfig finds, for characters outside Fandol (it covers GB2312 and a little more).
FALLBACK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai", "DejaVu Sans")


def print_font_files() -> tuple[Path, ...]:
    """Every font file a print may embed that the project chooses (fallbacks are found by fontconfig)."""
    return tuple(face.path for face in FACES)


def font_face_css() -> str:
    """@font-face rules that load the print faces from their files (WeasyPrint reads file: URLs)."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; src: url("{face.path.as_uri()}"); }}\n'
        for face in FACES
    )


def fontconfig_file(folder: Path) -> Path:
    """A fontconfig file that adds the Fandol folder to the system's fonts: LibreOffice run with
    FONTCONFIG_FILE set to it lays a Word pack out in the faces its styles name."""
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{escape(str(FANDOL_DIR))}</dir>'
        f"<cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return path


def available() -> bool:
    """The printing fonts are installed (make build installs them; make check may run without them)."""
    return (
        shutil.which("fc-match") is not None
        and all(face.path.is_file() for face in FACES)
        and _font_file(FALLBACK_FAMILIES[0]) is not None
    )


@functools.cache
def _font_file(family: str) -> tuple[str, int] | None:
    result = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", family], capture_output=True, text=True)
    names, _, rest = result.stdout.partition("\t")
    if result.returncode or family not in names.split(","):
        return None
    file, _, index = rest.partition("\t")
    return file, int(index or 0)


@functools.cache
def _cmap_of(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset((font.getBestCmap() or {}).keys())


def _cmaps() -> list[frozenset[int]]:
    found = [_cmap_of(str(face.path), 0) for face in FACES if face.path.is_file()]
    for family in FALLBACK_FAMILIES:
        file = _font_file(family)
        if file:
            found.append(_cmap_of(*file))
    return found


def missing_glyphs(text: str) -> list[str]:
    """Characters no installed font can draw: they would print as empty boxes (tofu)."""
    characters = {c for c in text if not c.isspace() and ord(c) >= 0x20}
    cmaps = _cmaps()
    covered = {c for c in characters if any(ord(c) in cmap for cmap in cmaps)}
    return [
        c
        for c in sorted(characters - covered)
        if not subprocess.run(
            ["fc-list", f":charset={ord(c):x}", "family"], capture_output=True, text=True
        ).stdout.strip()
    ]
