"""Attacker trial (issue 21, finding 5): attachments must be read fully or refused, and be what their names say.

The attacker's files (tests/fixtures/attack/) and held-out variants written here: a UTF-16 Word or Excel part,
an archive or Office file embedded in one, PDF bookmarks, form fields, embedded files, JavaScript (opening the
document or a page), XFA forms; an HTML page or a Word file under an image or document name. Each is refused by
`make check` and by a real build with the same whole Chinese message, and nothing reaches site/. All payloads
are fictional.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from studysite.rules.attachments import attachment_problems
from support import copy_project
from support.checking import verdicts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "attack"
PHONE = "手机号: 应为 不含个人信息的正文，实为 “138****5678”（{where}：删除手机号，需要时写办公电话）"
REFUSED = (
    "附件: 应为 本站能检查内容的附件（.docx、.pdf 或 .txt），实为 “{name}”"
    "（附件中有{reason}，本站无法检查其中是否有密级标志或个人信息：请删去后另存为 .docx 或 PDF 再放入）"
)
UNREADABLE = (
    "附件: 应为 本站能检查内容的附件（.docx、.pdf 或 .txt），实为 “{name}”"
    "（本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入）"
)
ACTIVE = (
    "文件类型: 应为 与扩展名 {suffix} 相符的内容（{named}），实为 “{kind}”（文件内容与扩展名不符，网页、脚本、样式表和 SVG "
    "会在读者的浏览器中运行，本站不发布；正文请写成 Markdown 页面，图示请另存为 PNG 图片）"
)
RENAMED = "文件类型: 应为 与扩展名 {suffix} 相符的内容（{named}），实为 “{kind}”（文件内容与扩展名不符：请把扩展名改为 {ext} 后再放入）"


def zipped(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def rewritten(data: bytes, name: str, change) -> bytes:
    """The zip with one part changed by change(bytes) -> bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zipped({n: change(source.read(n)) if n == name else source.read(n) for n in source.namelist()})


