"""A fictional project (示例局) with 内部 material, committed to git on a known day: what publishing and the
offline edition are tested on. Also minimal real Office files and a reader for the text of any built file."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

from support import copy_project
from support.corpus import GOOD

COMMITTED = "2025-03-12T10:00:00+08:00"  # the fixture's only commit: its offline edition is dated 2025-03-12
EDITION_DAY = "2025-03-12"

INTERNAL_NOTICE = "notices/2025-02-20-示例局 内部情况通报（示例）.md"
INTERNAL_SPEECH = "speeches/2025-02-21-shili-neibu.md"
INTERNAL_PACK = "packs/neibu.md"
INTERNAL_WORKBOOK = "notices/内部 统计表（示例）.xlsx"
PUBLIC_NOTICE = "notices/2025-02-22-shili-gongkai.md"
PUBLIC_WORKBOOK = "measures/整改 台账（示例）.xlsx"
PUBLIC_DOCUMENT = "measures/整改 方案（示例）.docx"

FILES = {
    INTERNAL_NOTICE: """---
type: notice
title: 示例局第三季度内部情况通报
doc_type: 通报
issuer: 示例局办公室
date: 2025-02-20
classification: 内部
doc_number: 示办发〔2025〕3号
---

示例局某窗口在虚构的检查中发现台账填写不全的情况。
请各处室对照虚构的清单逐项核对并限期补齐。
附表见[统计表](内部%20统计表（示例）.xlsx)。
""",
    INTERNAL_SPEECH: """---
type: speech
title: 在示例局内部务虚会上的讲话
speaker: 示例丁
date: 2025-02-21
---

内部资料 注意保存

示例丁在虚构的务虚会上要求把台账管理做细做实。
会议还研究了虚构的下一阶段督促检查安排。
""",
    INTERNAL_PACK: """---
type: pack
title: 示例局内部学习材料
pages:
  - notices/2025-02-20-示例局 内部情况通报（示例）.md
---

# 示例局内部学习材料

仅供示例局内部学习使用的虚构材料包。
""",
    PUBLIC_NOTICE: """---
type: notice
title: 关于示例局公开学习安排的通知
doc_type: 通知
issuer: 示例局
date: 2025-02-22
classification: 公开
doc_number: 示发〔2025〕9号
---

示例局各处室按虚构的学习安排组织集中学习。
此前的情况见[内部情况通报](2025-02-20-示例局%20内部情况通报（示例）.md)，附件见[整改台账](../measures/整改%20台账（示例）.xlsx)和[整改方案](../measures/整改%20方案（示例）.docx)。
""",
}
INTERNAL_PAGES = (INTERNAL_NOTICE, INTERNAL_SPEECH, INTERNAL_PACK, "notices/shili-tongbao-2025-7.md")
INTERNAL_WORKBOOK_TEXT = "虚构的内部统计数字只在内网核对"
PUBLIC_TEXTS = ("示例局各处室按虚构的学习安排组织集中学习", "虚构的整改台账附件文字", "虚构的整改方案附件文字")

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _package(parts: dict[str, tuple[str, str]]) -> bytes:
    """An Office Open XML package: parts by name, each (content type or "", XML text); the first is the main part."""
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, (kind, _) in parts.items() if kind
    )
    types = (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )
    main = next(iter(parts))
    rels = f'{_XML}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_OFFICE}" Target="{main}"/></Relationships>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        texts = {"[Content_Types].xml": types, "_rels/.rels": rels, **{name: text for name, (_, text) in parts.items()}}
        for name, text in texts.items():
            package.writestr(zipfile.ZipInfo(name, (2025, 3, 12, 0, 0, 0)), text)
    return buffer.getvalue()


def xlsx(text: str) -> bytes:
    """A one-cell workbook, as small as Excel and WPS still open."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return _package(
        {
            "xl/workbook.xml": (
                f"{kind}.sheet.main+xml",
                f'{_XML}<workbook xmlns="{main}" xmlns:r="{relationships}">'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            "xl/_rels/workbook.xml.rels": (
                "",
                f'{_XML}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                f'Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            ),
            "xl/worksheets/sheet1.xml": (
                f"{kind}.worksheet+xml",
                f'{_XML}<worksheet xmlns="{main}"><sheetData><row r="1">'
                f'<c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>',
            ),
        }
    )


