"""When each page last changed, from one `git log` over docs/ (a build outside git shows no dates)."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from studysite.core.fields import format_date

# Dates are shown as the bureau reads them: China Standard Time, which has no daylight saving.
CHINA = timezone(timedelta(hours=8))


def parse_log(output: str, docs_prefix: str) -> dict[str, date]:
    """`git log --format=%x00%ct --name-only` output → docs-relative path → date of its newest commit."""
    dates: dict[str, date] = {}
    for chunk in output.split("\0")[1:]:
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        when = datetime.fromtimestamp(int(lines[0]), UTC).astimezone(CHINA).date()
        for name in lines[1:]:
            if name.startswith(docs_prefix):
                dates.setdefault(name[len(docs_prefix) :], when)
    return dates


def last_changed(docs_dir: Path) -> dict[str, date]:
    """Each committed file under docs_dir → the day its last commit was made; {} outside a git work tree."""
    try:
        top = subprocess.run(
            ["git", "-C", str(docs_dir), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        log = subprocess.run(
            ["git", "-C", top, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", str(docs_dir)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    prefix = docs_dir.resolve().relative_to(Path(top).resolve()).as_posix().rstrip("/") + "/"
    return parse_log(log, "" if prefix == "./" else prefix)


def updated_label(day: date) -> str:
    return f"最后更新于 {format_date(day)}"
