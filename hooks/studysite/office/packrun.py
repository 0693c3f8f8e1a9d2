"""Every study pack's files in one run: each pack, or each part of a pack in parts, printed (or taken from the
office cache); a pack in parts also as one whole file while the whole stays printable; and what the site
says of them (page counts, the whole file or why there is none, reminders of packs too big to print)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from studysite.model.packparts import PRINTABLE_PAGES, PackPart
from studysite.model.packs import Pack
from studysite.office.filecache import FileCache
from studysite.office.packfiles import PackFiles, pack_files
from studysite.office.printing import PrintedPack, PrintPage, printed_date


def part_pack(pack: Pack, part: PackPart) -> Pack:
    """A part printed as a pack of its own: the pack's title and facts, the part's name under the title."""
    return replace(pack, src_uri=part.src_uri, subtitle=part.label, pages=part.pages, level=part.level, parts=())


def reminder(pack: Pack, pages: int) -> str:
    """What the build says of a clerk's pack that has grown past a printable size."""
    return (
        f"提醒：材料包 docs/{pack.src_uri} 的 PDF 有 {pages} 页，超过 {PRINTABLE_PAGES} 页，不便打印装订；"
        f"可把 pages 中的页面分到几个材料包中，每个不超过 {PRINTABLE_PAGES} 页。"
    )


@dataclass
class PackRun:
    files: dict[str, bytes] = field(default_factory=dict)  # by src_uri (packs/x.pdf …)
    made: list[tuple[str, PackFiles]] = field(default_factory=list)  # (pack or part src_uri, its files), in order
    counts: dict[str, int | str] = field(default_factory=dict)  # what each PDF-pages mark says
    wholes: dict[str, bool] = field(default_factory=dict)  # a pack in parts: whether it has its whole file
    totals: dict[str, int] = field(default_factory=dict)  # a pack in parts: its parts' pages together
    reminders: list[str] = field(default_factory=list)


def _printed(shown: Pack, pages: Mapping[str, PrintPage], intro: str, changed: Mapping[str, date]) -> PrintedPack:
    return PrintedPack(shown, [pages[src_uri] for src_uri in shown.pages], intro, printed_date(shown, changed))


def print_packs(
    packs: Sequence[Pack],
    pages: Mapping[str, PrintPage],
    intros: Mapping[str, str],
    changed: Mapping[str, date],
    cache: FileCache | None,
    processes: int | None = None,
) -> PackRun:
    """Every pack's files. `pages` holds every printed page by src_uri, `intros` each pack's own text as HTML,
    `changed` each page's last change (the cover's date)."""
    run = PackRun()
    shown = [(pack, part_pack(pack, part)) for pack in packs for part in pack.parts]
    shown += [(pack, pack) for pack in packs if not pack.parts]
    jobs = [_printed(one, pages, intros[pack.src_uri], changed) for pack, one in shown]

    def keep(one: Pack, files: PackFiles) -> None:
        run.files[one.pdf], run.files[one.docx] = files.pdf, files.docx
        run.made.append((one.src_uri, files))
        run.counts[one.src_uri] = files.pages

    for (_, one), files in zip(shown, pack_files(jobs, cache, processes), strict=True):
        keep(one, files)
    in_parts = [pack for pack in packs if pack.parts]
    for pack in in_parts:
        run.totals[pack.src_uri] = sum(int(run.counts[part.src_uri]) for part in pack.parts)
    # The parts together outnumber the whole's pages (each has a cover and a 目录): within the limit, so is it.
    wholes = [pack for pack in in_parts if run.totals[pack.src_uri] <= PRINTABLE_PAGES]
    whole_jobs = [_printed(pack, pages, intros[pack.src_uri], changed) for pack in wholes]
    for pack, files in zip(wholes, pack_files(whole_jobs, cache, processes), strict=True):
        keep(pack, files)
    for pack in in_parts:
        run.wholes[pack.src_uri] = pack in wholes
        if pack not in wholes:
            run.counts[pack.src_uri] = f"各册合计 {run.totals[pack.src_uri]} 页，分 {len(pack.parts)} 册"
    for pack in packs:
        if not pack.parts and int(run.counts[pack.src_uri]) > PRINTABLE_PAGES:
            run.reminders.append(reminder(pack, int(run.counts[pack.src_uri])))
    return run
