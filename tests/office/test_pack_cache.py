"""Pack files from the office cache: same bytes as a fresh print; a changed page, style or font prints anew;
a damaged entry is printed again; an edit to one entry prints only the part that holds it; a clerk's pack past
the printable size is named in a reminder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studysite.model.entries import Catalogue, Speech
from studysite.model.packparts import parts_of
from studysite.model.packs import DEFAULT_LEVEL, LEVELS, Pack
from studysite.office import packfiles, packrun, printing
from studysite.office.filecache import FileCache
from studysite.office.printing import PrintedPack, PrintPage

TOPICS = ("理想信念", "选人用人")


def _page(number: int, text: str = "示例局党委要深入学习，把整改措施和落实责任结合起来。") -> PrintPage:
    return PrintPage(
        f"speeches/s{number}.md", f"示例讲话第{number}号", f"<h1>示例讲话第{number}号</h1><p>{text}</p>", ""
    )


def _pack(pages: list[PrintPage]) -> PrintedPack:
    pack = Pack("packs/p.md", "示例学习材料包", tuple(page.src_uri for page in pages), DEFAULT_LEVEL)
    return PrintedPack(pack, pages, "", date(2025, 3, 12))


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The packs printed (not taken from the cache), by src_uri, in this process."""
    printed: list[str] = []
    make = packfiles.make_files

    def counted(job: PrintedPack):
        printed.append(job.pack.src_uri)
        return make(job)

    monkeypatch.setattr(packfiles, "make_files", counted)
    return printed


def test_an_unchanged_pack_is_reused_byte_for_byte_and_equals_a_fresh_print(tmp_path: Path, renders: list[str]):
    cache = FileCache(tmp_path)
    job = _pack([_page(1), _page(2)])
    (first,) = packfiles.pack_files([job], cache, processes=1)
    (again,) = packfiles.pack_files([job], cache, processes=1)
    (fresh,) = packfiles.pack_files([job], None, processes=1)
    assert renders == ["packs/p.md", "packs/p.md"]  # the first and the fresh one; the second came from the cache
    assert again.reused and not first.reused
    assert (again.pdf, again.docx, again.numbers, again.pages) == (fresh.pdf, fresh.docx, fresh.numbers, fresh.pages)


def test_a_changed_page_style_or_font_prints_anew(tmp_path: Path, renders: list[str], monkeypatch):
    cache = FileCache(tmp_path)
    font = tmp_path / "FangSong.ttf"
    font.write_bytes(b"a font")
    monkeypatch.setattr(packfiles, "print_resources", lambda: (font,))
    job = _pack([_page(1), _page(2)])
    (base,) = packfiles.pack_files([job], cache, processes=1)
    (edited,) = packfiles.pack_files([_pack([_page(1), _page(2, "示例处室要加强台账管理。")])], cache, processes=1)
    assert not edited.reused and edited.pdf != base.pdf and edited.docx != base.docx
    css = printing.CSS
    monkeypatch.setattr(printing, "CSS", css + "\nbody { color: #c00; }")
    (styled,) = packfiles.pack_files([job], cache, processes=1)
    assert not styled.reused and styled.pdf != base.pdf
    monkeypatch.setattr(printing, "CSS", css)
    (same,) = packfiles.pack_files([job], cache, processes=1)
    assert same.reused and same.pdf == base.pdf
    font.write_bytes(b"the same font, upgraded")
    (refonted,) = packfiles.pack_files([job], cache, processes=1)
    assert not refonted.reused and renders == ["packs/p.md"] * 4


def test_a_damaged_entry_is_printed_again(tmp_path: Path, renders: list[str]):
    cache = FileCache(tmp_path)
    job = _pack([_page(1)])
    (first,) = packfiles.pack_files([job], cache, processes=1)
    (entry,) = [path for path in tmp_path.rglob("*") if path.is_file()]
    entry.write_bytes(entry.read_bytes()[:-100])  # cut short
    (again,) = packfiles.pack_files([job], cache, processes=1)
    assert renders == ["packs/p.md", "packs/p.md"] and not again.reused and again.pdf == first.pdf
    (third,) = packfiles.pack_files([job], cache, processes=1)
    assert third.reused and third.pdf == first.pdf


def _compilation(texts: dict[int, str]) -> tuple[Pack, dict[str, PrintPage]]:
    speeches = tuple(
        Speech(f"speeches/s{n}.md", f"示例讲话第{n}号", ("示例甲",), date(2023 + n % 2, 3, n), topics=(TOPICS[n % 2],))
        for n in range(1, 7)
    )
    catalogue = Catalogue(speeches, (), TOPICS)
    src_uris = tuple(s.src_uri for s in speeches)
    parts = parts_of("packs/compilation.md", src_uris, catalogue, {}, LEVELS, DEFAULT_LEVEL)
    pack = Pack("packs/compilation.md", "示例汇编", src_uris, DEFAULT_LEVEL, parts=parts)
    pages = {f"speeches/s{n}.md": _page(n, texts.get(n, "示例局党委要深入学习。")) for n in range(1, 7)}
    return pack, pages


def test_an_edit_to_one_entry_prints_only_the_part_that_holds_it(tmp_path: Path, renders: list[str], monkeypatch):
    monkeypatch.setattr(packrun, "PRINTABLE_PAGES", 0)  # no whole file: the parts alone
    cache = FileCache(tmp_path)
    pack, pages = _compilation({})
    assert [part.label for part in pack.parts] == ["2023年·理想信念", "2024年·选人用人"]
    run = packrun.print_packs([pack], pages, {pack.src_uri: ""}, {}, cache, processes=1)
    assert sorted(renders) == ["packs/compilation-2023-1.md", "packs/compilation-2024-2.md"]
    assert set(run.files) == {name for part in pack.parts for name in (part.pdf, part.docx)}
    assert run.wholes == {"packs/compilation.md": False}
    total = run.totals["packs/compilation.md"]
    assert run.counts["packs/compilation.md"] == f"各册合计 {total} 页，分 2 册"
    renders.clear()
    pack, pages = _compilation({3: "示例处室要加强台账管理，建立长效机制。"})
    packrun.print_packs([pack], pages, {pack.src_uri: ""}, {}, cache, processes=1)
    assert renders == ["packs/compilation-2024-2.md"]  # s3 stands in 2024 under 选人用人


def test_a_printable_pack_in_parts_has_its_whole_file_too(tmp_path: Path, renders: list[str]):
    pack, pages = _compilation({})
    run = packrun.print_packs([pack], pages, {pack.src_uri: ""}, {}, FileCache(tmp_path), processes=1)
    assert run.wholes == {"packs/compilation.md": True} and renders[-1] == "packs/compilation.md"
    assert {"packs/compilation.pdf", "packs/compilation.docx"} <= set(run.files)
    assert isinstance(run.counts["packs/compilation.md"], int)


def test_a_clerks_pack_past_the_printable_size_is_named_in_a_reminder(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(packrun, "PRINTABLE_PAGES", 1)
    job = _pack([_page(1), _page(2)])
    run = packrun.print_packs([job.pack], {p.src_uri: p for p in job.pages}, {"packs/p.md": ""}, {}, None, 1)
    pages = run.counts["packs/p.md"]
    assert run.reminders == [
        f"提醒：材料包 docs/packs/p.md 的 PDF 有 {pages} 页，超过 1 页，不便打印装订；"
        "可把 pages 中的页面分到几个材料包中，每个不超过 1 页。"
    ]
