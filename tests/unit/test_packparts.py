"""A pack holding the whole compilation comes in parts (by year and 专题): every page in exactly one part."""

from __future__ import annotations

from datetime import date

from studysite.model.entries import NO_TOPIC, Catalogue, Speech
from studysite.model.packparts import FRONT, parts_of
from studysite.model.packs import DEFAULT_LEVEL, LEVELS

TOPICS = ("理想信念", "选人用人")


def _speech(number: int, year: int, topics: tuple[str, ...]) -> Speech:
    return Speech(f"speeches/s{number}.md", f"示例讲话{number}", ("示例甲",), date(year, 3, 1), topics=topics)


def test_parts_hold_every_page_once_by_year_then_topic_in_the_packs_order():
    speeches = (
        _speech(1, 2025, ("选人用人",)),
        _speech(2, 2024, ("理想信念", "选人用人")),
        _speech(3, 2025, ()),
        _speech(4, 2025, ("选人用人", "理想信念")),
        _speech(5, 2024, ("理想信念",)),
    )
    catalogue = Catalogue(speeches, (), TOPICS)
    pages = ("compilation/index.md", *(s.src_uri for s in speeches))
    levels = {"speeches/s4.md": "内部"}
    parts = parts_of("packs/compilation.md", pages, catalogue, levels, LEVELS, DEFAULT_LEVEL)
    assert [(p.label, p.pages, p.level, p.src_uri) for p in parts] == [
        (FRONT, ("compilation/index.md",), "非密", "packs/compilation-front.md"),
        ("2024年·理想信念", ("speeches/s2.md", "speeches/s5.md"), "非密", "packs/compilation-2024-1.md"),
        ("2025年·选人用人", ("speeches/s1.md", "speeches/s4.md"), "内部", "packs/compilation-2025-2.md"),
        (f"2025年·{NO_TOPIC}", ("speeches/s3.md",), "非密", "packs/compilation-2025-0.md"),
    ]
    assert sorted(page for part in parts for page in part.pages) == sorted(pages)
    assert parts[1].pdf == "packs/compilation-2024-1.pdf" and parts[1].docx == "packs/compilation-2024-1.docx"


def test_a_year_and_topic_with_more_entries_than_a_part_holds_is_cut_into_volumes():
    speeches = tuple(_speech(n, 2024, ("理想信念",)) for n in range(1, 6))
    catalogue = Catalogue(speeches, (), TOPICS)
    pages = tuple(s.src_uri for s in speeches)
    parts = parts_of("packs/p.md", pages, catalogue, {}, LEVELS, DEFAULT_LEVEL, per_part=2)
    assert [(p.label, len(p.pages), p.src_uri) for p in parts] == [
        ("2024年·理想信念", 2, "packs/p-2024-1.md"),
        ("2024年·理想信念（第二册）", 2, "packs/p-2024-1-2.md"),
        ("2024年·理想信念（第三册）", 1, "packs/p-2024-1-3.md"),
    ]


def test_a_pack_that_would_be_one_part_has_none():
    catalogue = Catalogue((_speech(1, 2025, ("选人用人",)),), (), TOPICS)
    assert parts_of("packs/c.md", ("speeches/s1.md",), catalogue, {}, LEVELS, DEFAULT_LEVEL) == ()
    assert parts_of("packs/c.md", ("compilation/index.md",), catalogue, {}, LEVELS, DEFAULT_LEVEL) == ()


def test_a_pack_too_big_to_print_whole_says_so_where_its_buttons_would_be():
    from studysite.model.packs import Pack
    from studysite.render.packpages import pack_files_mark, too_big, with_pack_files

    pack = Pack("packs/compilation.md", "示例汇编", ("speeches/s1.md",), DEFAULT_LEVEL)
    content = f"<p>{pack_files_mark(pack)}</p>"
    said = {pack.src_uri: too_big(1371, 78)}
    assert with_pack_files(content, said) == (
        "<p>全书各册合计 1371 页，超过 500 页，不合订成一份文件；请按下面的分册（共 78 册）下载或打印。</p>"
    )
