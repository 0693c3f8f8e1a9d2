"""Files in docs/ that are not pages: a Word or PDF file dropped in by hand is published as it is, so what it
holds is checked like a page (secret marks, personal data), and one standing where an entry should is named.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .lint import security
from .pages import NOTICE_DIR, SPEECH_DIR
from .problems import Problem
from .sources import decode

# What can be read here, and so checked; what cannot be read must be turned into one of these first.
READABLE = (".docx", ".pdf", ".txt", ".csv")
UNREADABLE = (".doc", ".wps", ".odt", ".ofd", ".rtf", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps", ".zip", ".rar")
DOCUMENTS = READABLE + UNREADABLE


def is_document(src_uri: str) -> bool:
    return src_uri.lower().endswith(DOCUMENTS)


def _text(suffix: str, data: bytes) -> str | None:
    """The text of a readable file (None: no text to read, such as a scan)."""
    from .officefiles import Unreadable, read_docx, read_pdf

    if suffix in (".txt", ".csv"):
        return decode(data)[0]
    try:
        document = read_docx(data) if suffix == ".docx" else read_pdf(data)
    except Unreadable:
        return None
    texts = [block.text for block in document.blocks]
    texts += [cell for block in document.blocks for row in block.rows for cell in row]
    return "\n".join(texts)


def attachment_problems(src_uri: str, data: bytes) -> list[Problem]:
    """What is wrong with a document file in docs/: where it stands, or what it holds."""
    path = f"docs/{src_uri}"
    name = PurePosixPath(src_uri).name
    suffix = PurePosixPath(name.lower()).suffix
    if src_uri.startswith((SPEECH_DIR, NOTICE_DIR)) and src_uri.count("/") == 1:
        if name.lower().endswith(".md.txt"):
            advice = "记事本把文件存成了 .md.txt：请把文件名改为以 .md 结尾"
        else:
            advice = f'Word、WPS、PDF 文件请用 make import SRC="{path}" 导入为条目，再删去原文件'
        return [Problem(path, 1, "文件", "讲话、通报通知的 Markdown 文件（.md）", name, advice)]
    if suffix in UNREADABLE:
        return [
            Problem(
                path,
                1,
                "附件",
                "本站能检查内容的附件（.docx、.pdf 或 .txt）",
                name,
                "本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入",
            )
        ]
    text = _text(suffix, data)
    if text is None:
        advice = "本站无法检查扫描件中是否有密级标志或个人信息：请换成有文字层的 PDF（先做文字识别）"
        return [Problem(path, 1, "附件", "有文字层的 PDF", name, advice)]
    return [
        Problem(path, 1, finding.rule, finding.expected, finding.got, f"在附件中：{finding.advice}")
        for finding in security(path, text)
    ]
