"""Every encoding of a secret mark or personal data, on a page or in an attachment, is refused by `make check`
and by a real strict build alike, with the same lines, and never reaches site/ (nor its search index)."""

from __future__ import annotations

import re
from pathlib import Path

import check
from sampledocs import split_runs, word
from support import build_quietly, copy_project
from support.guarded_text import PERSONAL, SECRET_MARKS

HEADER = "---\ntype: speech\ntitle: 示例讲话{n}\nspeaker: 示例甲\ndate: 2025-03-{day:02d}\n---\n\n"
BODY_START = HEADER.count("\n") + 1
SECURITY_RULES = {"国家秘密标志", "份号", "密级标注", "手机号", "身份证号", "疑似身份证号", "银行卡号"}


def _security_lines(lines: list[str]) -> dict[tuple[str, str], set[str]]:
    """(path, line) → the messages of the guards there, without make check's column."""
    found: dict[tuple[str, str], set[str]] = {}
    for line in lines:
        match = re.match(r"^(docs/\S+?):(\d+):(?:\d+:)? (.+)$", line)
        if match and match.group(3).split(":")[0] in SECURITY_RULES:
            message = match.group(3).replace("（建议：", "（")  # make check words the advice so; the build does not
            found.setdefault((match.group(1), match.group(2)), set()).add(message)
    return found


def test_every_variant_is_refused_by_check_and_build_with_the_same_lines(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    cases = [(text, expected) for text, expected in SECRET_MARKS + PERSONAL if not text.startswith("---")]
    wanted = {}
    for n, (text, expected) in enumerate(cases, 1):
        path = f"docs/speeches/2025-03-{n % 28 + 1:02d}-示例{n}.md"
        (project / path).write_text(HEADER.format(n=n, day=n % 28 + 1) + text + "\n", encoding="utf-8")
        wanted[path] = {(str(BODY_START + line - 1), rule, got) for line, rule, got in expected}
    (project / "docs/notices/附件.docm").write_bytes(word(split_runs))
    (project / "docs/notices/属性.pdf").write_bytes(word(title="机密★5年"))  # a Word file named .pdf
    (project / "docs/notices/2025-04-01-示例.md").write_text(
        "---\ntype: notice\ntitle: 关于示例工作的通知\ndoc_type: 通知\nissuer: 示例局\ndate: 2025-04-01\n"
        "classification: 公开\n---\n\n附件：[表](附件.docm)、[属性](属性.pdf)。\n",
        encoding="utf-8",
    )
    code = check.main(["--root", str(project)])
    checked = capsys.readouterr().out.splitlines()
    built, printed = build_quietly(project, tmp_path / "site")
    assert code == 1 and not built
    by_check, by_build = _security_lines(checked), _security_lines(printed)
    assert by_check == by_build, "check and build name the same places with the same messages"
    for path, findings in wanted.items():
        for line, rule, got in findings:
            assert any(m.startswith(f"{rule}: ") and f"实为 “{got}”" in m for m in by_build.get((path, line), ())), (
                path,
                line,
                rule,
                got,
                by_build.get((path, line)),
            )
    assert ("docs/notices/附件.docm", "1") in by_build
    # A Word file named .pdf: its content does not match its name, and both refuse it for that first.
    mismatch = "docs/notices/属性.pdf:1: 文件类型: 应为 与扩展名 .pdf 相符的内容（PDF 文件），实为 “Word 文件”"
    assert any(line.startswith(mismatch) for line in printed), printed
    assert any(
        line.startswith(mismatch.replace(".pdf:1:", ".pdf:1:1:", 1)) or line.startswith(mismatch) for line in checked
    )
    assert not (tmp_path / "site").exists(), "nothing published, no search index written"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]
