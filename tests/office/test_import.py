"""make import: fictional Word, PDF, .doc and .wps files, and broken ones, into a copy of the project.

Every fixture is made here (scripts/sampledocs.py): .docx by python-docx, PDF and .doc printed from them by
LibreOffice headless. Each imported entry is asserted whole, then checked and built for real.
"""

from __future__ import annotations

import importlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import check
import sampledocs as make
from studysite.importer import officefiles
from support import REPO, copy_project, mkdocs_build, soup

importer = importlib.import_module("import")  # scripts/import.py: `import` is a keyword

NOTICE_STEM = "2025-03-12-示发-2025-7号"
NOTICE_TEXT = f"""---
type: notice
title: 关于示例局2025年第一季度示例学习情况的通报
doc_type: 通报
issuer: 中共示例局委员会
date: 2025-03-12
classification:  # 密级待定：请对照原件填写 非密、公开 或 内部（涉密文件不得收入本站）
doc_number: 示发〔2025〕7号
recipients: [各处室, 各一线窗口]
cc: [示例局纪委, 示例局机关党委]
attachments: [示例学习安排表, 示例学习人员名单]
note: 此件公开发布
---

2025年第一季度，示例局组织开展了示例学习活动。现将有关情况通报如下。

## 一、基本情况

**示例学习覆盖全体干部。**各处室按照计划开展学习[^1]，参加学习的干部共计120人次。

### （一）学习安排

1\\. 集中学习4次，每次半天。

（1）示例专题辅导1次。

| 处室 | 学习次数 | 参加人次 |
| --- | --- | --- |
| 示例一处 | 4 | 60 |
| 示例二处 | 3 | 60 |

## 二、下一步工作

各处室要继续抓好学习，确保取得实效。

![图片]({NOTICE_STEM}/image1.png)

特此通报。

[^1]: 示例学习计划由示例局办公室印发。
"""
# Printed to PDF by LibreOffice, which prints no space after “1.”.
NOTICE_PDF_TEXT = NOTICE_TEXT.replace("1\\. 集中", "1.集中")
OLD_STEM = "2025-03-12-示办发-2025-3号"
OLD_TEXT = (
    NOTICE_TEXT.replace("2025年第一季度示例学习情况的通报", "2024年第四季度示例学习情况的通报")
    .replace("示发〔2025〕7号", "示办发〔2025〕3号")
    .replace(NOTICE_STEM, OLD_STEM)
)
SPEECH_STEM = "2025-03-05-在示例局2025年理论学习中心组第一次集体学习会上的讲话"
SPEECH_TEXT = """---
type: speech
title: 在示例局2025年理论学习中心组第一次集体学习会上的讲话
speaker: 示例甲
date: 2025-03-05
occasion: 示例局2025年理论学习中心组第一次集体学习会
genre: 讲话
---

同志们：

今天，我们召开示例局理论学习中心组第一次集体学习会。下面，我讲三点意见。

## 一、提高认识，把学习摆在突出位置

### （一）坚持集中学习

要按计划组织集中学习，做到人员、时间、内容三落实。

## 二、完善制度，推动学习常态长效

**一是健全学习制度。**各支部要结合实际，制定学习计划。

同志们，让我们共同努力，把示例学习抓紧抓实。
"""
NOTICE_FOUND = "识别：标题、文种、发文机关、成文日期、文号、主送机关、抄送机关、附件说明、附注"
SPEECH_LINE = "（讲话；识别：标题、讲话人、日期、场合、体裁；正文8段；无需人工补充）"


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    """The clerk's files: Word documents, their PDFs, an old .doc and the same as .wps, all fictional."""
    folder = tmp_path_factory.mktemp("originals")
    profile = folder / "soffice-profile"
    files = {
        "notice.docx": make.notice(folder / "word" / "示例 通报（2025）.docx"),
        "speech.docx": make.speech(folder / "word" / "示例讲话.docx", numbered=True),
        "speech-dated-first.docx": make.speech(
            folder / "word" / "示例讲话 日期在前.docx", date_first=True, chinese_date=True
        ),
    }
    files["notice.pdf"] = make.soffice_convert(files["notice.docx"], "pdf", folder / "pdf", profile)
    files["speech.pdf"] = make.soffice_convert(files["speech.docx"], "pdf", folder / "pdf", profile)
    old = make.notice(
        folder / "old" / "旧版 通报.docx",
        number="示办发[2025]第03号",
        title=("关于示例局2024年第四季度", "示例学习情况的通报"),
    )
    files["old.doc"] = make.soffice_convert(old, "doc", folder / "doc", profile)
    files["old.odt"] = make.soffice_convert(old, "odt", folder / "odt", profile)
    files["old.wps"] = folder / "doc" / "旧版 通报.wps"  # WPS Writer's .wps is a .doc inside
    shutil.copyfile(files["old.doc"], files["old.wps"])
    old.unlink()
    return files


