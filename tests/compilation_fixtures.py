"""The fictional fixture corpora (示例局) and a way to read them as the build does."""

from __future__ import annotations

from pathlib import Path

from studysite.core.sources import Source, read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "compilation"
BAD = FIXTURES / "bad"
# The speech index of the GOOD corpus as a reader sees it: newest first, unknowns as 待补充.
SPEECH_INDEX_ROWS = [
    ["2025年5月20日", "示例乙、示例甲", "关于示例选人用人工作的讲话", "待补充", "待补充"],
    [
        "2025年3月12日",
        "示例甲",
        "在示例局理论学习中心组学习会上的讲话",
        "示例局理论学习中心组学习会",
        "示例日报 2025年3月13日",
    ],
    ["2024年11月2日", "示例丙", "示例廉洁自律讲话摘编", "待补充", "示例杂志 2024年第21期"],
]
TOPICS = ("理想信念", "选人用人", "政治纪律政治规矩", "廉洁自律", "党内政治生活", "作风建设", "警示教育")


def sources_in(root: Path, under: str = "") -> list[Source]:
    """Every Markdown file below root as the build reads it, its src_uri as if root were docs/{under}."""
    return [
        read_source(under + path.relative_to(root).as_posix(), path.read_bytes()) for path in sorted(root.rglob("*.md"))
    ]


def entry_files(root: Path) -> list[Source]:
    return sources_in(root)
