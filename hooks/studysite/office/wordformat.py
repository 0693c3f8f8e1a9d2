"""The format of a study pack's Word document: the GB/T 9704 page, fonts, styles, settings and sections.

What studysite.office.wordpack writes into is set up here: A4 with margins 37/35/28/26 mm mirrored for binding and
a document grid of 22 lines × 28 characters, the 公文 faces under the names Word and WPS know, real heading
styles, the settings Word reads on opening, landscape sections for wide tables and the “— 1 —” page numbers.
It is apart from the writer because it is the same for every pack and decides how the pages look, not what
they say; the schema's element orders it has to keep live here too.
"""

from __future__ import annotations

from datetime import datetime

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from studysite.office.layout import BLOCK_WIDTH_MM
from studysite.office.printing import PrintedPack
from studysite.rules.fonts import FANGSONG, HEITI, KAITI, SONGTI

# The PDF's faces (studysite.rules.fonts: Fandol 仿宋/宋/黑/楷), so LibreOffice, given them, sets the document as
# the PDF is set. altName names the face Windows ships, so Word or WPS on an office PC without Fandol draws
# the text in 仿宋, 黑体, 楷体, 宋体; titles are FandolSong bold where the PDF has it (小标宋 is a heavy 宋).
SYMBOLS = "Segoe UI Symbol"  # ☑ ☐: in Windows' symbol face; LibreOffice falls back to DejaVu
_FONTS = {
    FANGSONG: ("仿宋", "02010609060101010101", "modern", "fixed"),
    HEITI: ("黑体", "02010609060101010101", "modern", "fixed"),
    KAITI: ("楷体", "02010609060101010101", "modern", "fixed"),
    SONGTI: ("宋体", "02010600030101010101", "auto", "variable"),
}
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 10.5, 14
# The grid: 22 lines in the 225 mm block (579 twips a line, rounded down so 22 fit) and 28 characters in
# 156 mm (a 16 pt character set 849/4096 pt tighter: 15.79 pt a character).
LINE_PITCH = 579
CHAR_SPACE = -849
# Characters are set 0.3 pt tighter (pack.css's letter-spacing): 28 of them, 440 pt, sit inside the 442 pt line
# with room to spare, so LibreOffice, Word and WeasyPrint all put 28 on a line (26 after the indent).
TRACKING = -6  # twentieths of a point
TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN = 85  # twips: 1.5 mm
CELL_MARGIN_TOP = 57  # twips: 1 mm above and below a cell's text, as pack.css pads it
TABLE_LINE = 294  # twips: 14.7 pt, pack.css's line-height for tables
FOOTER_DISTANCE_MM = 22.4  # the number's line top 7 mm below the block: 35 - 7 - its 5.6 mm line
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_STYLE = "表格文字"
FRONT_TITLE_STYLE = "目录标题"
_STYLE_IDS = {TABLE_STYLE: "TableText", FRONT_TITLE_STYLE: "FrontTitle", "toc 1": "TOC1"}
_BUILT_IN = {"toc 1"}
# Settings elements in the order the schema (and Word) requires them.
_SETTINGS_NAMES = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts "
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
    "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState "
    "formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
    "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent "
    "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt "
    "showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
    "mathPr attachedSchema themeFontLang clrSchemeMapping"
)
_SETTINGS_ORDER = tuple(_SETTINGS_NAMES.split())


