"""The same document met twice in one `make import` run: the reading with more parts recognised is kept."""

from __future__ import annotations

import importlib

from studysite.importer.gongwen import NOTICE, Recognised

importer = importlib.import_module("import")  # scripts/import.py: `import` is a keyword


def _entry(found: tuple[str, ...], **fields) -> object:
    recognised = Recognised(NOTICE, {"type": NOTICE, **fields}, found, ())
    return importer.Entry("notices/x.md", "", (), recognised, importer.Said("", (), ()))


def test_the_reading_with_more_parts_is_kept_and_each_line_says_why():
    worse = _entry(("标题", "成文日期"), title="关于示例工作的通知", date="2025-04-08")
    better = _entry(
        ("标题", "成文日期", "文号"), title="关于示例工作的通知", date="2025-04-08", doc_number="示发〔2025〕1号"
    )
    other = _entry(("标题",), title="关于另一工作的通知", date="2025-04-08")
    read = [("来件/甲.docx", worse), ("来件/乙.docx", other), ("来件/不完整.pdf", "未导入 …"), ("来件/甲.pdf", better)]
    assert importer.same_documents(read) == {
        0: (3, "与 来件/甲.pdf 是同一份文件，保留该件：识别项最多（3项），本件识别2项"),
        3: (3, "同一份文件另有 来件/甲.docx（识别2项），保留本件：识别项最多（3项）"),
    }


def test_files_of_one_name_side_by_side_are_one_document_even_when_read_apart():
    docx = _entry(("标题",), title="关于示例工作的通知")  # its date not read
    pdf = _entry(("标题", "成文日期"), title="关于示例工作的通知", date="2025-04-08")
    assert importer.same_documents([("来件/甲.docx", docx), ("来件/甲.pdf", pdf)])[0][0] == 1
    assert importer.same_documents([("来件/甲.docx", docx), ("另一处/甲.pdf", pdf)]) == {}


def test_one_number_on_two_titles_is_not_one_document():
    one = _entry(("标题", "文号"), title="关于示例工作的通知", doc_number="示发〔2025〕1号")
    other = _entry(("标题", "文号"), title="关于另一工作的通报", doc_number="示发〔2025〕1号")
    spaced = _entry(("标题", "文号"), title="关于示例工作的 通知", doc_number="示发〔2025〕1号")
    assert importer.same_documents([("甲.docx", one), ("乙.docx", other)]) == {}
    assert importer.same_documents([("甲.docx", one), ("丙.pdf", spaced)])[1][0] == 0


def test_the_doc_type_typed_after_kind():
    assert [importer.doc_type_named(t) for t in ("通报", " 通知 ", "令", "公文", "讲话", "notice")] == [
        "通报",
        "通知",
        "命令（令）",
        None,
        None,
        None,
    ]
