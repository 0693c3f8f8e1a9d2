"""`make new`: add a page the right way — a speech, a notice, a study pack, a measure item or its new status.

    python scripts/new.py                       # asks for the type and each field
    python scripts/new.py speech --title … --speaker … --date 2025-03-12
    python scripts/new.py notice --title … --doc-type 通报 --issuer … --date … --classification 内部
    python scripts/new.py item --measure M2 --task … [--owner …] (--due 2025-06-30 | --ongoing --review 每季度)
    python scripts/new.py status M2-1 --status 已完成 --closed-on 2025-06-30 [--evidence …]
    python scripts/new.py pack --title … --page report/index.md --page measures/

Every file is checked with the build's own rules before it is written; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from check import read_pages, topics_of  # noqa: E402  (the same pages and topic list the build uses)
from studysite.checks import Page, check_pages  # noqa: E402
from studysite.entries import CLASSIFICATIONS, DOC_TYPES, GENRES, parse_entry  # noqa: E402
from studysite.measures import ONGOING, REVIEWS, STATUSES, TBD, load_plan, reference_date  # noqa: E402

NEXT_STEPS = """下一步：
  1. 打开 {path}，按提示填写正文（<!-- --> 之间的说明不会显示在网站上，可以删除）；
  2. 运行 make check，按提示修改，直到没有“必须修改”的问题（排版问题可运行 make fix 自动修正）；
  3. git add {path} && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""
