"""Where a page stands (issue 26, item 11): the section of the navigation it belongs to, the index it leads back
to, and its 上一篇 and 下一篇.

Entries (2,000 and more) stay out of the navigation: Material would render every one of them into every page.
So a page out of the navigation is given its place here, from the content model and the navigation's own pages,
and the hook lets the theme show it while that one page renders: its tab and section highlighted, its 目录 in the
phone's drawer, its neighbours in the footer, a 返回 link above its title.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studysite.core.pages import LISTING_FOLDERS
from studysite.model.entries import Entry
from studysite.model.listings import Listings
from studysite.render.md import html_link

# The footer's words for an entry's neighbours (Material says 上一页 and 下一页 for pages of the navigation).
PREVIOUS, NEXT = "上一篇", "下一篇"


@dataclass(frozen=True)
class Back:
    """The link back to the index that lists a page: its words, the page (src_uri) and the row's id there."""

    label: str
    target: str
    fragment: str = ""


@dataclass(frozen=True)
class Place:
    home: str  # the navigation's page whose section this page joins while it renders ("": none)
    back: Back | None = None
    previous: str | None = None  # the entry before it in the 汇编目录 (src_uri)
    next: str | None = None
    position: str = ""  # 汇编目录第 12 篇，共 2000 篇

    @property
    def entry(self) -> bool:
        """An entry of the compilation: it has a place in the 汇编目录, and neighbours called 上一篇 and 下一篇."""
        return bool(self.position)


def _group_listing(src_uri: str) -> str | None:
    """The index a group page belongs to (speeches/years/2022.md → speeches/index.md)."""
    return next((index for index, folder in LISTING_FOLDERS.items() if src_uri.startswith(folder)), None)


def _folder_index(src_uri: str, nav: Mapping[str, str]) -> str | None:
    """The navigation's index page of the page's folder or the nearest folder above it."""
    folder = posixpath.dirname(src_uri)
    while folder:
        index = folder + "/index.md"
        if index in nav:
            return index
        folder = posixpath.dirname(folder)
    return None


def _entry_place(entry: Entry, listings: Listings, nav: Mapping[str, str]) -> Place:
    main = listings.main(entry)
    shown = main.shown_on(entry)
    back = None
    if shown is not None:
        page, group = shown
        label = f"返回{main.title}" + (f"（{group}）" if main.split else "")
        back = Back(label, page, listings.row_ids.get(entry.src_uri, ""))
    order = listings.contents.entries
    number = listings.sequence[entry.src_uri]
    return Place(
        home=main.src_uri if main.src_uri in nav else "",
        back=back,
        previous=order[number - 1].src_uri if number > 0 else None,
        next=order[number + 1].src_uri if number + 1 < len(order) else None,
        position=f"汇编目录第 {number + 1} 篇，共 {len(order)} 篇",
    )


def place_of(src_uri: str, listings: Listings, nav: Mapping[str, str]) -> Place | None:
    """The place of a page out of the navigation (nav: its pages' src_uri → title); None for a page in it, or
    one with no section to join (我的学习)."""
    if src_uri in nav:
        return None
    entry = listings.catalogue.by_uri.get(src_uri)
    if entry is not None and entry.src_uri in listings.sequence:
        return _entry_place(entry, listings, nav)
    index = _group_listing(src_uri)
    if index is not None:  # a group page says 返回 its index in its own first line
        return Place(home=index) if index in nav else None
    index = _folder_index(src_uri, nav)
    if index is None:
        return None
    return Place(home=index, back=Back(f"返回{nav[index]}", index))


def place_bar(place: Place, page: str, directory_urls: bool = True) -> str:
    """The line above a page's title: back to its index, and where an entry stands in the 汇编目录. Screen only."""
    if place.back is None:
        return ""
    back = html_link(place.back.label, place.back.target, page, directory_urls, place.back.fragment)
    position = f'<span class="page-place__position">{place.position}</span>' if place.position else ""
    return f'<nav class="page-place screen-only" aria-label="所在位置">{back}{position}</nav>'


class Placement:
    """Puts one page out of the navigation into its place for the time its template renders, and takes it back.

    Works on MkDocs' navigation and page objects by their attributes (children, parent, active, previous_page,
    next_page, toc, meta), as the theme reads them; nothing else of MkDocs is assumed.
    """

    def __init__(self) -> None:
        self.pages: Mapping[str, object] = {}  # MkDocs' page of every src_uri: an entry's neighbours
        self._placed: tuple[Any, Any, Any] | None = None  # the page, its section, its own 目录

    def put(self, page, section, place: Place) -> None:
        self.take_back()
        if section is not None:
            section.children.append(page)
            page.parent = section
            page.active = True  # set before the page had a parent: now its section and tab are active too
        toc = page.toc
        if "toc" in (page.meta.get("hide") or ()):
            # Material lists the page's 目录 under it in the navigation whatever the page hides (a quiz's stems
            # are headings of its source, not of its form): a page without a 目录 shows none there either.
            page.toc = []
        page.previous_page = self.pages.get(place.previous) if place.previous else None
        page.next_page = self.pages.get(place.next) if place.next else None
        self._placed = (page, section, toc)

    def take_back(self) -> None:
        if self._placed is None:
            return
        page, section, toc = self._placed
        page.toc = toc
        if section is not None:
            page.active = False  # its section and tab too, while it still has them
            section.children.remove(page)
            page.parent = None
        page.previous_page = page.next_page = None
        self._placed = None
