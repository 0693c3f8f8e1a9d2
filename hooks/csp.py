"""Every finished page gets its Content-Security-Policy (studysite.csp); the preview of `make serve` does not,
because the development server injects its own reload script into each page it serves."""

from __future__ import annotations

from studysite.csp import with_policy

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_post_page(output, page, config):
    return output if _serving else with_policy(output)


def on_post_template(output, template_name, config):
    # The theme's own pages (404.html) carry the policy too; the sitemap is no HTML.
    return with_policy(output) if template_name.endswith(".html") and not _serving else output
