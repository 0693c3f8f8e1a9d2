"""The clerks' files read into a Document: the reader by extension, and LibreOffice for the old formats.

.docx goes to studysite.importer.docxread (python-docx), a text-layer .pdf to studysite.importer.pdfread (pdfplumber); .doc,
.wps and .odt are saved as .docx by LibreOffice headless (soffice) here first, then read as .docx. This module
is what the importer calls; the readers are separate because each is long and needs nothing of the other.

Each reader keeps what tells the parts of a 公文 apart (alignment, size, bold, red, rules) and what the body
keeps (tables, images, footnotes); it decides nothing about the parts, which is studysite.importer.gongwen's job. A file
that cannot be read raises Unreadable with the reason and what to do, in Chinese.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from studysite.importer.document import Document
from studysite.importer.docxread import read_docx
from studysite.importer.pdfread import read_pdf
from studysite.importer.unreadable import Unreadable

DOCX, PDF = ".docx", ".pdf"
LEGACY = (".doc", ".wps", ".odt")  # read through LibreOffice
OFD = ".ofd"
READABLE = (DOCX, PDF, *LEGACY)
SOFFICE_PACKAGE = "libreoffice-writer-nogui"


def read(path: Path, soffice_profile: Path | None = None) -> Document:
    """The document in a file, by its extension; Unreadable says why not."""
    suffix = path.suffix.lower()
    if suffix == OFD:
        raise Unreadable(
            "暂不能直接读取 .ofd 文件：请在 OFD 阅读器（如数科阅读器、福昕 OFD 版式办公套件）中"
            "“另存为”或“打印”为 PDF，再导入该 PDF"
        )
    if suffix not in READABLE:
        raise Unreadable(f"不是可导入的文件类型（{suffix or '无扩展名'}）：可导入 .docx、.pdf、.doc、.wps、.odt")
    data = path.read_bytes()
    if not data:
        raise Unreadable("文件是空的（0 字节）：请从原处重新复制该文件")
    if suffix == PDF:
        return read_pdf(data)
    if suffix in LEGACY:
        data = convert_to_docx(path, soffice_profile)
    return read_docx(data)


# --- .doc, .wps, .odt: LibreOffice ------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, profile: Path | None = None) -> bytes:
    """The file saved as .docx by LibreOffice headless; profile is a user profile folder to reuse in a run."""
    program = soffice()
    if program is None:
        raise Unreadable(
            f"读取 {path.suffix.lower()} 文件需要 LibreOffice，本机没有安装：请让管理员安装软件包 {SOFFICE_PACKAGE}"
            f"（sudo apt-get install {SOFFICE_PACKAGE}），或用 WPS/Word 把文件“另存为”.docx 后再导入"
        )
    with tempfile.TemporaryDirectory(prefix="studysite-import-") as work:
        work_dir = Path(work)
        source = work_dir / f"in{path.suffix.lower()}"  # a plain name: LibreOffice names its output after it
        shutil.copyfile(path, source)
        profile_dir = profile or work_dir / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work_dir / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired as error:
            raise Unreadable("LibreOffice 转换超时（3 分钟）：请用 WPS/Word 把文件另存为 .docx 后再导入") from error
        converted = work_dir / "out" / "in.docx"
        if not converted.exists() or not converted.stat().st_size:
            raise Unreadable(
                "LibreOffice 无法读取此文件（可能已损坏或设有密码）：请用 WPS/Word 打开后另存为 .docx 再导入"
            )
        return converted.read_bytes()
