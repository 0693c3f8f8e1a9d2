"""The commands the docs tell people to type, the merge-request CI files, and what a clerk sees when they fail.

Every command line of README.md and CONTRIBUTING.md (except `make serve`, which never ends, and `make test`,
which is this test run) is run exactly as written in a fresh copy of the repository, so the docs cannot drift.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

import check
import clerk
import new
from support import REPO, free_port

SKIPPED = ("make serve", "make test")
QUESTION = "## 共提出多少条批评意见？\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n"
COMMAND_BLOCK = re.compile(r"^```(?:sh|bash|shell)\n(.*?)^```", re.MULTILINE | re.DOTALL)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}
ENV.pop("VIRTUAL_ENV", None)


def commands_in(markdown: str) -> list[str]:
    """The lines a reader is told to type: every line of the sh blocks, without trailing comments."""
    lines = []
    for block in COMMAND_BLOCK.findall(markdown):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def fresh_clone(target: Path) -> Path:
    """The repository as a new user gets it: its tracked files (with their dates), a git history, an origin."""
    # tracked files, and the ones a change adds before it is committed (untracked, not ignored)
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listed, cwd=REPO, capture_output=True, text=True, check=True)
    for name in files.stdout.split("\0"):
        if name and (REPO / name).is_file() and not (REPO / name).is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    (target / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)  # set up once, by make test
    origin = target.parent / "origin.git"
    git = ["git", "-c", "user.name=示例资料员", "-c", "user.email=clerk@example.invalid"]
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "示例"]):
        subprocess.run([*git, *command], cwd=target, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(origin)], cwd=target, check=True)
    return target


def fill_new_files(clone: Path) -> None:
    """What a clerk does between `new.py`/`make import` and `make check`: paste the text over the template's
    comment, decide the classification of an imported notice."""
    for path in (clone / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "<!-- 在此粘贴" in text:
            text = text[: text.index("<!--")] + "示例局同志们：这是用于测试的虚构正文。\n"
        if "<!-- 每道题" in text:  # a new self-test: its first question where the note stood
            text = text[: text.index("<!--")] + QUESTION
        text = re.sub(r"^classification:\s*#.*$", "classification: 公开", text, flags=re.M)
        path.write_text(text, encoding="utf-8")


def make_inputs(clone: Path, line: str) -> None:
    """The Word files an import command names, made fictional (示例局) where the clerk's files would be."""
    import sampledocs as office

    match = re.search(r'SRC="([^"]+)"', line) or re.search(r"scripts/import\.py (\S+)", line)
    if not match:
        return
    target = clone / match.group(1)
    if target.suffix == ".docx":
        target.parent.mkdir(parents=True, exist_ok=True)
        (office.notice if "通报" in target.name else office.speech)(target)
    else:
        target.mkdir(parents=True, exist_ok=True)
        office.notice(target / "示例局 通报.docx", number="示发〔2025〕8号")
        office.speech(target / "示例讲话.docx")