def _project(tmp_path: Path, name: str = "project") -> Path:
    return copy_project(tmp_path / name)


def _entries(project: Path) -> dict[str, bytes]:
    """Every file the import wrote: entries and their pictures, by path under docs/."""
    docs = project / "docs"
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for folder in ("speeches", "notices")
        for path in sorted((docs / folder).rglob("*"))
        if path.is_file() and path.name != ".gitkeep"
    }


def _run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = importer.main([str(a) for a in argv])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("name", "src_uri", "text", "line"),
    [
        (
            "notice.docx",
            f"notices/{NOTICE_STEM}.md",
            NOTICE_TEXT,
            f"（公文；{NOTICE_FOUND}；正文9段、1个表格、1张图片、1条脚注；需人工：classification 密级（第7行））",
        ),
        (
            "notice.pdf",
            f"notices/{NOTICE_STEM}.md",
            NOTICE_PDF_TEXT,
            f"（公文；{NOTICE_FOUND}；正文9段、1个表格、1张图片、1条脚注；需人工：classification 密级（第7行））",
        ),
        (
            "old.doc",
            f"notices/{OLD_STEM}.md",
            OLD_TEXT,
            f"（公文；{NOTICE_FOUND}；正文9段、1个表格、1张图片、1条脚注；需人工：classification 密级（第7行））",
        ),
        (
            "old.odt",
            f"notices/{OLD_STEM}.md",
            OLD_TEXT,
            f"（公文；{NOTICE_FOUND}；正文9段、1个表格、1张图片、1条脚注；需人工：classification 密级（第7行））",
        ),
        (
            "old.wps",
            f"notices/{OLD_STEM}.md",
            OLD_TEXT,
            f"（公文；{NOTICE_FOUND}；正文9段、1个表格、1张图片、1条脚注；需人工：classification 密级（第7行））",
        ),
        ("speech.docx", f"speeches/{SPEECH_STEM}.md", SPEECH_TEXT, SPEECH_LINE),
        ("speech.pdf", f"speeches/{SPEECH_STEM}.md", SPEECH_TEXT, SPEECH_LINE),
        (
            "speech-dated-first.docx",
            f"speeches/{SPEECH_STEM.replace('03-05', '03-19')}.md",
            SPEECH_TEXT.replace("2025-03-05", "2025-03-19"),
            SPEECH_LINE,
        ),
    ],
)
def test_each_file_becomes_the_entry_it_holds(originals, tmp_path: Path, capsys, name, src_uri, text, line):
    project = _project(tmp_path)
    code, out = _run(capsys, "--root", project, originals[name])
    assert code == 0
    assert out[0] == f"已导入 {originals[name].as_posix()} → docs/{src_uri}{line}"
    assert out[1] == "共 1 个文件：导入 1 个，跳过 0 个，未导入 0 个。"
    written = _entries(project)
    assert written.pop(src_uri).decode("utf-8") == text
    if "![图片]" in text:  # the chart beside the entry, as it was in the Word file; the seal left out
        picture = Image.open(io.BytesIO(written.pop(src_uri.removesuffix(".md") + "/image1.png")))
        assert (picture.size, picture.getpixel((0, 0))) == ((40, 24), (30, 90, 200))
    assert written == {}


