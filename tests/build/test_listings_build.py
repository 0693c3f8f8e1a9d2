"""The indexes at scale in real builds: one page per group above LIMIT rows, every entry reached, every link sound."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import bench
import check
from studysite.core.pages import COMPILATION_PAGES, CONTENTS, NOTICE_INDEX, SPEECH_INDEX
from studysite.model.listings import LIMIT
from studysite.render.md import stash_tables, unstash_tables
from studysite.rules.links import link_problems, page_targets, unreachable
from support import REPO, copy_project


@pytest.fixture(scope="module")
def scale_build(tmp_path_factory):
    """The repo's site with 2,000 fictional entries, as `make check` and the build read it (nothing rendered)."""
    project = copy_project(tmp_path_factory.mktemp("scale") / "project")
    bench.write_corpus(project / "docs", 2000)
    return check.load(project)


def _index_pages(build) -> dict[str, str]:
    return {uri: text for uri, text in build.generated.items() if uri in build.site.listings.group_pages} | {
        uri: build.generated[uri] for uri in COMPILATION_PAGES
    }


def test_no_index_page_holds_more_than_limit_rows_and_long_indexes_are_split(scale_build):
    pages = _index_pages(scale_build)
    sizes = {uri: len(BeautifulSoup(text, "html.parser").select("tbody tr")) for uri, text in pages.items()}
    assert max(sizes.values()) <= LIMIT, sorted(sizes.items(), key=lambda item: -item[1])[:3]
    listings = scale_build.site.listings
    assert all(listing.split for listing in listings.all), "2,000 entries: every index has pages per group"
    assert "speeches/years/2022.md" in scale_build.site.pages
    assert scale_build.site.title("speeches/years/2022.md") == "讲话·2022年"
    assert scale_build.site.title("notices/by-type/通报.md") == "通报通知·通报"
    index = BeautifulSoup(scale_build.generated[SPEECH_INDEX], "html.parser")
    assert [[td.get_text() for td in tr.select("td")][:2] for tr in index.select("tbody tr")][0] == ["2022年", "200 篇"]


def test_every_entry_is_reached_from_each_index_through_its_html_links(scale_build):
    site = scale_build.site
    links = {uri: page_targets(uri, text, site.pages) for uri, text in _index_pages(scale_build).items()}
    for uri in site.catalogue.by_uri:
        links.setdefault(uri, set())
    speeches = {s.src_uri for s in site.catalogue.speeches}
    notices = {n.src_uri for n in site.catalogue.notices}
    assert speeches & unreachable([SPEECH_INDEX], links) == set()
    assert notices & unreachable([NOTICE_INDEX], links) == set()
    assert set(site.catalogue.by_uri) & unreachable([CONTENTS], links) == set()
    assert scale_build.report.problems == [], "no orphan, no broken link: the build's own verdict"


def test_every_link_of_every_generated_index_page_resolves(scale_build):
    site = scale_build.site
    texts = _index_pages(scale_build)
    problems = []
    for uri, text in texts.items():
        problems += link_problems(f"docs/{uri}", uri, text, site.targets, lambda _: None)
    assert problems == []
    # The checker does see these links: a wrong URL in one of them is found.
    broken = texts[SPEECH_INDEX].replace('href="years/2022/"', 'href="years/2099/"', 1)
    assert [p.got for p in link_problems("docs/x", SPEECH_INDEX, broken, site.targets, lambda _: None)] == [
        "years/2099/"
    ]


def test_the_repo_site_fits_on_one_page_per_index(tmp_path: Path):
    build = check.load(REPO)
    assert build.site.listings.group_pages == {}
    assert not any(listing.split for listing in build.site.listings.all)


def test_stashed_tables_come_back_as_markdown_would_have_passed_them(scale_build):
    """Index tables skip Markdown's HTML parsing and the page is the same, byte for byte."""
    import markdown

    config = check.project_config(REPO)
    for uri in (SPEECH_INDEX, "speeches/years/2022.md", "compilation/contents/理想信念.md"):
        text = scale_build.generated[uri]

        def convert(source: str) -> str:
            return markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            ).convert(source)

        stashed, tables = stash_tables(text)
        assert tables and "<tr>" not in stashed and len(stashed) < len(text)
        assert unstash_tables(convert(stashed), tables) == convert(text), uri
