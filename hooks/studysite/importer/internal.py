"""A 内部 mark on a document's 版头 (内部, 内部资料, 注意保存, 内部资料　注意保存, in a line or a cell of its own).

It sits where a 密级 would (top left, above the 发文机关标志): it is the document's level, not its title or its
issuer, so it leaves the blocks before the 公文 is recognised and becomes `classification: 内部`. What counts as
the mark is the site's own (studysite.core.sources.INTERNAL_PATTERN, read as a reader reads it); a 密级 is the
guards' business and refuses the whole file first (studysite.importer.gongwen.secret_marks).
"""

from __future__ import annotations

import re
from dataclasses import replace

from studysite.core.readertext import from_plain
from studysite.core.sources import INTERNAL_PATTERN
from studysite.importer.document import Block, Document

INTERNAL = "内部"
_HEAD_BLOCKS = 6  # the 版头 is the first few blocks: a mark further down is the body's words
# What may stand around the mark on its line: the star or dot some offices print, spaces, brackets.
_AROUND = re.compile(r"[\s★☆·•※*（）()【】\[\]]+")


def _is_mark(text: str) -> bool:
    """A line (or cell) that is only a 内部 mark, in any form the site recognises it."""
    if not text.strip():
        return False
    plain = from_plain(text)[0].text
    rest = _AROUND.sub("", INTERNAL_PATTERN.sub("", plain))
    return rest == INTERNAL or (rest == "" and bool(INTERNAL_PATTERN.search(plain)))


def take_internal_mark(document: Document) -> tuple[Document, str]:
    """The document without its 版头's 内部 mark, and the mark as printed ("" when it has none)."""
    blocks = list(document.blocks)
    found = ""
    for index, block in enumerate(blocks[:_HEAD_BLOCKS]):
        if block.is_text and _is_mark(block.text):
            found = found or block.text.strip()
            blocks[index] = Block()  # empty: the recognition skips it
        elif block.rows:
            rows = tuple(tuple("" if _is_mark(cell) else cell for cell in row) for row in block.rows)
            marked = [cell for row in block.rows for cell in row if _is_mark(cell)]
            if marked:
                found = found or marked[0].strip()
                blocks[index] = replace(block, rows=rows)
    if not found:
        return document, ""
    return replace(document, blocks=tuple(blocks)), found
