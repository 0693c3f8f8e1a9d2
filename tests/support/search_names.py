"""A fictional compilation whose text is full of names and numbers (示例局负责同志3, 示例机关12, 2019年3月5日,
示发〔2019〕5号, M2-1), for the search tests: names that differ only by a digit (3, 30–39), numbers that
stand inside dates, 文号 whose numbers share digits, and the same name once with a space before its number.
Nothing here is real: every name is 示例…, every 文号 示发.
"""

from __future__ import annotations

import random
from pathlib import Path

from bench import write_corpus

ISMS = ("形式主义", "官僚主义", "享乐主义", "奢靡之风")


def _sentence(rng: random.Random) -> str:
    who = rng.choice(("示例局负责同志", "示例机关")) + str(rng.randint(1, 40))
    if rng.random() < 0.05:
        who = who.rstrip("0123456789") + " " + who[len(who.rstrip("0123456789")) :]  # 示例机关 2: not 示例机关2
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    number = f"示发〔{rng.randint(2015, 2024)}〕{rng.randint(1, 30)}号"
    task = f"M{rng.randint(1, 5)}-{rng.randint(1, 12)}"
    return (
        f"{who}在{year}年{month}月{day}日的会议上指出，要坚决反对{rng.choice(ISMS)}，落实{number}文件，推进{task}事项。"
    )


def write_names_corpus(docs: Path, size: int, seed: int = 26) -> list[Path]:
    """size fictional entries (scripts/bench.py's corpus), each with a paragraph of names and numbers added."""
    rng = random.Random(seed)
    written = write_corpus(docs, size, seed)
    for path in written:
        paragraph = "".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        path.write_text(path.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")
    return written
