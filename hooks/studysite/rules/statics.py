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

import io
import os
import re
import zipfile
from pathlib import PurePosixPath

from studysite.core.hostfiles import refused_file
from studysite.core.problems import Problem
from studysite.core.sources import decode

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


# --- what a file is, by its content -------------------------------------------------------------------------
# A file is published under its name, and a browser is told its kind by that name: an HTML page called .png or
# .pdf, a Word file called .png, must not pass as what its name says. What the content is must be what the name
# says (an image really that image, a .pdf a PDF, a .docx a Word package, …); the build and `make check` both ask
# content_problem (studysite.rules.attachments.attachment_problems) before anything is read.

_WORD = (".docx", ".docm", ".dotx", ".dotm")
_EXCEL = (".xlsx", ".xlsm", ".xltx", ".xltm")
_POWERPOINT = (".pptx", ".pptm", ".ppsx", ".potx")
_OPENDOCUMENT = {
    "text": ("OpenDocument 文本", ".odt"),
    "text-template": ("OpenDocument 文本模板", ".ott"),
    "spreadsheet": ("OpenDocument 表格", ".ods"),
    "presentation": ("OpenDocument 演示文稿", ".odp"),
    "graphics": ("OpenDocument 图形", ".odg"),
}
_NAMED_KINDS = {  # the kind each name says, as content_kind names it
    **{suffix: "Word 文件" for suffix in _WORD},
    **{suffix: "Excel 文件" for suffix in _EXCEL},
    **{suffix: "PowerPoint 文件" for suffix in _POWERPOINT},
    **{ext: label for label, ext in _OPENDOCUMENT.values()},
    ".png": "PNG 图片",
    ".jpg": "JPEG 图片",
    ".jpeg": "JPEG 图片",
    ".gif": "GIF 图片",
    ".webp": "WebP 图片",
    ".bmp": "BMP 图片",
    ".pdf": "PDF 文件",
    ".ofd": "OFD 文件",
    ".txt": "文本文件",
    ".csv": "文本文件",
}
_CANONICAL = {label: suffix for suffix, label in reversed(_NAMED_KINDS.items())}
_MARKUP = re.compile(
    r"<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|svg|\?xml|math)[\s>/]",
    re.I,
)
_MARKUP_KINDS = {"svg": "SVG 图形（可带脚本）", "?xml": "XML 文件（可带样式表和脚本）"}
_BMP_HEADERS = (12, 40, 52, 56, 64, 108, 124)


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError):
        return None
    if "[Content_Types].xml" in names:
        folders = {name.split("/", 1)[0] for name in names}
        kinds = [
            kind
            for folder, kind in (("word", "Word 文件"), ("xl", "Excel 文件"), ("ppt", "PowerPoint 文件"))
            if folder in folders
        ]
        return kinds[0] if len(kinds) == 1 else None
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        found = _OPENDOCUMENT.get(mimetype.rsplit(".", 1)[1])
        return found[0] if found else None
    return "OFD 文件" if "OFD.xml" in names else None


def content_kind(data: bytes) -> str | None:
    """What a file is by its content, as messages name it; None for what no name of the allowlist can be (a legacy
    Office file, RTF, an archive, an unknown binary: studysite.rules.attachments refuses those as unreadable)."""
    pictures = (
        (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
        (b"\xff\xd8\xff", "JPEG 图片"),
        (b"GIF87a", "GIF 图片"),
        (b"GIF89a", "GIF 图片"),
    )
    for magic, label in pictures:
        if data.startswith(magic):
            return label
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP 图片"
    if data[:2] == b"BM" and len(data) > 18 and int.from_bytes(data[14:18], "little") in _BMP_HEADERS:
        return "BMP 图片"
    if data.startswith(b"%PDF-"):
        return "PDF 文件"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        return None
    text = decode(data[:65536])[0]
    markup = _MARKUP.match(text.lstrip("\ufeff \t\n\x0c"))
    if markup:
        return _MARKUP_KINDS.get(markup.group(1).lower(), "网页（HTML）")
    if "\ufffd" in text[:-4] or re.search(r"[\x00-\x08\x0e-\x1f]", text):
        return None
    return "文本文件"


def content_problem(src_uri: str, data: bytes) -> Problem | None:
    """A file whose content is not what its name says, or None (a match, or content no allowlisted name can have)."""
    suffix = PurePosixPath(src_uri.lower()).suffix
    kind = content_kind(data)
    if kind is None or kind == _NAMED_KINDS.get(suffix):
        return None
    expected = f"与扩展名 {suffix} 相符的内容" + (f"（{_NAMED_KINDS[suffix]}）" if suffix in _NAMED_KINDS else "")
    if kind in _CANONICAL:
        hint = f"文件内容与扩展名不符：请把扩展名改为 {_CANONICAL[kind]} 后再放入"
    else:
        hint = f"文件内容与扩展名不符，{ACTIVE_HINT}"
    return Problem(f"docs/{src_uri}", 1, FIELD, expected, kind, hint)