def workbook(value: str) -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(catalog: str = "", page: str = "", extra: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF written by hand, with entries added to its catalog and page and objects 6, 7, … after."""
    stream = "BT /F1 12 Tf 10 100 Td (Hello) Tj ET"
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> {page}>>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    start = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode())
    return out.getvalue()


def utf16(part: bytes) -> bytes:
    return b"\xff\xfe" + part.decode("utf-8").replace("UTF-8", "UTF-16").encode("utf-16-le")


SLIDE = '<p:sld xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>示例讲稿</a:t></a:r></a:p></p:sld>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def cases() -> dict[str, tuple[bytes, str]]:
    """Each file (by its name under docs/report/) and the whole line both check and build print for it."""
    attack = {name: (FIXTURES / name).read_bytes() for name in sorted(p.name for p in FIXTURES.iterdir())}
    return {
        "utf16.docx": (attack["utf16.docx"], PHONE.format(where="在附件中")),
        "nested.docx": (
            attack["nested.docx"],
            REFUSED.format(name="nested.docx", reason="嵌入的压缩包（word/embeddings/x.zip）"),
        ),
        "pdf_outline.pdf": (attack["pdf_outline.pdf"], PHONE.format(where="在附件的书签中")),
        "pdf_acroform.pdf": (attack["pdf_acroform.pdf"], PHONE.format(where="在附件的表单中")),
        "pdf_embedded.pdf": (
            attack["pdf_embedded.pdf"],
            REFUSED.format(name="pdf_embedded.pdf", reason="嵌入的文件（/Names /EmbeddedFiles）"),
        ),
        "pdf_js.pdf": (
            attack["pdf_js.pdf"],
            REFUSED.format(name="pdf_js.pdf", reason="JavaScript 脚本（/OpenAction）"),
        ),
        # held out
        "台账.xlsx": (
            rewritten(workbook("联系 13812345678"), "xl/sharedStrings.xml", utf16),
            PHONE.format(where="在附件中"),
        ),
        "讲稿.pptx": (
            zipped(
                {
                    "[Content_Types].xml": "<Types/>",
                    "ppt/slides/slide1.xml": SLIDE,
                    "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook("联系 13812345678"),
                }
            ),
            PHONE.format(where="在附件中"),
        ),
        "讲稿2.pptx": (
            zipped(
                {
                    "[Content_Types].xml": "<Types/>",
                    "ppt/slides/slide1.xml": SLIDE,
                    "ppt/embeddings/oleObject1.pdf": pdf(),
                }
            ),
            REFUSED.format(name="讲稿2.pptx", reason="无法检查的嵌入文件（ppt/embeddings/oleObject1.pdf）"),
        ),
        "页面脚本.pdf": (
            pdf(page="/AA << /O 6 0 R >> ", extra=("<< /S /JavaScript /JS (app.alert\\(1\\)) >>",)),
            REFUSED.format(name="页面脚本.pdf", reason="JavaScript 脚本（第 1 页 /AA /O）"),
        ),
        "表单.pdf": (
            pdf(catalog="/AcroForm << /Fields [] /XFA 6 0 R >> ", extra=("<< /Length 0 >>\nstream\n\nendstream",)),
            REFUSED.format(name="表单.pdf", reason="XFA 表单（/AcroForm）"),
        ),
        "启动.pdf": (
            pdf(catalog="/OpenAction << /S /Launch /F (cmd.exe) >> "),
            REFUSED.format(name="启动.pdf", reason="启动程序的动作（/OpenAction /Launch）"),
        ),
        "会场.gif": (HTML, ACTIVE.format(suffix=".gif", named="GIF 图片", kind="网页（HTML）")),
        "会场.png": (HTML, ACTIVE.format(suffix=".png", named="PNG 图片", kind="网页（HTML）")),
        "通知.pdf": (HTML, ACTIVE.format(suffix=".pdf", named="PDF 文件", kind="网页（HTML）")),
        "网页.docx": (zipped({"index.html": HTML}), UNREADABLE.format(name="网页.docx")),
        "照片.png": (
            word("示例"),
            RENAMED.format(suffix=".png", named="PNG 图片", kind="Word 文件", ext=".docx"),
        ),
        "照片.jpg": (
            b"\x89PNG\r\n\x1a\n" + bytes(64),
            RENAMED.format(suffix=".jpg", named="JPEG 图片", kind="PNG 图片", ext=".png"),
        ),
    }


def lines(name: str, data: bytes) -> list[str]:
    return [str(p).split(":", 2)[2].strip() for p in attachment_problems(f"report/{name}", data, linked=True)]


@pytest.mark.parametrize("name", list(cases()))
def test_each_file_is_refused_with_its_message(name):
    data, expected = cases()[name]
    assert lines(name, data) == [expected]


def test_check_and_a_real_build_refuse_every_one_alike_and_publish_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    for name, (data, _) in cases().items():
        (project / "docs/report" / name).write_bytes(data)
    checked, built = verdicts(project, tmp_path / "site")
    assert checked == built
    for name, (_, expected) in cases().items():
        assert f"docs/report/{name}:1: {expected}" in built, name


def test_clean_real_attachments_still_pass():
    assert lines("会场.png", b"\x89PNG\r\n\x1a\n" + bytes(64)) == []
    assert lines("会场.jpeg", b"\xff\xd8\xff\xe0" + bytes(64)) == []
    assert lines("会场.gif", b"GIF89a" + bytes(64)) == []
    assert lines("会场.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(64)) == []
    assert lines("会场.bmp", b"BM" + bytes(12) + (40).to_bytes(4, "little") + bytes(64)) == []
    assert lines("通知.docx", word("示例通知正文。")) == []
    assert lines("台账.xlsx", rewritten(workbook("示例"), "xl/sharedStrings.xml", utf16)) == []
    assert lines("通知.pdf", pdf(catalog="/OpenAction [3 0 R /Fit] ")) == []
    outline = "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>"
    item = "<< /Title (Chapter 1) /Parent 6 0 R /Dest [3 0 R /Fit] >>"
    assert lines("目录.pdf", pdf(catalog="/Outlines 6 0 R ", extra=(outline, item))) == []
    assert lines("名单.csv", "姓名,电话\n示例甲,010-12345678\n".encode()) == []
