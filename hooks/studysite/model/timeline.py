"""The rectification items over time: each item's timeline from one pass over the git history of docs/measures/.

Three git calls in all, however long the history: `git log --raw` names the blob of every version of every measure
file committed to the main line (merges count on the day they were merged, with what they brought), one
`git cat-file --batch-check` gives their sizes and one `git cat-file --batch` reads those a page may be. Each version is read with the same code as today's pages
(measures.read_measure); a version that does not parse is skipped, the file's previous version standing.

An item is known by its id across files (a measure file renamed keeps its items' histories). An item whose id
changed in a commit that also added an item with the same task keeps its history under the new id; an item
removed ends its timeline with a removal. Each change is dated by its commit (China Standard Time), except the
day an item was done, dated by its own closed_on (never before its previous change).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from studysite.core.frontmatter import FrontMatter
from studysite.core.hostfiles import PAGE_LIMIT
from studysite.core.pages import MEASURE_DIR, is_measure_path
from studysite.core.sources import read_source
from studysite.model.history import CHINA
from studysite.model.measures import DONE, Item, read_measure

_NULL_BLOB = "0" * 40
_NO_LIMIT = date.max  # historical versions are not judged against today's date


@dataclass(frozen=True)
class Change:
    """An item as it stood from a day on; item None: removed from the measures that day."""

    day: date
    item: Item | None


@dataclass(frozen=True)
class Timeline:
    item_id: str  # its id now (or when it was removed)
    changes: tuple[Change, ...]  # oldest first, at least one
    former_ids: tuple[str, ...] = ()

    def at(self, day: date) -> Item | None:
        """The item as it stood at the end of that day; None before it existed or after it was removed."""
        found = None
        for change in self.changes:
            if change.day > day:
                break
            found = change.item
        return found

    def closed_day(self, until: date) -> date | None:
        """The day the item became done, if it is done at the end of the day `until`."""
        day = None
        for change in self.changes:
            if change.day > until:
                break
            done = change.item is not None and change.item.status == DONE
            day = (day or change.day) if done else None
        return day


@dataclass(frozen=True)
class History:
    """Every item's timeline; no timelines and a reason when the checkout has no history to read."""

    timelines: tuple[Timeline, ...] = ()
    missing: str | None = None  # why there is no history (不是 git 仓库, 浅克隆 …)
    skipped: int = 0  # versions of measure files that did not parse
    commits: int = 0

    @property
    def available(self) -> bool:
        return self.missing is None

    def items_at(self, day: date) -> list[Item]:
        return [item for timeline in self.timelines if (item := timeline.at(day)) is not None]

    def first_day(self) -> date | None:
        return min((t.changes[0].day for t in self.timelines), default=None)

    def by_id(self) -> dict[str, Timeline]:
        return {timeline.item_id: timeline for timeline in self.timelines}


@dataclass(frozen=True)
class Commit:
    day: date
    blobs: tuple[tuple[str, str], ...]  # (src_uri, blob id; _NULL_BLOB: deleted)


def parse_raw_log(output: str, measures_prefix: str) -> list[Commit]:
    """`git log --format=%x00%ct --raw --no-abbrev` output → commits oldest first (as --reverse lists them)."""
    commits: list[Commit] = []
    for chunk in output.split("\0")[1:]:
        lines = chunk.split("\n")
        if not lines[0].strip().isdigit():
            continue
        day = datetime.fromtimestamp(int(lines[0].strip()), UTC).astimezone(CHINA).date()
        blobs = []
        for line in lines[1:]:
            if not line.startswith(":") or "\t" not in line:
                continue
            fields, path = line.split("\t", 1)
            parts = fields.split()
            if len(parts) < 5 or not path.startswith(measures_prefix):
                continue
            src_uri = MEASURE_DIR + path[len(measures_prefix) :]
            if is_measure_path(src_uri):
                blobs.append((src_uri, _NULL_BLOB if parts[4].startswith("D") else parts[3]))
        if blobs:
            # A commit dated before the one it follows (a rebase, a cherry-pick, a backdated commit) cannot have
            # changed the ledger before its parent did: it counts on its parent's day, so the page, the workbook
            # and every period's report read one order of events.
            day = max(day, commits[-1].day) if commits else day
            commits.append(Commit(day, tuple(blobs)))
    return commits


def parse_batch(output: bytes) -> dict[str, bytes]:
    """`git cat-file --batch` output → blob id → its bytes."""
    blobs: dict[str, bytes] = {}
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<id> missing": a blob the checkout lacks is a version not read
        size = int(header[2])
        blobs[header[0].decode()] = output[at : at + size]
        at += size + 1
    return blobs


def _items(src_uri: str, raw: bytes) -> tuple[Item, ...] | None:
    """The items of one version of a measure file; None when that version does not parse."""
    source = read_source(src_uri, raw)
    front, problems = source.parsed
    if problems:
        return None
    measure, problems_found = read_measure(source.path, src_uri, front or FrontMatter({}), _NO_LIMIT)
    return measure.items if measure is not None and not problems_found else None


