"""整改进展 benchmark: the history pass (studysite.model.timeline.read_history) over N commits to docs/measures/.

    python scripts/progress_bench.py                  # 1,000 commits
    python scripts/progress_bench.py --commits 200 --json

A scratch repository holds a copy of this project's docs/measures/ and the problem list; each commit, one a day
from 2024-01-01, moves one item a step (未开始 → 正在整改 → 已完成 and back), the way `scripts/new.py status` edits
a measure file. The pass is then timed (best of three): two git calls and the parsing of every version.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEPS = ("未开始", "正在整改", "已完成")
START = date(2024, 1, 1)


def _git(repo: Path, *arguments: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=示例", "-c", "user.email=shili@example.invalid", *arguments],
        check=True,
        capture_output=True,
        env=env,
    )


def _set_status(text: str, item_id: str, status: str, day: date) -> str:
    """The item's status (and closed_on when done) rewritten, as new.py status does."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {item_id}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    ") and not lines[end].lstrip().startswith("- "):
        end += 1
    kept = [line for line in lines[start + 1 : end] if not re.match(r"\s+(status|closed_on):", line)]
    kept.append(f"    status: {status}")
    if status == "已完成":
        kept.append(f"    closed_on: {day.isoformat()}")
    return "\n".join(lines[: start + 1] + kept + lines[end:])


def make_repository(target: Path, commits: int) -> Path:
    """A git repository of commits to docs/measures/, one a day; its docs folder."""
    docs = target / "docs"
    shutil.copytree(REPO / "docs" / "measures", docs / "measures")
    shutil.copytree(REPO / "docs" / "report", docs / "report")
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    files = sorted((docs / "measures").glob("[mt]*.md"))
    items = [
        (path, line.strip().removeprefix("- id: "))
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- id: ")
    ]
    # Only one-off items move (long-term ones stay 长期坚持): those whose block has a due line.
    movable = [(p, i) for p, i in items if re.search(rf"- id: {i}\n(?:    .*\n)*?    due:", p.read_text("utf-8"))]
    _git(target, "add", "-A")
    for number in range(commits):
        day = START + timedelta(days=number)
        path, item_id = movable[number % len(movable)]
        step = STEPS[(number // len(movable)) % len(STEPS)]
        path.write_text(_set_status(path.read_text(encoding="utf-8"), item_id, step, day), encoding="utf-8")
        when = f"{day.isoformat()}T10:00:00+08:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        _git(target, "add", "-A", env=env)
        _git(target, "commit", "-q", "--allow-empty", "-m", f"{item_id} {step}", env=env)
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="整改进展的历史读取基准")
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from studysite.model.timeline import read_history

    with tempfile.TemporaryDirectory(prefix="progress-bench-") as work:
        started = time.perf_counter()
        docs = make_repository(Path(work) / "repo", args.commits)
        made = time.perf_counter() - started
        until = START + timedelta(days=args.commits)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            history = read_history(docs, until)
            timings.append(time.perf_counter() - started)
    result = {
        "commits": history.commits,
        "items": len(history.timelines),
        "changes": sum(len(t.changes) for t in history.timelines),
        "seconds": round(min(timings), 3),
        "repository_seconds": round(made, 1),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{result['commits']} 次提交、{result['items']} 个事项、{result['changes']} 次变化："
            f"读取历史 {result['seconds']} 秒（三次中最快；造仓库 {result['repository_seconds']} 秒）"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
