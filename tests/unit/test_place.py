"""Where a page out of the navigation stands (issue 26, item 11): its section, its 返回 link, its 上一篇/下一篇."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup

from studysite.model.entries import Catalogue, Notice, Speech
from studysite.model.listings import Listings
from studysite.render.compilation import generated_pages
from studysite.render.place import Back, Place, Placement, place_bar, place_of
from support.corpus import TOPICS

# The navigation's pages as mkdocs.yml lists them (src_uri → title), the part these tests need.
NAV = {
    "index.md": "首页",
    "measures/index.md": "措施打算",
    "compilation/index.md": "学习资料汇编",
    "compilation/contents.md": "汇编目录",
    "speeches/index.md": "讲话索引",
    "speeches/by-speaker.md": "讲话·按讲话人",
    "notices/index.md": "通报通知索引",
    "quizzes/index.md": "自测题",
}


def _catalogue(speeches: int, notices: int) -> Catalogue:
    return Catalogue(
        tuple(
            Speech(
                f"speeches/s{n:04d}.md",
                f"示例讲话{n}",
                ("示例甲",),
                date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
                topics=(TOPICS[n % 3],) if n % 4 else (),
            )
            for n in range(speeches)
        ),
        tuple(
            Notice(f"notices/n{n:04d}.md", f"示例通知{n}", "通知", ("示例局",), date(2016 + n % 9, 3, 1), "公开")
            for n in range(notices)
        ),
        TOPICS,
    )


def _contents_order(listings: Listings) -> list[str]:
    """The 汇编目录 as its pages show it: every table row's link, page after page, in the order the index names
    its pages (the index page itself when it is not split)."""
    pages = generated_pages(listings)
    contents = listings.contents
    shown = [part.src_uri for part in contents.pages] or [contents.src_uri]
    rows = []
    for src_uri in shown:
        for row in BeautifulSoup(pages[src_uri], "html.parser").select("tbody tr"):
            rows.append(row.find_all("td")[1].a["href"])
    return rows


def _href_of(src_uri: str, on: str) -> str:
    """How a generated index page links an entry: by its URL relative to the index page."""
    from studysite.core.pages import relative_url

    return relative_url(src_uri, on)


def test_an_entrys_neighbours_follow_the_contents_as_its_pages_show_it_and_the_ends_have_none():
    listings = Listings(_catalogue(500, 200))  # 700 rows: the 汇编目录 is split into group pages
    assert listings.contents.split
    order = [entry.src_uri for entry in listings.contents.entries]
    # The order the 汇编目录's pages show, read from their tables.
    shown = _contents_order(listings)
    on_page = [part.src_uri for part in listings.contents.pages for block in part.blocks for _ in block.entries]
    assert shown == [_href_of(src_uri, page) for src_uri, page in zip(order, on_page, strict=True)]
    places = [place_of(src_uri, listings, NAV) for src_uri in order]
    assert all(place is not None for place in places)
    assert [place.previous for place in places] == [None, *order[:-1]]
    assert [place.next for place in places] == [*order[1:], None]
    assert places[0].position == "汇编目录第 1 篇，共 700 篇" and places[-1].position == "汇编目录第 700 篇，共 700 篇"


def test_an_entry_leads_back_to_the_row_of_its_kinds_own_index_on_the_page_that_shows_it():
    listings = Listings(_catalogue(500, 20))  # speeches split by year, notices on one page
    pages = generated_pages(listings)
    speech = next(e for e in listings.catalogue.speeches if e.date.year == 2022)
    place = place_of(speech.src_uri, listings, NAV)
    assert place is not None and place.home == "speeches/index.md"
    assert place.back is not None and place.back.label == "返回讲话索引（2022年）"
    assert place.back.target.startswith("speeches/years/2022")
    row = BeautifulSoup(pages[place.back.target], "html.parser").find("tr", id=place.back.fragment)
    assert row is not None and row.find("a")["href"] == _href_of(speech.src_uri, place.back.target)

    notice = listings.catalogue.notices[3]
    place = place_of(notice.src_uri, listings, NAV)
    assert place is not None and place.back == Back("返回通报通知索引", "notices/index.md", "e-n0003")
    row = BeautifulSoup(pages["notices/index.md"], "html.parser").find("tr", id="e-n0003")
    assert row is not None and row.find("a")["href"] == "n0003/"


def test_only_the_kinds_own_index_gives_its_rows_ids():
    pages = generated_pages(Listings(_catalogue(30, 30)))
    assert len(BeautifulSoup(pages["speeches/index.md"], "html.parser").select("tr[id]")) == 30
    for other in ("speeches/by-speaker.md", "notices/by-type.md", "compilation/contents.md"):
        assert BeautifulSoup(pages[other], "html.parser").select("tr[id]") == [], other


def test_row_ids_are_unique_even_for_names_that_read_alike_as_ids():
    speeches = tuple(
        Speech(f"speeches/{name}.md", f"示例讲话{n}", ("示例甲",), date(2025, 3, 1 + n))
        for n, name in enumerate(["示例 甲", "示例-甲", "示例/甲", "示例甲"])
    )
    ids = Listings(Catalogue(speeches, (), TOPICS)).row_ids
    assert ids == {
        "speeches/示例 甲.md": "e-示例-甲",
        "speeches/示例-甲.md": "e-示例-甲-2",
        "speeches/示例/甲.md": "e-示例-甲-3",
        "speeches/示例甲.md": "e-示例甲",
    }


def test_other_pages_out_of_the_navigation_join_the_section_of_their_folders_index():
    listings = Listings(_catalogue(400, 0))
    assert place_of("quizzes/report.md", listings, NAV) == Place(
        "quizzes/index.md", Back("返回自测题", "quizzes/index.md")
    )
    assert place_of("measures/m9.md", listings, NAV) == Place(
        "measures/index.md", Back("返回措施打算", "measures/index.md")
    )
    # A group page joins its index's section; its own first line already says 返回 that index.
    assert place_of("speeches/years/2022.md", listings, NAV) == Place("speeches/index.md")
    assert place_of("compilation/contents/理想信念.md", listings, NAV) == Place("compilation/contents.md")
    # Pages of the navigation have their place already; 我的学习 has no section to join.
    assert place_of("speeches/index.md", listings, NAV) is None
    assert place_of("study/index.md", listings, NAV) is None


def test_the_place_bar_links_back_with_the_rows_id_and_says_where_the_entry_stands():
    place = Place(
        "speeches/index.md",
        Back("返回讲话索引（2022年）", "speeches/years/2022.md", "e-示例"),
        None,
        None,
        "汇编目录第 1 篇，共 9 篇",
    )
    bar = BeautifulSoup(place_bar(place, "speeches/示例.md"), "html.parser")
    link = bar.select_one("nav.page-place.screen-only a")
    assert link["href"] == "../years/2022/#e-%E7%A4%BA%E4%BE%8B" and link.get_text() == "返回讲话索引（2022年）"
    assert bar.select_one(".page-place__position").get_text() == "汇编目录第 1 篇，共 9 篇"
    assert place_bar(place, "speeches/示例.md", directory_urls=False).count('href="years/2022.html#') == 1
    assert place_bar(Place("speeches/index.md"), "speeches/years/2022.md") == ""


class _Item:
    """What MkDocs' navigation items offer the theme: a parent, an active flag that marks the parents too."""

    def __init__(self, children: list | None = None) -> None:
        self.parent = None
        self.children = children
        self._active = False
        self.previous_page = self.next_page = None
        self.toc = ["一、示例"]
        self.meta: dict = {}
        for child in children or []:
            child.parent = self

    @property
    def active(self) -> bool:
        return self._active

    @active.setter
    def active(self, value: bool) -> None:
        self._active = value
        if self.parent is not None:
            self.parent.active = value


