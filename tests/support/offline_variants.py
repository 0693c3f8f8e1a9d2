"""The offline fixture project with 内部 attachments linked in every way Markdown and HTML allow, and files no
page links to: what the public zip must leave out (issue 21, item 4). All fictional."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from support.offline import INTERNAL_PACK, INTERNAL_SPEECH, commit, docx, make_project, xlsx


def _png() -> bytes:
    """A one-pixel PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + (chunk(b"IEND", b""))
    )


INTERNAL_ATTACHMENTS = "notices/2025-02-23-shili-neibu-fujian.md"
PUBLIC_ATTACHMENTS = "notices/2025-02-24-shili-gongkai-fujian.md"
VARIANTS = {
    INTERNAL_ATTACHMENTS: """---
type: notice
title: 示例局内部附件汇总通报
doc_type: 通报
issuer: 示例局办公室
date: 2025-02-23
classification: 内部
doc_number: 示办发〔2025〕5号
---

附表一见[统计
表一](附件/wrap-text.xlsx)。
附表二见[统计表二](
附件/wrap-target.xlsx)。
附表三见[统计表三][ref3]，附表十二见[统计表十二]。
附表四见<a href="附件/raw.xlsx">统计表四</a>。

<div markdown="1">附表五见[统计表五](附件/md-in-html.xlsx)。</div>

附表六见<a href="&#x9644;&#20214;/entity.xlsx">统计表六</a>。
附表七见[统计表七](%E9%99%84%E4%BB%B6/percent.xlsx)。
附表八见[共用表](附件/shared.xlsx)。
附表九见[统计表九](./附件/../附件/dots.xlsx)。
附表十见[统计表十](<附件/angle brackets.xlsx>)。
附表十一见<a
  href=%E9%99%84%E4%BB%B6/raw-wrapped.xlsx>统计表十一</a>。

![内部示意图](附件/internal-only.png)

<img src="%E9%99%84%E4%BB%B6/raw-image.png" alt="2">

[ref3]: 附件/ref.xlsx
[统计表十二]:
    附件/ref-implicit.xlsx
""",
    PUBLIC_ATTACHMENTS: """---
type: notice
title: 关于示例局公开附件的通知
doc_type: 通知
issuer: 示例局
date: 2025-02-24
classification: 公开
doc_number: 示发〔2025〕11号
---

公开附表见[共用表](附件/shared.xlsx)。
公开附表二见[公开
附表二](附件/public-wrap.xlsx)。
公开附表四见[公开附表四][p4]。
汇总情况见[内部附件汇总通报](2025-02-23-shili-neibu-fujian.md)。

![公开示意图](附件/public.png)

[p4]: 附件/public-ref.xlsx
""",
}
# Attachments only 内部 pages reach (the variants above, the 内部资料 speech and the 内部 pack), and none at all.
INTERNAL_ONLY = [
    *(
        f"notices/附件/{name}.xlsx"
        for name in (
            "wrap-text",
            "wrap-target",
            "ref",
            "ref-implicit",
            "raw",
            "raw-wrapped",
            "md-in-html",
            "entity",
            "percent",
            "dots",
            "angle brackets",
            "speech-only",
            "pack-only",
            "orphan",
        )
    ),
    "notices/附件/internal-only.png",
    "notices/附件/raw-image.png",
    "notices/附件/orphan-image.png",
    "measures/孤立附件.docx",
    "机密材料/深层/orphan.docx",
]
PUBLIC_FILES = [
    "notices/附件/shared.xlsx",
    "notices/附件/public-wrap.xlsx",
    "notices/附件/public-ref.xlsx",
    "notices/附件/public.png",
]
INTERNAL_TEXT = "虚构内部附表文字"  # in every 内部-only attachment


def variant_project(target: Path) -> Path:
    """The offline fixture project with the variants, committed."""
    project = make_project(target)
    docs = project / "docs"
    for src_uri, text in VARIANTS.items():
        (docs / src_uri).write_text(text, encoding="utf-8")
    for page, line in (
        (INTERNAL_SPEECH, "讲话附件见[附表](../notices/附件/speech-only.xlsx)。"),
        (INTERNAL_PACK, "材料包附表见[附表](../notices/附件/pack-only.xlsx)。"),
    ):
        path = docs / page
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    for src_uri in INTERNAL_ONLY:
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        stem = Path(src_uri).stem
        data = {".xlsx": xlsx, ".docx": docx}.get(Path(src_uri).suffix)
        (docs / src_uri).write_bytes(data(f"{INTERNAL_TEXT}{stem}") if data else _png())
    for src_uri in PUBLIC_FILES:
        data = xlsx(f"虚构公开附表文字{Path(src_uri).stem}") if src_uri.endswith(".xlsx") else _png()
        (docs / src_uri).write_bytes(data)
    commit(project, "2025-03-12T11:00:00+08:00", "附件")
    return project
