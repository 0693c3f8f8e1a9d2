"""A quiz's two print sheets, 试题 and 答案, each a PDF and a Word document laid out like the study packs.

Each sheet is printed as a pack of one page through the packs' own PDF and Word writers, so paper looks the same
whichever the site prints; like a report it has no cover and no 目录 (a sheet handed out to a 支部 is its page
alone), and each question with its options or answer is kept on one page. The date on
the cover is the quiz page's last change (git history), never the day of the build: same sources, same bytes.
"""

from __future__ import annotations

from datetime import date

from studysite.core.pages import QUIZ_SHEETS, sheet_of
from studysite.model.packs import DEFAULT_LEVEL, Pack
from studysite.model.quizzes import Quiz
from studysite.office.filecache import FileCache
from studysite.office.packfiles import pack_files
from studysite.office.printing import PrintedPack, PrintPage
from studysite.render.quizpage import sheet_html


def printed_sheet(quiz: Quiz, sheet: str, label: str, day: date | None, level: str = DEFAULT_LEVEL) -> PrintedPack:
    """One sheet as a pack of one page; level 内部 prints the 内部资料 mark on its cover, as a pack's."""
    pack = Pack(quiz.src_uri, quiz.title, (quiz.src_uri,), level, subtitle=label)
    page = PrintPage(quiz.src_uri, f"{quiz.title}（{label}）", sheet_html(quiz, sheet), "")
    return PrintedPack(pack, [page], "", day, report=True)


def sheet_files(
    quiz: Quiz, day: date | None, level: str = DEFAULT_LEVEL, cache: FileCache | None = None
) -> dict[str, bytes]:
    """Every print file of a quiz, by its src_uri: the 试题 and 答案 sheets, PDF and Word (from the office
    cache when it holds them)."""
    printed = [printed_sheet(quiz, sheet, label, day, level) for sheet, label in QUIZ_SHEETS]
    made = {}
    for (sheet, _), files in zip(QUIZ_SHEETS, pack_files(printed, cache, processes=1), strict=True):
        made[sheet_of(quiz.src_uri, sheet, "pdf")] = files.pdf
        made[sheet_of(quiz.src_uri, sheet, "docx")] = files.docx
    return made
