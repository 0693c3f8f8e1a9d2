"""One verdict: `make check` fails exactly when the strict build would, naming the same file, line and rule.

The input is what clerks really produce: GBK files from Notepad or WPS, UTF-8 with a BOM, CRLF line ends,
pasted links and images that point nowhere, a template never filled in, the same notice saved twice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import check
from support import build_quietly, copy_project, soup

GB18030_TEXT = "示例局同志们：学习“两个确立”，㐀字与〇都要保留。"  # 㐀 is outside GBK: four bytes in GB18030
HEADER = "---\ntype: speech\ntitle: {title}\nspeaker: 示例甲\ndate: {day}\n---\n\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def speech(title: str, day: str, body: str) -> str:
    return HEADER.format(title=title, day=day) + body


def write(project: Path, src_uri: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path = project / "docs" / src_uri
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def check_lines(project: Path, capsys) -> tuple[int, list[str]]:
    code = check.main(["--root", str(project)])
    return code, capsys.readouterr().out.splitlines()


def where(lines: list[str]) -> set[tuple[str, str, str]]:
    """(path, line, rule) of every finding line, whichever command printed it."""
    found = set()
    for line in lines:
        match = re.match(r"^(docs/\S+?\.md):(\d+):(?:\d+:)? ([^:]+?)(?:（警告）)?: ", line)
        if match:
            found.add(match.groups())
    return found


BAD_FILES = {
    "speeches/2025-03-01 旧电脑上的讲话.md": (speech("示例讲话一", "2025-03-01", GB18030_TEXT + "\n"), "gb18030"),
    "speeches/2025-03-02-链接.md": (
        speech(
            "示例讲话二",
            "2025-03-02",
            "见[问题清单](../report/problems.md#P9)和[报告](../report/)。\n\n![示例图](<images/示例 图.png>)\n\n"
            "![另一图](images/另一 图.png)\n\n"
            "[措施](../measures/m9.md)、[台账](/measures/ledger/)。\n",
        ),
        "utf-8",
    ),
    "speeches/2025-03-03-模板.md": (
        speech("示例讲话三", "2025-03-03", "<!-- 在此粘贴讲话正文（替换这段说明）。 -->\n"),
        "utf-8",
    ),
    "speeches/2025-03-04-引号.md": (
        '---\ntype: speech\ntitle: "示例讲话四\nspeaker: 示例甲\ndate: 2025-03-04\n---\n\n正文。\n',
        "utf-8",
    ),
    "notices/2025-04-01-示例通报.md": (
        "---\ntype: notice\ntitle: 关于示例问题的通报\ndoc_type: 通报\nissuer: 示例局\ndate: 2025-04-01\n"
        "classification: 公开\n---\n\n正文,示例.\n",
        "utf-8",
    ),
    "notices/关于示例问题的通报（重复保存）.md": (
        "---\ntype: notice\ntitle: 关于示例问题的通报\ndoc_type: 通报\nissuer: 示例局\ndate: 2025-04-01\n"
        "classification: 公开\n---\n\n正文。\n",
        "utf-8",
    ),
}

EXPECTED = [
    "docs/notices/关于示例问题的通报（重复保存）.md:3: title 标题: 应为 每份资料只收录一次，实为 “关于示例问题的通报”"
    "（与 docs/notices/2025-04-01-示例通报.md:3 标题和日期相同，是同一份资料；请删除其中一个文件）",
    "docs/speeches/2025-03-01 旧电脑上的讲话.md:1: 编码: 应为 UTF-8 编码的文本（记事本“另存为”时选 UTF-8，"
    "WPS 选“Unicode (UTF-8)”），实为 “GB18030（GBK）编码”（运行 make fix 可自动转换为 UTF-8，不丢失任何字）",
    "docs/speeches/2025-03-02-链接.md:8: 链接: 应为 docs/ 中存在的页面或文件（.md 文件名），实为 “../report/”"
    "（改为 “../report/index.md”）",
    "docs/speeches/2025-03-02-链接.md:8: 链接: 应为 report/problems.md 中存在的锚点（标题或 {#编号}），"
    "实为 “../report/problems.md#P9”（在网站上打开report/problems.md，点标题旁的 ¶ 可复制正确的锚点）",
    "docs/speeches/2025-03-02-链接.md:10: 图片: 应为 docs/ 中存在的图片文件，实为 “images/示例 图.png”"
    "（检查文件名和所在目录，路径相对于本页所在目录）",
    "docs/speeches/2025-03-02-链接.md:12: 图片: 应为 路径中有空格时放在尖括号中，如 ![说明](<images/示例 图.png>)，"
    "实为 “images/另一 图.png”（否则网页上只显示这段文字）",
    "docs/speeches/2025-03-02-链接.md:14: 链接: 应为 docs/ 中存在的页面或文件（.md 文件名），实为 “../measures/m9.md”"
    "（检查文件名和所在目录，路径相对于本页所在目录）",
    "docs/speeches/2025-03-02-链接.md:14: 链接: 应为 相对路径（如 ../report/index.md），实为 “/measures/ledger/”"
    "（以 / 开头的路径在内网子路径下会失效）",
    "docs/speeches/2025-03-03-模板.md:8: 正文: 应为 资料正文（把原件的文字粘贴在文件头下面，删去 <!-- --> 说明），"
    "实为 “只有模板中的说明文字”",
    'docs/speeches/2025-03-04-引号.md:3: 文件头: 应为 合法的 YAML（键: 值，每行一项），实为 “title: "示例讲话四”'
    "（这一行的引号没有闭合，请在文字末尾补上同样的英文引号；YAML 报错：while scanning a quoted scalar，"
    "found unexpected end of stream）",
]


def test_check_and_build_name_the_same_problems_on_real_clerk_input(project: Path, tmp_path: Path, capsys):
    for src_uri, (text, encoding) in BAD_FILES.items():
        write(project, src_uri, text, encoding)
    code, checked = check_lines(project, capsys)
    built, printed = build_quietly(project, tmp_path / "site")
    assert code == 1 and not built
    for line in EXPECTED:
        assert line in printed, line  # the build's lines, exactly
        path, number, rest = line.split(":", 2)
        assert f"{path}:{number}:1:{rest}" in checked, line  # make check's, with a column
    assert where(checked) == where(printed), "check and build name the same file, line and rule"
    typography = (
        "docs/notices/2025-04-01-示例通报.md:10:3: 半角标点（警告）: 应为 中文后用全角标点，实为 “,”（建议：改为 “，”）"
    )
    assert typography in checked and f"{typography}（make fix 可自动修正）" in printed
    assert printed[-1] == "构建失败：发现的问题见上（运行 make check 可逐条查看）。"
    assert not [line for line in printed if re.search(r"Aborted|WARNING|INFO|Traceback|Doc file", line)]


def test_fix_converts_gb18030_losing_nothing_and_bom_and_crlf_files_pass_both(project: Path, tmp_path, capsys):
    gbk = write(
        project, "speeches/2025-03-01-旧电脑.md", speech("示例讲话一", "2025-03-01", GB18030_TEXT + "\n"), "gb18030"
    )
    bom = write(project, "speeches/2025-03-05-带BOM.md", "\ufeff" + speech("示例讲话五", "2025-03-05", "正文。\n"))
    crlf = write(project, "speeches/2025-03-06-换行.md", speech("示例讲话六", "2025-03-06", "正文。\n"), newline="\r\n")
    code, lines = check_lines(project, capsys)
    assert code == 1 and [line for line in lines if "编码" in line] == [
        "docs/speeches/2025-03-01-旧电脑.md:1:1: 编码: 应为 UTF-8 编码的文本（记事本“另存为”时选 UTF-8，WPS 选“Unicode (UTF-8)”），"
        "实为 “GB18030（GBK）编码”（运行 make fix 可自动转换为 UTF-8，不丢失任何字）"
    ]
    assert len(lines) == 2, "a BOM or CRLF file gives no false problem"
    assert check.main(["--root", str(project), "--fix"]) == 0
    assert "docs/speeches/2025-03-01-旧电脑.md: 已从 GB18030 转换为 UTF-8（内容不变）" in capsys.readouterr().out
    assert gbk.read_bytes().decode("utf-8") == speech("示例讲话一", "2025-03-01", GB18030_TEXT + "\n")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in crlf.read_bytes(), (
        "untouched files stay as they were"
    )
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    index = soup(tmp_path / "site/speeches/index.html").get_text()
    assert all(title in index for title in ("示例讲话一", "示例讲话五", "示例讲话六"))
    assert GB18030_TEXT in soup(tmp_path / "site/speeches/2025-03-01-旧电脑/index.html").get_text()


def test_a_typography_warning_alone_fails_both_and_a_clean_site_passes_both(project: Path, tmp_path, capsys):
    assert check_lines(project, capsys)[0] == 0
    assert build_quietly(project, tmp_path / "clean")[0]
    write(project, "speeches/2025-03-07-标点.md", speech("示例讲话七", "2025-03-07", "会议召开了,大家发言。\n"))
    assert check_lines(project, capsys)[0] == 1
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built and printed[-1] == (
        "构建失败：有 1 处警告（严格模式下警告也会使构建失败，排版警告可用 make fix 修正）。"
    )


def test_a_successful_build_says_so_in_one_chinese_line(project: Path, tmp_path: Path):
    built, printed = build_quietly(project, tmp_path / "site")
    assert built and len(printed) == 1
    assert re.fullmatch(r"构建完成：\d+ 个网页，用时 \d+\.\d 秒，输出在 .+/。", printed[0]), printed
    umask = os.umask(0o022)
    os.umask(umask)
    # built beside and moved into place: still readable by a web server's user, as mkdocs build leaves it
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o777 & ~umask


def test_word_and_pdf_files_in_docs_are_checked_like_pages(project: Path, tmp_path: Path, capsys):
    import sampledocs as office

    office.notice(project / "docs/notices/带密级的通知.docx", secret="秘密★1年")  # dropped in, not imported
    office.notice(project / "docs/notices/附件 联系表.docx", contact="联系人：示例乙，电话：13812345678")
    write(
        project,
        "notices/2025-04-02-示例.md",
        "---\ntype: notice\ntitle: 关于示例工作的通知\ndoc_type: 通知\nissuer: 示例局\ndate: 2025-04-02\n"
        "classification: 公开\n---\n\n正文。附件：[联系表](<附件 联系表.docx>)、[旧表](旧表.doc)。\n",
    )
    (project / "docs/notices/旧表.doc").write_bytes(b"\xd0\xcf\x11\xe0 fictional binary")
    write(project, "speeches/示例讲话.md.txt", "记事本保存的文件。\n")
    code, checked = check_lines(project, capsys)
    built, printed = build_quietly(project, tmp_path / "site")
    assert code == 1 and not built
    expected = [
        "docs/notices/带密级的通知.docx:1: 文件: 应为 讲话、通报通知的 Markdown 文件（.md），实为 “带密级的通知.docx”"
        '（Word、WPS、PDF 文件请用 make import SRC="docs/notices/带密级的通知.docx" 导入为条目，再删去原文件；'
        "若是某篇资料的附件，请在该资料中链接它）",
        "docs/notices/附件 联系表.docx:1: 手机号: 应为 不含个人信息的正文，实为 “138****5678”"
        "（在附件中：删除手机号，需要时写办公电话）",
        "docs/notices/旧表.doc:1: 附件: 应为 本站能检查内容的附件（.docx、.pdf 或 .txt），实为 “旧表.doc”"
        "（本站无法检查这种文件中是否有密级标志或个人信息：请另存为 .docx 或 PDF 后再放入）",
        "docs/speeches/示例讲话.md.txt:1: 文件: 应为 讲话、通报通知的 Markdown 文件（.md），实为 “示例讲话.md.txt”"
        "（记事本把文件存成了 .md.txt：请把文件名改为以 .md 结尾）",
    ]
    for line in expected:
        assert line in printed, line
        path, number, rest = line.split(":", 2)
        assert f"{path}:{number}:1:{rest}" in checked, line


def test_a_secret_mark_inside_a_linked_attachment_stops_both(project: Path, tmp_path: Path, capsys):
    import sampledocs as office

    office.notice(project / "docs/notices/附件.docx", secret="机密★5年")
    write(
        project,
        "notices/2025-04-03-示例.md",
        "---\ntype: notice\ntitle: 关于示例的通知\ndoc_type: 通知\nissuer: 示例局\ndate: 2025-04-03\n"
        "classification: 公开\n---\n\n正文，见[附件](附件.docx)。\n",
    )
    message = (
        "docs/notices/附件.docx:1: 国家秘密标志: 应为 非涉密内容（涉密不上网，上网不涉密），实为 “机密★5年”"
        "（在附件中：删除该页，涉密文件不得收入本站）"
    )
    assert check_lines(project, capsys)[0] == 1
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built and message in printed


def test_a_failed_build_leaves_the_last_good_site_in_place(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert build_quietly(project, site)[0]
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    write(project, "speeches/2025-03-08-示例.md", speech("示例讲话八", "2025-02-30", "正文。\n"))
    built, printed = build_quietly(project, site)
    assert not built and printed[-1].endswith("原有的 site/ 保持不变。")
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "nothing left beside it"
