"""Content checks a clerk's page must pass: security guards (stop), typography (fixable), notices (提示).

Each check returns Findings with line and column; typography findings carry their fix. The same functions
run in `make check` (scripts/check.py) and inside the build (hooks/guards.py, hooks/typography.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import autocorrect_py

from studysite.core.han import HAN
from studysite.core.sources import DISTRIBUTION_MARK, INTERNAL_MARK, restriction_marks
from studysite.rules.findings import ERROR, NOTICE, WARNING, Finding, problem_line  # noqa: F401  (re-exported for the checks)

_CJK_CONTEXT = rf"[{HAN}，。；：？！、“”‘’《》（）]"

# autocorrect-py with only its full-width punctuation rule: the spacing rules would put spaces between
# Chinese and digits, which 公文 typography forbids (GB/T 15834).
# autocorrect-py's own stub (__init__.pyi) leaves load_config out; the compiled module has it.
autocorrect_py.load_config(  # type: ignore[attr-defined]
    """
rules:
  space-word: 0
  space-punctuation: 0
  space-bracket: 0
  space-backticks: 0
  space-dash: 0
  space-dollar: 0
  fullwidth: 1
  no-space-fullwidth: 0
  no-space-fullwidth-quote: 0
  halfwidth-word: 0
  halfwidth-punctuation: 0
  spellcheck: 0
