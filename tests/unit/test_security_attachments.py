"""Attachments judged on every text they carry, by what they are, not what they are called.

Word runs are joined as the reader sees the paragraph; document properties (core, app, custom; OpenDocument
meta; PDF information and XMP), comments, headers, footers and notes are read; any Office or OpenDocument
file is read by content (.docm, .xlsm, .pptx, .odt, a .docx renamed .pdf); legacy binaries, archives,
macros and unknown binary formats are refused. All payloads are fictional.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from sampledocs import split_runs, word
from studysite.rules.attachments import attachment_problems

PHONE = ("手机号", "不含个人信息的正文", "138****5678")
SECRET = "非涉密内容（涉密不上网，上网不涉密）"
UNREADABLE = (
    "附件: 应为 本站能检查内容的附件（.docx、.pdf 或 .txt），实为 “{name}”"
    "（本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入）"
)


def lines(name: str, data: bytes) -> list[str]:
    """Each problem as the build prints it, without the path."""
    return [str(p).split(":", 2)[2].strip() for p in attachment_problems(f"notices/{name}", data, linked=True)]


def with_parts(data: bytes, **parts: str | bytes) -> bytes:
    """The zip with parts added (names with __ for / and _dot_ for .), as another program may have added them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, content in parts.items():
            target.writestr(name.replace("__", "/").replace("_dot_", "."), content)
    return out.getvalue()


def zipped(**parts: str | bytes) -> bytes:
    """A zip of the parts alone (names as in with_parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/").replace("_dot_", "."), content)
    return out.getvalue()


PHONE_LINE = "手机号: 应为 不含个人信息的正文，实为 “138****5678”（{where}：删除手机号，需要时写办公电话）"
MARK_LINE = f"国家秘密标志: 应为 {SECRET}，实为 “{{got}}”（{{where}}：{{advice}}）"
ADVICE = "删除该页，涉密文件不得收入本站"
ALONE = "独占一行（或一个表格单元格）的密级是涉密文件的版头，删除该页"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("name", ["附件.docx", "附件.docm", "附件.dotx"])
def test_a_number_split_over_word_runs_is_found_whatever_the_file_is_called(name):
    assert lines(name, word(split_runs)) == [PHONE_LINE.format(where="在附件中")]


@pytest.mark.parametrize(
    ("properties", "got"),
    [({"title": "机密★5年"}, "机密★5年"), ({"subject": "秘密✱1年"}, "秘密✱1年"), ({"keywords": "绝密▲"}, "绝密▲")],
)
def test_document_properties_are_read(properties, got):
    expected = MARK_LINE.format(got=got, where="在附件的文件属性中", advice=ADVICE)
    assert lines("附件.docx", word(**properties)) == [expected]
    assert lines("附件.docx", word(author="示例乙 13812345678")) == [PHONE_LINE.format(where="在附件的文件属性中")]


def test_app_and_custom_properties_are_read_field_by_field():
    app = (
        "<Properties><TotalTime>13</TotalTime><Pages>8</Pages><Words>1234</Words><Characters>5678</Characters>"
        "<Company>示例局</Company></Properties>"
    )
    assert lines("附件.docx", with_parts(word(), docProps__app2_dot_xml=app)) == [], (
        "fields never run together: 13 8 1234 5678 is no number"
    )
    custom = '<Properties><property name="密级"><lpwstr>机密</lpwstr></property></Properties>'
    assert lines("附件.docx", with_parts(word(), docProps__custom_dot_xml=custom)) == [
        MARK_LINE.format(got="机密", where="在附件的文件属性中", advice=ALONE)
    ]
    phone = '<Properties><property name="联系人"><lpwstr>13812345678</lpwstr></property></Properties>'
    assert lines("附件.docx", with_parts(word(), docProps__custom_dot_xml=phone)) == [
        PHONE_LINE.format(where="在附件的文件属性中")
    ]


def test_comments_headers_footers_and_notes_are_read():
    def comment(document, paragraph):
        document.add_comment(paragraph.runs, text="审核意见：联系 138 1234 5678", author="示例")

    assert lines("附件.docx", word(comment)) == [
        "手机号: 应为 不含个人信息的正文，实为 “138 **** 5678”（在附件的批注中：删除手机号，需要时写办公电话）"
    ]

    def header(document, paragraph):
        document.sections[0].header.paragraphs[0].text = "秘密★1年"
        document.sections[0].footer.paragraphs[0].add_run("138")
        document.sections[0].footer.paragraphs[0].add_run("12345678")

    assert lines("附件.docx", word(header)) == [
        MARK_LINE.format(got="秘密★1年", where="在附件的页眉页脚中", advice=ADVICE),
        PHONE_LINE.format(where="在附件的页眉页脚中"),
    ]
    notes = f"<w:footnotes {W}><w:footnote><w:p><w:r><w:t>机密</w:t></w:r><w:r><w:t>★5年</w:t></w:r></w:p></w:footnote></w:footnotes>"
    assert lines("附件.docx", with_parts(word(), word__footnotes_dot_xml=notes)) == [
        MARK_LINE.format(got="机密★5年", where="在附件的脚注尾注中", advice=ADVICE)
    ]


def test_a_tel_link_in_a_word_file_is_read_decoded():
    rels = (
        '<Relationships><Relationship Id="rId99" Type="hyperlink" '
        'Target="tel:%31%33%38%31%32%33%34%35%36%37%38" TargetMode="External"/></Relationships>'
    )
    assert lines("附件.docx", with_parts(word(), word___rels__extra_dot_xml_dot_rels=rels)) == [
        PHONE_LINE.format(where="在附件的链接中")
    ]


def test_workbooks_slides_and_opendocument_files_are_read_by_content():
    book = openpyxl.Workbook()
    book.active["A1"] = "联系人"
    book.active["B1"] = 13812345678
    book.active["A2"], book.active["B2"], book.active["C2"] = 13, 8, 1234  # cells never run together
    out = io.BytesIO()
    book.save(out)
    assert lines("台账.xlsm", out.getvalue()) == [PHONE_LINE.format(where="在附件中")]
    slide = (
        '<p:sld xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>机</a:t></a:r><a:r><a:t>密</a:t></a:r>'
        "<a:r><a:t>▲3年</a:t></a:r></a:p></p:sld>"
    )
    pptx = zipped(**{"[Content_Types]_dot_xml": "<Types/>", "ppt__slides__slide1_dot_xml": slide})
    assert lines("讲稿.pptx", pptx) == [MARK_LINE.format(got="机密▲3年", where="在附件中", advice=ADVICE)]
    content = (
        '<office:document-content xmlns:text="t"><text:p>电话 138<text:span>1234</text:span>'
        "<text:s/>5678</text:p></office:document-content>"
    )
    meta = '<office:document-meta xmlns:dc="d"><dc:title>秘密☆2年</dc:title></office:document-meta>'
    odt = zipped(mimetype="application/vnd.oasis.opendocument.text", content_dot_xml=content, meta_dot_xml=meta)
    assert lines("通知.odt", odt) == [
        MARK_LINE.format(got="秘密☆2年", where="在附件的文件属性中", advice=ADVICE),
        "手机号: 应为 不含个人信息的正文，实为 “138**** 5678”（在附件中：删除手机号，需要时写办公电话）",
    ]


def _pdf(body: str, info: str, xmp: str, uri: str) -> bytes:
    """A small PDF written by hand: one page of Helvetica text, an information dictionary, XMP, a link."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> /Annots [8 0 R] >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        None,
        f"<< /Title <FEFF{info.encode('utf-16-be').hex().upper()}> /Producer (fictional) >>",
        f"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI ({uri}) >> >>",
    ]
    stream = f"BT /F1 12 Tf 20 100 Td ({body}) Tj ET"
    objects[3] = f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"
    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:description>{xmp}</dc:description></x:xmpmeta>'
    raw = packet.encode("utf-8")
    objects[5] = f"<< /Type /Metadata /Subtype /XML /Length {len(raw)} >>\nstream\n{packet}\nendstream"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body_text in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body_text}\nendobj\n".encode())
    start = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{start}\n%%EOF\n".encode())
    return out.getvalue()


