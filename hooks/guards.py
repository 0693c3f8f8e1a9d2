"""Guards that stop the build on content that must not reach the intranet site, or would be lost in it."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from studysite.problems import Problem, report
from studysite.reachability import orphan_problems
from studysite.resources import external_resource_problems, is_external, scan


def on_config(config):
    problems = [
        Problem("mkdocs.yml", 1, key, "站内文件", str(url))
        for key in ("extra_css", "extra_javascript")
        for url in config[key]
        if is_external(str(url))
    ]
    if problems:
        raise PluginError(report(problems))
    return config


def on_env(env, config, files):
    # Every page's Markdown is rendered before on_env, so all pages are checked and reported together.
    rendered = {
        file.src_uri: file
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    }
    problems = []
    links = {}
    for src_uri, file in rendered.items():
        loaded, hrefs = scan(file.page.content)
        problems += external_resource_problems(f"docs/{src_uri}", file.content_string, loaded)
        links[src_uri] = (file.page.url, hrefs)
    if config.nav is not None:  # without a nav in mkdocs.yml every page is in the generated nav
        problems += orphan_problems(links, config.nav)
    if problems:
        raise PluginError(report(problems))
    return env
