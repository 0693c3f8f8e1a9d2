"""The body of an imported document as Markdown: paragraphs, headings, tables, footnotes and images, escaped.

Separate from recognising the 公文's parts (studysite.importer.gongwen): what is left of the document once its
parts are in the front matter is written here, one block at a time, so that Markdown shows it as the original
reads and nothing in the text becomes markup.
"""

from __future__ import annotations

import re

from studysite.importer.document import CENTER, Block, clean
from studysite.importer.elements import LEVEL_1, LEVEL_2
from studysite.importer.gongwen import ATTACHMENT_HEADING

_NOTE = "\ue000"  # where a footnote's reference goes, while the text is cleaned and escaped
_LEAD_END = "\ue001"
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^([#>+-])")
_LIST_MARKER = re.compile(r"^(\d+)([.)])(?=\s)")  # 1. with a space would start a Markdown list


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")
    text = _LINE_START.sub(r"\\\1", text)
    return _LIST_MARKER.sub(r"\1\\\2", text)


def _marked(block: Block) -> str:
    """The block's text with a mark where each footnote stands and where its bold lead ends."""
    text = block.text
    cuts = sorted([(note.at, _NOTE) for note in block.notes] + ([(len(block.lead), _LEAD_END)] if block.lead else []))
    for at, mark in reversed(cuts):
        text = text[:at] + mark + text[at:]
    return text


_LEVELS = ((LEVEL_1, "##"), (LEVEL_2, "###"))
_TEXT_AFTER_COLON = re.compile(r"^[^：:]{1,20}[：:].*\S")  # 一、报名方式：请各单位……领取。


def _numbered_text(text: str) -> bool:
    """A numbered item that is a paragraph, not a heading: long, more than one sentence, or a label and its text."""
    return len(text) > 40 or "。" in text.rstrip("。") or _NOTE in text or bool(_TEXT_AFTER_COLON.match(text))


def _text_levels(blocks: tuple[Block, ...]) -> set[str]:
    """The numbering levels that number paragraphs in this document: when one item of a level has its text
    after it (一、培训时间：2025年4月10日至12日。), every item of that level is a paragraph, so siblings agree."""
    levels = set()
    for block in blocks:
        text = clean(_marked(block)).replace(_LEAD_END, "") if block.is_text else ""
        for pattern, level in _LEVELS:
            if pattern.match(text) and _numbered_text(text):
                levels.add(level)
    return levels


def _heading(text: str, text_levels: set[str]) -> str | None:
    """## for a level-1 heading line (一、…), ### for a level-2 one (（一）…): short, one sentence at most, and
    of a level whose items are headings."""
    level = next((level for pattern, level in _LEVELS if pattern.match(text)), None)
    return None if level is None or level in text_levels or _numbered_text(text) else level


def _cell(text: str) -> str:
    return "<br>".join(_escape(clean(line)) for line in text.split("\n") if clean(line)).replace("|", "\\|")


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)
    cells = [[_cell(cell) for cell in row] + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def body_markdown(blocks: tuple[Block, ...], image_folder: str) -> str:
    """The body as Markdown: headings, paragraphs as printed, bold leads, tables, images and footnotes."""
    parts: list[str] = []
    notes: list[str] = []
    after_attachment_heading = False
    text_levels = _text_levels(blocks)
    for block in blocks:
        if block.rule:
            continue
        if block.image:
            parts.append(f"![图片]({image_folder}/{block.image})")
            continue
        if block.rows:
            parts.append(_table(block.rows))
            continue
        text = clean(_marked(block))
        plain = text.replace(_LEAD_END, "")
        if ATTACHMENT_HEADING.match(plain):
            parts.append(f"## {_escape(plain)}")
            after_attachment_heading = True
            continue
        level = _heading(plain, text_levels)
        if level:
            line = f"{level} {_escape(plain)}"
        elif after_attachment_heading and block.align == CENTER:
            line = f"### {_escape(plain)}"
        elif block.bold:
            line = f"**{_escape(plain)}**"
        elif _LEAD_END in text:
            lead, rest = text.split(_LEAD_END, 1)
            line = f"**{_escape(lead)}**{_escape(rest)}" if lead.strip() else _escape(rest)
        else:
            line = _escape(plain)
        after_attachment_heading = False
        for note in sorted(block.notes, key=lambda n: n.at):
            notes.append(clean(note.text))
            line = line.replace(_NOTE, f"[^{len(notes)}]", 1)
        parts.append(line)
    parts += [f"[^{n}]: {_escape(text)}" for n, text in enumerate(notes, 1)]
    return "\n\n".join(parts) + "\n" if parts else ""