def test_a_pdf_is_read_with_its_information_xmp_metadata_and_links():
    clean = _pdf("Notice 2025", "示例通知", "示例", "https://www.example.cn/")
    assert lines("通知.pdf", clean) == []
    assert lines("通知.pdf", _pdf("Notice 2025", "机密★5年", "示例", "https://www.example.cn/")) == [
        MARK_LINE.format(got="机密★5年", where="在附件的文件属性中", advice=ADVICE)
    ]
    assert lines("通知.pdf", _pdf("Notice 2025", "示例", "联系 138&#8203;1234 5678", "https://www.example.cn/")) == [
        "手机号: 应为 不含个人信息的正文，实为 “138**** 5678”（在附件的文件属性中：删除手机号，需要时写办公电话）"
    ]
    assert lines("通知.pdf", _pdf("Notice 2025", "示例", "示例", "tel:%31%33%38%31%32%33%34%35%36%37%38")) == [
        PHONE_LINE.format(where="在附件的批注或链接中")
    ]
    assert lines("通知.pdf", _pdf("Tel 138 1234 5678", "示例", "示例", "https://www.example.cn/")) == [
        "手机号: 应为 不含个人信息的正文，实为 “138 **** 5678”（在附件中：删除手机号，需要时写办公电话）"
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 fictional"),
        ("改名的旧文件.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 fictional"),
        ("旧表.wps", b"\xd0\xcf\x11\xe0 fictional"),
        ("示例.rtf", b"{\\rtf1 \\ansi 13812345678}"),
        ("未知.pdf", bytes(range(256)) * 4),
        ("压缩包.docx", zipped(**{"a_dot_txt": "13812345678"})),
        ("图片.png", b"\x00\x01binary\xff\xfe\x00 not an image"),
    ],
)
def test_what_cannot_be_read_is_refused(name, data):
    assert lines(name, data) == [UNREADABLE.format(name=name)]


def test_macros_and_embedded_objects_are_refused():
    macro = with_parts(word(), word__vbaProject_dot_bin=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macro")
    assert lines("宏.docm", macro) == [
        "附件: 应为 本站能检查内容的附件（.docx、.pdf 或 .txt），实为 “宏.docm”"
        "（附件中有嵌入的宏或 OLE 对象（word/vbaProject.bin），本站无法检查其中是否有密级标志或个人信息："
        "请删去后另存为 .docx 或 PDF 再放入）"
    ]
    inner = word(split_runs)
    assert lines("外层.docx", with_parts(word(), word__embeddings__inner_dot_docx=inner)) == [
        PHONE_LINE.format(where="在附件中")
    ], "an Office file inside one is read too"


def test_real_pictures_and_clean_files_pass():
    assert lines("会场.png", b"\x89PNG\r\n\x1a\n" + bytes(64)) == []
    assert lines("会场.jpg", b"\xff\xd8\xff\xe0" + bytes(64)) == []
    assert lines("附件.docx", word(title="示例通知", author="示例局")) == []
    assert lines("名单.csv", "姓名,电话\n示例甲,010-12345678\n".encode()) == []