def test_every_command_in_readme_and_contributing_runs_as_written(tmp_path: Path):
    clone = fresh_clone(tmp_path / "clone")
    lines = commands_in((REPO / "README.md").read_text(encoding="utf-8"))
    lines += commands_in((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert "make check" in lines and any(line.startswith("python3 scripts/new.py speech") for line in lines)
    git = "git -c user.name=示例资料员 -c user.email=clerk@example.invalid"
    server = tmp_path / "srv"  # the intranet server's folder: never the machine's own /srv/ in a test
    server.mkdir()
    published: list[str] = []
    for line in lines:
        if line in SKIPPED:
            continue
        command = line.replace("git commit", f"{git} commit", 1) if line.startswith("git commit") else line
        command = command.replace("/srv/", f"{server}/")
        if line.startswith("make publish"):
            published.append(command)
        if line.startswith("make rollback") and published:  # there is a version to go back to once a change
            subprocess.run(published[-1], shell=True, cwd=clone, capture_output=True, env=ENV, check=True)
        make_inputs(clone, line)
        result = subprocess.run(command, shell=True, cwd=clone, capture_output=True, text=True, env=ENV, timeout=600)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (line, output)
        assert result.returncode == 0, (line, output)
        if "scripts/new.py" in line or "import" in line:
            fill_new_files(clone)
    assert (
        subprocess.run(["git", "log", "--oneline", "origin/添加示例讲话"], cwd=clone, capture_output=True).returncode
        == 0
    )


def ci_commands() -> dict[str, list[str]]:
    gitea = yaml.safe_load((REPO / ".gitea/workflows/check.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in gitea["jobs"]["check"]["steps"] if "run" in step]
    return {"gitea": steps, "gitlab": gitlab["check"]["script"]}


def test_the_merge_request_checks_run_make_check_then_make_build_and_keep_the_site(tmp_path: Path):
    commands = ci_commands()
    project_commands = {forge: [c for c in lines if c.startswith("make")] for forge, lines in commands.items()}
    assert project_commands == {"gitea": ["make check", "make build"], "gitlab": ["make check", "make build"]}
    gitea = yaml.safe_load((REPO / ".gitea/workflows/check.yml").read_text(encoding="utf-8"))
    assert gitea[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # YAML 1.1 reads `on` as true
    upload = next(step for step in gitea["jobs"]["check"]["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["check"]["artifacts"]["paths"] == ["site/"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in gitlab["workflow"]["rules"]
    templates = [".github/pull_request_template.md", ".gitea/pull_request_template.md"]
    templates.append(".gitlab/merge_request_templates/Default.md")
    assert len({(REPO / name).read_text(encoding="utf-8") for name in templates}) == 1, "one checklist on every forge"
    clone = fresh_clone(tmp_path / "clone")
    outputs = []
    for command in project_commands["gitea"]:
        result = subprocess.run(command, shell=True, cwd=clone, capture_output=True, text=True, env=ENV, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout + result.stderr)
    assert outputs[0].splitlines()[-1].endswith("可以构建。")
    assert re.search(r"构建完成：\d+ 个网页，学习材料包 PDF 2 份，自测题试题和答案 PDF 2 份", outputs[1]), outputs[1]
    assert sorted(p.name for p in (clone / "site/packs").glob("*.pdf")) == ["compilation.pdf", "report.pdf"]


def test_a_bad_page_in_a_merge_request_puts_the_findings_first_in_the_job_log(tmp_path: Path):
    clone = fresh_clone(tmp_path / "clone")
    page = clone / "docs/speeches/2025-03-12-示例讲话.md"
    page.write_text("---\ntype: speech\ntitle: 示例讲话\nspeaker: 示例甲\ndate: 2025-3-12\n---\n\n正文。\n", "utf-8")
    result = subprocess.run("make check", shell=True, cwd=clone, capture_output=True, text=True, env=ENV)
    assert result.returncode != 0
    assert result.stdout.splitlines()[0] == (
        "docs/speeches/2025-03-12-示例讲话.md:5:1: date 日期: 应为 日期，如 2025-03-12，实为 “2025-3-12”"
        "（日期格式应为 年-月-日，月和日各两位）"
    )


def test_an_unexpected_error_reaches_a_clerk_as_one_chinese_line_with_the_log(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(clerk, "ERROR_LOG", tmp_path / "错误详情.log")

    def broken(path, text, lines=None):
        raise ValueError("示例：程序内部的错误")

    monkeypatch.setattr("studysite.rules.checks.typography", broken)
    assert clerk.run(check.main, ["--root", str(REPO)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "docs/compilation/index.md:1: 意外错误: 应为 正常完成，实为 “ValueError”（处理 docs/compilation/index.md 时"
    )
    assert line.endswith(f"详细信息已写入 {tmp_path / '错误详情.log'}，请把该文件发给网站维护人员）")
    assert "ValueError: 示例：程序内部的错误" in (tmp_path / "错误详情.log").read_text(encoding="utf-8")
    monkeypatch.setattr(new.Project, "load", broken)
    assert (
        clerk.run(new.main, ["--root", str(REPO), "speech", "--title", "示", "--speaker", "甲", "--date", "2025-01-01"])
        == 1
    )
    assert "意外错误" in capsys.readouterr().err


def fetch(url: str, attempts: int = 60) -> str:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} 没有响应")


def test_make_serve_shows_problems_in_the_browser_and_says_when_the_port_is_taken(tmp_path: Path):
    clone = fresh_clone(tmp_path / "clone")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port)],
        cwd=clone, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        home = fetch(f"http://127.0.0.1:{port}/")
        assert "<title>首页 - 学习资料站</title>" in home and "admonition failure" not in home
        taken = subprocess.run(
            [sys.executable, "scripts/serve.py", "--port", str(port)],
            cwd=clone,
            env=ENV,
            capture_output=True,
            text=True,
        )
        assert taken.returncode == 1 and taken.stderr == (
            f"端口 {port} 已被占用（可能已经有一个 make serve 在运行，请先在那个窗口按 Ctrl-C 结束它）。"
            f"也可以换一个端口：make serve PORT={port + 1}\n"
        )
        page = clone / "docs/speeches/2025-03-12-示例讲话.md"
        page.write_text(
            "---\ntype: speech\ntitle: 示例讲话\nspeaker: 示例甲\ndate: 2025-02-30\n---\n\n正文。\n", "utf-8"
        )
        for _ in range(60):
            home = fetch(f"http://127.0.0.1:{port}/")
            if "admonition failure" in home:
                break
            time.sleep(0.5)
        assert "有 1 处问题需要修改" in home and "实为 “2025-02-30”（没有这一天）" in home
        page.write_text(page.read_text(encoding="utf-8").replace("2025-02-30", "2025-02-28"), "utf-8")
        for _ in range(60):
            home = fetch(f"http://127.0.0.1:{port}/")
            if "admonition failure" not in home:
                break
            time.sleep(0.5)
        assert "admonition failure" not in home, "fixed and saved: the box is gone"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert out.startswith(f"正在预览：http://127.0.0.1:{port}/")
    assert "Traceback" not in out + err and "INFO" not in out + err


def test_an_unexpected_error_in_the_build_names_the_page_and_the_log(monkeypatch, tmp_path: Path):
    from support import build_quietly, copy_project

    monkeypatch.setattr(clerk, "ERROR_LOG", tmp_path / "错误详情.log")
    project = copy_project(tmp_path / "project")
    (project / "docs/speeches/2025-03-12-示例.md").write_text(
        "---\ntype: speech\ntitle: 示例讲话\nspeaker: 示例甲\ndate: 2025-03-12\n---\n\n正文。\n", encoding="utf-8"
    )

    def broken(*args, **kwargs):
        raise KeyError("示例")

    monkeypatch.setattr("studysite.render.compilation.entry_page", broken)  # the hook imports it when it is loaded
    with pytest.raises(KeyError) as error:
        build_quietly(project, tmp_path / "site")
    line = clerk.unexpected(error.value)
    assert line.startswith("docs/speeches/2025-03-12-示例.md:1: 意外错误: 应为 正常完成，实为 “KeyError”")
    assert "Traceback" in (tmp_path / "错误详情.log").read_text(encoding="utf-8")


SERVE_WITH_A_FAULT = """
import sys
sys.path[:0] = [{scripts!r}, {hooks!r}]
import clerk, serve, studysite.render.compilation
clerk.ERROR_LOG = __import__("pathlib").Path({log!r})
def broken(*args, **kwargs):
    raise KeyError("示例")
studysite.render.compilation.entry_page = broken
sys.exit(clerk.run(serve.main, ["--port", "{port}", "--root", {root!r}]))
"""


def test_an_unexpected_error_under_serve_shows_a_chinese_page_instead_of_waiting(tmp_path: Path):
    from support import copy_project

    project = copy_project(tmp_path / "project")
    (project / "docs/speeches/2025-03-12-示例.md").write_text(
        "---\ntype: speech\ntitle: 示例讲话\nspeaker: 示例甲\ndate: 2025-03-12\n---\n\n正文。\n", encoding="utf-8"
    )
    port = free_port()
    log = tmp_path / "错误详情.log"
    driver = SERVE_WITH_A_FAULT.format(
        scripts=str(REPO / "scripts"), hooks=str(REPO / "hooks"), log=str(log), port=port, root=str(project)
    )
    server = subprocess.Popen([sys.executable, "-c", driver], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        page = fetch(f"http://127.0.0.1:{port}/speeches/")
    finally:
        server.terminate()
        out, err = (part.decode("utf-8") for part in server.communicate(timeout=30))
    assert "<h1>网站暂时无法显示</h1>" in page and "docs/speeches/2025-03-12-示例.md:1: 意外错误" in page
    assert "Traceback" not in out + err and "Traceback" in log.read_text(encoding="utf-8")
