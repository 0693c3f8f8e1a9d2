"""The other layouts offices send (GB/T 9704-2012 §7–§10), made here from fictional 示例 content.

Beside scripts/sampledocs.py's 通报 and speech: a 联合行文 (two issuers), a 纪要, a 上行文 whose 版头 and
版记 are Word tables, a 信函, a 命令, a 决议, a 公报, a notice with a three-line title, a speech dated above
its title, a 纪要 without a title of its own and a speech with a subtitle. The tests import each from .docx and
from the PDF LibreOffice prints of it. Nothing is real.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from sampledocs import _W, CENTER, HEI, KAI, RED, RIGHT, Writer, png

JOINT = ("中共示例市委办公室", "示例市人民政府办公室")


def _borderless_table(w: Writer, rows: list[list[str]], red: bool = False, size: float = 16, merge_right=False):
    """A table without borders, as offices lay out a 版头 or 版记 (the cells' text is what shows)."""
    table = w.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders xmlns:w="{_W}">{borders}</w:tblBorders>'))
    if merge_right:  # the 文件 of a 联合行文 beside all the issuers' names, the names' column wide enough
        table.autofit = False
        for column, width in zip(table.columns, (Cm(12), Cm(3.5)), strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        table.cell(0, len(rows[0]) - 1).merge(table.cell(len(rows) - 1, len(rows[0]) - 1))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if not text:
                continue
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.alignment = CENTER if red else None
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
            if red:
                run.font.color.rgb = RED
    return table


def _imprint(w: Writer, cc: str, printed: tuple[str, str], table: bool = False, label: str = "抄送") -> None:
    if table:
        _borderless_table(w, [[f"{label}：{cc}", ""], list(printed)], size=14)
        return
    w.para("", size=12, border="black")
    w.para(f"{label}：{cc}", size=14, border="black")
    w.para("　".join(printed), size=14, border="black")


def joint(path: Path, head_table: bool = True, signatures_on_one_line: bool = True, note: bool = True) -> Path:
    """A 联合行文: two issuers on the 版头 (文件 beside both), both in the title, two 署名."""
    w = Writer()
    if head_table:
        _borderless_table(w, [[JOINT[0], "文件"], [JOINT[1], ""]], red=True, size=30, merge_right=True)
    else:
        for name in JOINT:
            w.para(name, align=CENTER, size=30, red=True)
    w.para("", size=12)
    w.para("示委办发〔2025〕12号", align=CENTER, border="red")
    w.para("", size=12)
    w.para(f"{JOINT[0]}　{JOINT[1]}", align=CENTER, size=22)
    w.para("关于做好2025年示例学习工作的通知", align=CENTER, size=22)
    w.para("", size=12)
    w.para("各县（市、区）党委和人民政府，市直各单位：")
    w.para("为推动示例学习走深走实，经市委、市政府同意，现就做好2025年示例学习工作通知如下。", indent=True)
    w.para("一、明确学习内容", font=HEI, indent=True)
    w.para("各地各单位要结合实际制定学习计划，把示例学习纳入理论学习中心组年度安排。", indent=True)
    w.para("二、抓好组织落实", font=HEI, indent=True)
    w.para(
        "各地各单位要加强组织领导，明确责任分工，做到有计划、有检查、有总结，确保学习取得实效。"
        "请于2025年6月30日前将上半年学习情况书面报送市委办公室。",
        indent=True,
    )
    w.para("", size=12)
    w.para("附件：1. 示例学习计划表", indent=True)
    w.para("2. 示例学习专题目录", indent=True)
    w.para("3. 示例学习情况统计表", indent=True)
    w.para("", size=12)
    if signatures_on_one_line:
        w.para("　　".join(JOINT), align=RIGHT)
    else:
        for name in JOINT:
            w.para(name, align=RIGHT)
    w.para("2025年4月8日", align=RIGHT)
    if note:
        w.para("（此件公开发布）", indent=True)
    _imprint(w, "市纪委监委，市人大常委会办公室。", ("中共示例市委办公室", "2025年4月8日印发"))
    return w.save(path)


def minutes(path: Path) -> Path:
    """A 纪要 (GB/T 9704 §10.3): 纪要标志, 期号, the office and date on one line over the rule, then its title."""
    w = Writer()
    w.para("中共示例局委员会会议纪要", align=CENTER, size=36, red=True)
    w.para("第３期", align=CENTER)
    w.para("中共示例局委员会办公室　　　　　　　　　2025年4月3日", border="red")
    w.para("", size=12)
    w.para("示例局党委2025年第三次会议纪要", align=CENTER, size=22)
    w.para("", size=12)
    w.para(
        "2025年4月2日，示例局党委书记示例甲主持召开党委2025年第三次会议，研究示例学习有关工作。纪要如下。",
        indent=True,
    )
    w.para("一、关于示例学习计划", font=HEI, indent=True)
    w.para("会议审议通过了《示例局2025年示例学习计划》，由示例局办公室印发执行。", indent=True)
    w.para("二、关于示例专题培训", font=HEI, indent=True)
    w.para("会议同意于2025年5月举办示例专题培训班，由示例局机关党委负责组织。", indent=True)
    w.para("出席：示例甲、示例乙、示例丙、示例丁")
    w.para("列席：示例戊（示例局办公室）")
    w.para("请假：示例己（公出）")
    _imprint(w, "示例局各处室，各一线窗口。", ("中共示例局委员会办公室", "2025年4月3日印发"), label="分送")
    return w.save(path)


def request_in_tables(path: Path) -> Path:
    """A 上行文 (请示) whose 版头 (文号 and 签发人 side by side) and 版记 are Word tables."""
    w = Writer()
    _borderless_table(w, [["示例局文件"]], red=True, size=36)
    w.para("", size=12)
    _borderless_table(w, [["示发〔2025〕9号", "签发人：示例甲"]])
    w.para("", size=12, border="red")
    w.para("示例局关于申请示例学习经费的请示", align=CENTER, size=22)
    w.para("", size=12)
    w.para("示例市财政局：")
    w.para("为做好2025年示例学习工作，示例局拟举办示例专题培训班2期，需经费5万元。", indent=True)
    w.para("妥否，请批示。", indent=True)
    w.para("", size=12)
    w.para("示例局", align=RIGHT)
    w.para("2025年5月6日", align=RIGHT)
    w.para("（联系人：示例乙，电话：0571-12345678）", indent=True)
    _imprint(w, "示例市人民政府办公室。", ("示例局办公室", "2025年5月6日印发"), table=True)
    return w.save(path)


def letter(path: Path) -> Path:
    """A 信函 (GB/T 9704 §10.1): the issuer's full name without 文件, a double red rule, the 文号 on the right."""
    w = Writer()
    w.para("中共示例局委员会", align=CENTER, size=30, red=True, border="red")
    w.para("示函〔2025〕5号", align=RIGHT)
    w.para("", size=12)
    w.para("关于商请支持示例学习活动的函", align=CENTER, size=22)
    w.para("", size=12)
    w.para("示例市图书馆：")
    w.para("示例局拟于2025年5月组织示例学习活动，商请贵馆提供场地支持。", indent=True)
    w.para("特此函商。", indent=True)
    w.para("", size=12)
    w.para("中共示例局委员会", align=RIGHT)
    w.para("2025年4月21日", align=RIGHT)
    return w.save(path)


def order(path: Path) -> Path:
    """A 命令 (GB/T 9704 §10.2): 标志 ending in 令, the 令号 under it, the text, the signer's post and name."""
    w = Writer()
    w.para("示例市人民政府令", align=CENTER, size=36, red=True)
    w.para("第３号", align=CENTER, border="red")
    w.para("", size=12)
    w.para(
        "《示例市示例学习管理办法》已经2025年5月8日市人民政府第10次常务会议通过，现予公布，自2025年7月1日起施行。",
        indent=True,
    )
    w.para("", size=12)
    w.para("市长　示例甲", align=RIGHT)
    w.para("2025年5月12日", align=RIGHT)
    return w.save(path)


def adopted(path: Path, title: tuple[str, ...], by: str, day: str, paragraphs: tuple[str, ...]) -> Path:
    """A 决议 or 公报: its title, the line in brackets that says when and by whom it was adopted, its text."""
    w = Writer()
    for line in title:
        w.para(line, align=CENTER, size=22)
    w.para(f"（{day}{by}通过）", align=CENTER, font=KAI)
    w.para("", size=12)
    for text in paragraphs:
        w.para(text, indent=True)
    return w.save(path)


def resolution(path: Path) -> Path:
    return adopted(
        path,
        ("中国共产党示例局第一次代表大会", "关于示例局委员会工作报告的决议"),
        "中国共产党示例局第一次代表大会",
        "2025年5月20日",
        (
            "中国共产党示例局第一次代表大会审议并通过示例局委员会所作的工作报告。",
            "大会同意报告提出的今后五年的工作任务。",
        ),
    )


def communique(path: Path) -> Path:
    return adopted(
        path,
        ("中国共产党示例局第一届委员会", "第三次全体会议公报"),
        "中国共产党示例局第一届委员会第三次全体会议",
        "2025年6月10日",
        ("中国共产党示例局第一届委员会第三次全体会议于2025年6月10日举行。", "全会听取和讨论了示例局党委工作报告。"),
    )


def long_title(path: Path) -> Path:
    """A notice whose title runs over three lines, without 文号."""
    w = Writer()
    w.para("示例局文件", align=CENTER, size=36, red=True, border="red")
    w.para("", size=12)
    for line in ("关于进一步做好示例局2025年度", "示例学习教育和示例专题培训", "有关工作的通知"):
        w.para(line, align=CENTER, size=22)
    w.para("", size=12)
    w.para("各处室：")
    w.para("现就进一步做好示例学习教育和示例专题培训有关工作通知如下。", indent=True)
    w.para("请各处室认真抓好落实。", indent=True)
    w.para("", size=12)
    w.para("示例局", align=RIGHT)
    w.para("2025年7月1日", align=RIGHT)
    w.image(png((230, 0, 18), (48, 48)), align=RIGHT)
    return w.save(path)


def speech_dated_above(path: Path) -> Path:
    """A speech with its date above the title, the speaker's name under it."""
    w = Writer()
    w.para("2025年8月6日", align=RIGHT, font=KAI)
    w.para("在示例局2025年示例学习推进会上的讲话", align=CENTER, size=22, bold=True)
    w.para("示例甲", align=CENTER, font=KAI)
    w.para("同志们：")
    w.para("今天召开示例学习推进会，主要任务是总结上半年工作，部署下半年任务。", indent=True)
    w.para("一、肯定成绩", font=HEI, indent=True)
    w.para("上半年，全局示例学习扎实推进。", indent=True)
    return w.save(path)


def office_minutes(path: Path) -> Path:
    """A 局长办公会议纪要 without a title of its own: a 标志 long enough to wrap, a 期号 in 〔〕, the office and
    date in a two-cell table over the rule, then the text (its first sentence ends in ：)."""
    w = Writer()
    w.para("示例县示例局局长办公会议纪要", align=CENTER, size=42, red=True)
    w.para("〔2025〕第12期", align=CENTER)
    _borderless_table(w, [["示例县示例局办公室", "2025年6月10日"]])
    w.para("", size=12, border="red")
    w.para("6月9日，局长李示例主持召开局长办公会议，研究了以下事项：", indent=True)
    w.para("一、关于示例学习培训", font=HEI, indent=True)
    w.para("会议同意于7月举办示例学习培训班，由示例局办公室负责组织。", indent=True)
    w.para("出席：李示例、王示例")
    return w.save(path)


def speech_with_subtitle(path: Path) -> Path:
    """A speech dated above a title of two phrases, with a subtitle for the occasion and a post before the name."""
    w = Writer()
    w.para("2025年4月3日", align=RIGHT, font=KAI)
    w.para("坚定理想信念　锤炼过硬作风", align=CENTER, size=22, bold=True)
    w.para("——在示例局2025年青年干部培训班开班式上的讲话", align=CENTER, font=KAI)
    w.para("局党委书记、局长　张示例", align=CENTER, font=KAI)
    w.para("同志们：")
    w.para("今天，我们举办青年干部培训班，主要任务是学习示例理论，提高履职能力。", indent=True)
    return w.save(path)


LAYOUTS = {
    "joint": joint,
    "minutes": minutes,
    "request": request_in_tables,
    "letter": letter,
    "order": order,
    "resolution": resolution,
    "communique": communique,
    "long-title": long_title,
    "speech-dated-above": speech_dated_above,
    "office-minutes": office_minutes,
    "speech-subtitle": speech_with_subtitle,
}