def _el(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _set_fonts(rpr, name: str) -> None:
    """One face for every script of a run or style: Chinese, Latin and the rest (no theme fonts)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), name)


def _insert_setting(settings, element) -> None:
    """Put a settings element where the schema wants it (Word refuses a settings part out of order)."""
    name = element.tag.rsplit("}", 1)[-1]
    existing = settings.find(qn(f"w:{name}"))
    if existing is not None:
        settings.replace(existing, element)
        return
    later = set(_SETTINGS_ORDER[_SETTINGS_ORDER.index(name) + 1 :])
    for child in settings:
        if child.tag.startswith("{" + _W) and child.tag.rsplit("}", 1)[-1] in later:
            child.addprevious(element)
            return
    settings.append(element)


def _style(document, name: str, font: str, size: float, **options) -> object:
    """A paragraph style with one face and size; options: align, indent (first line, in characters), bold,
    after (twips), line (exact twips; None: single), keep (keep with next), tracking (character spacing,
    twentieths of a point)."""

    styles = document.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        # ASCII ids as Word writes them; a style named as one of Word's own (toc 1) is that style, not a copy.
        style.style_id = _STYLE_IDS.get(name, style.style_id)
        if name in _BUILT_IN:
            del style.element.attrib[qn("w:customStyle")]
    if name != "Normal":
        style.base_style = styles["Normal"]
    font_format = style.font
    font_format.size = Pt(size)
    font_format.bold = options.get("bold", False)
    font_format.italic = False
    font_format.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    for found in rpr.findall(qn("w:spacing")):
        rpr.remove(found)
    _insert_ordered(rpr, _el("w:spacing", val=str(options.get("tracking", 0))), _RPR_ORDER)
    paragraph = style.paragraph_format
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }.get(options.get("align", ""), WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(options.get("after", 0) / 20)
    paragraph.keep_with_next = options.get("keep", False)
    paragraph.widow_control = False
    ppr = style.element.get_or_add_pPr()
    indent = options.get("indent", 0)
    ind = ppr.get_or_add_ind()
    for attribute in list(ind.attrib):
        del ind.attrib[attribute]
    ind.set(qn("w:firstLineChars"), str(indent * 100))
    ind.set(qn("w:firstLine"), str(round(indent * size * 20)))
    ind.set(qn("w:left"), "0")
    spacing = ppr.get_or_add_spacing()
    line = options.get("line", LINE_PITCH)
    spacing.set(qn("w:line"), str(line or 240))
    spacing.set(qn("w:lineRule"), "exact" if line else "auto")
    for found in ppr.findall(qn("w:snapToGrid")):
        ppr.remove(found)
    # The grid's lines and characters are kept by exact line pitch and character spacing rather than by
    # snapping: Word, WPS and LibreOffice then all set 22 lines of 28 characters (LibreOffice snaps a
    # 16 pt character into two 15.79 pt grid cells).
    _insert_ordered(ppr, _el("w:snapToGrid", val="0"), _PPR_ORDER)
    if name == "Normal":
        # No punctuation hanging past the block, as in the PDF: LibreOffice reads overflowPunct the other way
        # round (on: no hanging; off: hanging), and Word, which hangs by default, recounts the 目录 itself.
        _insert_ordered(ppr, _el("w:overflowPunct", val="1"), _PPR_ORDER)
    return style


# pPr children in schema order (the ones this module writes).
_PPR_NAMES = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_PPR_ORDER = tuple(_PPR_NAMES.split())


# rPr children in schema order.
_RPR_NAMES = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath"
)
_RPR_ORDER = tuple(_RPR_NAMES.split())
# tblPr children in schema order.
_TBLPR_NAMES = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)
_TBLPR_ORDER = tuple(_TBLPR_NAMES.split())


def _insert_ordered(parent, element, order: tuple[str, ...]) -> None:
    """Add element where the schema's order puts it among parent's children."""
    name = element.tag.rsplit("}", 1)[-1]
    later = set(order[order.index(name) + 1 :])
    for child in parent:
        if child.tag.rsplit("}", 1)[-1] in later:
            child.addprevious(element)
            return
    parent.append(element)


def _prepare(document, printed: PrintedPack) -> None:
    """Styles, fonts, settings and properties of the pack's document."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.lower().endswith("theme"):  # theme fonts would win over the names set below
                del fonts.attrib[attribute]
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FANGSONG)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    # 3号 仿宋; 16 pt characters set 0.25 pt tighter: 28 to a 156 mm line.
    _style(document, "Normal", FANGSONG, BODY_PT, indent=2, tracking=TRACKING)
    # Every page's title: 2号 小标宋, centred, a blank grid line under it; off the grid so its characters
    # keep their own width, on exact lines one grid line high.
    _style(document, "Heading 1", SONGTI, TITLE_PT, align="center", after=LINE_PITCH, keep=True, bold=True)
    _style(document, "Heading 2", HEITI, BODY_PT, indent=2, keep=True, tracking=TRACKING)
    _style(document, "Heading 3", KAITI, BODY_PT, indent=2, keep=True, tracking=TRACKING)
    _style(document, "Heading 4", KAITI, BODY_PT, indent=2, keep=True, tracking=TRACKING)
    _style(document, "Heading 5", FANGSONG, BODY_PT, indent=2, keep=True, bold=True, tracking=TRACKING)
    _style(document, "Title", SONGTI, TITLE_PT, align="center", bold=True)
    _style(document, FRONT_TITLE_STYLE, HEITI, BODY_PT, align="center", after=LINE_PITCH)
    _style(document, "toc 1", FANGSONG, BODY_PT, tracking=TRACKING)
    tabs = document.styles["toc 1"].paragraph_format.tab_stops
    tabs.add_tab_stop(Mm(BLOCK_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.MIDDLE_DOT)
    _style(document, TABLE_STYLE, FANGSONG, TABLE_PT, align="left", line=TABLE_LINE)
    _style(document, "Footer", SONGTI, PAGE_NUMBER_PT, line=None)
    for style in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5"):
        # Drop the template's borders and colours: 公文 headings are plain text.
        ppr = document.styles[style].element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:shd"):
            for found in ppr.findall(qn(tag)):
                ppr.remove(found)
        rpr = document.styles[style].element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern", "w:u"):
            for found in rpr.findall(qn(tag)):
                rpr.remove(found)

    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    )
    table = etree.fromstring(fonts.blob)
    for name, (alternative, panose, family, pitch) in _FONTS.items():
        font = etree.SubElement(table, f"{{{_W}}}font", {f"{{{_W}}}name": name})
        for tag, value in (("altName", alternative), ("panose1", panose), ("charset", "86")):
            etree.SubElement(font, f"{{{_W}}}{tag}", {f"{{{_W}}}val": value})
        etree.SubElement(font, f"{{{_W}}}family", {f"{{{_W}}}val": family})
        etree.SubElement(font, f"{{{_W}}}pitch", {f"{{{_W}}}val": pitch})
    fonts._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)

    settings = document.settings.element
    _insert_setting(settings, _el("w:mirrorMargins"))
    _insert_setting(settings, _el("w:evenAndOddHeaders"))
    _insert_setting(settings, _el("w:updateFields", val="true"))  # Word and WPS fill in the 目录's page numbers
    _insert_setting(settings, _el("w:themeFontLang", val="en-US", eastAsia="zh-CN"))
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)

    properties = document.core_properties
    properties.title = printed.pack.title
    properties.subject = printed.pack.subtitle or ""
    properties.author = printed.pack.issuer or ""
    properties.comments = ""
    properties.last_modified_by = ""
    properties.revision = 1
    if printed.day:  # the cover's date; else the template's fixed one, never the clock
        when = datetime(printed.day.year, printed.day.month, printed.day.day)
        properties.created = when
        properties.modified = when


