"""`make check`: every content check over docs/ without building the site, in seconds.

    python scripts/check.py            # report; exit 1 when anything must be fixed
    python scripts/check.py --fix      # apply the safe typography fixes, show what changed, report the rest

One line per finding: path:line:col: 规则名: 应为 …，实为 “…”（建议：…）. Nothing is rewritten without --fix.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from studysite.checks import Page, Report, check_pages  # noqa: E402  (the hooks folder is not a package)
from studysite.lint import apply_fixes, typography  # noqa: E402
from studysite.measures import reference_date  # noqa: E402


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its !!python tags read as nothing: only extra.topics is needed here."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def topics_of(root: Path) -> tuple[str, ...]:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    return tuple((config.get("extra") or {}).get("topics") or ())


def read_pages(root: Path) -> list[Page]:
    docs = root / "docs"
    return [
        Page(
            f"docs/{path.relative_to(docs).as_posix()}",
            path.relative_to(docs).as_posix(),
            path.read_text(encoding="utf-8"),
        )
        for path in sorted(docs.rglob("*.md"))
        if not any(part.startswith(".") for part in path.relative_to(docs).parts)
    ]


def run_checks(root: Path) -> tuple[list[Page], Report]:
    today, problems = reference_date(os.environ, date.today())
    pages = read_pages(root)
    report = check_pages(pages, topics_of(root), today)
    return pages, Report(problems + report.problems, report.findings)


def fix(root: Path, pages: list[Page]) -> list[str]:
    """Apply every safe typography fix until nothing more changes; return a unified diff of each file."""
    diffs = []
    for page in pages:
        text = page.text
        for _ in range(5):  # a fix can reveal another (a quote fixed, then the comma after it)
            fixed = apply_fixes(text, typography(page.path, text))
            if fixed == text:
                break
            text = fixed
        if text != page.text:
            (root / page.path).write_text(text, encoding="utf-8")
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        page.text.splitlines(keepends=True),
                        text.splitlines(keepends=True),
                        page.path,
                        page.path + "（已修正）",
                    )
                )
            )
    return diffs


def summary(pages: list[Page], report: Report) -> str:
    return (
        f"检查了 {len(pages)} 个页面：必须修改 {len(report.stopping)} 处，"
        f"排版待修正 {len(report.typography)} 处（可用 make fix 自动修正），提示 {len(report.notices)} 处。"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查 docs/ 下全部页面（不构建网站）")
    parser.add_argument("--fix", action="store_true", help="自动修正可安全修正的排版问题，并显示改动")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    pages, report = run_checks(root)
    if args.fix:
        for diff in fix(root, pages):
            print(diff, end="" if diff.endswith("\n") else "\n")
        pages, report = run_checks(root)
    for line in report.lines():
        print(line)
    print(summary(pages, report))
    return 1 if report.must_fix else 0


if __name__ == "__main__":
    sys.exit(main())
