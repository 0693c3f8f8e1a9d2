"""A 公文 (GB/T 9704-2012) or a speech, recognised in a Document: front-matter fields and a Markdown body.

Top to bottom a 公文 has its 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, the red rule), its 主体 (标题,
主送机关, 正文, 附件说明, 署名, 成文日期, 印章, 附注, then any 附件) and its 版记 (抄送, 印发机关和日期). A speech
has a title, the speaker's and the date's lines, then its text. What is read goes into the front matter; the
版头, 版记 and the lines now in the front matter leave the body. Nothing is guessed: a part not found is left
out, and a document with a mark of a state secret is refused before anything else is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studysite.core import docnumber, kinds
from studysite.importer.document import RIGHT, Block, Document, clean, join_lines, plain_digits, squash
from studysite.importer.elements import (
    ATTACHMENT_NOTE,
    LEVEL_1,
    arabic_order_number,
    attachment_items,
    iso_date,
    names,
    recipients_at,
)
from studysite.importer.layouts import (
    MinutesHead,
    adopted,
    closed_brackets,
    minutes_head,
    order_issuer,
    organisations,
    spaced_title,
    unfold_tables,
)
from studysite.importer.titles import (
    NAME,
    SENTENCE_MARKS,
    SUBTITLE,
    body_size_of,
    doc_type_of,
    genre_of,
    speakers_of,
    title_at,
)
from studysite.rules.secrecy import security

SPEECH, NOTICE = kinds.SPEECH.key, kinds.NOTICE.key


class Refused(Exception):
    """Why a document is not imported, in Chinese; nothing is written for it."""


# --- security first -------------------------------------------------------------------------------------

_SECRET_RULES = ("国家秘密标志", "份号", "密级标注")
_COPY_NUMBER_ALONE = re.compile(r"^\d{6}$")  # the 份号 of a secret copy: six digits, top left, no label


def _all_text(document: Document) -> list[str]:
    lines = []
    for block in document.blocks:
        lines.append(block.text)
        lines += [cell for row in block.rows for cell in row]
    return [squash(line) for line in lines if line]


def secret_marks(document: Document) -> list[str]:
    """The marks of a classified document, as make check names them: any one means it is refused."""
    lines = _all_text(document)
    found = [f"{f.rule}“{f.got}”" for f in security("", "\n".join(lines)) if f.rule in _SECRET_RULES]
    head = [squash(plain_digits(b.text)) for b in document.blocks[:4] if b.is_text]
    found += [f"份号“{text}”" for text in head if _COPY_NUMBER_ALONE.match(text)]
    return list(dict.fromkeys(found))


# --- the parts, one pattern each --------------------------------------------------------------------------

_DOC_NUMBER_LINE = re.compile(
    r"^(?P<agency>[^\s〔〕\[\]［］【】（）()\d：:]{1,20}?)\s*[〔\[［【（(]\s*(?P<year>\d{4}|\d{2})\s*[〕\]］】）)]"
    r"\s*第?\s*(?P<number>\d+)\s*号\s*(?P<signer>签\s*发\s*人.*)?$"
)
_ORDER_OR_ANNOUNCEMENT = re.compile(r"^(\d{4}年)?第[1-9]\d*号$")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)(\s*[·★]?\s*\S*)?$")
_ISSUER_MARK = re.compile(r"文\s*件$")
_PAGE_NUMBER = re.compile(r"^[—\-－–─]+\s*\d+\s*[—\-－–─]+$|^第\s*\d+\s*页(\s*[,，/／]?\s*共\s*\d+\s*页)?$")
_CC = re.compile(r"^(抄\s*送|分\s*送)\s*[:：]\s*(?P<names>.+)$")  # 分送: a 纪要's readers
_PRINTED = re.compile(r"印\s*发$")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(\d*)$")
_IN_BRACKETS = re.compile(r"^[（(](?P<inner>.+)[）)]$")
_NUMBERED = re.compile(r"^(\d+)([.．)])")
_SPEECH_OCCASION = re.compile(r"^在(?P<occasion>.+?)(?:上|时)的[^的]{0,6}(?:讲话|发言|致辞)(?:稿|提纲)?$")


def canonical_number(text: str, year_of_date: str | None) -> str | None:
    """示发〔2025〕7号 from a 文号 line as printed (brackets, 第 and padding put right); a two-digit year only
    when the 成文日期 says which century; None when it is not a 文号 that can be written right."""
    text = clean(plain_digits(text))
    order = arabic_order_number(text.replace(" ", ""))  # 第 3 号 spread out, 第三号 in words, as 令号 are
    if _ORDER_OR_ANNOUNCEMENT.match(order):
        return order
    match = _DOC_NUMBER_LINE.match(text)
    if not match:
        return None
    year = match.group("year")
    if len(year) == 2:
        if not (year_of_date and year_of_date.endswith(year)):
            return None
        year = year_of_date
    number = f"{match.group('agency')}〔{year}〕{int(match.group('number'))}号"
    return number if docnumber.is_valid(number) else None


def _is_page_furniture(block: Block) -> bool:
    return block.is_text and bool(_PAGE_NUMBER.match(squash(block.text)))


# --- recognition ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recognised:
    kind: str  # speech or notice
    fields: dict[str, object]  # front matter in the contract's order, only what was read
    found: tuple[str, ...]  # the parts read, by their Chinese names
    body: tuple[Block, ...]  # the text that stays, in order
    doubts: tuple[str, ...] = ()  # what was seen but not taken, for a person to check against the original


@dataclass
class _Head:
    doc_number: str = ""  # as printed
    marks: tuple[str, ...] = ()  # the 发文机关标志's lines
    end: int = 0  # index of the first block after the 版头


def _head(blocks: list[Block]) -> _Head:
    """The 版头: everything up to the 发文字号 line (and the rule under it), or the red 标志 and its rule."""
    head = _Head()
    window = blocks[:8]
    number_at = next(
        (
            i
            for i, b in enumerate(window)
            if b.is_text
            and (
                _DOC_NUMBER_LINE.match(clean(plain_digits(b.text)))
                or _ORDER_OR_ANNOUNCEMENT.match(arabic_order_number(squash(plain_digits(b.text)).replace(" ", "")))
            )
        ),
        None,
    )
    if number_at is not None:
        head.doc_number = clean(plain_digits(blocks[number_at].text))
        head.marks = tuple(
            clean(b.text)
            for b in blocks[:number_at]
            if b.is_text and not _URGENCY.match(clean(b.text)) and not _SIGNER.search(b.text)
        )
        end = number_at + 1
    else:
        end = 0
        while end < len(window) and (window[end].rule or (window[end].is_text and _is_mark(window[end]))):
            end += 1
        head.marks = tuple(clean(b.text) for b in blocks[:end] if b.is_text and not _URGENCY.match(clean(b.text)))
    while end < len(blocks) and (blocks[end].rule or (blocks[end].is_text and _SIGNER.search(blocks[end].text))):
        end += 1
    head.end = end
    return head


def _is_mark(block: Block) -> bool:
    """A line of the 版头 above the title: urgency, or the 发文机关标志 (red, or ending in 文件)."""
    text = clean(block.text)
    return bool(_URGENCY.match(text)) or (block.red and not iso_date(text)) or bool(_ISSUER_MARK.search(text))


def _short_line(block: Block) -> bool:
    text = clean(block.text)
    return (
        block.is_text
        and len(text) <= 30
        and not SENTENCE_MARKS.search(text)
        and not LEVEL_1.match(text)
        and not _NUMBERED.match(text)
    )


# The closing words of the text (特此通知, 妥否请批示) end it; they are not a 署名 even without a 。.
_CLOSING = re.compile(r"^(特此|此复|妥否|专此|以上|请予|请批|当否)")


def _signature_line(block: Block) -> bool:
    return _short_line(block) and not _CLOSING.match(clean(block.text))


def recognise(document: Document, kind: str | None = None) -> Recognised:
    """The entry a document makes; Refused when it is classified or has no text to read."""
    marks = secret_marks(document)
    if marks:
        raise Refused(f"带有密级标志（{'、'.join(marks)}），涉密文件不得导入，未写入任何文件")
    blocks = [b for b in document.blocks if not _is_page_furniture(b) and (b.text or b.rows or b.image or b.rule)]
    if not any(b.is_text or b.rows for b in blocks):
        raise Refused("文件中没有可读的文字")
    blocks = unfold_tables(blocks)
    blocks, date_above = _date_above(blocks)
    minutes = minutes_head(blocks)
    head = _head(blocks) if minutes is None else _Head(end=minutes.end)
    title, after = title_at(blocks, head.end, body_size_of(blocks), minutes is not None)
    kind = kind or (NOTICE if minutes else _kind(head, clean(title), blocks, after))
    if kind == SPEECH:
        return _speech(title, blocks, after, date_above)
    return _notice(head, clean(title), blocks, after, minutes, date_above)


def _date_above(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """A date printed alone above everything else (a speech dated over its title): taken off, and read."""
    texts = [k for k, b in enumerate(blocks[:3]) if b.is_text]
    if len(texts) < 2 or not (day := iso_date(blocks[texts[0]].text)) or iso_date(blocks[texts[1]].text):
        return blocks, None
    return blocks[: texts[0]] + blocks[texts[0] + 1 :], day


def _kind(head: _Head, title: str, blocks: list[Block], after: int) -> str:
    if head.doc_number or head.marks:
        return NOTICE
    following = [squash(b.text) for b in blocks[after : after + 3] if b.is_text]
    if following and adopted(following[0]):
        return NOTICE  # （2025年1月12日……通过）: a 决议 or 公报
    subtitles = [SUBTITLE.sub("", clean(text)) for text in following if SUBTITLE.match(text)]
    following = [text for text in following if not SUBTITLE.match(text)][:2]
    if any(genre_of(line) or _SPEECH_OCCASION.match(line) for line in (title, *subtitles)) or any(
        speakers_of(text) or (text.startswith(("（", "(")) and iso_date(text)) for text in following
    ):
        return SPEECH
    if doc_type_of(title):
        return NOTICE
    raise Refused(
        f"无法判断是讲话还是公文（标题“{title[:30]}”既不以文种结尾，也不是讲话）："
        '请指明后再导入，如 make import SRC="文件" KIND=speech（讲话），或 KIND=notice（通报通知）'
    )


def _speech(title: str, blocks: list[Block], after: int, date_above: str | None = None) -> Recognised:
    fields: dict[str, object] = {"type": SPEECH, "title": title}
    found = ["标题"] if title else []
    subtitle = ""
    i = after
    if i < len(blocks) and blocks[i].is_text and SUBTITLE.match(clean(blocks[i].text)):
        subtitle = SUBTITLE.sub("", clean(blocks[i].text))
        i += 1
    speakers, day = None, date_above
    for _ in range(2):
        if i >= len(blocks) or not blocks[i].is_text:
            break
        text = blocks[i].text
        if not ((day is None and (day := iso_date(text))) or (speakers is None and (speakers := speakers_of(text)))):
            break
        i += 1
    _fill(fields, found, "speaker", _one_or_list(speakers or []), "讲话人")
    _fill(fields, found, "date", day, "日期")
    occasion = next((m.group("occasion") for line in (title, subtitle) if (m := _SPEECH_OCCASION.match(line))), "")
    _fill(fields, found, "occasion", occasion.replace("《", "").replace("》", ""), "场合")
    _fill(fields, found, "genre", genre_of(subtitle or title), "体裁")
    return Recognised(SPEECH, fields, tuple(found), tuple(blocks[i:]))


def _notice(
    head: _Head, title: str, blocks: list[Block], after: int, minutes: MinutesHead | None, date_above: str | None
) -> Recognised:
    i = after
    blocks = closed_brackets(blocks, i)
    adopted_by = adopted(blocks[i].text) if i < len(blocks) and blocks[i].is_text else None
    i += 1 if adopted_by else 0
    recipients, i = recipients_at(blocks, i)
    rest = blocks[i:]
    rest, cc = _imprint(rest)
    dated = _dated(rest)
    attachments: list[str] = []
    signatures: list[str] = []
    day, note = None, ""
    body, tail = rest, []
    if dated is not None:
        day = iso_date(rest[dated].text)
        start = dated
        while start > 0 and len(signatures) < 3 and (_signature_line(rest[start - 1]) or rest[start - 1].image):
            start -= 1
            if rest[start].is_text:  # squashed only: the space between joint issuers tells them apart
                signatures.insert(0, squash(rest[start].text))
        end = dated + 1
        while end < len(rest) and rest[end].image:  # the seal
            end += 1
        if end < len(rest) and rest[end].is_text and (match := _IN_BRACKETS.match(clean(rest[end].text))):
            note = match.group("inner")
            end += 1
        body, tail = rest[:start], rest[end:]
        body, attachments = _attachment_note(body)
    issuers, issuer_doubt = _issuers(head, signatures)
    doc_type = doc_type_of(title)
    if minutes is not None:
        issuers, day = [minutes.office] if minutes.office else [], day or iso_date(minutes.date_text)
        doc_type = doc_type or "纪要"
        title = title or minutes.title  # a 纪要 without a title of its own is cited by its 标志 and 期号
    if adopted_by:
        issuers, day = issuers or [adopted_by[1]], day or iso_date(adopted_by[0])
    day = day or date_above
    number = canonical_number(head.doc_number, day[:4] if day else None) if head.doc_number else None
    if order_issuer(head.marks) and not title:  # a 命令 is cited by its 标志 and 令号
        title, doc_type = f"{head.marks[0]}{number or ''}", "命令（令）"
    fields: dict[str, object] = {"type": NOTICE, "title": spaced_title(title, issuers)}
    found = ["标题"] if title else []
    for key, value, label in (
        ("doc_type", doc_type, "文种"),
        ("issuer", _one_or_list([issuer for issuer in issuers if issuer]), "发文机关"),
        ("date", day, "成文日期"),
        ("doc_number", number, "文号"),
        ("recipients", recipients, "主送机关"),
        ("cc", cc, "抄送机关"),
        ("attachments", attachments, "附件说明"),
        ("note", note, "附注"),
    ):
        _fill(fields, found, key, value, label)
    doubts = [f"文号“{head.doc_number}”不合规范，未填入"] if head.doc_number and not number else []
    doubts += [issuer_doubt] if issuer_doubt and minutes is None and not adopted_by else []
    return Recognised(NOTICE, fields, tuple(found), tuple(body + tail), tuple(doubts))


def _issuers(head: _Head, signatures: list[str]) -> tuple[list[str], str]:
    """The issuers, in order: a joint 版头's names; else the 署名's (each name of a joint one), else the
    发文机关标志's; a 命令's from its 标志, whatever post and name sign it."""
    ordered_by = order_issuer(head.marks)
    if ordered_by:
        return [ordered_by], ""
    marks = [_FILE_MARK.sub("", mark) for mark in head.marks if not iso_date(mark) and not _NOT_ISSUER.match(mark)]
    marked = [name for mark in marks for name in organisations(mark)]
    signed = [name for line in signatures if not _person(line) for name in organisations(line)]
    if len(marked) > 1:  # a joint 版头 gives the issuers' order; its 署名 names the same, or a person checks
        differs = signed and set(signed) != set(marked)
        return (
            marked,
            f"发文机关：版头为“{'、'.join(marked)}”，署名为“{'、'.join(signed)}”，请对照原件核对" if differs else "",
        )
    return signed or marked, ""


_FILE_MARK = re.compile(r"\s*文\s*件$")
# Marks a 版头 may carry beside the issuers' names: how open the document is, not who issued it.
_NOT_ISSUER = re.compile(r"^(内\s*部\S{0,4}|公\s*开|非\s*密|不予?公开|\S{0,4}公开|.*注意保存|.*★.*)$")


def _person(line: str) -> bool:
    """A 署名 of a post and a name (市长　示例甲), not of an organisation."""
    *posts, name = squash(line).split(" ")
    return bool(posts) and bool(NAME.match(name)) and len(name) <= 4 and len(organisations(line)) == 1


def _fill(fields: dict[str, object], found: list[str], key: str, value: object, label: str) -> None:
    """A field read from the document, and its part named among those found; nothing when it was not read."""
    if value:
        fields[key] = value
        found.append(label)


def _one_or_list(names: list[str]) -> str | list[str] | None:
    """One person or body as text, several as a list (the contract's form for speaker and issuer)."""
    return (names[0] if len(names) == 1 else names) if names else None


def _imprint(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The 版记 at the end (抄送, 印发机关和印发日期, their rules) taken off; the 抄送 names."""
    start = next(
        (k for k in range(len(blocks) - 1, max(len(blocks) - 8, -1), -1) if _CC.match(clean(blocks[k].text))), None
    )
    end = len(blocks)
    while end > 0 and (
        blocks[end - 1].rule or (blocks[end - 1].is_text and _PRINTED.search(clean(blocks[end - 1].text)))
    ):
        end -= 1
    if start is None:
        return blocks[:end], []
    following = blocks[start + 1 : end]
    if any(not (b.rule or _short_wrapped(b)) for b in following):
        return blocks, []  # what follows 抄送 is more than its own wrapped lines: leave it all in the body
    text = clean(blocks[start].text)
    for block in following:
        if block.is_text:
            text += clean(block.text)
    match = _CC.match(_PRINTED_AFTER.sub("", text))
    return blocks[:start], names(match.group("names")) if match else []


# The 印发机关和印发日期 run on after the 抄送 names when a 版记 table's cells lost their break (.doc via LibreOffice).
_PRINTED_AFTER = re.compile(r"(?<=[。；;])[^。；;，,、]*?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")


def _short_wrapped(block: Block) -> bool:
    """A line of names carried over from the line above (the 抄送 wraps)."""
    text = clean(block.text)
    return block.is_text and len(text) <= 60 and not LEVEL_1.match(text) and "。" not in text.rstrip("。")


def _dated(blocks: list[Block]) -> int | None:
    """The 成文日期: a line that is only a date, right-aligned or under the 署名."""
    for k, block in enumerate(blocks):
        if not block.is_text or _IN_BRACKETS.match(clean(block.text)) or not iso_date(block.text):
            continue
        if block.align == RIGHT or (k > 0 and _short_line(blocks[k - 1])) or k >= len(blocks) - 3:
            return k
    return None


def _attachment_note(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The 附件说明 (附件：1. … 2. …) at the end of the text, taken off; the attachments' names."""
    for k in range(len(blocks) - 1, max(len(blocks) - 12, -1), -1):
        match = blocks[k].is_text and ATTACHMENT_NOTE.match(clean(blocks[k].text))
        if not match:
            continue
        following = blocks[k + 1 :]
        if not all(b.is_text and len(clean(b.text)) <= 80 and "。" not in clean(b.text)[:-1] for b in following):
            return blocks, []
        text = match.group("items")
        for block in following:  # an item per numbered line; a line without a number carries one over
            line = clean(block.text)
            text = f"{text} {line}" if _NUMBERED.match(line) else join_lines(text, line)
        return blocks[:k], attachment_items(text)
    return blocks, []
