"""make import of every 公文 layout offices send (GB/T 9704 §7–§10): 联合行文, 纪要, 版头/版记 in tables, 信函,
命令, 决议, 公报, a three-line title, a speech dated above its title, a 纪要 without a title of its own, a
speech with a subtitle; each from .docx and from the PDF LibreOffice prints of it (and .doc, .wps where the
layout survives the old format), every entry asserted whole.

The fixtures are made here (scripts/samplelayouts.py), fictional 示例 content only.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

import check
import sampledocs as make
import samplelayouts as layouts
from support import copy_project, mkdocs_build, soup

importer = importlib.import_module("import")  # scripts/import.py: `import` is a keyword

CLASSIFICATION = "classification:  # 密级待定：请对照原件填写 非密、公开 或 内部（涉密文件不得收入本站）"

JOINT = (
    "notices/2025-04-08-示委办发-2025-12号.md",
    f"""---
type: notice
title: 中共示例市委办公室 示例市人民政府办公室关于做好2025年示例学习工作的通知
doc_type: 通知
issuer: [中共示例市委办公室, 示例市人民政府办公室]
date: 2025-04-08
{CLASSIFICATION}
doc_number: 示委办发〔2025〕12号
recipients: [各县（市、区）党委和人民政府, 市直各单位]
cc: [市纪委监委, 市人大常委会办公室]
attachments: [示例学习计划表, 示例学习专题目录, 示例学习情况统计表]
note: 此件公开发布
---

为推动示例学习走深走实，经市委、市政府同意，现就做好2025年示例学习工作通知如下。

## 一、明确学习内容

各地各单位要结合实际制定学习计划，把示例学习纳入理论学习中心组年度安排。

## 二、抓好组织落实

各地各单位要加强组织领导，明确责任分工，做到有计划、有检查、有总结，确保学习取得实效。请于2025年6月30日前将上半年学习情况书面报送市委办公室。
""",
)
MINUTES = (
    "notices/2025-04-03-示例局党委2025年第三次会议纪要.md",
    f"""---
type: notice
title: 示例局党委2025年第三次会议纪要
doc_type: 纪要
issuer: 中共示例局委员会办公室
date: 2025-04-03
{CLASSIFICATION}
cc: [示例局各处室, 各一线窗口]
---

2025年4月2日，示例局党委书记示例甲主持召开党委2025年第三次会议，研究示例学习有关工作。纪要如下。

## 一、关于示例学习计划

会议审议通过了《示例局2025年示例学习计划》，由示例局办公室印发执行。

## 二、关于示例专题培训

会议同意于2025年5月举办示例专题培训班，由示例局机关党委负责组织。

出席：示例甲、示例乙、示例丙、示例丁

列席：示例戊（示例局办公室）

请假：示例己（公出）
""",
)
REQUEST = (
    "notices/2025-05-06-示发-2025-9号.md",
    f"""---
type: notice
title: 示例局关于申请示例学习经费的请示
doc_type: 请示
issuer: 示例局
date: 2025-05-06
{CLASSIFICATION}
doc_number: 示发〔2025〕9号
recipients: [示例市财政局]
cc: [示例市人民政府办公室]
note: 联系人：示例乙，电话：0571-12345678
---

为做好2025年示例学习工作，示例局拟举办示例专题培训班2期，需经费5万元。

妥否，请批示。
""",
)
LETTER = (
    "notices/2025-04-21-示函-2025-5号.md",
    f"""---
type: notice
title: 关于商请支持示例学习活动的函
doc_type: 函
issuer: 中共示例局委员会
date: 2025-04-21
{CLASSIFICATION}
doc_number: 示函〔2025〕5号
recipients: [示例市图书馆]
---

示例局拟于2025年5月组织示例学习活动，商请贵馆提供场地支持。

特此函商。
""",
)
ORDER = (
    "notices/2025-05-12-示例市人民政府令第3号.md",
    f"""---
type: notice
title: 示例市人民政府令第3号
doc_type: 命令（令）
issuer: 示例市人民政府
date: 2025-05-12
{CLASSIFICATION}
doc_number: 第3号
---