class _Timelines:
    def __init__(self) -> None:
        self.changes: dict[str, list[Change]] = {}
        self.former: dict[str, list[str]] = {}

    def add(self, item_id: str, day: date, item: Item | None) -> None:
        changes = self.changes.setdefault(item_id, [])
        last = changes[-1].day if changes else day
        before = changes[-1].item if changes else None
        newly_done = item is not None and item.status == DONE and (before is None or before.status != DONE)
        if newly_done and item is not None and item.closed_on is not None:
            day = item.closed_on  # the office's own 销号日期 …
        day = max(day, last)  # … never before what the timeline already holds
        if changes and changes[-1].day == day:
            changes[-1] = Change(day, item)  # the day's last word
        else:
            changes.append(Change(day, item))

    def rename(self, old: str, new: str) -> bool:
        if new in self.changes:  # an id used before: the old history stays under the old id
            return False
        self.changes[new] = self.changes.pop(old)
        self.former[new] = [*self.former.pop(old, []), old]
        return True

    def result(self) -> tuple[Timeline, ...]:
        return tuple(
            Timeline(item_id, tuple(changes), tuple(self.former.get(item_id, ())))
            for item_id, changes in sorted(self.changes.items(), key=lambda pair: _id_order(pair[0]))
        )


def _id_order(item_id: str) -> tuple:
    head, _, number = item_id.partition("-")
    return (head[:1] != "M", int(head[1:]) if head[1:].isdigit() else 0, int(number) if number.isdigit() else 0)


def timelines(commits: Iterable[Commit], blobs: Mapping[str, bytes], until: date) -> History:
    """Each item's timeline from the commits (oldest first) and the blobs they name, up to the day `until`."""
    files: dict[str, tuple[Item, ...]] = {}
    parsed: dict[str, tuple[Item, ...] | None] = {}
    current: dict[str, Item] = {}
    lines = _Timelines()
    skipped = counted = 0
    for commit in commits:
        if commit.day > until:
            continue
        counted += 1
        for src_uri, blob in commit.blobs:
            if blob == _NULL_BLOB:
                files.pop(src_uri, None)
                continue
            if blob not in parsed:
                parsed[blob] = _items(src_uri, blobs[blob]) if blob in blobs else None
                skipped += parsed[blob] is None
            items = parsed[blob]
            if items is not None:
                files[src_uri] = items
        now = {item.id: item for _, items in sorted(files.items()) for item in items}
        gone = [item_id for item_id in current if item_id not in now]
        new = {item.task: item.id for item in now.values() if item.id not in current}
        for item_id in gone:
            renamed = new.get(current[item_id].task)
            if renamed is None or not lines.rename(item_id, renamed):
                lines.add(item_id, commit.day, None)
        for item_id, item in now.items():
            if current.get(item_id) != item:  # new, renamed or changed in any field
                lines.add(item_id, commit.day, item)
        current = now
    return History(lines.result(), None, skipped, counted)


def _git(top: str, *arguments: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", top, *arguments], input=data, capture_output=True, check=True).stdout


def read_history(docs_dir: Path, until: date) -> History:
    """The timelines of every item of docs/measures/ as committed up to `until`; a History that says why there
    is none outside a git work tree, in a shallow clone, or with no committed measure file."""
    try:
        found = _git(str(docs_dir), "rev-parse", "--show-toplevel", "--is-shallow-repository").decode().split("\n")
    except (OSError, subprocess.CalledProcessError):
        return History(missing="本目录不在 git 仓库中（如从压缩包解出）")
    top = found[0].strip()
    if len(found) > 1 and found[1].strip() == "true":
        return History(missing="本仓库是浅克隆（shallow clone），只有部分历史")
    measures = (docs_dir.resolve() / MEASURE_DIR).relative_to(Path(top).resolve()).as_posix().rstrip("/") + "/"
    try:
        log = _git(
            top,
            "-c",
            "core.quotePath=false",  # measure files named in Chinese are listed as named, not in octal escapes
            "log",
            "--reverse",
            "--first-parent",
            "--diff-merges=first-parent",
            "--format=%x00%ct",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--",
            measures,
        ).decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return History(missing="本仓库还没有提交记录")
    commits = parse_raw_log(log, measures)
    if not commits:
        return History(missing="docs/measures/ 还没有提交记录")
    wanted = sorted({blob for commit in commits for _, blob in commit.blobs if blob != _NULL_BLOB})
    # Every version a merge request ever brought is read: one larger than a page may be (PAGE_LIMIT) is left
    # unread, as a version that does not parse, so no old commit can make the build read gigabytes.
    sizes = _git(top, "cat-file", "--batch-check", data="".join(f"{blob}\n" for blob in wanted).encode())
    small = [
        fields[0]
        for line in sizes.decode().splitlines()
        if len(fields := line.split()) == 3
        and fields[1] == "blob"
        and fields[2].isdigit()
        and int(fields[2]) <= PAGE_LIMIT
    ]
    batch = _git(top, "cat-file", "--batch", data="".join(f"{blob}\n" for blob in small).encode())
    return timelines(commits, parse_batch(batch), until)


def months(first: date, last: date) -> list[date]:
    """The last day of every month from first's to last's, the last one being `last` itself."""
    ends = []
    year, month = first.year, first.month
    while (year, month) < (last.year, last.month):
        following = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(following - timedelta(days=1))
        year, month = following.year, following.month
    return [*ends, last]
