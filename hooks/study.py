"""The study record (issue 24): the 我的学习 page, and the 已学 control on every reading page.

The control goes into the finished page, after the search index and the packs' PDFs read the content (neither
should hold a button), and before the guards judge the page, so the judge sees it like every other part.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.build.order import priority
from studysite.build.state import build_of
from studysite.core.pages import STUDY_PAGE
from studysite.render.study import with_mark_control

_PRIORITY = priority("study")


@event_priority(_PRIORITY)
def on_files(files, config):
    files.append(File.generated(config, STUDY_PAGE, content=build_of(config).generated[STUDY_PAGE]))
    return files


@event_priority(_PRIORITY)
def on_post_page(output, page, config):
    reading = build_of(config).study.pages.get(page.file.src_uri)
    return output if reading is None else with_mark_control(output, reading)
