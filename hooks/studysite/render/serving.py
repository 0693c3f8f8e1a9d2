"""What `make serve` shows in the browser while docs/ has problems: a box at the top of every page."""

from __future__ import annotations

from studysite.render.md import escape
from studysite.rules.checks import Verdict

_SHOWN = 20  # enough to work through; the terminal and `make check` list every one


def problems_banner(report: Verdict, src_uri: str) -> str:
    """A box naming the problems of this page first, then the others, each as `make check` prints it."""
    lines = [str(p) for p in report.stopping] + [str(f) for f in report.typography]
    here = [line for line in lines if line.startswith(f"docs/{src_uri}:")]
    others = [line for line in lines if line not in here]
    shown = (here + others)[:_SHOWN]
    items = "\n".join(f"    - {escape(line)}" for line in shown)
    more = f"\n\n    另有 {len(lines) - len(shown)} 处，运行 make check 可看到全部。" if len(lines) > len(shown) else ""
    return (
        f'!!! failure "有 {len(lines)} 处问题需要修改（本页 {len(here)} 处），改好保存后页面会自动刷新"\n\n'
        f"{items}{more}\n\n"
    )
