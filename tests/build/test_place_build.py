"""Issue 26, item 11 in a real strict build, read back with an HTML parser: an entry page's 上一篇/下一篇 follow the
汇编目录 as its pages show it, its 返回 link lands on its own row of its kind's index, its tab and section are
marked and its 目录 is in the navigation the phone's drawer shows; the navigation of every other page stays as
mkdocs.yml declares it."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import soup
from support.place import HEADED_PATH, HEADED_TITLE, HEADINGS, build_place_site, contents_order, resolve

ENTRIES = 800  # speeches and notices both above LIMIT: their indexes and the 汇编目录 are split into pages


@pytest.fixture(scope="module")
def place_site(tmp_path_factory) -> Path:
    return build_place_site(tmp_path_factory.mktemp("place"), ENTRIES)


def _footer(page) -> dict[str, tuple[str, str, str]]:
    """The footer's links: direction → (href, the words above the title, the title)."""
    links = {}
    for direction in ("prev", "next"):
        link = page.select_one(f".md-footer__link--{direction}")
        if link is not None:
            words = link.select_one(".md-footer__direction").get_text(strip=True)
            links[direction] = (link["href"], words, link.select_one(".md-ellipsis").get_text(strip=True))
    return links


def _section_items(section) -> list[str]:
    """The names a section of the navigation lists under its own (its index is its own name)."""
    items = section.find("nav").find("ul", recursive=False).find_all("li", recursive=False)
    return [item.find(["a", "label"]).get_text(strip=True) for item in items]


def _title(page) -> str:
    return page.select_one("article h1").get_text(strip=True).removesuffix("¶")


def test_previous_and_next_follow_the_contents_order_and_the_ends_have_none(place_site: Path):
    order = contents_order(place_site)
    assert len(order) == ENTRIES + 6 and len(set(order)) == len(order)
    assert soup(place_site / "compilation/contents/index.html").select(".index-groups"), "split into pages"
    titles = {path: _title(soup(place_site / path / "index.html")) for path in order}
    for number, path in enumerate(order):
        footer = _footer(soup(place_site / path / "index.html"))
        expected = {}
        if number > 0:
            expected["prev"] = (order[number - 1], "上一篇", titles[order[number - 1]])
        if number + 1 < len(order):
            expected["next"] = (order[number + 1], "下一篇", titles[order[number + 1]])
        got = {key: (resolve(path, href)[0], words, title) for key, (href, words, title) in footer.items()}
        assert got == expected, path
    assert "prev" not in _footer(soup(place_site / order[0] / "index.html"))
    assert "next" not in _footer(soup(place_site / order[-1] / "index.html"))


def test_each_entry_leads_back_to_its_own_row_on_its_kinds_index(place_site: Path):
    for path in contents_order(place_site):
        page = soup(place_site / path / "index.html")
        links = page.select("article nav.page-place a")
        assert len(links) == 1, path
        kind = path.split("/")[0]
        label = {"speeches": "返回讲话索引", "notices": "返回通报通知索引"}[kind]
        assert links[0].get_text().startswith(label), path
        index, fragment = resolve(path, links[0]["href"])
        assert index.startswith(f"{kind}/years/"), (path, index)  # the index by date is split by year
        row = soup(place_site / index / "index.html").find("tr", id=fragment)
        assert row is not None, (path, index, fragment)
        assert resolve(index, row.select_one("a")["href"])[0] == path
        year = row.select("td")[0 if kind == "speeches" else 1].get_text()[:5]
        assert links[0].get_text() == f"{label}（{year}）", path


def test_an_entrys_tab_and_section_are_marked_and_its_contents_are_in_the_drawers_navigation(place_site: Path):
    page = soup(place_site / HEADED_PATH / "index.html")
    assert [tab.get_text(strip=True) for tab in page.select(".md-tabs__item--active")] == ["学习资料汇编"]
    # In the primary navigation (the phone's drawer): the entry, marked, inside the 讲话 section …
    active = page.select(".md-nav--primary a.md-nav__link--active")
    assert [a.get_text(strip=True) for a in active] == [HEADED_TITLE]
    section = active[0].find_parent("li", class_="md-nav__item--nested")
    assert "md-nav__item--active" in section["class"]
    assert section.select_one(".md-nav__container a").get_text(strip=True) == "讲话"
    assert _section_items(section) == ["按讲话人", "按专题", HEADED_TITLE]
    # … with its 目录 under the toggle Material opens it with.
    assert page.select_one(".md-nav--primary label.md-nav__link[for=__toc]").get_text(strip=True) == HEADED_TITLE
    toc = page.select(".md-nav--primary .md-nav--secondary a")
    assert [a.get_text(strip=True) for a in toc] == list(HEADINGS)
    ids = [h["id"] for h in page.select("article h2")]
    assert [resolve(HEADED_PATH, a["href"])[1] for a in toc] == ids


@pytest.mark.parametrize(
    ("path", "tab", "back"),
    [
        ("quizzes/report/", "自测题", ("返回自测题", "quizzes/")),
        ("packs/report/", "学习材料包", ("返回学习材料包", "packs/")),
        ("measures/m9/", "措施打算", ("返回措施打算", "measures/")),
        ("speeches/years/2022/", "学习资料汇编", None),
        ("compilation/contents/理想信念/", "学习资料汇编", None),
    ],
)
def test_other_pages_out_of_the_navigation_have_their_tab_and_way_back(place_site: Path, path: str, tab, back):
    page = soup(place_site / path / "index.html")
    assert [t.get_text(strip=True) for t in page.select(".md-tabs__item--active")] == [tab]
    active = page.select(".md-nav--primary a.md-nav__link--active")
    assert [resolve(path, a["href"])[0] for a in active] == [path], "the page itself, marked in its section"
    links = page.select("article nav.page-place a")
    assert [(a.get_text(), resolve(path, a["href"])[0]) for a in links] == ([back] if back else [])
    assert _footer(page) == {}, "no neighbours outside the compilation's entries"


def test_the_navigation_of_every_other_page_is_as_mkdocs_yml_declares(place_site: Path):
    """The entry put into its section while it rendered is taken back: no other page lists it or marks its tab."""
    for path, tab in (("index.html", "首页"), ("report/index.html", "会议报告"), ("find/index.html", "检索")):
        page = soup(place_site / path)
        navigation = page.select_one(".md-nav--primary").get_text()
        assert HEADED_TITLE not in navigation and "示例讲话第" not in navigation, path
        assert [t.get_text(strip=True) for t in page.select(".md-tabs__item--active")] == [tab], path
    speeches = soup(place_site / "speeches/index.html")
    section = speeches.select_one(".md-nav--primary a.md-nav__link--active").find_parent("li")
    assert _section_items(section) == ["按讲话人", "按专题"]


def test_pages_of_the_navigation_keep_materials_footer_and_have_no_back_line(place_site: Path):
    page = soup(place_site / "report/index.html")
    assert {
        key: (resolve("report/", href)[0], words, title) for key, (href, words, title) in _footer(page).items()
    } == {
        "prev": ("", "上一页", "首页"),
        "next": ("report/problems/", "下一页", "问题清单"),
    }
    assert page.select("nav.page-place") == []