def docx(text: str) -> bytes:
    """A one-paragraph Word document."""
    return _package(
        {
            "word/document.xml": (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                f'{_XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
            )
        }
    )


def commit(project: Path, when: str = COMMITTED, message: str = "示例") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "示例",
        "GIT_AUTHOR_EMAIL": "shili@example.invalid",
        "GIT_COMMITTER_NAME": "示例",
        "GIT_COMMITTER_EMAIL": "shili@example.invalid",
    }
    if not (project / ".git").exists():
        subprocess.run(["git", "init", "-q", str(project)], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "commit", "-q", "-m", message], check=True, env=env)


@contextmanager
def edition_environment() -> Iterator[None]:
    """No date from the caller's environment: the edition's date must come from git."""
    saved = {name: os.environ.pop(name) for name in ("SOURCE_DATE_EPOCH", "STUDYSITE_TODAY") if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def make_zip(project: Path, dist: Path, *options: str) -> Path:
    """`make offline` for the project, into dist; the zip it wrote."""
    import offline

    with edition_environment():
        assert offline.main(["--root", str(project), "--dist", str(dist), *options]) == 0
    (made,) = dist.glob("*.zip")
    return made


def unpack(archive: Path, target: Path) -> Path:
    """The zip unpacked as a reader does; the one folder it holds."""
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    (folder,) = target.iterdir()
    return folder


def make_project(target: Path) -> Path:
    """The repo's site plus fictional entries: public and 内部 notices, an 内部资料 speech, an 内部 pack,
    a workbook only the 内部 notice links to, and public Office attachments; committed on EDITION_DAY."""
    project = copy_project(target)
    for folder in ("speeches", "notices"):
        shutil.copytree(GOOD / folder, project / "docs" / folder, dirs_exist_ok=True)
    for src_uri, text in FILES.items():
        (project / "docs" / src_uri).write_text(text, encoding="utf-8")
    (project / "docs" / INTERNAL_WORKBOOK).write_bytes(xlsx(INTERNAL_WORKBOOK_TEXT))
    (project / "docs" / PUBLIC_WORKBOOK).write_bytes(xlsx(PUBLIC_TEXTS[1]))
    (project / "docs" / PUBLIC_DOCUMENT).write_bytes(docx(PUBLIC_TEXTS[2]))
    commit(project)
    return project


# --- the text of every file of a built site, as a reader or a program could get it out ---

_SPACE = re.compile(r"[\s\u200b\u3000]+")
_TAG = re.compile(r"<[^>]+>")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(key) + _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def text_of(path: Path) -> str:
    """A file's readable text with all white space removed, whatever its kind (pages, index files, PDFs,
    workbooks and documents, CSV, scripts with escaped characters)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
    elif suffix in (".xlsx", ".docx") or data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            text = "".join(_TAG.sub("", package.read(n).decode("utf-8", "replace")) for n in package.namelist())
    elif suffix in (".html", ".htm", ".svg"):
        text = BeautifulSoup(data.decode("utf-8", "replace"), "html.parser").get_text("") + data.decode(
            "utf-8", "replace"
        )
    else:
        text = data.decode("utf-8", "replace")
        if suffix == ".json":
            text += "".join(_strings(json.loads(text)))
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return _SPACE.sub("", text)


def sentences(markdown: str) -> list[str]:
    """What no public copy may hold of a page: its title, 文号 and every sentence of its text (6 characters or
    more; the 内部资料 mark itself is a mark, not content), white space removed."""
    _, front, body = markdown.split("---\n", 2)
    fields = re.findall(r"^(?:title|doc_number):\s*(.+)$", front, re.MULTILINE)
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body).replace("#", "")
    parts = [_SPACE.sub("", part) for part in [*fields, *re.split(r"[。！？；\n]", body)]]
    return [part for part in parts if len(part) >= 6 and part != "内部资料注意保存"]
