"""make import on the files a clerk stumbled over: a contact's mobile and ID number, a 内部 mark, a Word file
with tracked changes and comments (also saved as .doc), a 公文 whose date and 文号 could not be read. Every
fixture is fictional and made here (scripts/sampledocs.py, LibreOffice for PDF and .doc)."""

from __future__ import annotations

import importlib
from pathlib import Path

import docx
import pytest

import check
import sampledocs as make
from studysite.rules.secrecy import personal_numbers
from support import copy_project

importer = importlib.import_module("import")  # scripts/import.py

STEM = "2025-03-12-示发-2025-7号"
FOUND = "识别：标题、文种、发文机关、成文日期、文号、主送机关、抄送机关、附件说明、附注"
BODY_LINE = "各处室要继续抓好学习，确保取得实效。"
ASKED = "请示例乙同志（身份证号11010519491231002X，手机１３８ １２３４．５６７８）于3月20日前报送学习情况。"


def _with_paragraph(path: Path, text: str) -> Path:
    """The notice with one more body paragraph after “各处室要继续抓好学习……”."""
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    at = next(index for index, p in enumerate(paragraphs) if p.text == BODY_LINE)
    paragraphs[at + 1].insert_paragraph_before(text)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clerk")
    profile = folder / "soffice-profile"
    contact = "联系人：示例乙，联系电话：0571-87654321，13812345678"
    personal = _with_paragraph(make.notice(folder / "word" / "联系人.docx", contact=contact), ASKED)
    files = {
        "personal.docx": personal,
        "internal.docx": make.notice(folder / "word" / "内部.docx", secret="内部资料　注意保存"),
        "secret.docx": make.notice(folder / "word" / "秘密.docx", secret="秘密★1年"),
        "revised.docx": make.revise(make.notice(folder / "word" / "修订.docx")),
        "unread.docx": make.notice(folder / "word" / "无日期.docx", number="示发[25]7号", dated=False),
    }
    files["personal.pdf"] = make.soffice_convert(personal, "pdf", folder / "pdf", profile)
    files["internal.pdf"] = make.soffice_convert(files["internal.docx"], "pdf", folder / "pdf", profile)
    for_doc = make.revise(make.notice(folder / "for-doc" / "修订.docx"), delete_row=False)
    files["revised.doc"] = make.soffice_convert(for_doc, "doc", folder / "doc", profile)
    return files


def _import(capsys, tmp_path: Path, original: Path) -> tuple[Path, int, list[str]]:
    project = copy_project(tmp_path / "project")
    code = importer.main(["--root", str(project), str(original)])
    return project, code, capsys.readouterr().out.splitlines()


