"""What a reader's page must never show: how the site is kept (file paths, front-matter keys, instructions
for the people who keep it). Such text belongs in CONTRIBUTING.md."""

from __future__ import annotations

import re

# Words are cut at ASCII letters only: Han characters count as word characters for \b, and “顺序order” must match.
WORKINGS = re.compile(
    r"docs/|\.md(?![A-Za-z])|problem_refs|(?<![A-Za-z])(?:order|git|make|mkdocs)(?![A-Za-z])|front[ -]?matter"
    r"|extra\.topics|STUDYSITE_|scripts/|合并请求|资料员|文件头|Markdown|放在 ?docs|新建材料包|添加一个文件",
    re.IGNORECASE,
)


def workings(text: str) -> list[str]:
    """Each place the text shows the site's workings, with a little context."""
    return [text[max(0, m.start() - 15) : m.end() + 15].replace("\n", " ") for m in WORKINGS.finditer(text)]
