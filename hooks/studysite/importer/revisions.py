"""Tracked changes and comments in a .docx (also a .doc or .wps, which LibreOffice saves as .docx keeping them).

The import reads a document as if every change were accepted and every comment removed: inserted and moved-to
text is read, deleted and moved-from text (w:delText inside w:del, w:moveFrom) and deleted table rows are not,
and a comment's words live in their own part, which is never read. A file that still has either may be a
draft, so the reader says so (Document.unaccepted) and the import tells the clerk to check it is the final text.
"""

from __future__ import annotations

from collections.abc import Iterator

from studysite.importer.docxstyles import _w

REVISIONS, COMMENTS = "修订", "批注"
# Changes of text and of formatting a reviewer has not accepted yet.
_CHANGES = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange")
_COMMENT_MARKS = ("commentReference", "commentRangeStart")
# Containers whose runs are the text as accepted; w:del and w:moveFrom are left out.
_INLINE = ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple")


def unaccepted(body) -> tuple[str, ...]:
    """修订 and/or 批注, when the document body still has tracked changes or comments."""
    tags = {element.tag for element in body.iter()}
    found = []
    if any(_w(tag) in tags for tag in _CHANGES):
        found.append(REVISIONS)
    if any(_w(tag) in tags for tag in _COMMENT_MARKS):
        found.append(COMMENTS)
    return tuple(found)


def runs(p) -> Iterator:
    """The runs of a paragraph in order as if every change were accepted: inside hyperlinks, insertions, moved-to
    text and smart tags too; deletions and moved-from text left out."""
    for child in p.iterchildren():
        if child.tag == _w("r"):
            yield child
        elif child.tag in tuple(_w(tag) for tag in _INLINE):
            yield from runs(child)
        elif child.tag == _w("sdt"):
            for content in child.iterchildren(_w("sdtContent")):
                yield from runs(content)


def text_of(p) -> str:
    """A paragraph's text as accepted (a table cell's paragraph: python-docx's own .text skips insertions)."""
    parts = []
    for run in runs(p):
        for child in run.iterchildren():
            if child.tag == _w("t"):
                parts.append(child.text or "")
            elif child.tag == _w("tab"):
                parts.append("\t")
            elif child.tag in (_w("br"), _w("cr")):
                parts.append("\n")
    return "".join(parts)


def row_deleted(tr) -> bool:
    """A table row whose deletion is tracked: gone once the change is accepted."""
    properties = tr.find(_w("trPr"))
    return properties is not None and properties.find(_w("del")) is not None