《示例市示例学习管理办法》已经2025年5月8日市人民政府第10次常务会议通过，现予公布，自2025年7月1日起施行。
""",
)
RESOLUTION = (
    "notices/2025-05-20-中国共产党示例局第一次代表大会关于示例局委员会工作报告的决议.md",
    f"""---
type: notice
title: 中国共产党示例局第一次代表大会关于示例局委员会工作报告的决议
doc_type: 决议
issuer: 中国共产党示例局第一次代表大会
date: 2025-05-20
{CLASSIFICATION}
---

中国共产党示例局第一次代表大会审议并通过示例局委员会所作的工作报告。

大会同意报告提出的今后五年的工作任务。
""",
)
COMMUNIQUE = (
    "notices/2025-06-10-中国共产党示例局第一届委员会第三次全体会议公报.md",
    f"""---
type: notice
title: 中国共产党示例局第一届委员会第三次全体会议公报
doc_type: 公报
issuer: 中国共产党示例局第一届委员会第三次全体会议
date: 2025-06-10
{CLASSIFICATION}
---

中国共产党示例局第一届委员会第三次全体会议于2025年6月10日举行。

全会听取和讨论了示例局党委工作报告。
""",
)
LONG_TITLE = (
    "notices/2025-07-01-关于进一步做好示例局2025年度示例学习教育和示例专题培训有关工作的通知.md",
    f"""---
type: notice
title: 关于进一步做好示例局2025年度示例学习教育和示例专题培训有关工作的通知
doc_type: 通知
issuer: 示例局
date: 2025-07-01
{CLASSIFICATION}
recipients: [各处室]
---

现就进一步做好示例学习教育和示例专题培训有关工作通知如下。

请各处室认真抓好落实。
""",
)
SPEECH = (
    "speeches/2025-08-06-在示例局2025年示例学习推进会上的讲话.md",
    """---
type: speech
title: 在示例局2025年示例学习推进会上的讲话
speaker: 示例甲
date: 2025-08-06
occasion: 示例局2025年示例学习推进会
genre: 讲话
---

同志们：

今天召开示例学习推进会，主要任务是总结上半年工作，部署下半年任务。

## 一、肯定成绩

上半年，全局示例学习扎实推进。
""",
)
OFFICE_MINUTES = (
    "notices/2025-06-10-示例县示例局局长办公会议纪要（2025年第12期）.md",
    f"""---
type: notice
title: 示例县示例局局长办公会议纪要（2025年第12期）
doc_type: 纪要
issuer: 示例县示例局办公室
date: 2025-06-10
{CLASSIFICATION}
---

6月9日，局长李示例主持召开局长办公会议，研究了以下事项：

## 一、关于示例学习培训

会议同意于7月举办示例学习培训班，由示例局办公室负责组织。

出席：李示例、王示例
""",
)
SPEECH_WITH_SUBTITLE = (
    "speeches/2025-04-03-坚定理想信念-锤炼过硬作风.md",
    """---
type: speech
title: 坚定理想信念 锤炼过硬作风
speaker: 张示例
date: 2025-04-03
occasion: 示例局2025年青年干部培训班开班式
genre: 讲话
---

同志们：

今天，我们举办青年干部培训班，主要任务是学习示例理论，提高履职能力。
""",
)
EXPECTED = {
    "joint": JOINT,
    "minutes": MINUTES,
    "request": REQUEST,
    "letter": LETTER,
    "order": ORDER,
    "resolution": RESOLUTION,
    "communique": COMMUNIQUE,
    "long-title": LONG_TITLE,
    "speech-dated-above": SPEECH,
    "office-minutes": OFFICE_MINUTES,
    "speech-subtitle": SPEECH_WITH_SUBTITLE,
}
# The old formats keep what these layouts are made of (tables, borders, sizes); the rest are tried as .docx and PDF.
OLD_FORMATS = ("joint", "minutes", "request", "order")


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each layout by format: .docx written here, .pdf and .doc saved from it by LibreOffice, .wps a copy of the .doc."""
    folder = tmp_path_factory.mktemp("layouts")
    profile = folder / "soffice-profile"
    files: dict[str, dict[str, Path]] = {"docx": {}, "pdf": {}, "doc": {}, "wps": {}}
    for name, write in layouts.LAYOUTS.items():
        files["docx"][name] = write(folder / "docx" / f"{name}.docx")
        files["pdf"][name] = make.soffice_convert(files["docx"][name], "pdf", folder / "pdf", profile)
    for name in OLD_FORMATS:
        files["doc"][name] = make.soffice_convert(files["docx"][name], "doc", folder / "doc", profile)
        files["wps"][name] = folder / "wps" / f"{name}.wps"  # WPS Writer's .wps is a .doc inside
        files["wps"][name].parent.mkdir(exist_ok=True)
        shutil.copyfile(files["doc"][name], files["wps"][name])
    paragraphs = layouts.joint(folder / "paragraphs" / "joint.docx", head_table=False, signatures_on_one_line=False)
    files["docx"]["joint-paragraphs"] = paragraphs
    files["pdf"]["joint-paragraphs"] = make.soffice_convert(paragraphs, "pdf", folder / "paragraphs", profile)
    return files


