"""`make progress FROM=2025-01-01 TO=2025-03-31`: a 整改进展情况 draft for that period, as Word and PDF in dist/.

    python3 scripts/progress.py --from 2025-01-01 --to 2025-03-31

The figures come from the git history of docs/measures/ (studysite.model.timeline), as the ledger's 整改进展 does;
the same repository and the same dates give the same bytes. A checkout without history (a tarball, a shallow
clone) cannot say what changed: the command says so and writes nothing.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()

from studysite.core.fields import format_date, parse_iso_date  # noqa: E402
from studysite.model.measures import reference_date  # noqa: E402
from studysite.model.timeline import read_history  # noqa: E402
from studysite.office.progressreport import TITLE, Period, report_files  # noqa: E402

EXAMPLE = "make progress FROM=2025-01-01 TO=2025-03-31"


def _day(name: str, raw: str) -> tuple[date | None, str]:
    """The date typed for FROM or TO, or the one Chinese line that says what to type."""
    if not raw.strip():
        return None, f"缺少 {name}：请写明统计期间的{'起始' if name == 'FROM' else '截止'}日期，如 {EXAMPLE}"
    day, reason = parse_iso_date(raw)
    if day is None:
        return None, f"{name} 应为日期，如 2025-03-31，实为 “{raw}”（{reason}）"
    return day, ""


def file_stem(period: Period) -> str:
    return f"{TITLE}-{period.start.isoformat()}至{period.end.isoformat()}"


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python3 scripts/progress.py", description="生成某一期间的整改进展情况（Word 和 PDF）"
    )
    parser.add_argument("--from", dest="start", default="", help="起始日期，如 2025-01-01（含当天）")
    parser.add_argument("--to", dest="end", default="", help="截止日期，如 2025-03-31（含当天）")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    parser.add_argument("--dist", type=Path, default=None, help="存放目录（默认为项目下的 dist/）")
    args = parser.parse_args(argv)
    start, start_problem = _day("FROM", args.start)
    end, end_problem = _day("TO", args.end)
    problems = [problem for problem in (start_problem, end_problem) if problem]
    today, wrong = reference_date(dict(os.environ), date.today())
    problems += [str(problem) for problem in wrong]
    if start and end and start > end:
        problems.append(f"FROM（{format_date(start)}）应不晚于 TO（{format_date(end)}）")
    if end and end > today:
        problems.append(f"TO 应不晚于今天（{format_date(today)}），实为 {format_date(end)}")
    if problems or start is None or end is None:
        print("\n".join(problems), file=sys.stderr)
        return 2
    root = args.root.resolve()
    history = read_history(root / "docs", end)
    if not history.available:
        print(
            f"无法生成整改进展情况：{history.missing}。请在有完整提交历史的仓库中运行"
            "（浅克隆可先运行 git fetch --unshallow）。",
            file=sys.stderr,
        )
        return 1
    period = Period(start, end)
    pdf, word = report_files(history, period)
    dist = (args.dist or root / "dist").resolve()
    dist.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, data in ((".docx", word), (".pdf", pdf)):
        path = dist / (file_stem(period) + suffix)
        path.write_bytes(data)
        written.append(path)
    print(f"已生成{period.label}的整改进展情况（草稿，请核对后使用）：")
    for path in written:
        print(f"  {path.relative_to(root) if path.is_relative_to(root) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
