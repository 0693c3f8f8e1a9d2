"""Where a page out of the navigation stands (issue 26, item 11), shown while that one page renders.

studysite.render.place says where: the section it joins, its 返回 link, its 上一篇 and 下一篇. The page is put
into its section of MkDocs' navigation for the time its template renders (so Material highlights its tab and
section and puts its 目录 in the phone's drawer, as for any page of the navigation), its neighbours become its
previous and next pages (Material's footer), and the template gets the 返回 line (overrides/main.html). After
the page is written it is all taken back: every other page renders the navigation mkdocs.yml declares.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.render.place import NEXT, PREVIOUS, place_bar, place_of

_PRIORITY = priority("place")


@event_priority(_PRIORITY)
def on_env(env, config, files):
    build_of(config).rendering.placement.pages = {file.src_uri: file.page for file in files.documentation_pages()}
    return env


@event_priority(_PRIORITY)
def on_page_context(context, page, config, nav):
    build = build_of(config)
    place = place_of(page.file.src_uri, build.site.listings, {item.file.src_uri: item.title for item in nav.pages})
    if place is None:
        return context
    home = next((item for item in nav.pages if item.file.src_uri == place.home), None)
    build.rendering.placement.put(page, home.parent if home is not None else None, place)
    context["place_bar"] = place_bar(place, page.file.src_uri, config.use_directory_urls)
    context["place_words"] = (PREVIOUS, NEXT) if place.entry else None
    return context


@event_priority(_PRIORITY)
def on_post_page(output, page, config):
    build_of(config).rendering.placement.take_back()
    return output
