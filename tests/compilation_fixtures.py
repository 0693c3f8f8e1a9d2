"""The fictional fixture corpora (示例局) and a way to read them as the build does."""

from __future__ import annotations

from pathlib import Path

from studysite.sources import Source, read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "compilation"
BAD = FIXTURES / "bad"
TOPICS = ("理想信念", "选人用人", "政治纪律政治规矩", "廉洁自律", "党内政治生活", "作风建设", "警示教育")


def sources_in(root: Path, under: str = "") -> list[Source]:
    """Every Markdown file below root as the build reads it, its src_uri as if root were docs/{under}."""
    return [
        read_source(under + path.relative_to(root).as_posix(), path.read_bytes()) for path in sorted(root.rglob("*.md"))
    ]


def entry_files(root: Path) -> list[Source]:
    return sources_in(root)