def _written(project: Path) -> dict[str, str]:
    docs = project / "docs"
    return {
        path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
        for folder in ("speeches", "notices")
        for path in sorted((docs / folder).rglob("*.md"))
    }


@pytest.mark.parametrize("form", ["docx", "pdf", "doc", "wps"])
def test_every_layout_becomes_the_entry_it_holds(originals, tmp_path: Path, capsys, form: str):
    for name, path in originals[form].items():
        project = copy_project(tmp_path / name)
        before = _written(project)
        code = importer.main(["--root", str(project), str(path)])
        out = capsys.readouterr().out.splitlines()
        assert code == 0, out
        src_uri, text = EXPECTED[name.removesuffix("-paragraphs")]
        assert out[0].startswith(f"已导入 {path.as_posix()} → docs/{src_uri}（"), out
        new = {key: value for key, value in _written(project).items() if key not in before}
        assert new == {src_uri: text}, name


def test_the_same_document_twice_keeps_the_better_reading_and_says_why(originals, tmp_path: Path, capsys):
    folder = tmp_path / "来件"
    worse = layouts.joint(folder / "联合通知.docx", note=False)  # as if its 附注 had not been read
    better = shutil.copy(originals["pdf"]["joint"], folder / "联合通知.pdf")
    project = copy_project(tmp_path / "project")
    before = _written(project)
    code = importer.main(["--root", str(project), str(folder)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    src_uri = JOINT[0]
    assert out[0] == (
        f"已跳过 {worse.as_posix()}：与 {Path(better).as_posix()} 是同一份文件，保留该件：识别项最多（9项），本件识别8项"
    )
    assert out[1] == (
        f"已导入 {Path(better).as_posix()} → docs/{src_uri}（公文；识别：标题、文种、发文机关、成文日期、文号、主送机关、"
        "抄送机关、附件说明、附注；正文5段；需人工：classification 密级（第7行）；"
        f"同一份文件另有 {worse.as_posix()}（识别8项），保留本件：识别项最多（9项））"
    )
    assert {k: v for k, v in _written(project).items() if k not in before} == {src_uri: JOINT[1]}


def test_joint_issuers_each_have_their_group_and_attachments_are_a_list(originals, tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    names = ("joint", "minutes", "request")
    assert importer.main(["--root", str(project), *(str(originals["docx"][n]) for n in names)]) == 0
    for name in names:
        page = project / "docs" / EXPECTED[name][0]
        page.write_text(page.read_text(encoding="utf-8").replace(CLASSIFICATION, "classification: 公开"))
    capsys.readouterr()
    assert check.main(["--root", str(project)]) == 0, capsys.readouterr().out
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    by_issuer = soup(site / "notices/by-issuer/index.html").select_one("article")
    headings = [h.get_text(strip=True) for h in by_issuer.select("h2")]
    assert {"中共示例市委办公室", "示例市人民政府办公室"} <= {h.split("（")[0] for h in headings}
    assert "中共示例市委办公室示例市人民政府办公室" not in by_issuer.get_text()
    page = soup(site / "notices/2025-04-08-示委办发-2025-12号/index.html")
    attachments = next(dt for dt in page.select(".entry-meta dt") if dt.get_text(strip=True) == "附件")
    items = [li.get_text(strip=True) for li in attachments.find_next_sibling("dd").select("ol > li")]
    assert items == ["示例学习计划表", "示例学习专题目录", "示例学习情况统计表"]