def test_a_folder_is_imported_file_by_file_and_a_bad_file_stops_nothing(originals, tmp_path: Path, capsys):
    folder = tmp_path / "来件 2025"
    folder.mkdir()
    shutil.copy(originals["speech.docx"], folder / "示例讲话.docx")
    make.notice(folder / "涉密 通报.docx", secret="秘密★1年")
    (folder / "空文件.docx").write_bytes(b"")
    data = originals["notice.docx"].read_bytes()
    (folder / "不完整.docx").write_bytes(data[: len(data) // 2])
    (folder / "其实是文本.docx").write_text("这不是Word文件", encoding="utf-8")
    pdf = originals["notice.pdf"].read_bytes()
    (folder / "不完整.pdf").write_bytes(pdf[: len(pdf) // 2])
    Image.new("RGB", (200, 300), "white").save(folder / "扫描件.pdf")
    make.soffice_convert(originals["speech.docx"], "pdf", tmp_path / "pw", tmp_path / "profile", password="shili")
    shutil.copy(tmp_path / "pw" / "示例讲话.pdf", folder / "有密码.pdf")
    (folder / "电子公文.ofd").write_bytes(b"PK\x03\x04")
    (folder / "目录.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "~$示例讲话.docx").write_bytes(b"\x00")  # Word's lock file: not a clerk's file
    project = _project(tmp_path)
    before = _entries(project)
    code, out = _run(capsys, "--root", project, folder)
    shown = folder.as_posix()
    assert code == 1
    assert out == [
        f"未导入 {shown}/不完整.docx：文件不完整或已损坏：请从原处重新复制该文件",
        f"未导入 {shown}/不完整.pdf：PDF 文件已损坏或不完整：请从原处重新复制该文件",
        f"未导入 {shown}/其实是文本.docx：不是 Word 文件（.docx）：请用 Word 或 WPS 打开原件，“另存为”.docx 后再导入",
        f"未导入 {shown}/扫描件.pdf：扫描件没有文字层，请先进行文字识别或提供原件电子版",
        f"未导入 {shown}/有密码.pdf：PDF 设有打开密码，无法读取：请向发文单位索取无密码的文件，或输入密码后另存为 PDF",
        f"未导入 {shown}/涉密 通报.docx：带有密级标志（国家秘密标志“秘密★1年”），涉密文件不得导入，未写入任何文件",
        f"未导入 {shown}/电子公文.ofd：暂不能直接读取 .ofd 文件：请在 OFD 阅读器（如数科阅读器、福昕 OFD 版式办公套件）中“另存为”或“打印”为 PDF，再导入该 PDF",
        f"已跳过 {shown}/目录.xlsx：不是可导入的文件类型（可导入 .docx、.pdf、.doc、.wps、.odt）",
        f"已导入 {shown}/示例讲话.docx → docs/speeches/{SPEECH_STEM}.md{SPEECH_LINE}",
        f"未导入 {shown}/空文件.docx：文件是空的（0 字节）：请从原处重新复制该文件",
        "共 10 个文件：导入 1 个，跳过 1 个，未导入 8 个。",
        importer.NEXT_STEPS.format(classification=""),  # only a speech came in: no 密级 to decide
    ]
    assert set(_entries(project)) - set(before) == {f"speeches/{SPEECH_STEM}.md"}, "nothing else is written"


def test_the_same_input_gives_the_same_bytes_and_nothing_is_overwritten(originals, tmp_path: Path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("notice.docx", "old.doc", "speech.docx", "speech-dated-first.docx"):
        shutil.copy(originals[name], folder / originals[name].name)
    first, second = _project(tmp_path, "a"), _project(tmp_path, "b")
    assert _run(capsys, "--root", first, folder)[0] == 0
    assert _run(capsys, "--root", second, folder)[0] == 0
    assert _entries(first) == _entries(second) and len(_entries(first)) == 6
    (first / "docs" / f"notices/{NOTICE_STEM}.md").write_text("已改过", encoding="utf-8")
    code, out = _run(capsys, "--root", first, folder / originals["notice.docx"].name, originals["notice.pdf"])
    assert code == 0
    assert out[:2] == [
        f"已跳过 {(folder / originals['notice.docx'].name).as_posix()}：已有同名文件 docs/notices/{NOTICE_STEM}.md，未覆盖",
        # The PDF is the same document read as well: the first of the two is kept (and is not overwritten).
        f"已跳过 {originals['notice.pdf'].as_posix()}：与 {(folder / originals['notice.docx'].name).as_posix()} "
        "是同一份文件，保留该件：识别项一样多（9项），取先列出的一件，本件识别9项",
    ]
    assert (first / "docs" / f"notices/{NOTICE_STEM}.md").read_text(encoding="utf-8") == "已改过"


def test_a_document_already_in_the_site_is_a_duplicate(originals, tmp_path: Path, capsys):
    project = _project(tmp_path)
    (project / "docs/notices/已有.md").write_text(
        # The same 文号 and title, another date (misread or mistyped): the 文号 and title say it is the same.
        "---\ntype: notice\ntitle: 关于示例局2025年第一季度示例学习情况的通报\ndoc_type: 通报\nissuer: 示例局\ndate: 2025-01-01\n"
        "classification: 公开\ndoc_number: 示发〔2025〕7号\n---\n\n正文。\n",
        encoding="utf-8",
    )
    (project / "docs/speeches/已有.md").write_text(
        "---\ntype: speech\ntitle: 在示例局2025年理论学习中心组第一次集体学习会上的讲话\nspeaker: 示例甲\n"
        "date: 2025-03-05\n---\n\n正文。\n",
        encoding="utf-8",
    )
    code, out = _run(capsys, "--root", project, originals["notice.docx"], originals["speech.pdf"])
    assert code == 0
    assert out[:3] == [
        f"已跳过 {originals['notice.docx'].as_posix()}：与 docs/notices/已有.md 文号相同（示发〔2025〕7号），是同一份公文",
        f"已跳过 {originals['speech.pdf'].as_posix()}：与 docs/speeches/已有.md 标题和日期相同，是同一份资料",
        "共 2 个文件：导入 0 个，跳过 2 个，未导入 0 个。",
    ]


def test_dry_run_writes_nothing(originals, tmp_path: Path, capsys):
    project = _project(tmp_path)
    before = _entries(project)
    code, out = _run(capsys, "--root", project, "--dry-run", originals["speech.docx"])
    assert code == 0
    assert out == [
        f"将导入 {originals['speech.docx'].as_posix()} → docs/speeches/{SPEECH_STEM}.md{SPEECH_LINE}",
        "共 1 个文件：将导入 1 个，跳过 0 个，未导入 0 个。",
    ]
    assert _entries(project) == before


def test_a_mobile_number_in_the_note_never_reaches_docs_and_the_line_says_what_went(tmp_path: Path, capsys):
    contact = "联系人：示例乙，联系电话：0571-87654321，１３８ １２３４．５６７８"  # full-width, spaced, dotted
    original = make.notice(tmp_path / "有联系人.docx", contact=contact)
    project = _project(tmp_path)
    code, out = _run(capsys, "--root", project, original)
    assert code == 0
    assert out[0] == (
        f"已导入 {original.as_posix()} → docs/notices/{NOTICE_STEM}.md（公文；{NOTICE_FOUND}；"
        "正文9段、1个表格、1张图片、1条脚注；已删除个人信息：手机号（附注）；需人工：classification 密级（第7行））"
    )
    written = _entries(project)[f"notices/{NOTICE_STEM}.md"].decode()
    assert written == NOTICE_TEXT.replace("note: 此件公开发布", "note: 联系人：示例乙，联系电话：0571-87654321")
    assert all("5678" not in data.decode("utf-8", "replace") for data in _entries(project).values())


def test_without_libreoffice_a_doc_gets_a_clear_message(originals, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(officefiles, "soffice", lambda: None)
    code, out = _run(capsys, "--root", _project(tmp_path), originals["old.doc"])
    assert code == 1
    assert out[0] == (
        f"未导入 {originals['old.doc'].as_posix()}：读取 .doc 文件需要 LibreOffice，本机没有安装："
        "请让管理员安装软件包 libreoffice-writer-nogui（sudo apt-get install libreoffice-writer-nogui），"
        "或用 WPS/Word 把文件“另存为”.docx 后再导入"
    )


def test_imported_entries_pass_the_checks_once_classified_and_build_into_the_indexes(originals, tmp_path: Path, capsys):
    project = _project(tmp_path)
    names = ("notice.docx", "old.wps", "speech.pdf", "speech-dated-first.docx")
    code, _ = _run(capsys, "--root", project, *(originals[name] for name in names))
    assert code == 0
    assert check.main(["--root", str(project)]) == 1
    assert (
        capsys.readouterr().out.count(
            "classification 密级: 应为 非密、公开、内部 之一，实为 “（未填写）”（请对照原件核定密级后填写"
        )
        == 2
    )
    for notice in (project / "docs/notices").glob("*.md"):
        text = notice.read_text(encoding="utf-8")
        notice.write_text(text.replace(f"classification:  # {importer.CLASSIFICATION_COMMENT}", "classification: 公开"))
    assert check.main(["--root", str(project)]) == 0
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    notices = soup(site / "notices/index.html")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in notices.select("article table tbody tr")]
    assert rows == [
        [
            "示办发〔2025〕3号",
            "2025年3月12日",
            "通报",
            "中共示例局委员会",
            "关于示例局2024年第四季度示例学习情况的通报",
        ],
        ["示发〔2025〕7号", "2025年3月12日", "通报", "中共示例局委员会", "关于示例局2025年第一季度示例学习情况的通报"],
    ]
    speakers = soup(site / "speeches/by-speaker/index.html").select_one("article").get_text()
    assert speakers.count("在示例局2025年理论学习中心组第一次集体学习会上的讲话") == 2
    page = site / "notices" / NOTICE_STEM
    assert (page / "image1.png").read_bytes() == (project / "docs/notices" / NOTICE_STEM / "image1.png").read_bytes()
    assert (
        soup(page / "index.html")
        .select_one(".footnote li")
        .get_text(strip=True)
        .startswith("示例学习计划由示例局办公室印发。")
    )


def test_a_clerk_never_sees_a_traceback(tmp_path: Path):
    broken = tmp_path / "坏 文件.pdf"
    broken.write_bytes(b"%PDF-1.4\n%broken")
    project = _project(tmp_path)
    for argv, expected in (
        ([str(broken)], "未导入 "),
        ([str(tmp_path / "不存在.docx")], "未找到 "),
        (["--kind", "讲话稿件", str(broken)], "未导入任何文件：KIND 应为 讲话（或 speech）"),
        ([], "请指定要导入的文件或文件夹"),
    ):
        result = subprocess.run(
            [sys.executable, str(REPO / "scripts/import.py"), "--root", str(project), *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0
        assert expected in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr


def test_make_import_passes_the_path_with_its_spaces():
    # A path that is not there: the importer names it whole (one argument, spaces kept) and writes nothing.
    result = subprocess.run(
        ["make", "-C", str(REPO), "import", "SRC=来件 2025/示例 通报.docx"], capture_output=True, text=True
    )
    assert "未找到 来件 2025/示例 通报.docx：请检查路径" in result.stdout + result.stderr


def test_a_file_that_breaks_the_importer_is_logged_and_the_others_go_on(originals, tmp_path: Path, capsys, monkeypatch):
    def broken(document, kind=None):
        raise IndexError("a document nobody foresaw")

    real = importer.recognise
    monkeypatch.setattr(importer, "recognise", lambda d, k=None: broken(d) if d.source == "pdf" else real(d, k))
    monkeypatch.setattr(importer, "log_exception", lambda error: tmp_path / "错误详情.log")
    code, out = _run(capsys, "--root", _project(tmp_path), originals["speech.pdf"], originals["notice.docx"])
    assert code == 1
    assert out[0] == (
        f"未导入 {originals['speech.pdf'].as_posix()}：程序无法处理此文件（不是您的操作问题；"
        f"详细信息已写入 {tmp_path / '错误详情.log'}，请把该文件和日志发给网站维护人员），可先用 WPS/Word 另存为 .docx 再试"
    )
    assert out[1].startswith(f"已导入 {originals['notice.docx'].as_posix()} → docs/notices/{NOTICE_STEM}.md")
