"""A clerk adds material alone: `make new` (typed at a terminal and with arguments), Chinese file names, a build.

Every file name `make new` can produce, and names a clerk gives files by hand (spaces, 《》、（）), must build
strictly and be reached from its index.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pexpect
import pytest

import new
from support import command_project, mkdocs_build, soup

BODY = "示例局同志们：这是一篇用于测试的虚构资料。\n"
QUESTION = "## 共提出多少条批评意见？\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return command_project(tmp_path / "project")


def fill_body(path: Path) -> None:
    """What the clerk does next: paste the text where the template's comment stands."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("<!--")] + BODY, encoding="utf-8")


def index_targets(site: Path, index: str) -> set[str]:
    """The pages an index links to, as paths under site/ (links decoded as a browser decodes them)."""
    page = soup(site / index)
    folder = (site / index).parent
    return {
        (folder / unquote(a["href"])).resolve().relative_to(site.resolve()).as_posix().rstrip("/")
        for a in page.select("article a[href]")
        if not a["href"].startswith(("#", "http"))
    }


def built_page(src_uri: str) -> str:
    return src_uri.removesuffix(".md")


def created(project: Path, capsys) -> Path:
    """The file `make new` says it created."""
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("已创建 "))
    return project / line.removeprefix("已创建 ")


def test_every_name_make_new_gives_and_hand_made_names_build_and_are_reached(project: Path, tmp_path: Path, capsys):
    root = ["--root", str(project)]
    title = "在示例局 《理论学习》（第一次）会议上的讲话"
    assert new.main([*root, "speech", "--title", title, "--speaker", "示例甲，示例乙", "--date", "2025-03-12"]) == 0
    speech = created(project, capsys)
    assert speech.name == "2025-03-12-在示例局-《理论学习》（第一次）会议上的讲话.md"
    notice_args = ["notice", "--title", "关于示例局“学习周”安排的通知", "--doc-type", "通知", "--issuer", "示例局"]
    notice_args += ["--date", "２０２５年４月１日", "--classification", "公开", "--doc-number", "示发[2025]07号"]
    assert new.main([*root, *notice_args]) == 0
    notice = created(project, capsys)
    assert notice.name == "2025-04-01-示发-2025-7号.md"
    hand_made = project / "docs/speeches/2024-11-02 示例丙 在（示例）座谈会上的发言 《摘要》.md"
    hand_made.write_text(
        "---\ntype: speech\ntitle: 示例丙在座谈会上的发言\nspeaker: 示例丙\ndate: 2024-11-02\n---\n\n" + BODY,
        encoding="utf-8",
    )
    for path in (speech, notice):
        fill_body(path)
    assert "speaker: [示例甲, 示例乙]\n" in speech.read_text(encoding="utf-8"), "full-width comma splits names"
    assert "date: 2025-04-01\n" in notice.read_text(encoding="utf-8") and "doc_number: 示发〔2025〕7号\n" in (
        notice.read_text(encoding="utf-8")
    )
    pack = ["pack", "--title", "示例 学习材料包（第一期）", "--page", "docs/speeches/", "--page", "report/index.md"]
    assert new.main([*root, *pack]) == 0
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    speeches = index_targets(site, "speeches/index.html")
    for path in (speech, hand_made):
        src_uri = path.relative_to(project / "docs").as_posix()
        assert built_page(src_uri) in speeches, (src_uri, speeches)
        assert (site / built_page(src_uri) / "index.html").exists()
    assert "notices/2025-04-01-示发-2025-7号" in index_targets(site, "notices/index.html")
    assert "packs/示例-学习材料包（第一期）" in index_targets(site, "packs/index.html")


class Terminal:
    """`make new` in a pseudo-terminal: wait for each question, type the answer, as a clerk does."""

    def __init__(self, project: Path) -> None:
        env = {**os.environ, "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1", "STUDYSITE_TODAY": "2025-07-01"}
        self.child = pexpect.spawn("make", ["new"], cwd=str(project), env=env, encoding="utf-8", timeout=60)
        self.child.setwinsize(40, 400)
        self.seen: list[str] = []

    def answer(self, question: str, *answers: str) -> None:
        """Wait for the question; type the answers in turn (a wrong one is asked again)."""
        self.child.expect_exact(question)
        self.seen.append(self.child.before + question)
        for number, text in enumerate(answers):
            self.child.sendline(text)
            if number < len(answers) - 1:
                self.child.expect_exact("请重新输入。")
                self.seen.append(self.child.before + "请重新输入。")

    def finish(self) -> str:
        self.child.expect(pexpect.EOF)
        self.child.close()
        output = "".join(self.seen) + self.child.before
        assert "Traceback" not in output
        return output


def run_new(project: Path, *steps: tuple[str, ...]) -> str:
    terminal = Terminal(project)
    for question, *answers in steps:
        terminal.answer(question, *answers)
    return terminal.finish()