def test_a_page_is_put_into_its_section_while_it_renders_and_taken_back_after():
    index = _Item()
    section = _Item([index])
    tab = _Item([section])
    page, before, after = _Item(), _Item(), _Item()
    placement = Placement()
    placement.pages = {"a.md": before, "c.md": after}
    page.active = True  # as MkDocs sets it before the page's context is made
    placement.put(page, section, Place("x/index.md", None, "a.md", "c.md", "汇编目录第 2 篇，共 3 篇"))
    assert section.children == [index, page] and page.parent is section
    assert section.active and tab.active and not index.active
    assert page.previous_page is before and page.next_page is after
    placement.take_back()
    assert section.children == [index] and page.parent is None
    assert not section.active and not tab.active
    assert page.previous_page is None and page.next_page is None
    placement.take_back()  # twice is harmless (a page the hook did not place)
    assert section.children == [index]


def test_a_page_that_hides_its_contents_shows_none_in_the_navigation_either():
    page, section = _Item(), _Item([_Item()])
    page.meta = {"hide": ["toc"]}  # a quiz: its stems are headings of its source, not of its form
    placement = Placement()
    placement.put(page, section, Place("quizzes/index.md"))
    assert page.toc == []
    placement.take_back()
    assert page.toc == ["一、示例"]
    other = _Item()
    placement.put(other, section, Place("quizzes/index.md"))
    assert other.toc == ["一、示例"]
