"""Files as clerks' editors save them: UTF-8, UTF-8 with a BOM, GBK/GB18030, CRLF."""

from __future__ import annotations

from studysite.core.sources import GB18030, UNKNOWN, UTF8, UTF8_BOM, UTF16, Source, decode, encode, read_source

TEXT = "---\ntitle: 示例\n---\n\n正文“两个确立”，𠀀。\n"


def test_each_encoding_is_read_to_the_same_text():
    assert decode(TEXT.encode("utf-8")) == (TEXT, UTF8)
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == (TEXT, UTF8_BOM)
    assert decode(TEXT.encode("gb18030")) == (TEXT, GB18030)
    assert decode(TEXT.encode("utf-16")) == (TEXT, UTF16), "Notepad's Unicode: UTF-16 with its byte-order mark"
    assert decode(TEXT.replace("\n", "\r\n").encode("utf-8")) == (TEXT, UTF8)
    assert decode(b"\xfe\xfe\xff\x81")[1] == UNKNOWN


def test_a_file_is_written_back_as_it_came_but_in_utf8():
    crlf = read_source("speeches/a.md", TEXT.replace("\n", "\r\n").encode("gb18030"))
    assert crlf.encoding == GB18030 and crlf.crlf and crlf.data == {"title": "示例"}
    assert encode(crlf, crlf.text) == TEXT.replace("\n", "\r\n").encode("utf-8")
    bom = read_source("speeches/b.md", b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert encode(bom, bom.text).startswith(b"\xef\xbb\xbf")


def test_the_body_and_the_internal_mark_ignore_front_matter_and_code():
    source = Source("report/a.md", "---\ntitle: 内部资料\n---\n\n```\n注意保存\n```\n正文。\n")
    assert source.body == "\n```\n注意保存\n```\n正文。\n"
    assert not source.internal
    assert Source("report/b.md", "# 示例\n\n本页为内部资料。\n").internal
