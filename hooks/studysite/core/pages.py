"""Where things live in docs/: the content folders and the names of every page the build generates.

The model owns these names so that rules (what exists, what a pack may name) never ask a renderer.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote

from studysite.core.kinds import ENTRY_FOLDERS, ENTRY_KINDS, KINDS, MEASURE, NOTICE, PACK, QUIZ, REPORT, SPEECH

SPEECH_DIR = SPEECH.folder
NOTICE_DIR = NOTICE.folder
MEASURE_DIR = MEASURE.folder
PACK_DIR = PACK.folder
PROBLEM_PAGE = REPORT.folder + "problems.md"

# The compilation's indexes (each entry kind's, from the registry) and its table of contents.
SPEECH_INDEX, SPEECHES_BY_SPEAKER, SPEECHES_BY_TOPIC = (page.src_uri for page in SPEECH.listings)
NOTICE_INDEX, NOTICES_BY_TYPE, NOTICES_BY_ISSUER = (page.src_uri for page in NOTICE.listings)
CONTENTS = "compilation/contents.md"
_CONTENTS_TITLE = "汇编目录"
_CONTENTS_GROUPS = "compilation/contents/"
COMPILATION_PAGES = (*(page.src_uri for kind in ENTRY_KINDS for page in kind.listings), CONTENTS)

# The measures' generated pages and the ledger's download.
LEDGER_PAGE, MAPPING_PAGE = (page.src_uri for page in MEASURE.listings)
LEDGER_CSV = "measures/ledger.csv"
MEASURE_PAGES = (LEDGER_PAGE, MAPPING_PAGE)
MEASURE_FILES = (LEDGER_CSV,)
# The ledger as an Excel workbook: made with the PDFs only (make build, make pdf), like the packs' Word files.
LEDGER_XLSX = "measures/ledger.xlsx"

# An index too long for one page gets a page per group (a year, a speaker, a 文种 …) in a folder of its own.
# The folders are the build's: a clerk's file there would stand where a generated page may come.
LISTING_FOLDERS = {
    **{page.src_uri: page.groups for kind in ENTRY_KINDS for page in kind.listings if page.groups},
    CONTENTS: _CONTENTS_GROUPS,
}
GENERATED_FOLDERS = tuple(LISTING_FOLDERS.values())

(PACK_INDEX,) = (page.src_uri for page in PACK.listings)
QUIZ_DIR = QUIZ.folder
(QUIZ_INDEX,) = (page.src_uri for page in QUIZ.listings)
FIND_PAGE = "find/index.md"  # the 检索 page with filters (issue 15): reserved here so every module names it alike
_FIND_TITLE = "检索"
STUDY_PAGE = "study/index.md"  # 我的学习 (issue 24): the reader's own record, read from the browser's storage
_STUDY_TITLE = "我的学习"

# The pages the registry declares for kinds outside the compilation (the ledger, the packs' index …).
_OTHER_KIND_PAGES = tuple(page for kind in KINDS if not kind.entry for page in kind.listings)

# Every generated Markdown page and every generated download a page may link to.
GENERATED_PAGES = (*COMPILATION_PAGES, *(page.src_uri for page in _OTHER_KIND_PAGES), FIND_PAGE, STUDY_PAGE)
GENERATED_FILES = (*MEASURE_FILES, LEDGER_XLSX)


def _markdown_file(src_uri: str) -> bool:
    return src_uri.endswith(".md") and src_uri.rsplit("/", 1)[-1] != "index.md"


def is_generated_path(src_uri: str) -> bool:
    """A path the build writes: a generated page or file, or anything in a folder of group pages."""
    return src_uri in GENERATED_PAGES or src_uri in GENERATED_FILES or src_uri.startswith(GENERATED_FOLDERS)


def is_entry_path(src_uri: str) -> bool:
    """A clerk's entry: a Markdown page in speeches/ or notices/ that the build does not generate."""
    return src_uri.startswith(ENTRY_FOLDERS) and _markdown_file(src_uri) and not is_generated_path(src_uri)


def is_measure_path(src_uri: str) -> bool:
    return src_uri.startswith(MEASURE_DIR) and _markdown_file(src_uri) and src_uri not in GENERATED_PAGES


def is_pack_path(src_uri: str) -> bool:
    return src_uri.startswith(PACK_DIR) and src_uri.endswith(".md") and src_uri != PACK_INDEX


def is_quiz_path(src_uri: str) -> bool:
    return src_uri.startswith(QUIZ_DIR) and src_uri.endswith(".md") and src_uri != QUIZ_INDEX


# A quiz's two print sheets, beside its page: the questions (试题) and the answers (答案), each a PDF and a Word file.
QUIZ_SHEETS = (("questions", "试题"), ("answers", "答案"))


def sheet_of(quiz_src_uri: str, sheet: str, extension: str) -> str:
    """A quiz's print sheet: quizzes/report.md → quizzes/report-questions.pdf."""
    return f"{quiz_src_uri.removesuffix('.md')}-{sheet}.{extension}"


def slug(name: str) -> str:
    """A name (a speaker, an issuer, a topic) as a piece of a path or an id: letters and Han kept, the rest -."""
    return re.sub(r"[^\w\u3400-\u9fff-]+", "-", name).strip("-")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a file, from the site root: speeches/x.md → speeches/x/ (or speeches/x.html).

    As mkdocs.structure.files.File.url, unquoted; other files keep their path. Links written as HTML are not
    rewritten by MkDocs, so a generated HTML link must name this URL.
    """
    if not src_uri.endswith(".md"):
        return src_uri
    folder, _, name = src_uri.removesuffix(".md").rpartition("/")
    prefix = folder + "/" if folder else ""
    if name in ("index", "README"):
        return (prefix or "./") if directory_urls else prefix + "index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


@lru_cache(maxsize=65536)  # a pure function of its arguments: an index names each page many times
def _url_parts(src_uri: str, directory_urls: bool, as_base: bool) -> tuple[tuple[str, ...], bool]:
    """A page's URL as percent-quoted path parts, and whether it ends with /; as_base drops a file name."""
    url = page_url(src_uri, directory_urls)
    folder, _, name = url.rpartition("/")
    if as_base and "." in name:
        url = folder
    parts = tuple(quote(part) for part in posixpath.normpath("/" + url).split("/") if part)
    return parts, url.endswith("/")


def relative_url(target: str, from_page: str, directory_urls: bool = True) -> str:
    """The href on page from_page that reaches target (both src_uri), as MkDocs writes its own links
    (mkdocs.utils.get_relative_url over File.url)."""
    url_parts, directory = _url_parts(target, directory_urls, False)
    other_parts, _ = _url_parts(from_page, directory_urls, True)
    common = 0
    for a, b in zip(other_parts, url_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + list(url_parts[common:])) or "."
    return relative + "/" if directory else relative


def pdf_of(pack_src_uri: str) -> str:
    """The PDF a pack page offers, beside it."""
    return pack_src_uri.removesuffix(".md") + ".pdf"


def docx_of(pack_src_uri: str) -> str:
    """The Word document a pack page offers, beside its PDF."""
    return pack_src_uri.removesuffix(".md") + ".docx"


# The titles generated pages carry (their # heading), for lists that name them before they are rendered.
GENERATED_TITLES = {
    **{page.src_uri: page.title for kind in ENTRY_KINDS for page in kind.listings},
    CONTENTS: _CONTENTS_TITLE,
    **{page.src_uri: page.title for page in _OTHER_KIND_PAGES},
    FIND_PAGE: _FIND_TITLE,
    STUDY_PAGE: _STUDY_TITLE,
}
