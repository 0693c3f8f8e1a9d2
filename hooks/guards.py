"""Content checks in the build: report what the content model's checks found, then what rendering reveals.

The findings are the ones `make check` prints (studysite.rules.checks over the same model), so a clean `make check`
means a clean build and a failing one names the same lines. Under `mkdocs serve` the problems do not stop
the preview: every page shows them in a box at its top, so a clerk sees them where they look.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import is_entry_path
from studysite.core.problems import Problem, stop_message
from studysite.render.compilation import with_internal_banner
from studysite.render.serving import problems_banner
from studysite.rules.allowlist import allowlist_problems, may_need_rendering
from studysite.rules.complexity import unrenderable
from studysite.rules.pagecheck import site_assets
from studysite.rules.resources import is_external
from studysite.rules.secrecy import rendered_problems

_PRIORITY = priority("guards")
# Only loggers named mkdocs.* count toward --strict.
typography_log = logging.getLogger("mkdocs.hooks.typography")
notice_log = logging.getLogger("mkdocs.hooks.notices")
problem_log = logging.getLogger("mkdocs.hooks.problems")


@event_priority(_PRIORITY)
def on_config(config):
    problems = [
        Problem("mkdocs.yml", 1, key, "站内文件", str(url))
        for key in ("extra_css", "extra_javascript")
        for url in config[key]
        if is_external(str(url))
    ]
    # Material's offline plugin loads a script from a public CDN (unpkg) on every page: the intranet has no
    # internet and the pages' policy allows no other site's script. `make offline` makes the offline edition.
    problems += [
        Problem("mkdocs.yml", 1, "plugins", "本站的插件（离线版请用 make offline 生成）", name)
        for name in ("offline", "material/offline")
        if name in config.plugins
    ]
    if problems:
        raise PluginError(stop_message(problems))
    return config


def _stop(problems: list[Problem], config) -> None:
    """Stop the build with every problem; under serve, say them and keep the preview going."""
    if not problems:
        return
    if not build_of(config).settings.serving:
        raise PluginError(stop_message(problems))
    for problem in sorted(set(problems)):
        problem_log.error(str(problem))


@event_priority(_PRIORITY)
def on_files(files, config):
    build_of(config).rendering.finished.start(build_of(config), site_assets(config))
    checked = build_of(config).report
    for finding in checked.notices:
        notice_log.info(str(finding))
    for finding in checked.typography:
        typography_log.warning(f"{finding}（make fix 可自动修正）")
    # The build goes on to render every page, so what only rendering reveals (the allowlist) is listed in
    # the same run as the rest, as `make check` lists it; on_env stops it.
    return files


@event_priority(_PRIORITY)
def on_page_markdown(markdown, page, config, files):
    build = build_of(config)
    source = build.site.source(page.file.src_uri) if page.file.generated_by is None else None
    if source is not None and source.path in unrenderable(build.report.problems):
        # Markdown would take hours or overflow the stack on this body: the build stops on the problem anyway.
        return f"（此页正文结构过于复杂，未生成；见 {source.path} 的检查结果。）\n"
    if build.settings.serving and (build.report.stopping or build.report.typography):
        markdown = problems_banner(build.report, page.file.src_uri) + markdown
    # Entries get their banner with their header (hooks/indexes.py); other pages get it here.
    if is_entry_path(page.file.src_uri) or not build.site.internal(page.file.src_uri):
        return markdown
    return with_internal_banner(markdown)


@event_priority(_PRIORITY)
def on_page_content(html, page, config, files):
    # The allowlist judges what the page became; only raw HTML, links, attribute lists or entities can make
    # anything the site's Markdown does not, so other pages pass at once.
    source = build_of(config).site.source(page.file.src_uri) if page.file.generated_by is None else None
    if source is not None and may_need_rendering(source.body):
        build_of(config).rendering.add_problems(allowlist_problems(source, html))
        build_of(config).rendering.add_problems(rendered_problems(source, html))  # guards on what readers get
    return html


@event_priority(_PRIORITY)
def on_env(env, config, files):
    # Every page is rendered before on_env: every problem of the run is reported together, once.
    build = build_of(config)
    _stop([*build.report.stopping, *build.rendering.problems], config)
    return env


@event_priority(_PRIORITY)
def on_page_context(context, page, config, nav):
    # Material prints titles and front matter raw in places: escaped while this page's template renders.
    build_of(config).rendering.escaped.escape(page, [*nav.pages, page.previous_page, page.next_page])
    return context


@event_priority(_PRIORITY)
def on_post_page(output, page, config):
    rendering = build_of(config).rendering
    rendering.escaped.restore()
    # The finished page, template included, as the reader gets it; a page that fails is not written as it is.
    # Its comments go here, not in on_page_content: hooks after this one use comments as placeholders
    # (studysite.render.md stashes tables); the search index, PDFs and Word files read no comments.
    return rendering.finished.judged(output, page)


@event_priority(_PRIORITY)
def on_post_build(config):
    _stop(build_of(config).rendering.finished.problems(), config)
