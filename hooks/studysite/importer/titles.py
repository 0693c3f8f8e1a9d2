"""The title of a 公文 or a speech, read from its first lines: wrapped over up to three lines of one look, the
文种 or 体裁 it ends with, the speaker's line under it. studysite.importer.gongwen finds where it starts."""

from __future__ import annotations

import re

from studysite.importer.document import CENTER, Block, clean, squash
from studysite.importer.elements import iso_date
from studysite.importer.layouts import adopted
from studysite.model.entries import DOC_TYPES, GENRES

_TEXT_NOT_TITLE = re.compile(r"[，,：:；;]")  # marks of a line of text (6月9日，……事项：), not of a title
SENTENCE_MARKS = re.compile(r"[。，；：！？,;:!?]")
SUBTITLE = re.compile(r"^[—－\-─]{1,2}\s*")
NAME = re.compile(r"^[\u3400-\u9fff·]{2,6}$")


def doc_type_of(title: str) -> str | None:
    """The 文种 a 公文 title ends with (关于……的通报 → 通报; 命令（令） from 命令)."""
    ending = title.rstrip('》”" ')
    return next((t for t in sorted(DOC_TYPES, key=len, reverse=True) if ending.endswith(t[:2])), None)


def genre_of(title: str) -> str | None:
    return next((g for g in sorted(GENRES, key=len, reverse=True) if title.endswith(g)), None)


def speakers_of(text: str) -> list[str] | None:
    """The speaker's name from its line: 示例甲, 示　例　甲, or 示例局党委书记　示例甲 (the post before it)."""
    tokens = squash(text).split(" ")
    if all(len(token) == 1 for token in tokens) and NAME.match("".join(tokens)):
        return ["".join(tokens)]
    if len(tokens) == 1:
        return tokens if NAME.match(tokens[0]) and len(tokens[0]) <= 4 else None
    *posts, name = tokens
    if NAME.match(name) and all(len(post) > 4 for post in posts):
        return [name]
    return None


def title_at(blocks: list[Block], start: int, body_size: float, set_apart: bool = False) -> tuple[str, int]:
    """The title from the first text block on, wrapped over up to three lines of the same look.

    set_apart: only a line that looks like a title (centred, larger or bold) is one; a 纪要 may have none
    and open with its text (6月9日，局长……主持召开……研究了以下事项：)."""
    i = start
    while i < len(blocks) and not blocks[i].is_text:
        i += 1
    if i == len(blocks) or "。" in blocks[i].text:
        return "", i  # a sentence is text, not a title: a 命令 has none
    first = blocks[i]
    lines = [phrases(first.text)]
    prominent = first.size > body_size + 1 or first.bold
    if set_apart and (not (prominent or first.align == CENTER) or _TEXT_NOT_TITLE.search(lines[0])):
        return "", i
    j = i + 1
    while j < len(blocks) and len(lines) < 3:
        other = blocks[j]
        text = clean(other.text)
        if not other.is_text or iso_date(text) or SUBTITLE.match(text) or adopted(text):
            break
        if not (prominent or _continues("".join(lines), other, first)):
            break
        if not (CENTER in (other.align, first.align) and abs(other.size - first.size) < 0.6):
            break
        if other.bold != first.bold and not _continues("".join(lines), other, first):
            break
        if not first.size > body_size + 1 and speakers_of(other.text):
            break  # bold alone sets the title apart: a bold name line under it is the speaker
        lines.append(phrases(other.text))
        j += 1
    return "".join(lines), j


def _continues(title: str, line: Block, first: Block) -> bool:
    """A centred line that completes a title above it: the 事由 and 文种 after the issuer's or meeting's name
    (示例市第五届人民代表大会第三次会议 / 关于……的决议), however the two lines are set."""
    text = clean(line.text)
    return (
        line.align == CENTER == first.align
        and not doc_type_of(clean(title))
        and (text.startswith("关于") or bool(doc_type_of(text)))
        and not SENTENCE_MARKS.search(text)
    )


def phrases(text: str) -> str:
    """A title line as the site shows it, with one space kept where the print sets two phrases apart
    (坚定理想信念　锤炼过硬作风); a space that spreads single letters (示 例 局) is layout and goes."""
    parts = squash(text).split(" ")
    if len(parts) > 1 and all(len(part) >= 3 for part in parts):
        return " ".join(clean(part) for part in parts)
    return clean(text)


def body_size_of(blocks: list[Block]) -> float:
    """The size most of the text is set in, counted by characters: a short 决议 has as many title lines as
    paragraphs, but fewer characters in them."""
    sizes = sorted((b.size, len(b.text)) for b in blocks if b.is_text and b.size)
    half, total = sum(n for _, n in sizes) / 2, 0
    for size, n in sizes:
        total += n
        if total >= half:
            return size
    return 0.0