NEXT_STEPS_EDIT = """下一步：
  1. 运行 make check，确认没有“必须修改”的问题；
  2. git add {path} && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""


class Refused(Exception):
    """A reason, in Chinese, why nothing was written."""


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _scalar(value: str) -> str:
    """A YAML scalar as a clerk would type it: plain where YAML reads it back unchanged, quoted otherwise."""
    if _ISO_DATE.match(value):
        return value  # dates stay unquoted, as the contract shows them; the checks read them as text
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(value, allow_unicode=True, default_style='"').strip()


def front_matter(fields: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(str(item)) for item in value)}]")
        else:
            lines.append(f"{key}: {_scalar(str(value))}")
    return "\n".join(lines + ["---", ""])


def file_stem(day: str, title: str) -> str:
    """2025-03-12-标题前二十四个字: sortable by date, readable, safe in URLs and on every file system."""
    words = re.sub(r"[^\w]+", "-", title).strip("-")[:24].rstrip("-")
    return f"{day}-{words}" if words else day


def _write_new(path: Path, text: str) -> None:
    if path.exists():
        raise Refused(f"{path.name} 已存在，未覆盖。请换一个标题或日期，或直接编辑该文件。")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _check_entry(root: Path, src_uri: str, text: str, topics: tuple[str, ...]) -> None:
    _, problems = parse_entry(f"docs/{src_uri}", src_uri, text, topics)
    if problems:
        raise Refused("未创建文件，以下内容需要更正：\n" + "\n".join(str(p) for p in problems))


def _create_entry(root: Path, src_uri: str, fields: dict[str, object], body: str, topics: tuple[str, ...]) -> Path:
    text = front_matter(fields) + "\n" + body
    _check_entry(root, src_uri, text, topics)
    _write_new(root / "docs" / src_uri, text)
    return root / "docs" / src_uri


def _one_or_list(values: list[str]) -> str | list[str]:
    """A single name as text, several as a list: how the contract shows speaker and issuer."""
    return values if len(values) > 1 else values[0]


def new_speech(root: Path, args: argparse.Namespace, topics: tuple[str, ...]) -> Path:
    fields = {
        "type": "speech",
        "title": args.title,
        "speaker": _one_or_list(args.speaker),
        "date": args.date,
        "occasion": args.occasion,
        "genre": args.genre,
        "topics": args.topic,
    }
    body = "<!-- 在此粘贴讲话正文：按原文分段，小标题用 ## 开头；出处写在文件头的 sources 中。 -->\n"
    return _create_entry(root, f"speeches/{file_stem(args.date, args.title)}.md", fields, body, topics)


def new_notice(root: Path, args: argparse.Namespace, topics: tuple[str, ...]) -> Path:
    fields = {
        "type": "notice",
        "title": args.title,
        "doc_type": args.doc_type,
        "issuer": _one_or_list(args.issuer),
        "date": args.date,
        "classification": args.classification,
        "doc_number": args.doc_number,
        "topics": args.topic,
    }
    body = "<!-- 在此粘贴公文正文：不要照抄份号、密级、版头；附件名称写在文件头的 attachments 中。 -->\n"
    return _create_entry(
        root, f"notices/{file_stem(args.date, args.doc_number or args.title)}.md", fields, body, topics
    )


def new_pack(root: Path, args: argparse.Namespace) -> Path:
    """A study pack: its pages are checked against what exists in docs/ (sections and generated pages too)."""
    fields = {"type": "pack", "title": args.title, "subtitle": args.subtitle, "issuer": args.issuer, "date": args.date}
    lines = (
        front_matter(fields).rstrip("\n").split("\n")[:-1]
        + ["pages:"]
        + [f"  - {_scalar(page)}" for page in args.page]
        + ["---", ""]
    )
    text = "\n".join(lines) + f"\n# {args.title}\n\n<!-- 在此写一两句话，说明这个材料包的用途和发放对象。 -->\n"
    src_uri = f"packs/{file_stem(args.date or '', args.title).lstrip('-')}.md"
    pages = read_pages(root)
    report = check_pages([*pages, Page(f"docs/{src_uri}", src_uri, text)], topics_of(root), date.today())
    problems = [p for p in report.problems if p.path == f"docs/{src_uri}"]
    if problems:
        raise Refused("未创建文件，以下内容需要更正：\n" + "\n".join(str(p) for p in problems))
    _write_new(root / "docs" / src_uri, text)
    return root / "docs" / src_uri


def _measure_files(root: Path) -> dict[str, Path]:
    return {path.stem.upper(): path for path in sorted((root / "docs/measures").glob("*.md")) if path.stem != "index"}


def _items_block_end(lines: list[str]) -> int:
    """The index after the last line of the front matter's items list."""
    start = next(i for i, line in enumerate(lines) if line.startswith("items:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()) and lines[end] != "---":
        end += 1
    return end


def _check_plan(root: Path, replaced: Path, text: str) -> None:
    today, _ = reference_date(os.environ, date.today())
    files = [
        (f"docs/measures/{p.name}", f"measures/{p.name}", text if p == replaced else p.read_text(encoding="utf-8"))
        for p in _measure_files(root).values()
    ]
    problems_page = (root / "docs/report/problems.md").read_text(encoding="utf-8")
    _, problems = load_plan(files, problems_page, today)
    if problems:
        raise Refused("未修改文件，以下内容需要更正：\n" + "\n".join(str(p) for p in problems))


def new_item(root: Path, args: argparse.Namespace) -> Path:
    path = _measure_files(root).get(args.measure.upper())
    if path is None:
        raise Refused(f"没有措施 {args.measure}：可选 {'、'.join(_measure_files(root))}")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    numbers = [int(n) for n in re.findall(rf"^\s*- id: {args.measure.upper()}-(\d+)\s*$", text, re.MULTILINE)]
    item_id = f"{args.measure.upper()}-{max(numbers, default=0) + 1}"
    block = [f"  - id: {item_id}", f"    task: {_scalar(args.task)}", f"    owner: {_scalar(args.owner or TBD)}"]
    block += (
        [f"    kind: {ONGOING}", f"    review: {args.review or TBD}"]
        if args.ongoing
        else [f"    due: {args.due or TBD}"]
    )
    if not args.ongoing:
        block.append("    status: 未开始")
    end = _items_block_end(lines)
    updated = "\n".join(lines[:end] + block + lines[end:])
    _check_plan(root, path, updated)
    path.write_text(updated, encoding="utf-8")
    print(f"已在 {path.relative_to(root)} 中添加事项 {item_id}。")
    return path


def update_status(root: Path, args: argparse.Namespace) -> Path:
    measure = args.item_id.split("-")[0].upper()
    path = _measure_files(root).get(measure)
    if path is None:
        raise Refused(f"没有措施 {measure}：事项编号应形如 M2-1")
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(
        (i for i, line in enumerate(lines) if re.match(rf"^\s*- id: {re.escape(args.item_id)}\s*$", line)), None
    )
    if start is None:
        raise Refused(f"{path.relative_to(root)} 中没有事项 {args.item_id}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    ") and not lines[end].lstrip().startswith("- "):
        end += 1
    updates = {"status": args.status, "closed_on": args.closed_on, "evidence": args.evidence}
    block = [
        line
        for line in lines[start + 1 : end]
        if line.strip().split(":")[0] not in {k for k, v in updates.items() if v}
    ]
    for key, value in updates.items():
        if value:
            rendered = f"[{', '.join(_scalar(v) for v in value)}]" if isinstance(value, list) else _scalar(value)
            block.append(f"    {key}: {rendered}")
    updated = "\n".join(lines[: start + 1] + block + lines[end:])
    _check_plan(root, path, updated)
    path.write_text(updated, encoding="utf-8")
    print(f"已更新 {path.relative_to(root)} 中事项 {args.item_id} 的状态。")
    return path


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description="按规范新建页面或更新整改事项")
    top.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    kinds = top.add_subparsers(dest="kind")
    speech = kinds.add_parser("speech", help="讲话")
    speech.add_argument("--title", required=True, help="讲话标题")
    speech.add_argument("--speaker", required=True, action="append", help="讲话人（多人可重复此项）")
    speech.add_argument("--date", required=True, help="讲话日期，如 2025-03-12")
    speech.add_argument("--occasion", help="场合（不加书名号）")
    speech.add_argument("--genre", choices=GENRES, help="体裁")
    speech.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    notice = kinds.add_parser("notice", help="通报通知")
    notice.add_argument("--title", required=True, help="公文标题")
    notice.add_argument("--doc-type", required=True, choices=DOC_TYPES, help="文种")
    notice.add_argument("--issuer", required=True, action="append", help="发文机关（联合发文可重复，主办机关在前）")
    notice.add_argument("--date", required=True, help="成文日期，如 2025-03-12")
    notice.add_argument("--classification", required=True, choices=CLASSIFICATIONS, help="密级")
    notice.add_argument("--doc-number", help="发文字号，如 示发〔2025〕7号")
    notice.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    item = kinds.add_parser("item", help="给措施添加整改事项")
    item.add_argument("--measure", required=True, help="措施编号，如 M2")
    item.add_argument("--task", required=True, help="任务内容")
    item.add_argument("--owner", help="责任部门或岗位（不写人名）")
    item.add_argument("--due", help="完成时限，如 2025-06-30")
    item.add_argument("--ongoing", action="store_true", help="长期坚持的事项")
    item.add_argument("--review", choices=REVIEWS, help="长期坚持事项的检查频次")
    pack = kinds.add_parser("pack", help="学习材料包")
    pack.add_argument("--title", required=True, help="材料包标题")
    pack.add_argument(
        "--page",
        required=True,
        action="append",
        help="要打印的页面或栏目，如 report/index.md、measures/（可重复，按顺序）",
    )
    pack.add_argument("--subtitle", help="副标题")
    pack.add_argument("--issuer", help="印发机关")
    pack.add_argument("--date", help="印发日期，如 2025-07-01")
    status = kinds.add_parser("status", help="更新整改事项的状态")
    status.add_argument("item_id", help="事项编号，如 M2-1")
    status.add_argument("--status", required=True, choices=STATUSES, help="新状态")
    status.add_argument("--closed-on", help="销号日期（已完成时必填）")
    status.add_argument("--evidence", action="append", default=[], help="佐证材料的标题或文号（可重复）")
    return top


def ask(prompt: str, read: Callable[[str], str] = input) -> str:
    answer = read(prompt).strip()
    while not answer:
        answer = read("（必填）" + prompt).strip()
    return answer


def interactive_argv(read: Callable[[str], str] = input) -> list[str]:
    """The arguments for one addition, asked for one by one, for a clerk who runs `make new` with nothing."""
    kind = ask("要添加什么？ 1 讲话  2 通报通知  3 整改事项  4 更新事项状态  5 学习材料包 ：", read)
    kind = {"1": "speech", "2": "notice", "3": "item", "4": "status", "5": "pack"}.get(kind, kind)
    if kind == "speech":
        argv = ["speech", "--title", ask("讲话标题：", read), "--date", ask("日期（如 2025-03-12）：", read)]
        argv += [
            part for name in ask("讲话人（多人用、分隔）：", read).split("、") for part in ("--speaker", name.strip())
        ]
        return argv
    if kind == "notice":
        return [
            "notice",
            "--title", ask("公文标题：", read),
            "--doc-type", ask("文种（如 通报、通知）：", read),
            "--issuer", ask("发文机关：", read),
            "--date", ask("成文日期（如 2025-03-12）：", read),
            "--classification", ask("密级（非密、公开、内部）：", read),
        ]  # fmt: skip
    if kind == "pack":
        pages = ask("要打印的页面或栏目（用空格分隔，如 report/index.md measures/）：", read).split()
        return ["pack", "--title", ask("材料包标题：", read), *[part for page in pages for part in ("--page", page)]]
    if kind == "item":
        return [
            "item",
            "--measure",
            ask("措施编号（如 M2）：", read),
            "--task",
            ask("任务内容：", read),
            "--due",
            ask("完成时限（如 2025-06-30，未定写 待定）：", read),
        ]
    argv = [
        "status",
        ask("事项编号（如 M2-1）：", read),
        "--status",
        ask("新状态（未开始、正在整改、已完成、长期坚持）：", read),
    ]
    return argv + (["--closed-on", ask("销号日期（如 2025-06-30）：", read)] if argv[-1] == "已完成" else [])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not [a for a in argv if not a.startswith("--root")] and sys.stdin.isatty():
        argv = argv + interactive_argv()
    args = parser().parse_args(argv)
    root = args.root.resolve()
    if args.kind is None:
        parser().print_help()
        return 2
    try:
        if args.kind == "speech":
            path = new_speech(root, args, topics_of(root))
        elif args.kind == "notice":
            path = new_notice(root, args, topics_of(root))
        elif args.kind == "item":
            path = new_item(root, args)
        elif args.kind == "pack":
            path = new_pack(root, args)
        else:
            path = update_status(root, args)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    relative = path.relative_to(root).as_posix()
    if args.kind in ("speech", "notice", "pack"):
        print(f"已创建 {relative}")
        print(NEXT_STEPS.format(path=relative, message=f"添加{args.title}"))
    else:
        measure = path.stem.upper()
        print(NEXT_STEPS_EDIT.format(path=relative, message=f"更新{measure}整改事项"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
