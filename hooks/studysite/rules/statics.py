"""Which files of docs/ the site publishes as they are: pages, images and attachments, by allowlist.

A merge request is not trusted until reviewed, and a file copied into site/ is served from the site's own
origin: an .html page, a .js file or an SVG runs script there, inside the pages' script-src 'self'. So every
file that is not a page must be of a static kind a browser only shows or downloads (images, PDF, Office and
OpenDocument files, text); anything else is refused at its path, by check and build alike. The site's own
scripts and styles (named by mkdocs.yml's extra_css and extra_javascript, by the templates of overrides/, and
the search's files under assets/search/) stay.

SVG is refused whatever it holds: an SVG is an XML document that runs script when opened (<script>, onload,
<set> or <animate> writing a javascript: href, <foreignObject> with HTML, an XSLT stylesheet, entities hiding
all of these, svgz compressing them). Telling a drawing from a program would take a full SVG sanitiser; clerks'
material is scans, photos and Office files, and a PNG of the same drawing loses nothing a reader needs.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath

from studysite.core.hostfiles import refused_file
from studysite.core.problems import Problem

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
# Attachments a browser downloads or shows in its own viewer; what they hold is read by studysite.rules.attachments.
DOCUMENTS = (
    *(".pdf", ".ofd", ".txt", ".csv", ".rtf", ".zip", ".rar", ".7z"),
    *(".doc", ".docx", ".docm", ".xls", ".xlsx", ".xlsm", ".ppt", ".pptx", ".pptm"),
    *(".wps", ".et", ".dps", ".odt", ".ods", ".odp"),
)
PAGES = (".md", ".markdown")
STATIC_KINDS = frozenset((*IMAGES, *DOCUMENTS))
SITE_ASSET_FOLDERS = ("assets/search/",)
# What a browser runs or renders as a document of the site's own origin: named in the message.
ACTIVE = {
    ".html": "网页文件",
    ".htm": "网页文件",
    ".xhtml": "网页文件",
    ".xht": "网页文件",
    ".shtml": "网页文件",
    ".mht": "网页文件",
    ".mhtml": "网页文件",
    ".xml": "XML 文件（可带样式表和脚本）",
    ".xsl": "XSLT 样式表",
    ".xslt": "XSLT 样式表",
    ".js": "脚本文件",
    ".mjs": "脚本文件",
    ".cjs": "脚本文件",
    ".wasm": "WebAssembly 程序",
    ".css": "样式表",
    ".svg": "SVG 图形（可带脚本）",
    ".svgz": "SVG 图形（可带脚本）",
    ".swf": "Flash 文件",
}
FIELD = "文件类型"
EXPECTED = "Markdown 页面、图片（PNG、JPG、GIF、WebP、BMP）或附件（PDF、Word、Excel、WPS、OFD、TXT、CSV 等）"
ACTIVE_HINT = (
    "网页、脚本、样式表和 SVG 会在读者的浏览器中运行，本站不发布；正文请写成 Markdown 页面，图示请另存为 PNG 图片"
)
UNKNOWN_HINT = "本站只发布页面、图片和常见附件；请转换成 PDF、PNG 或 Office 文件后再添加"


def site_asset_paths(config) -> frozenset[str]:
    """The site's own scripts and styles under docs/: mkdocs.yml's extra_css and extra_javascript, and what the
    overrides' templates name."""
    from studysite.rules.pagecheck import site_assets

    assets = site_assets(config)
    return assets.scripts | assets.styles


def refusal(src_uri: str, own: frozenset[str] = frozenset()) -> Problem | None:
    """Why this file of docs/ (not a page) must not be published, or None when it may."""
    lower = src_uri.lower()
    name = PurePosixPath(lower).name
    suffix = PurePosixPath(lower).suffix
    if lower.endswith(PAGES) or suffix in STATIC_KINDS:
        return None
    if src_uri in own or lower.startswith(SITE_ASSET_FOLDERS) and suffix in (".js", ".css", ".json"):
        return None
    kind = ACTIVE.get(suffix)
    if kind is not None:
        return Problem(f"docs/{src_uri}", 1, FIELD, EXPECTED, f"{kind}（{suffix}）", ACTIVE_HINT)
    got = f"{suffix} 文件" if suffix and suffix != name else "没有扩展名的文件"
    return Problem(f"docs/{src_uri}", 1, FIELD, EXPECTED, got, UNKNOWN_HINT)


def refused_files(config, files) -> list[tuple[object, Problem]]:
    """Every file MkDocs listed that the build must neither read nor publish, with why: first what the host's
    rule refuses (links, special files, oversized files: studysite.core.hostfiles, never opened), then contributor
    files of a kind outside the allowlist above. The build's first hook and `make check` both ask this."""
    own = site_asset_paths(config)
    found = []
    for file in list(files):
        problem = refused_file(config, file)
        if problem is None and _contributed(config, file):
            problem = refusal(file.src_uri, own)
        if problem is not None:
            found.append((file, problem))
    return found


def _contributed(config, file) -> bool:
    """A file of docs/ that is not a page: generated and theme files are the site's own."""
    if file.generated_by is not None or file.inclusion.is_excluded() or file.is_documentation_page():
        return False
    return bool(file.abs_src_path) and os.path.abspath(file.src_dir) == os.path.abspath(config.docs_dir)
