"""Every finished page gets the site's Content-Security-Policy (studysite.render.csp); the preview of `make serve` does
not, because the development server injects its own reload script into each page it serves. The theme's own
pages (404.html) lose their comments here too, as the content pages do in hooks/guards.py."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.render.csp import with_policy
from studysite.rules.pagecheck import without_comments

_PRIORITY = priority("csp")


@event_priority(_PRIORITY)
def on_post_page(output, page, config):
    return output if build_of(config).settings.serving else with_policy(output)


@event_priority(_PRIORITY)
def on_post_template(output, template_name, config):
    # The sitemap is no HTML.
    if not template_name.endswith(".html"):
        return output
    if build_of(config).settings.serving:
        return without_comments(output)
    return with_policy(without_comments(output))
