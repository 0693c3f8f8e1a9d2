"""Same sources, same bytes: nothing in the output may depend on the day of the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from studysite.build.order import priority

_PRIORITY = priority("repeatable")
# Without site_url the sitemap lists no pages, and the .gz header carries the build date.
_EMPTY_SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


@event_priority(_PRIORITY)
def on_post_build(config):
    if not config.site_url:
        for name in _EMPTY_SITEMAPS:
            Path(config.site_dir, name).unlink(missing_ok=True)