"""
)


# --- where prose is --------------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_PROTECTED = re.compile(
    r"`+[^`]*`+"  # inline code
    r"|\]\([^)]*\)"  # link and image targets
    r"|^\s*\[(?!\^)[^\]]+\]:\s*\S+"  # reference definitions (a footnote's [^1]: text is prose)
    r"|<[^>]*>"  # HTML tags and autolinks
    r"|[a-zA-Z][a-zA-Z0-9+.-]*://[^\s)）]*"  # bare URLs
    r"|\{[:#.][^}]*\}"  # attribute lists
    r"|^\s*-?\s*[A-Za-z_][\w-]*:(?=\s|$)"  # front-matter keys
)
# A quote opening a YAML value (after "key: ", "- ", "[" or ", ") or closing one (before ",", "]" or the end).
_YAML_QUOTE = re.compile(r"""(?:(?<=^)|(?<=[\0:\-\[,]\s)|(?<=[\[,\0]))["']|["'](?=\s*(?:[,\]]|$))""")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# The title of an admonition or a details block (!!! note "标题", ???+ tip "标题"): its quotes are syntax.
_ADMONITION_TITLE = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*[ \t]+(")(?:.*)(")[ \t]*$')


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    in_front_matter: bool
    in_code: bool
    fence: bool  # the opening or closing ``` of a code block, or a front-matter --- line

    @cached_property
    def prose(self) -> str:
        """The text with protected spans blanked to NUL, same length, so columns stay true."""
        if self.in_code or self.fence or _TABLE_RULE.match(self.text):
            return "\0" * len(self.text)
        prose = _PROTECTED.sub(lambda m: "\0" * len(m.group()), self.text)
        if self.in_front_matter:  # the quotes that delimit a YAML value are syntax, not typography
            prose = _YAML_QUOTE.sub("\0", _flow_syntax_masked(prose))
        title = _ADMONITION_TITLE.match(prose) if prose.lstrip()[:1] in "!?" else None
        if title:
            prose = prose[: title.start(1)] + "\0" + prose[title.end(1) : title.start(2)] + "\0" + prose[title.end(2) :]
        return prose


_FLOW_START = re.compile(r"^[\s\0-]*(?=[\[{])")  # after the key (already blanked) or a list's "- "


def _flow_syntax_masked(prose: str) -> str:
    """A front-matter line with the brackets and commas of a YAML flow list ([甲（各一份）, 乙]) blanked: they
    separate values, they are not a value's punctuation (a comma inside a quoted item stays prose)."""
    start = _FLOW_START.match(prose)
    if not start:
        return prose
    chars, quote = list(prose), ""
    for k in range(start.end(), len(chars)):
        char = chars[k]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (k == 0 or chars[k - 1] in "[{,\0 "):
            quote = char
        elif char in "[]{},":
            chars[k] = "\0"
        elif char == "#" and chars[k - 1] == " ":
            break  # a comment
    return "".join(chars)


def lines_of(text: str) -> list[Line]:
    """Every line of a page, knowing whether it is front matter or code."""
    lines = text.split("\n")
    front_end = 0
    if lines and lines[0].rstrip() == "---":
        front_end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    in_code = False
    result = []
    for index, line in enumerate(lines):
        in_front = 0 < index < front_end
        fence = bool(not in_front and _FENCE.match(line))
        if fence:
            in_code = not in_code
        front_fence = bool(front_end) and index in (0, front_end)
        result.append(Line(index + 1, line, in_front, in_code or fence, fence or front_fence))
    return result


# --- typography (fixable) --------------------------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}
# Cases autocorrect leaves alone: a period before "(3)" after Chinese (the report's own slip), and
# half-width punctuation after a closing Chinese quote, book-title mark or bracket.
_MISSED_HALF_WIDTH = re.compile(
    rf"""(?<=[{HAN}])(?:\.(?=\(\d+\))|;)|(?<=[”’》）"])(?:[,;:?]|!(?!\[)|\.(?=[{HAN}]|$))"""
)
_STRAIGHT_QUOTE = re.compile(r'"')
# The bracket-and-number part of a 文号 after its 机关代字 (which may be any Chinese text before it, so the
# finding starts at the bracket: what is wrong, and what the fix replaces, is from there on).
_DOC_NUMBER = re.compile(rf"(?<=[{HAN}])(\s*)[\[［【（(]\s*(\d{{4}})\s*[\]］】）)]\s*(第?)\s*(0*)(\d+)\s*号")
_ANY_DOC_NUMBER = re.compile(
    r"([^\s〔〕\[\]［］【】（）()\d]+?)\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*第?\s*(\d+)\s*号"
)
_SPACED_DOC_NUMBER = re.compile(
    rf"([{HAN}]+)(\s+)〔(\d{{4}})〕(\s*)([1-9]\d*)(\s*)号|([{HAN}]+)〔(\d{{4}})〕(\s+)([1-9]\d*)(\s*)号"
)
_ELLIPSIS = re.compile(rf"(?<={_CJK_CONTEXT})(\.{{3,}}|。{{3,}}|(?<!…)…(?!…))|(\.{{3,}}|。{{3,}})(?={_CJK_CONTEXT})")
# Two hyphens stand for a 破折号; a single — between words is a 连接号 (问题—措施) and stays.
_DASH = re.compile(rf"(?<=[{HAN}”])(--+|－－)(?=[{HAN}“])")
_SPACED_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _finding(
    path: str, line: Line, start: int, rule: str, expected: str, old: str, new: str | None, advice: str = ""
) -> Finding:
    return Finding(
        path, line.number, start + 1, rule, expected, old, advice or (f"改为 “{new}”" if new else ""), WARNING, old, new
    )


_ANY_HALF_WIDTH = re.compile(r"[,.;:?!]")
_ANY_HAN = re.compile(f"[{HAN}]")


def _half_width(path: str, line: Line) -> list[Finding]:
    if not _ANY_HALF_WIDTH.search(line.prose) or not _ANY_HAN.search(line.prose):
        return []
    # autocorrect sees the masked prose: protected spans are NUL, so it cannot touch code or links.
    corrected = autocorrect_py.format(line.prose.replace("\0", "\x01"))
    found = []
    if len(corrected) == len(line.prose):
        for column, (before, after) in enumerate(zip(line.prose, corrected, strict=True)):
            if before != after and before in _HALF_TO_FULL and after == _HALF_TO_FULL[before]:
                found.append(_finding(path, line, column, "半角标点", "中文后用全角标点", before, after))
    for match in _MISSED_HALF_WIDTH.finditer(line.prose):
        if not any(f.col == match.start() + 1 for f in found):
            mark = match.group()
            found.append(_finding(path, line, match.start(), "半角标点", "中文后用全角标点", mark, _HALF_TO_FULL[mark]))
    return found


def _quotes(path: str, line: Line) -> list[Finding]:
    positions = [m.start() for m in _STRAIGHT_QUOTE.finditer(line.prose)]
    if not positions or len(positions) % 2 or not _ANY_HAN.search(line.prose):
        return []
    found = []
    for order, position in enumerate(positions):
        new = "“" if order % 2 == 0 else "”"
        found.append(_finding(path, line, position, "直引号", "中文弯引号 “ ”", '"', new))
    return found


def canonical_doc_number(text: str) -> str | None:
    """示发[2025]07号 as 示发〔2025〕7号: brackets, 第 and leading zeros put right; None if it is no 文号."""
    match = _ANY_DOC_NUMBER.fullmatch(text.strip())
    return f"{match.group(1)}〔{match.group(2)}〕{int(match.group(3))}号" if match else None


def _doc_numbers(path: str, line: Line) -> list[Finding]:
    if "号" not in line.prose:  # cheap test first: the patterns backtrack over every Chinese character
        return []
    found = []
    if line.in_front_matter and line.text.lstrip().startswith("doc_number"):
        return []  # the contract checks the field itself (studysite.core.docnumber), with its own message
    for match in _DOC_NUMBER.finditer(line.prose):
        _, year, _, _, number = match.groups()
        new = f"〔{year}〕{number}号"
        if match.group() != new:
            found.append(
                _finding(path, line, match.start(), "文号格式", "机关代字〔四位年份〕序号号", match.group(), new)
            )
    for match in _SPACED_DOC_NUMBER.finditer(line.prose):
        new = re.sub(r"\s+", "", match.group())
        found.append(_finding(path, line, match.start(), "文号格式", "文号中不留空格", match.group(), new))
    return found


def _ellipsis_and_dash(path: str, line: Line) -> list[Finding]:
    if not any(mark in line.prose for mark in ("...", "。。。", "…", "--", "—", "－－")):
        return []
    found = []
    for match in _ELLIPSIS.finditer(line.prose):
        found.append(_finding(path, line, match.start(), "省略号", "中文省略号 ……", match.group(), "……"))
    for match in _DASH.finditer(line.prose):
        found.append(_finding(path, line, match.start(), "破折号", "中文破折号 ——", match.group(), "——"))
    return found


def _dates(path: str, line: Line) -> list[Finding]:
    if "年" not in line.prose:
        return []
    found = []
    for match in _SPACED_DATE.finditer(line.prose):
        new = "{}年{}月{}日".format(*match.groups())
        if match.group() != new:
            found.append(
                _finding(path, line, match.start(), "日期空格", "日期中不留空格，如 2025年3月12日", match.group(), new)
            )
    return found


# A title (the front matter's title, a heading) with an input method's full-width digits (２０２５年第１期): the
# title shows, indexes and sorts with them as typed, so they become ASCII digits.
_FULL_WIDTH_DIGITS = re.compile("[\uff10-\uff19]+")
_TITLE_LINE = re.compile(r"^(?:\s*title:|\s{0,3}#{1,6}\s)")


def _title_digits(path: str, line: Line) -> list[Finding]:
    if not _TITLE_LINE.match(line.text) or (line.text.lstrip().startswith("title:") and not line.in_front_matter):
        return []
    found = []
    for match in _FULL_WIDTH_DIGITS.finditer(line.prose):
        new = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
        found.append(_finding(path, line, match.start(), "全角数字", "标题中用半角数字，如 2025", match.group(), new))
    return found


# Half-width brackets around Chinese words (党委(扩大)会议): GB/T 15834 has the full-width （）. Brackets around
# only digits or letters stay (a 文号's are the 文号 rule's; (1), (WTO) are not Chinese text).
_HALF_BRACKETS = re.compile(rf"\(([^()\n\0]*[{HAN}][^()\n\0]*)\)")


def _brackets(path: str, line: Line) -> list[Finding]:
    found = []
    for match in _HALF_BRACKETS.finditer(line.prose):
        for at, mark, new in ((match.start(), "(", "（"), (match.end() - 1, ")", "）")):
            found.append(_finding(path, line, at, "半角括号", "中文括号 （ ）", mark, new))
    return found


# Word's symbol fonts put bullets and marks in the Private Use Area: pasted, they show as nothing or a box on the
# web and in print. The common ones have a real character; others are deleted.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SYMBOL_FONT = {"\uf0b7": "●", "\uf06c": "●", "\uf0a7": "■", "\uf06e": "■", "\uf0d8": "▶", "\uf0fc": "√", "\uf076": "◆"}
_NBSP = re.compile("\u00a0+")


def _private_use(path: str, line: Line) -> list[Finding]:
    found = []
    for match in _PRIVATE_USE.finditer(line.prose):
        mark = match.group()
        new = _SYMBOL_FONT.get(mark, "")
        advice = f"改为 “{new}”" if new else "删除该字符"
        got = f"U+{ord(mark):04X}（Word 符号字体中的字符）"
        found.append(
            Finding(path, line.number, match.start() + 1, "符号字体字符", "通用字符（网页和打印都显示不出这个字符）",
                    got, advice, WARNING, mark, new)
        )  # fmt: skip
    return found


def _non_breaking_spaces(path: str, line: Line) -> list[Finding]:
    """Word pastes U+00A0 for its spaces: next to Chinese text none is needed, elsewhere an ordinary one."""
    found = []
    for match in _NBSP.finditer(line.prose):
        before = line.prose[match.start() - 1] if match.start() else ""
        after = line.prose[match.end()] if match.end() < len(line.prose) else ""
        beside_han = bool(_ANY_HAN.match(before or "a") or _ANY_HAN.match(after or "a"))
        new = "" if beside_han or not (before and after) else " "
        found.append(
            Finding(path, line.number, match.start() + 1, "不间断空格", "普通空格或不留空格（从 Word 粘贴带来的）",
                    "U+00A0" * len(match.group()), "删除" if not new else "改为普通空格", WARNING, match.group(), new)
        )  # fmt: skip
    return found


# What a line must hold for each rule to find anything there, tested on the raw line: most lines of a page pass
# every test and are left at once, without working out their prose.
_MAY_NEED = (
    (re.compile(r"[,.;:?!]"), _half_width),
    (re.compile('"'), _quotes),
    (re.compile("号"), _doc_numbers),
    (re.compile(r"\.\.\.|。。。|…|--|—|－－"), _ellipsis_and_dash),
    (re.compile(r"\d\s+[年月日]|[年月]\s+\d"), _dates),
    (_PRIVATE_USE, _private_use),
    (_NBSP, _non_breaking_spaces),
    (_FULL_WIDTH_DIGITS, _title_digits),
    (re.compile(r"\("), _brackets),
)


# A paragraph pasted from Word with its first-line indent: four spaces or a tab after a blank line make Markdown
# show it as a grey code box. What stands before it says whether it belongs to a list or a box (then it is fine).
_INDENTED = re.compile(rf"^( {{4,}}|\t+)(?=\S)(?=.*[{HAN}])")
_NESTS = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|!!!|\?\?\?|:\s|>|\|)")


def _indented_paragraphs(path: str, lines: list[Line]) -> list[Finding]:
    found = []
    previous: Line | None = None  # the last non-blank line
    blank_before = True
    for line in lines:
        if line.in_code or line.in_front_matter or line.fence:
            previous, blank_before = None, False
            continue
        if not line.text.strip():
            blank_before = True
            continue
        match = _INDENTED.match(line.text)
        if (
            match
            and blank_before
            and (previous is None or not (_NESTS.match(previous.text) or previous.text[:1].isspace()))
        ):
            indent = match.group(1)
            found.append(
                Finding(path, line.number, 1, "行首空白", "顶格的段落（行首有空白会显示成灰色的代码框）",
                        f"行首 {len(indent)} 个空格" if indent.startswith(" ") else "行首 Tab", "删除行首空白", WARNING, indent, "")
            )  # fmt: skip
        previous, blank_before = line, False
    return found


def typography(path: str, text: str, lines: list[Line] | None = None) -> list[Finding]:
    """Typography findings of a page (GB/T 15834, 15835), each with its fix; code and front-matter keys skipped."""
    found: list[Finding] = []
    lines = lines or lines_of(text)
    needed = [(may_need, rule) for may_need, rule in _MAY_NEED if may_need.search(text)]  # one C pass a rule
    for line in lines if needed else ():
        if line.in_code:
            continue
        for may_need, rule in needed:
            if may_need.search(line.text):
                found += rule(path, line)
    if "    " in text or "\t" in text:
        found += _indented_paragraphs(path, lines)
    return sorted(found)


# --- accessibility (the build stops) ---------------------------------------------------------------------
# (The security guards are studysite.rules.secrecy, on the text a reader gets.)


def _guard(path: str, line: Line, start: int, rule: str, expected: str, got: str, advice: str) -> Finding:
    return Finding(path, line.number, start + 1, rule, expected, got, advice)


_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)?|\[[^\]]*\]?)")
_HTML_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_MARKDOWN_ADVICE = "在 ![ ] 的方括号里写明图片内容，如 ![座谈会现场](图片.jpg)"