def test_make_new_at_a_terminal_checks_each_answer_and_every_kind_builds(project: Path, tmp_path: Path):
    output = run_new(
        project,
        ("要添加什么？", "7", "说话", "讲话"),
        ("讲话标题：", "在示例局 《学习》（第二次）会议上的讲话"),
        ("讲话日期", "2025-02-30", "２０２５年３月１２日"),
        ("讲话人", "示例甲，示例乙"),
        ("场合", ""),
        ("专题", "反腐", "理想信念、警示教育"),
    )
    assert (
        "应为 1 讲话  2 通报通知  3 整改事项  4 更新事项状态  5 学习材料包  6 自测题 之一（输入序号或名称），实为 “7”"
        in output
    )
    assert "实为 “2025-02-30”（没有这一天），请重新输入。" in output
    speech = project / "docs/speeches/2025-03-12-在示例局-《学习》（第二次）会议上的讲话.md"
    assert speech.read_text(encoding="utf-8").startswith(
        "---\ntype: speech\ntitle: 在示例局 《学习》（第二次）会议上的讲话\nspeaker: [示例甲, 示例乙]\ndate: 2025-03-12\n"
        "topics: [理想信念, 警示教育]\n---\n"
    )
    run_new(
        project,
        ("要添加什么？", "２"),  # a full-width digit, as an input method types it
        ("公文标题", "关于示例局学习情况的通报"),
        ("文种", ""),  # Enter takes the 文种 the title ends with
        ("发文机关", "示例局纪委、示例局办公室"),
        ("成文日期", "2025-04-01"),
        ("密级", "机密", "3"),
        ("发文字号", "示纪发[2025]第07号"),
        ("专题", ""),
    )
    notice = project / "docs/notices/2025-04-01-示纪发-2025-7号.md"
    assert notice.read_text(encoding="utf-8").startswith(
        "---\ntype: notice\ntitle: 关于示例局学习情况的通报\ndoc_type: 通报\nissuer: [示例局纪委, 示例局办公室]\n"
        "date: 2025-04-01\nclassification: 内部\ndoc_number: 示纪发〔2025〕7号\n---\n"
    )
    run_new(
        project,
        ("要添加什么？", "整改事项"),
        ("措施编号", "M9", "ｍ２"),
        ("任务内容", "建立示例学习台账"),
        ("责任部门", "示例局办公室"),
        ("长期坚持", "否"),
        ("完成时限", "六月底", "2025-06-30"),
    )
    run_new(
        project,
        ("要添加什么？", "4"),
        ("事项编号", "M2-99", "M2-7"),
        ("新状态", "完成", "3"),
        ("销号日期", "2025-08-01", "2025-06-20"),
        ("佐证材料", "示组发〔2025〕3号；示例会议纪要"),
    )
    measure = (project / "docs/measures/m2.md").read_text(encoding="utf-8")
    assert (
        "  - id: M2-7\n    task: 建立示例学习台账\n    owner: 示例局办公室\n    due: 2025-06-30\n    status: 已完成\n"
        "    closed_on: 2025-06-20\n    evidence: [示组发〔2025〕3号, 示例会议纪要]\n---\n"
    ) in measure
    run_new(
        project,
        ("要添加什么？", "材料包"),
        ("材料包标题", "示例 学习材料包（第二期）"),
        ("第1个页面或栏目", "nothing/", "docs/report/index.md"),
        ("第2个页面或栏目", "speeches/"),
        ("第3个页面或栏目", "问题清单"),  # a page may be named by its title
        ("第4个页面或栏目", ""),
        ("副标题", ""),
        ("印发机关", "示例局党委"),
        ("印发日期", ""),
    )
    pack = project / "docs/packs/示例-学习材料包（第二期）.md"
    assert "pages:\n  - report/index.md\n  - speeches/\n  - report/problems.md\n---\n" in pack.read_text(
        encoding="utf-8"
    )
    run_new(project, ("要添加什么？", "自测"), ("自测题标题", "示例 应知应会自测（第一期）"), ("专题", ""))
    quiz = project / "docs/quizzes/示例-应知应会自测（第一期）.md"
    assert quiz.read_text(encoding="utf-8").startswith(
        "---\ntype: quiz\ntitle: 示例 应知应会自测（第一期）\n---\n\n<!-- "
    )
    text = quiz.read_text(encoding="utf-8")  # the clerk writes a question where the note stands
    quiz.write_text(text[: text.index("<!--")] + QUESTION, encoding="utf-8")
    for path in (speech, notice):
        fill_body(path)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"STUDYSITE_TODAY": "2025-07-01"})
    assert result.returncode == 0, result.stderr
    assert built_page(speech.relative_to(project / "docs").as_posix()) in index_targets(site, "speeches/index.html")
    assert built_page(notice.relative_to(project / "docs").as_posix()) in index_targets(site, "notices/index.html")
    assert "packs/示例-学习材料包（第二期）" in index_targets(site, "packs/index.html")
    assert "quizzes/示例-应知应会自测（第一期）" in index_targets(site, "quizzes/index.html")


@pytest.mark.parametrize("leave", ["ctrl-c", "ctrl-d"])
def test_ctrl_c_and_ctrl_d_leave_quietly_with_nothing_written(project: Path, leave: str):
    before = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*"))
    terminal = Terminal(project)
    terminal.answer("要添加什么？", "1")
    terminal.answer("讲话标题：", "示例讲话")
    terminal.child.expect_exact("讲话日期")
    if leave == "ctrl-c":
        terminal.child.sendcontrol("c")
    else:
        terminal.child.sendeof()
    output = terminal.finish()
    assert "已取消，没有写入任何文件。" in output
    assert sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*")) == before
