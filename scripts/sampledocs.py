"""Word and PDF files laid out as a 公文 and as speeches (BRIEF §8), made here from fictional 示例 content.

python-docx sets what a clerk's file carries: fonts (小标宋 title, 黑体 一、, 楷体 （一）, 仿宋 body, here their
free Debian stand-ins), sizes, alignment, the red 发文机关标志 and red rule, tables, images, footnotes and
Word's automatic numbering. PDFs are printed from them by LibreOffice headless, as a clerk's "另存为 PDF";
a .doc is saved by LibreOffice too. Nothing here is a real document.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

SONG, HEI, KAI = "Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai"
RED = RGBColor(0xE6, 0x00, 0x12)
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Footnote:
    text: str


def png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 24)) -> bytes:
    """A small picture (a chart, a seal) made here: the same bytes every time."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


class Writer:
    """A .docx on a GB/T 9704 page: A4, margins 37/35/28/26 mm, 3号 (16 pt) body."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(16)
        normal.font.name = SONG
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SONG)
        normal.paragraph_format.space_after = Pt(0)
        self.notes: list[str] = []

    def para(
        self,
        *runs: str | Bold | Footnote,
        align=None,
        size: float = 16,
        font: str = SONG,
        red: bool = False,
        bold: bool = False,
        indent: bool = False,
        border: str | None = None,
    ):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        for run in runs:
            if isinstance(run, Footnote):
                self._footnote_reference(paragraph, run.text)
                continue
            text = run.text if isinstance(run, Bold) else run
            written = paragraph.add_run(text)
            written.font.size = Pt(size)
            written.font.name = font
            written.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
            written.bold = bold or isinstance(run, Bold) or None
            if red:
                written.font.color.rgb = RED
        if border:
            colour = "E60012" if border == "red" else "000000"
            properties: BaseOxmlElement = paragraph._p.get_or_add_pPr()
            properties.append(
                parse_xml(
                    f'<w:pBdr xmlns:w="{_W}"><w:bottom w:val="single" w:sz="12" w:space="1" w:color="{colour}"/></w:pBdr>'
                )
            )
        return paragraph

    def numbered(self, text: str, level: int, size: float = 16, font: str = SONG):
        """A paragraph numbered by Word itself: the label (一、 （一）) is not in its text."""
        paragraph = self.para(text, size=size, font=font, indent=True)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{self._chinese_list()}"/></w:numPr>'
            )
        )
        return paragraph

    def _chinese_list(self) -> int:
        numbering = self.doc.part.numbering_part.element
        if numbering.find(qn("w:num") + "[@" + qn("w:numId") + "='90']") is None:
            numbering.insert(
                0,
                parse_xml(
                    f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
                    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
                    "</w:abstractNum>"
                ),
            )
            numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        return 90

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for cells, row in zip(rows, table.rows, strict=True):
            for text, cell in zip(cells, row.cells, strict=True):
                cell.text = text

    def image(self, data: bytes, align=CENTER) -> None:
        self.doc.add_paragraph().add_run().add_picture(io.BytesIO(data), width=Cm(3))
        self.doc.paragraphs[-1].alignment = align

    def _footnote_reference(self, paragraph, text: str) -> None:
        self.notes.append(text)
        paragraph._p.append(
            parse_xml(
                f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>'
            )
        )

    def save(self, path: Path) -> Path:
        if self.notes:
            notes = "".join(
                f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr>'
                f'<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r>'
                "</w:p></w:footnote>"
                for n, text in enumerate(self.notes, 1)
            )
            xml = (
                f'<w:footnotes xmlns:w="{_W}">'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                f"{notes}</w:footnotes>"
            )
            part = Part(
                PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"),
                self.doc.part.package,
            )
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        return path


# --- the fictional documents ---------------------------------------------------------------------------


def notice(
    path: Path,
    number: str = "示发〔2025〕7号",
    contact: str | None = None,
    secret: str | None = None,
    title: tuple[str, str] = ("关于示例局2025年第一季度", "示例学习情况的通报"),
    dated: bool = True,
) -> Path:
    """A 公文 laid out as GB/T 9704 prints it: 版头, 主体 with every element, 版记 (dated=False: no 成文日期)."""
    w = Writer()
    if secret:
        w.para(secret, font=HEI)
    w.para("中共示例局委员会文件", align=CENTER, size=36, red=True)
    w.para("", size=12)
    w.para(number, align=CENTER, border="red")
    w.para("", size=12)
    for line in title:
        w.para(line, align=CENTER, size=22)
    w.para("", size=12)
    w.para("各处室、各一线窗口：")
    w.para("2025年第一季度，示例局组织开展了示例学习活动。现将有关情况通报如下。", indent=True)
    w.para("一、基本情况", font=HEI, indent=True)
    w.para(
        Bold("示例学习覆盖全体干部。"),
        "各处室按照计划开展学习",
        Footnote("示例学习计划由示例局办公室印发。"),
        "，参加学习的干部共计120人次。",
        indent=True,
    )
    w.para("（一）学习安排", font=KAI, indent=True)
    w.para("1. 集中学习4次，每次半天。", indent=True)
    w.para("（1）示例专题辅导1次。", indent=True)
    w.table([["处室", "学习次数", "参加人次"], ["示例一处", "4", "60"], ["示例二处", "3", "60"]])
    w.para("二、下一步工作", font=HEI, indent=True)
    w.para("各处室要继续抓好学习，确保取得实效。", indent=True)
    w.image(png((30, 90, 200)))
    w.para("特此通报。", indent=True)
    w.para("", size=12)
    w.para("附件：1. 示例学习安排表", indent=True)
    w.para("2. 示例学习人员名单", indent=True)
    w.para("", size=12)
    w.para("中共示例局委员会", align=RIGHT)
    if dated:
        w.para("2025年3月12日", align=RIGHT)
    w.image(png((230, 0, 18), (48, 48)), align=RIGHT)
    w.para(f"（{contact}）" if contact else "（此件公开发布）", indent=True)
    w.para("", size=12, border="black")
    w.para("抄送：示例局纪委，示例局机关党委。", size=14, border="black")
    w.para("示例局办公室 2025年3月12日印发", size=14, border="black")
    return w.save(path)


def speech(path: Path, date_first: bool = False, chinese_date: bool = False, numbered: bool = False) -> Path:
    """A speech: title, the speaker's and the date's lines (either order, the date in brackets), its text."""
    w = Writer()
    w.para("在示例局2025年理论学习中心组", align=CENTER, size=22, bold=True)
    w.para("第一次集体学习会上的讲话", align=CENTER, size=22, bold=True)
    day = "（二〇二五年三月十九日）" if chinese_date else "（2025年3月5日）"
    lines = [("示例局党委书记　示例甲", SONG), (day, KAI)]
    for text, font in reversed(lines) if date_first else lines:
        w.para(text, align=CENTER, font=font)
    w.para("同志们：", indent=False)
    w.para("今天，我们召开示例局理论学习中心组第一次集体学习会。下面，我讲三点意见。", indent=True)
    if numbered:
        w.numbered("提高认识，把学习摆在突出位置", 0, font=HEI)
        w.numbered("坚持集中学习", 1, font=KAI)
        w.para("要按计划组织集中学习，做到人员、时间、内容三落实。", indent=True)
        w.numbered("完善制度，推动学习常态长效", 0, font=HEI)
    else:
        w.para("一、提高认识，把学习摆在突出位置", font=HEI, indent=True)
        w.para("（一）坚持集中学习", font=KAI, indent=True)
        w.para("要按计划组织集中学习，做到人员、时间、内容三落实。", indent=True)
        w.para("二、完善制度，推动学习常态长效", font=HEI, indent=True)
    w.para(Bold("一是健全学习制度。"), "各支部要结合实际，制定学习计划。", indent=True)
    w.para("同志们，让我们共同努力，把示例学习抓紧抓实。", indent=True)
    return w.save(path)


def soffice_program() -> str:
    return shutil.which("soffice") or "soffice"


def soffice_convert(source: Path, target_suffix: str, out_dir: Path, profile: Path, password: str = "") -> Path:
    """The file saved by LibreOffice headless as pdf, doc or odt, as a clerk's 另存为 would (a PDF with an open
    password when one is given)."""
    encrypt = (
        f':{{"EncryptFile":{{"type":"boolean","value":"true"}},"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}'
        if password
        else ""
    )
    filters = {"pdf": "pdf:writer_pdf_Export" + encrypt, "doc": "doc:MS Word 97", "odt": "odt:writer8"}
    out_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            soffice_program(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            filters[target_suffix],
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    target = out_dir / f"{source.stem}.{target_suffix}"
    assert target.exists(), result.stdout + result.stderr
    return target


def word(build=None, **properties) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("示例通知正文。")
    if build:
        build(document, paragraph)
    for key, value in properties.items():
        setattr(document.core_properties, key, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def split_runs(document, paragraph):
    for text in ("联系电话：138", "1234", "56", "78"):
        paragraph.add_run(text)


def revise(path: Path, delete_row: bool = True) -> Path:
    """The notice as a reviewer leaves it in Word with 修订 on: a word deleted and another inserted, a table cell
    changed and a row deleted, a draft paragraph moved away and one moved here, and a 批注. Every change
    accepted and the comment removed, the text is the notice's own. (LibreOffice's .doc export drops a tracked
    row deletion, keeping the row: delete_row=False for a file to be saved as .doc.)"""
    document = docx.Document(str(path))
    stamp = f'xmlns:w="{_W}" w:author="示例审核人" w:date="2025-03-10T09:00:00Z"'

    def change(tag: str, text: str, number: int) -> Any:  # a w:ins, w:del … element (lxml's stubs know no kinds)
        element = "w:delText" if tag == "del" else "w:t"  # moved-from text keeps w:t, as Word writes it
        return parse_xml(f'<w:{tag} w:id="{number}" {stamp}><w:r><{element}>{text}</{element}></w:r></w:{tag}>')

    paragraph = next(p for p in document.paragraphs if p.text == "各处室要继续抓好学习，确保取得实效。")
    run = paragraph.runs[0]
    run.text = "抓好学习，确保取得实效。"
    before: Any = parse_xml(f'<w:r xmlns:w="{_W}"><w:t>各处室要</w:t></w:r>')
    for element in (before, change("del", "尽快", 901), change("ins", "继续", 902)):
        run._r.addprevious(element)
    moved = next(p for p in document.paragraphs if p.text == "特此通报。")
    moved.insert_paragraph_before()._p.append(change("moveFrom", "（草稿：此段移到文末）", 903))
    for moved_run in moved.runs:
        wrapper: Any = parse_xml(f'<w:moveTo w:id="904" {stamp}/>')
        moved_run._r.addprevious(wrapper)
        wrapper.append(moved_run._r)
    document.add_comment(paragraph.runs[-1], text="数字请再核对", author="示例审核人", initials="示")
    table = document.tables[0]
    cell = table.rows[2].cells[2].paragraphs[0]
    cell.runs[0].text = ""
    cell._p.append(change("del", "50", 905))
    cell._p.append(change("ins", "60", 906))
    if delete_row:
        row = table.add_row()
        for text, row_cell in zip(("示例三处", "0", "0"), row.cells, strict=True):
            row_cell.text = text
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:del w:id="907" {stamp}/>'))
    document.save(str(path))
    return path
