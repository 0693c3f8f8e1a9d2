"""Guards that stop the build on content that must not reach the intranet site."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from studysite.problems import Problem, report
from studysite.resources import external_resource_problems, is_external


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
    problems = []
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content is not None:
            source = f"docs/{file.src_uri}"
            problems += external_resource_problems(source, file.content_string, page.content)
    if problems:
        raise PluginError(report(problems))
    return env
