"""What Word applies to a .docx paragraph besides its own text: styles and automatic numbering.

A paragraph's bold, size, colour and alignment may come from its runs, a character style, its paragraph
style's chain of bases or the document's defaults; its 一、 or （一） may be no text at all but a numbering
level Word counts as it prints. _Styles and _Numbering resolve these as Word does, so studysite.importer.docxread sees
what the clerk saw. They are apart from the reader because they read the styles and numbering parts, not the
body, and are looked up from every paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studysite.importer.document import BOTH, CENTER, LEFT, RIGHT

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(properties, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(_w(tag))
    return element.get(_w("val")) if element is not None else None


def _red(colour: str | None) -> bool:
    """FF0000 and the reds of 公文 templates (C00000, E60012 …), not orange or pink."""
    if not colour or not re.fullmatch(r"#?[0-9A-Fa-f]{6}", colour):
        return colour in ("red", "#red")
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x50 and b <= 0x50


def _on(element) -> bool | None:
    """A toggle property (w:b): present and not switched off."""
    if element is None:
        return None
    return element.get(_w("val")) not in ("0", "false", "off")


class _Styles:
    """Paragraph and run properties as Word applies them: direct, character style, paragraph style chain,
    document defaults."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self.by_id = {s.get(_w("styleId")): s for s in styles.iterchildren(_w("style"))}
        self.default_paragraph = next(
            (
                s.get(_w("styleId"))
                for s in styles.iterchildren(_w("style"))
                if s.get(_w("type")) == "paragraph" and _on_attr(s.get(_w("default")))
            ),
            None,
        )
        defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.defaults = defaults
        self.cache: dict = {}

    def _chain(self, style_id: str | None) -> list:
        """The style and its bases, nearest first."""
        chain, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            style_id = _val(style, "basedOn")
        return chain

    def _run_property(self, run_properties, paragraph_style: str | None, tag: str):
        if run_properties is not None and run_properties.find(_w(tag)) is not None:
            return run_properties.find(_w(tag))
        key = (_val(run_properties, "rStyle"), paragraph_style or self.default_paragraph, tag)
        if key not in self.cache:
            found = None
            for style in self._chain(key[0]) + self._chain(key[1]):
                properties = style.find(_w("rPr"))
                if properties is not None and properties.find(_w(tag)) is not None:
                    found = properties.find(_w(tag))
                    break
            if found is None and self.defaults is not None:
                found = self.defaults.find(_w(tag))
            self.cache[key] = found
        return self.cache[key]

    def run(self, run_properties, paragraph_style: str | None) -> tuple[bool, float, bool]:
        """bold, size in pt, red."""
        bold = _on(self._run_property(run_properties, paragraph_style, "b")) or False
        size_element = self._run_property(run_properties, paragraph_style, "sz")
        size = int(size_element.get(_w("val"))) / 2 if size_element is not None else 10.5
        colour = self._run_property(run_properties, paragraph_style, "color")
        return bold, size, _red(colour.get(_w("val")) if colour is not None else None)

    def alignment(self, properties, style_id: str | None) -> str:
        value = _val(properties, "jc")
        if value is None:
            for style in self._chain(style_id or self.default_paragraph):
                value = _val(style.find(_w("pPr")), "jc")
                if value:
                    break
        return {"center": CENTER, "right": RIGHT, "end": RIGHT, "both": BOTH, "distribute": BOTH}.get(value or "", LEFT)


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


_CHINESE = "〇一二三四五六七八九"


def _chinese_count(n: int) -> str:
    if n < 10:
        return _CHINESE[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[units] if units else "")
    return str(n)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalFullWidth": lambda n: str(n).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)}),
    "chineseCounting": _chinese_count,
    "chineseCountingThousand": _chinese_count,
    "taiwaneseCounting": _chinese_count,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
}


class _Numbering:
    """Word's automatic numbering (一、 （一） 1.) as the labels it prints, counted through the document."""

    def __init__(self, document) -> None:
        # (numId, ilvl) → format, text, start; the ids as the XML has them (an attribute may be missing)
        self.levels: dict[tuple[str | None, int], tuple[str, str, int]] = {}
        self.counts: dict[str | None, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in numbering.iterchildren(_w("abstractNum"))}
        for num in numbering.iterchildren(_w("num")):
            definition = abstract.get(_val(num, "abstractNumId"))
            if definition is None:
                continue
            overrides = {o.get(_w("ilvl")): o for o in num.iterchildren(_w("lvlOverride"))}
            for level in definition.iterchildren(_w("lvl")):
                ilvl = level.get(_w("ilvl"))
                start = int(_val(level, "start") or 1)
                override = overrides.get(ilvl)
                start_override = _val(override, "startOverride") if override is not None else None
                if start_override:
                    start = int(start_override)
                self.levels[(num.get(_w("numId")), int(ilvl))] = (
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                    start,
                )

    def label(self, properties, style_id: str | None, styles: _Styles) -> str:
        num_pr = properties.find(_w("numPr")) if properties is not None else None
        if num_pr is None:
            for style in styles._chain(style_id):
                style_pr = style.find(_w("pPr"))
                num_pr = style_pr.find(_w("numPr")) if style_pr is not None else None
                if num_pr is not None:
                    break
        if num_pr is None:
            return ""
        num_id, level = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        if (num_id, level) not in self.levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        starts = [self.levels.get((num_id, i), ("", "", 1))[2] for i in range(9)]
        counts[level] = counts[level] + 1 if counts[level] else starts[level]
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        number_format, text, _ = self.levels[(num_id, level)]
        if number_format in ("bullet", "none"):
            return ""

        def value(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            fmt = self.levels.get((num_id, index), ("decimal", "", 1))[0]
            return _FORMATS.get(fmt, str)(counts[index] or starts[index])

        return re.sub(r"%(\d)", value, text)
