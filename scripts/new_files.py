"""What `make new` writes: the project read as the build reads it, and a new page or a measure's items changed.

A new file is checked with the whole project's rules before it is written (Project.problems_with) and never
overwrites one; an item or status is written into its measure's file in place, its encoding and line ends
kept. Apart from scripts/new.py, which asks and parses, because this is what touches docs/. Imported by
scripts/new.py once it has put hooks/ on the path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from check import project_config, read_docs  # the files and settings the build uses
from new_answers import Refused, normalized
from studysite.core.kinds import NOTICE, PACK, SPEECH, Kind
from studysite.core.pages import is_measure_path
from studysite.core.sources import Source, encode
from studysite.core.writing import file_stem, front_matter, yaml_scalar
from studysite.model.measures import ONGOING, TBD, reference_date
from studysite.model.site import Site, load_site


def _body(kind: Kind) -> str:
    """The note a new page of that kind carries under its front matter, for the clerk to replace."""
    return kind.new.body if kind.new else ""


@dataclass
class Project:
    root: Path
    site: Site
    today: date

    @classmethod
    def load(cls, root: Path) -> Project:
        config = project_config(root)
        today, _ = reference_date(os.environ, date.today())
        sources, others = read_docs(config)
        return cls(root, load_site(sources, others, tuple(config.extra.get("topics", ())), today), today)

    def measure_files(self) -> dict[str, Source]:
        found = {}
        for source in self.site.sources:
            measure_id = source.data.get("id")
            if is_measure_path(source.src_uri) and isinstance(measure_id, str):
                found[measure_id.strip().upper()] = source
        return found

    def doc_numbers(self) -> dict[str, str]:
        return {n.doc_number: f"docs/{n.src_uri}" for n in self.site.catalogue.notices if n.doc_number}

    def same_entry(self, kind: str, title: str, day: str) -> str | None:
        """The file of an entry of that kind already holding that title and date, if any."""
        if not (title and day):
            return None
        entries = self.site.catalogue.of_kind(kind)
        key = ("".join(title.split()), day)
        return next(
            (f"docs/{e.src_uri}" for e in entries if ("".join(e.title.split()), e.date.isoformat()) == key), None
        )

    def page_named(self, answer: str) -> str:
        """A page or section a pack may print, from its path (with or without docs/) or its title."""
        text = answer.strip().strip("\"'“”").removeprefix("docs/")
        pages = self.site.pages
        if text in pages or any(page.startswith(text.rstrip("/") + "/") for page in pages):
            return text
        by_title = [page for page in sorted(pages) if self.site.title(page) == text]
        if by_title:
            return by_title[0]
        raise Refused(
            f"没有这个页面或栏目：“{answer.strip()}”（写 docs/ 之后的路径，如 report/index.md、speeches/，或页面的标题）"
        )

    def problems_with(self, changed: Source, names: tuple[str, ...] = ()) -> list[str]:
        """The contract problems of the project with one file added or replaced, concerning that file."""
        sources = [s for s in self.site.sources if s.src_uri != changed.src_uri] + [changed]
        site = load_site(sources, self.site.files, self.site.topics, self.today)
        return [
            _without_path(p, changed.path)
            for p in site.problems
            if p.path == changed.path or changed.path in p.hint or any(name in p.field for name in names)
        ]


def _without_path(problem, path: str) -> str:
    """A problem of a file not yet written, named by its field only (the clerk has no such file to open)."""
    text = str(problem)
    return text.split(": ", 1)[1] if text.startswith(f"{path}:") else text


def _write_new(project: Project, src_uri: str, text: str, names: tuple[str, ...] = ()) -> Path:
    path = project.root / "docs" / src_uri
    if path.exists():
        same = "文号" if src_uri.startswith(NOTICE.folder) and re.search(r"\d+号", src_uri) else "标题和日期"
        raise Refused(
            f"已有同名文件 docs/{src_uri}（{same}相同），未覆盖：如是同一份资料，直接编辑该文件；如不是，请核对{same}。"
        )
    problems = project.problems_with(Source(src_uri, text), names)
    if problems:
        raise Refused("未创建文件，以下内容需要更正：\n" + "\n".join(problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- what each kind writes --------------------------------------------------------------------------------


def new_speech(project: Project, args) -> Path:
    fields = {
        "type": SPEECH.key,
        "title": args.title,
        "speaker": args.speaker if len(args.speaker) > 1 else args.speaker[0],
        "date": args.date,
        "occasion": args.occasion,
        "genre": args.genre,
        "topics": args.topic,
    }
    text = front_matter(fields) + "\n" + _body(SPEECH)
    return _write_new(project, f"{SPEECH.folder}{file_stem(args.date, args.title)}.md", text)


def new_notice(project: Project, args) -> Path:
    fields = {
        "type": NOTICE.key,
        "title": args.title,
        "doc_type": args.doc_type,
        "issuer": args.issuer if len(args.issuer) > 1 else args.issuer[0],
        "date": args.date,
        "classification": args.classification,
        "doc_number": args.doc_number,
        "topics": args.topic,
    }
    text = front_matter(fields) + "\n" + _body(NOTICE)
    stem = file_stem(args.date, args.doc_number or args.title)
    return _write_new(project, f"{NOTICE.folder}{stem}.md", text)


def new_pack(project: Project, args) -> Path:
    """A study pack: its pages are checked against what exists in docs/ (sections and generated pages too)."""
    fields = {
        "type": PACK.key,
        "title": args.title,
        "subtitle": args.subtitle,
        "issuer": args.issuer,
        "date": args.date,
    }
    pages = [page.strip().removeprefix("docs/") for page in args.page]
    lines = front_matter(fields).rstrip("\n").split("\n")[:-1] + ["pages:"] + [f"  - {yaml_scalar(p)}" for p in pages]
    text = "\n".join(lines + ["---", ""]) + f"\n# {args.title}\n\n{_body(PACK)}"
    return _write_new(project, f"{PACK.folder}{file_stem(args.date or '', args.title)}.md", text)


def new_page(project: Project, args, kind: Kind) -> Path:
    """A page of a kind `make new` knows only from the registry: its type, title and topics, and its note."""
    fields = {"type": kind.key, "title": args.title, "topics": getattr(args, "topic", None) or None}
    text = front_matter(fields) + "\n" + _body(kind)
    return _write_new(project, f"{kind.folder}{file_stem('', args.title)}.md", text)


def _items_block_end(lines: list[str]) -> int:
    """The index after the last line of the front matter's items list."""
    start = next(i for i, line in enumerate(lines) if line.startswith("items:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()) and lines[end] != "---":
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    return end


def _rewrite(project: Project, source: Source, text: str, item_id: str) -> Path:
    changed = Source(source.src_uri, text, source.encoding, source.crlf)
    problems = project.problems_with(changed, (item_id,))
    if problems:
        raise Refused("未修改文件，以下内容需要更正：\n" + "\n".join(problems))
    path = project.root / source.path
    path.write_bytes(encode(source, text))
    return path


def _measure(project: Project, measure_id: str) -> Source:
    found = project.measure_files()
    source = found.get(normalized(measure_id).upper())
    if source is None:
        raise Refused(f"措施编号应为 {'、'.join(found)} 之一，实为 “{measure_id}”")
    return source


def _item_ids(source: Source) -> list[str]:
    items = source.data.get("items")
    return (
        [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]
        if isinstance(items, list)
        else []
    )


def new_item(project: Project, args) -> Path:
    source = _measure(project, args.measure)
    measure_id = normalized(args.measure).upper()
    numbers = [int(i.rsplit("-", 1)[1]) for i in _item_ids(source) if re.fullmatch(rf"{measure_id}-\d+", i)]
    item_id = f"{measure_id}-{max(numbers, default=0) + 1}"
    block = [
        f"  - id: {item_id}",
        f"    task: {yaml_scalar(args.task)}",
        f"    owner: {yaml_scalar(args.owner or TBD)}",
    ]
    if args.ongoing:
        block += [f"    kind: {ONGOING}", f"    review: {args.review or TBD}"]
    else:
        block += [f"    due: {args.due or TBD}", "    status: 未开始"]
    lines = source.text.split("\n")
    end = _items_block_end(lines)
    path = _rewrite(project, source, "\n".join(lines[:end] + block + lines[end:]), item_id)
    print(f"已在 {source.path} 中添加事项 {item_id}。")
    return path


def update_status(project: Project, args) -> Path:
    item_id = normalized(args.item_id).upper()
    source = _measure(project, item_id.split("-")[0])
    lines = source.text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(rf"^\s*- id: {re.escape(item_id)}\s*$", line)), None)
    if start is None:
        raise Refused(f"事项编号应为 {'、'.join(_item_ids(source))} 之一，实为 “{args.item_id}”")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    ") and not lines[end].lstrip().startswith("- "):
        end += 1
    updates = {"status": args.status, "closed_on": args.closed_on, "evidence": args.evidence}
    kept = [
        line
        for line in lines[start + 1 : end]
        if line.strip().split(":")[0] not in {k for k, v in updates.items() if v}
    ]
    for key, value in updates.items():
        if value:
            rendered = (
                f"[{', '.join(yaml_scalar(v, flow=True) for v in value)}]"
                if isinstance(value, list)
                else yaml_scalar(value)
            )
            kept.append(f"    {key}: {rendered}")
    path = _rewrite(project, source, "\n".join(lines[: start + 1] + kept + lines[end:]), item_id)
    print(f"已更新 {source.path} 中事项 {item_id} 的状态：{args.status}。")
    return path
