"""The fictional fixture corpora (示例局) and a way to read them as the build does."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "compilation"
BAD = FIXTURES / "bad"
TOPICS = ("理想信念", "选人用人", "政治纪律政治规矩", "廉洁自律", "党内政治生活", "作风建设", "警示教育")


def entry_files(root: Path) -> list[tuple[str, str, str]]:
    """(path for messages, src_uri, text) for every Markdown file below root, as under docs/."""
    return [
        (
            f"docs/{path.relative_to(root).as_posix()}",
            path.relative_to(root).as_posix(),
            path.read_text(encoding="utf-8"),
        )
        for path in sorted(root.rglob("*.md"))
    ]
