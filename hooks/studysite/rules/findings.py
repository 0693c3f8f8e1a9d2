"""One finding of a content check, in the two forms it is reported in: `make check`'s path:line:col line and
the build's Problem. Guards (stop), typography (fixable) and notices (提示) all make them."""

from __future__ import annotations

from dataclasses import dataclass

from studysite.core.problems import Problem, shown_path

ERROR, WARNING, NOTICE = "错误", "警告", "提示"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int  # 1-based, in characters
    rule: str
    expected: str
    got: str
    advice: str = ""
    level: str = ERROR
    old: str = ""  # with new: a safe fix replacing old at (line, col)
    new: str | None = None

    def __str__(self) -> str:
        """The line `make check` prints: path:line:col: 规则名: 说明（建议：…）."""
        rule = self.rule if self.level == ERROR else f"{self.rule}（{self.level}）"
        advice = f"（建议：{self.advice}）" if self.advice else ""
        return (
            f"{shown_path(self.path)}:{self.line}:{self.col}: {rule}: 应为 {self.expected}，实为 “{self.got}”{advice}"
        )

    def problem(self) -> Problem:
        """The same finding in the build's form: path:line: field: expected, got."""
        return Problem(self.path, self.line, self.rule, self.expected, self.got, self.advice)

    @property
    def fixable(self) -> bool:
        return self.new is not None


def problem_line(problem: Problem) -> str:
    """A front-matter problem in `make check`'s form, at column 1."""
    hint = f"（{problem.hint}）" if problem.hint else ""
    return f"{problem.path}:{problem.line}:1: {problem.field}: 应为 {problem.expected}，实为 “{problem.got}”{hint}"