def _written(project: Path) -> dict[str, str]:
    return {
        p.relative_to(project / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((project / "docs" / "notices").glob("*.md"))
    }


def _nothing_personal_in(project: Path) -> None:
    for path in (project / "docs").rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml", ".txt"):
            assert personal_numbers(path.read_text(encoding="utf-8")) == [], path


def test_no_personal_number_reaches_docs_and_the_line_says_what_went_where(originals, tmp_path: Path, capsys):
    project, code, out = _import(capsys, tmp_path, originals["personal.docx"])
    assert code == 0
    assert out[0] == (
        f"已导入 {originals['personal.docx'].as_posix()} → docs/notices/{STEM}.md（公文；{FOUND}；"
        "正文10段、1个表格、1张图片、1条脚注；已删除个人信息：手机号（附注）、身份证号（正文第9段）、手机号（正文第9段）；"
        "需人工：classification 密级（第7行））"
    )
    written = _written(project)[f"notices/{STEM}.md"]
    assert "note: 联系人：示例乙，联系电话：0571-87654321\n" in written
    assert "\n请示例乙同志于3月20日前报送学习情况。\n" in written
    _nothing_personal_in(project)


def test_from_the_pdf_too_nothing_personal_is_written(originals, tmp_path: Path, capsys):
    project, code, out = _import(capsys, tmp_path, originals["personal.pdf"])
    assert code == 0
    assert "已删除个人信息：身份证号（正文第9段）、手机号（正文第9段）" in out[0]
    _nothing_personal_in(project)


@pytest.mark.parametrize("name", ["internal.docx", "internal.pdf"])
def test_an_internal_mark_on_the_head_sets_the_classification_and_is_said(originals, tmp_path: Path, capsys, name):
    project, code, out = _import(capsys, tmp_path, originals[name])
    assert code == 0
    assert out[0] == (
        f"已导入 {originals[name].as_posix()} → docs/notices/{STEM}.md（公文；{FOUND}；"
        "正文9段、1个表格、1张图片、1条脚注；密级：内部（版头标有“内部资料 注意保存”）；无需人工补充）"
    )
    written = _written(project)[f"notices/{STEM}.md"]
    assert "\nclassification: 内部\n" in written and "title: 关于示例局2025年第一季度示例学习情况的通报\n" in written
    assert "注意保存" not in written.split("---\n", 2)[2]
    assert out[-1].startswith("下一步：逐个打开新文件，补齐“需人工”的各项")  # no 密级 left to decide


def test_a_speech_marked_internal_keeps_the_mark_in_its_text_for_the_banner(tmp_path: Path, capsys):
    original = make.speech(tmp_path / "内部讲话.docx")
    document = docx.Document(str(original))
    document.paragraphs[0].insert_paragraph_before("内部资料")
    document.save(str(original))
    project, code, out = _import(capsys, tmp_path, original)
    assert code == 0
    stem = "2025-03-05-在示例局2025年理论学习中心组第一次集体学习会上的讲话"
    assert out[0] == (
        f"已导入 {original.as_posix()} → docs/speeches/{stem}.md（讲话；识别：标题、讲话人、日期、场合、体裁；正文9段；"
        "版头标有“内部资料”：已写在正文开头，页面显示内部资料提示条；无需人工补充；提示：内部资料标志（第10行））"
    )
    written = (project / "docs" / "speeches" / f"{stem}.md").read_text(encoding="utf-8")
    assert written.split("---\n", 2)[2].startswith("\n内部资料\n\n同志们：\n")


def test_a_secret_level_is_still_refused_and_nothing_written(originals, tmp_path: Path, capsys):
    project, code, out = _import(capsys, tmp_path, originals["secret.docx"])
    assert code == 1
    assert out[0] == (
        f"未导入 {originals['secret.docx'].as_posix()}：带有密级标志（国家秘密标志“秘密★1年”），"
        "涉密文件不得导入，未写入任何文件"
    )
    assert _written(project) == {}


@pytest.mark.parametrize("name", ["revised.docx", "revised.doc"])
def test_tracked_changes_read_as_accepted_and_the_clerk_is_asked_if_it_is_final(
    originals, tmp_path: Path, capsys, name
):
    import test_import

    project, code, out = _import(capsys, tmp_path, originals[name])
    assert code == 0
    assert out[0] == (
        f"已导入 {originals[name].as_posix()} → docs/notices/{STEM}.md（公文；{FOUND}；"
        "正文9段、1个表格、1张图片、1条脚注；原文件有未接受的修订 / 批注，请确认是定稿；需人工：classification 密级（第7行））"
    )
    assert _written(project) == {f"notices/{STEM}.md": test_import.NOTICE_TEXT}


def test_fields_not_read_are_left_empty_for_a_person_and_make_check_names_each(originals, tmp_path: Path, capsys):
    project, code, out = _import(capsys, tmp_path, originals["unread.docx"])
    assert code == 0
    stem = "关于示例局2025年第一季度示例学习情况的通报"
    assert out[0].startswith(f"已导入 {originals['unread.docx'].as_posix()} → docs/notices/{stem}.md（公文；")
    assert out[0].endswith(
        "；需人工：date 日期（第6行）、classification 密级（第7行）、doc_number 文号（第8行）、文号“示发[25]7号”不合规范，未填入）"
    )
    written = _written(project)[f"notices/{stem}.md"]
    assert written.startswith(
        "---\ntype: notice\ntitle: 关于示例局2025年第一季度示例学习情况的通报\ndoc_type: 通报\nissuer: 中共示例局委员会\n"
        "date:  # 导入时未能读出：请对照原件填写；原件上没有这一项的，删去这一行\n"
        "classification:  # 密级待定：请对照原件填写 非密、公开 或 内部（涉密文件不得收入本站）\n"
        "doc_number:  # 导入时未能读出：请对照原件填写；原件上没有这一项的，删去这一行\n"
    )
    assert check.main(["--root", str(project)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("docs/")]
    path = f"docs/notices/{stem}.md"
    assert lines == [
        f"{path}:6:1: date 日期: 应为 日期，如 2025-03-12，实为 “（未填写）”",
        f"{path}:7:1: classification 密级: 应为 非密、公开、内部 之一，实为 “（未填写）”"
        "（请对照原件核定密级后填写；涉密文件不得收入本站，应删除本文件）",
        f"{path}:8:1: doc_number 文号: 应为 对照原件填写的值，实为 “（未填写）”（原件上没有这一项的，删去这一行）",
    ]