def _shown(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"


def _undescribed(path: str, line: Line, start: int, image: str, advice: str) -> Finding:
    return _guard(
        path, line, start, "图片说明", "图片的文字说明（读屏软件把它读给看不见图片的读者）", _shown(image), advice
    )


def _html_tag(lines: list[Line], index: int, start: int) -> str:
    """An HTML tag from its < to its >, which may be some lines further down."""
    text = lines[index].text[start:]
    for following in lines[index + 1 : index + 6]:
        if ">" in text:
            break
        text += " " + following.text
    return text[: text.find(">") + 1] if ">" in text else text


def accessibility(path: str, text: str, lines: list[Line] | None = None) -> list[Finding]:
    """Images without a text alternative and headings that skip a level: a screen reader cannot follow them."""
    lines = lines or lines_of(text)
    found: list[Finding] = []
    level = 1  # every page has its title as the one level-1 heading, written or generated (entries)
    for index, line in enumerate(lines):
        if line.in_code or line.in_front_matter or line.fence:
            continue
        if (heading := _ATX_HEADING.match(line.text)) and len(heading.group(1)) > level + 1:
            wanted = "#" * (level + 1)
            found.append(
                _guard(
                    path,
                    line,
                    heading.start(1),
                    "标题层级",
                    f"逐级使用的标题（此处最多用 {wanted}）",
                    _shown(line.text),
                    f"改为 {wanted} 开头，或先写上一级标题；读屏软件按层级朗读标题，跳级会让读者以为漏了内容",
                )
            )
        if heading:
            level = len(heading.group(1))
        if "![" not in line.text and "<img" not in line.text.lower():
            continue
        code = _INLINE_CODE.sub(lambda m: "\0" * len(m.group()), line.text)  # images shown as code are text
        for match in _MARKDOWN_IMAGE.finditer(code):
            if not match.group(1).strip():
                found.append(_undescribed(path, line, match.start(), match.group(), _MARKDOWN_ADVICE))
        for match in _HTML_IMAGE.finditer(code):
            tag = _html_tag(lines, index, match.start())
            alt = _ALT.search(tag)
            if alt is None or not "".join(group or "" for group in alt.groups()).strip():
                found.append(_undescribed(path, line, match.start(), tag, '给 <img> 加上 alt="图片内容"'))
    return sorted(found)


# --- notices (reported, never stop) ----------------------------------------------------------------------

# The levels of a 公文's headings, typed as plain paragraphs: the page shows them as text, without 目录 or anchors.
_PLAIN_HEADINGS = (
    (re.compile(r"^[一二三四五六七八九十]+、\S{1,38}$"), "##"),
    (re.compile(r"^（[一二三四五六七八九十]+）\S{1,38}$"), "###"),
)


def heading_hints(path: str, text: str, lines: list[Line] | None = None) -> list[Finding]:
    """“一、…” and “（一）…” lines written as plain text: a 提示 to make them headings (## and ###)."""
    found = []
    for line in lines or lines_of(text):
        if line.in_code or line.in_front_matter or line.text[:1] not in "一二三四五六七八九十（":
            continue
        stripped = line.text.strip()
        for pattern, marks in _PLAIN_HEADINGS:
            if pattern.match(stripped) and not stripped.endswith(("。", "；", "：", "，")):
                found.append(
                    Finding(path, line.number, 1, "小标题", f"Markdown 小标题（行首加 {marks} 和空格）", stripped[:20],
                            f"改为 “{marks} {stripped[:20]}”，网页上才显示为标题并列入目录", NOTICE)
                )  # fmt: skip
    return found


def internal_marks(path: str, text: str, lines: list[Line] | None = None) -> list[Finding]:
    """内部资料/注意保存 marks and narrow 传达范围 notes, as a reader reads the page (studysite.core.sources):
    allowed, shown as 提示; a 内部 page shows a banner, and a public offline edition leaves both out. lines: unused,
    kept for the callers' form."""
    advice = {
        INTERNAL_MARK: "本页将显示内部资料提示条，请确认可以在内网发布",
        DISTRIBUTION_MARK: "请确认本站读者都在传达范围之内",
    }
    return sorted(
        Finding(path, mark.line, mark.col, mark.kind, "可在内网发布的资料", mark.text, advice[mark.kind], NOTICE)
        for mark in restriction_marks(text)
    )
