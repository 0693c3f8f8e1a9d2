"""What a reader's page must never show: how the site is kept (file paths, front-matter keys, instructions
for the people who keep it). Such text belongs in CONTRIBUTING.md."""

from __future__ import annotations

import re

WORKINGS = re.compile(
    r"docs/|\.md\b|problem_refs|\border\b|front[ -]?matter|mkdocs|extra\.topics|STUDYSITE_|scripts/"
    r"|\bmake\s|\bgit\b|合并请求|资料员|文件头|Markdown|放在 ?docs|新建材料包|添加一个文件",
    re.IGNORECASE,
)


def workings(text: str) -> list[str]:
    """Each place the text shows the site's workings, with a little context."""
    return [text[max(0, m.start() - 15) : m.end() + 15].replace("\n", " ") for m in WORKINGS.finditer(text)]