def _page(section, landscape: bool = False) -> None:
    """A4 with the GB/T 9704 margins and grid; a landscape section turns the block sideways (225 × 156 mm)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:  # the head of the table toward the binding: the portrait page's margins turned
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(35), Mm(37)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.header_distance = Mm(15)
    sectpr = section._sectPr
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = _el("w:docGrid")
        sectpr.append(grid)
    for attribute in list(grid.attrib):
        del grid.attrib[attribute]
    if landscape:
        grid.set(qn("w:linePitch"), "360")
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _restart_numbering(section, start: int | None) -> None:
    sectpr = section._sectPr
    for found in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(found)
    if start is not None:  # before w:cols, as the schema orders a section's properties
        sectpr.find(qn("w:cols")).addprevious(_el("w:pgNumType", start=str(start)))


def _field(paragraph, instruction: str, shown: str) -> None:
    """A field Word and WPS compute (PAGE, TOC …), with the value shown until they do."""
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="begin"))
    run = paragraph.add_run()
    text = _el("w:instrText")
    text.text = f" {instruction} "
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run._r.append(text)
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="separate"))
    paragraph.add_run(shown)
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="end"))


def _page_numbers(section) -> None:
    """“— N —” in 4号 宋体 at the outer edge: right on odd pages, left on even ones."""
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, None)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = "Footer"
        paragraph.alignment = alignment if alignment is not None else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.add_run("— ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")


def _end_section(document, landscape: bool) -> None:
    """Close the current section; the next one is landscape or upright, numbered on from this one."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
    _restart_numbering(section, None)
    # The paragraph that carries the closed section's properties is set 1 pt high, and an empty line just
    # before it (a table's blank grid line) goes: on a page a table fills they would spill onto a blank page
    # that the PDF does not have.
    closing = document.element.body[-2]
    before = closing.getprevious()
    if (
        before is not None
        and before.tag == qn("w:p")
        and _empty(before)
        and before.find(f".//{qn('w:sectPr')}") is None
    ):
        before.getparent().remove(before)
    ppr = closing.get_or_add_pPr()
    _insert_ordered(ppr, _el("w:spacing", line="20", lineRule="exact"), _PPR_ORDER)
    rpr = _el("w:rPr")
    rpr.append(_el("w:sz", val="2"))
    _insert_ordered(ppr, rpr, _PPR_ORDER)


def _empty(paragraph) -> bool:
    """A paragraph with no text, picture or break in it."""
    return not any(child.tag in (qn("w:t"), qn("w:drawing"), qn("w:br"), qn("w:tab")) for child in paragraph.iter())
