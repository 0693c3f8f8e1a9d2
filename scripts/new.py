"""`make new`: add a page the right way — a speech, a notice, a study pack, a measure item or its new status.

    python3 scripts/new.py                       # asks for the type and each field, checking each answer
    python3 scripts/new.py speech --title … --speaker … --date 2025-03-12
    python3 scripts/new.py notice --title … --doc-type 通报 --issuer … --date … --classification 内部
    python3 scripts/new.py item --measure M2 --task … [--owner …] (--due 2025-06-30 | --ongoing --review 每季度)
    python3 scripts/new.py status M2-1 --status 已完成 --closed-on 2025-06-30 [--evidence …]
    python3 scripts/new.py pack --title … --page report/index.md --page measures/

Every answer is checked when it is given, with the build's own rules, and asked again with the reason; the
file is checked once more as a whole before it is written; nothing is overwritten. Dates may be typed as
2025-03-12, 2025年3月12日 or with full-width digits from an input method.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()

sys.path.insert(0, str(REPO / "hooks"))

from check import project_config, read_docs  # noqa: E402  (the files and settings the build uses)
from studysite import docnumber  # noqa: E402
from studysite.entries import CLASSIFICATIONS, DOC_TYPES, GENRES, SECRET_LEVELS  # noqa: E402
from studysite.fields import NAMES, TITLES, format_date, parse_iso_date  # noqa: E402
from studysite.gongwen import doc_type_of  # noqa: E402  (the 文种 a title ends with, as the importer reads it)
from studysite.lint import canonical_doc_number  # noqa: E402
from studysite.measures import DONE, ONGOING, REVIEWS, STATUSES, TBD, reference_date  # noqa: E402
from studysite.model import Site, load_site  # noqa: E402
from studysite.pages import is_measure_path  # noqa: E402
from studysite.sources import Source, encode  # noqa: E402
from studysite.writing import file_stem, front_matter, yaml_scalar  # noqa: E402

NEXT_STEPS = """下一步：
  1. 打开 {path}，按提示填写正文（<!-- --> 之间的说明不会显示在网站上，填好正文后删去）；
  2. 运行 make check，按提示修改，直到最后一行显示“可以构建”（排版问题可运行 make fix 自动修正）；
  3. git add "{path}" && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""
NEXT_STEPS_EDIT = """下一步：
  1. 运行 make check，确认最后一行显示“可以构建”；
  2. git add "{path}" && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""
SPEECH_BODY = "<!-- 在此粘贴讲话正文（替换这段说明）：按原文分段，小标题用 ## 开头；出处写在文件头的 sources 中。 -->\n"
NOTICE_BODY = (
    "<!-- 在此粘贴公文正文（替换这段说明）：不要照抄份号、密级、版头；附件名称写在文件头的 attachments 中。 -->\n"
)
PACK_BODY = "<!-- 在此写一两句话，说明这个材料包的用途和发放对象（替换这段说明）。 -->\n"
KINDS = {
    "speech": ("1", "讲话", ("讲话", "讲话稿")),
    "notice": ("2", "通报通知", ("通报通知", "通报", "通知", "公文")),
    "item": ("3", "整改事项", ("整改事项", "事项", "添加事项")),
    "status": ("4", "更新事项状态", ("更新事项状态", "更新状态", "状态", "更新")),
    "pack": ("5", "学习材料包", ("学习材料包", "材料包")),
}
_CHINESE_DATE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")


class Refused(argparse.ArgumentTypeError):
    """A reason, in Chinese, why an answer is not taken or nothing was written (argparse shows it as is)."""


# --- answers: each check returns the clean value, or raises Refused with the reason ----------------------


# Full-width digits, Latin letters, hyphen and space, as an input method types them, made plain; Chinese
# brackets and punctuation stay as they are (命令（令） is a 文种's own name).
_PLAIN = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0D]}
    | {"\u3000": " "}
)


def normalized(answer: str) -> str:
    """An answer as typed with an input method: full-width digits and letters made plain, ends trimmed."""
    return answer.translate(_PLAIN).strip()


def a_date(answer: str) -> str:
    """2025-03-12 from 2025-03-12, 2025-3-12, 2025年3月12日, 2025.3.12 or 2025/3/12."""
    text = normalized(answer)
    match = _CHINESE_DATE.match(text)
    if match:
        text = f"{int(match.group(1)):04d}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    day, reason = parse_iso_date(text)
    if day is None:
        raise Refused(f"应为日期，如 2025-03-12 或 2025年3月12日，实为 “{answer}”（{reason}）")
    return text


def a_date_or_tbd(answer: str) -> str:
    return TBD if normalized(answer) == TBD else a_date(answer)


def a_date_until(today: date, what: str = "日期") -> Callable[[str], str]:
    """A real day not after today: a 成文日期, a speech's day or a 销号日期 cannot lie ahead."""

    def check(answer: str) -> str:
        value = a_date(answer)
        if date.fromisoformat(value) > today:
            raise Refused(f"{what}不能晚于今天（{format_date(today)}），实为 “{answer}”")
        return value

    return check


def a_closing_date(today: date) -> Callable[[str], str]:
    return a_date_until(today, "销号日期")


def one_of(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    """A choice by its name or its number in the list (1 = the first; full-width digits too)."""

    def check(answer: str) -> str:
        text = normalized(answer)
        if text in choices or text.upper() in choices:  # m2 is M2
            return text if text in choices else text.upper()
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        listed = "  ".join(f"{n} {c}" for n, c in enumerate(choices, 1))
        raise Refused(f"{what}应为 {listed} 之一（可输入序号），实为 “{answer}”")

    return check


def a_kind(answer: str) -> str:
    text = normalized(answer)
    for kind, (number, _, names) in KINDS.items():
        if text in (number, kind, *names):
            return kind
    listed = "  ".join(f"{number} {label}" for number, label, _ in KINDS.values())
    raise Refused(f"应为 {listed} 之一（输入序号或名称），实为 “{answer}”")


_NOT_A_NAME = re.compile(r"^[\d\W_]+$|^\d{4}\s*[年./-]")


def a_names(answer: str) -> list[str]:
    names = [name for name in NAMES.split(normalized(answer)) if name]
    if not names:
        raise Refused("至少写一个名称")
    odd = [name for name in names if _NOT_A_NAME.match(name)]
    if odd:
        raise Refused(f"应为姓名或机关名称，多个用、分隔，实为 “{'、'.join(odd)}”")
    return names


def a_occasion(answer: str) -> str:
    text = answer.strip()
    if "《" in text or "》" in text:
        raise Refused(f"场合写会议名称，不加书名号，实为 “{text}”")
    if _NOT_A_NAME.match(normalized(text)):
        raise Refused(f"场合应为会议或活动的名称，如 示例局理论学习中心组学习会，实为 “{text}”")
    return text


def a_classification(answer: str) -> str:
    if normalized(answer).startswith(SECRET_LEVELS):
        raise Refused(f"密级应为 {_menu(CLASSIFICATIONS)} 之一，实为 “{answer}”：涉密文件不得收入本站，请不要添加")
    return one_of(CLASSIFICATIONS, "密级")(answer)


def a_past_date(today: date) -> Callable[[str], str]:
    return a_date_until(today)


def a_text(answer: str) -> str:
    text = answer.strip()
    if not text:
        raise Refused("不能为空")
    return text


def a_doc_number(doc_type: str | None, taken: dict[str, str] | None = None) -> Callable[[str], str]:
    """A 文号, made canonical; taken: the 文号 already in the compilation, by the file that holds it."""

    def check(answer: str) -> str:
        text = canonical_doc_number(normalized(answer).replace(" ", "")) or answer.strip()
        if taken and text in taken:
            raise Refused(
                f"文号 {text} 已收录在 {taken[text]}：同一份公文不必再添加（按 Ctrl-C 退出）；如不是，请核对文号"
            )
        if docnumber.is_valid(text, doc_type):
            return text
        reasons = "；".join(docnumber.faults(text)) or "格式不对"
        raise Refused(f"文号应为 {docnumber.expected_for(doc_type)}，如 示发〔2025〕7号，实为 “{answer}”（{reasons}）")

    return check


def a_topics(allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
    def check(answer: str) -> list[str]:
        topics = []
        for typed in a_names(answer):
            topic = one_of(allowed, "专题")(typed)
            topics.append(topic)
        return topics

    return check


# --- the project's files ----------------------------------------------------------------------------------


@dataclass
class Project:
    root: Path
    site: Site
    today: date

    @classmethod
    def load(cls, root: Path) -> Project:
        config = project_config(root)
        today, _ = reference_date(os.environ, date.today())
        sources, others = read_docs(config)
        return cls(root, load_site(sources, others, tuple(config.extra.get("topics", ())), today), today)

    def measure_files(self) -> dict[str, Source]:
        found = {}
        for source in self.site.sources:
            measure_id = source.data.get("id")
            if is_measure_path(source.src_uri) and isinstance(measure_id, str):
                found[measure_id.strip().upper()] = source
        return found

    def doc_numbers(self) -> dict[str, str]:
        return {n.doc_number: f"docs/{n.src_uri}" for n in self.site.catalogue.notices if n.doc_number}

    def same_entry(self, kind: str, title: str, day: str) -> str | None:
        """The file of an entry of that kind already holding that title and date, if any."""
        if not (title and day):
            return None
        entries = self.site.catalogue.speeches if kind == "speech" else self.site.catalogue.notices
        key = ("".join(title.split()), day)
        return next(
            (f"docs/{e.src_uri}" for e in entries if ("".join(e.title.split()), e.date.isoformat()) == key), None
        )

    def page_named(self, answer: str) -> str:
        """A page or section a pack may print, from its path (with or without docs/) or its title."""
        text = answer.strip().strip("\"'“”").removeprefix("docs/")
        pages = self.site.pages
        if text in pages or any(page.startswith(text.rstrip("/") + "/") for page in pages):
            return text
        by_title = [page for page in sorted(pages) if self.site.title(page) == text]
        if by_title:
            return by_title[0]
        raise Refused(
            f"没有这个页面或栏目：“{answer.strip()}”（写 docs/ 之后的路径，如 report/index.md、speeches/，或页面的标题）"
        )

    def problems_with(self, changed: Source, names: tuple[str, ...] = ()) -> list[str]:
        """The contract problems of the project with one file added or replaced, concerning that file."""
        sources = [s for s in self.site.sources if s.src_uri != changed.src_uri] + [changed]
        site = load_site(sources, self.site.files, self.site.topics, self.today)
        return [
            _without_path(p, changed.path)
            for p in site.problems
            if p.path == changed.path or changed.path in p.hint or any(name in p.field for name in names)
        ]


def _without_path(problem, path: str) -> str:
    """A problem of a file not yet written, named by its field only (the clerk has no such file to open)."""
    text = str(problem)
    return text.split(": ", 1)[1] if text.startswith(f"{path}:") else text


def _write_new(project: Project, src_uri: str, text: str, names: tuple[str, ...] = ()) -> Path:
    path = project.root / "docs" / src_uri
    if path.exists():
        same = "文号" if src_uri.startswith("notices/") and re.search(r"\d+号", src_uri) else "标题和日期"
        raise Refused(
            f"已有同名文件 docs/{src_uri}（{same}相同），未覆盖：如是同一份资料，直接编辑该文件；如不是，请核对{same}。"
        )
    problems = project.problems_with(Source(src_uri, text), names)
    if problems:
        raise Refused("未创建文件，以下内容需要更正：\n" + "\n".join(problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- what each kind writes --------------------------------------------------------------------------------


def new_speech(project: Project, args) -> Path:
    fields = {
        "type": "speech",
        "title": args.title,
        "speaker": args.speaker if len(args.speaker) > 1 else args.speaker[0],
        "date": args.date,
        "occasion": args.occasion,
        "genre": args.genre,
        "topics": args.topic,
    }
    text = front_matter(fields) + "\n" + SPEECH_BODY
    return _write_new(project, f"speeches/{file_stem(args.date, args.title)}.md", text)


def new_notice(project: Project, args) -> Path:
    fields = {
        "type": "notice",
        "title": args.title,
        "doc_type": args.doc_type,
        "issuer": args.issuer if len(args.issuer) > 1 else args.issuer[0],
        "date": args.date,
        "classification": args.classification,
        "doc_number": args.doc_number,
        "topics": args.topic,
    }
    text = front_matter(fields) + "\n" + NOTICE_BODY
    stem = file_stem(args.date, args.doc_number or args.title)
    return _write_new(project, f"notices/{stem}.md", text)


def new_pack(project: Project, args) -> Path:
    """A study pack: its pages are checked against what exists in docs/ (sections and generated pages too)."""
    fields = {"type": "pack", "title": args.title, "subtitle": args.subtitle, "issuer": args.issuer, "date": args.date}
    pages = [page.strip().removeprefix("docs/") for page in args.page]
    lines = front_matter(fields).rstrip("\n").split("\n")[:-1] + ["pages:"] + [f"  - {yaml_scalar(p)}" for p in pages]
    text = "\n".join(lines + ["---", ""]) + f"\n# {args.title}\n\n{PACK_BODY}"
    return _write_new(project, f"packs/{file_stem(args.date or '', args.title)}.md", text)


def _items_block_end(lines: list[str]) -> int:
    """The index after the last line of the front matter's items list."""
    start = next(i for i, line in enumerate(lines) if line.startswith("items:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()) and lines[end] != "---":
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    return end


def _rewrite(project: Project, source: Source, text: str, item_id: str) -> Path:
    changed = Source(source.src_uri, text, source.encoding, source.crlf)
    problems = project.problems_with(changed, (item_id,))
    if problems:
        raise Refused("未修改文件，以下内容需要更正：\n" + "\n".join(problems))
    path = project.root / source.path
    path.write_bytes(encode(source, text))
    return path


def _measure(project: Project, measure_id: str) -> Source:
    found = project.measure_files()
    source = found.get(normalized(measure_id).upper())
    if source is None:
        raise Refused(f"措施编号应为 {'、'.join(found)} 之一，实为 “{measure_id}”")
    return source


def _item_ids(source: Source) -> list[str]:
    items = source.data.get("items")
    return (
        [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]
        if isinstance(items, list)
        else []
    )


def new_item(project: Project, args) -> Path:
    source = _measure(project, args.measure)
    measure_id = normalized(args.measure).upper()
    numbers = [int(i.rsplit("-", 1)[1]) for i in _item_ids(source) if re.fullmatch(rf"{measure_id}-\d+", i)]
    item_id = f"{measure_id}-{max(numbers, default=0) + 1}"
    block = [
        f"  - id: {item_id}",
        f"    task: {yaml_scalar(args.task)}",
        f"    owner: {yaml_scalar(args.owner or TBD)}",
    ]
    if args.ongoing:
        block += [f"    kind: {ONGOING}", f"    review: {args.review or TBD}"]
    else:
        block += [f"    due: {args.due or TBD}", "    status: 未开始"]
    lines = source.text.split("\n")
    end = _items_block_end(lines)
    path = _rewrite(project, source, "\n".join(lines[:end] + block + lines[end:]), item_id)
    print(f"已在 {source.path} 中添加事项 {item_id}。")
    return path


def update_status(project: Project, args) -> Path:
    item_id = normalized(args.item_id).upper()
    source = _measure(project, item_id.split("-")[0])
    lines = source.text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(rf"^\s*- id: {re.escape(item_id)}\s*$", line)), None)
    if start is None:
        raise Refused(f"事项编号应为 {'、'.join(_item_ids(source))} 之一，实为 “{args.item_id}”")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    ") and not lines[end].lstrip().startswith("- "):
        end += 1
    updates = {"status": args.status, "closed_on": args.closed_on, "evidence": args.evidence}
    kept = [
        line
        for line in lines[start + 1 : end]
        if line.strip().split(":")[0] not in {k for k, v in updates.items() if v}
    ]
    for key, value in updates.items():
        if value:
            rendered = (
                f"[{', '.join(yaml_scalar(v, flow=True) for v in value)}]"
                if isinstance(value, list)
                else yaml_scalar(value)
            )
            kept.append(f"    {key}: {rendered}")
    path = _rewrite(project, source, "\n".join(lines[: start + 1] + kept + lines[end:]), item_id)
    print(f"已更新 {source.path} 中事项 {item_id} 的状态：{args.status}。")
    return path


# --- arguments ----------------------------------------------------------------------------------------------


def parser() -> ChineseArgumentParser:
    top = ChineseArgumentParser(prog="python3 scripts/new.py", description="按规范新建页面或更新整改事项")
    top.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    kinds = top.add_subparsers(dest="kind", title="要添加什么", metavar="{speech,notice,item,status,pack}")
    kinds._parser_class = ChineseArgumentParser  # subcommands speak Chinese too
    speech = kinds.add_parser("speech", help="讲话")
    speech.add_argument("--title", required=True, help="讲话标题")
    speech.add_argument("--speaker", required=True, action="append", help="讲话人（多人可重复此项，或用、分隔）")
    speech.add_argument("--date", required=True, help="讲话日期，如 2025-03-12")
    speech.add_argument("--occasion", help="场合（不加书名号）")
    speech.add_argument("--genre", help="体裁：" + "、".join(GENRES))
    speech.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    notice = kinds.add_parser("notice", help="通报通知")
    notice.add_argument("--title", required=True, help="公文标题")
    notice.add_argument("--doc-type", required=True, help="文种：" + "、".join(DOC_TYPES))
    notice.add_argument("--issuer", required=True, action="append", help="发文机关（联合发文可重复，主办机关在前）")
    notice.add_argument("--date", required=True, help="成文日期，如 2025-03-12")
    notice.add_argument(
        "--classification",
        required=True,
        help="密级：" + "、".join(CLASSIFICATIONS),
    )
    notice.add_argument("--doc-number", help="发文字号，如 示发〔2025〕7号")
    notice.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    item = kinds.add_parser("item", help="给措施添加整改事项")
    item.add_argument("--measure", required=True, help="措施编号，如 M2")
    item.add_argument("--task", required=True, help="任务内容")
    item.add_argument("--owner", help="责任部门或岗位（不写人名）；不写则为 待定")
    item.add_argument("--due", help="完成时限，如 2025-06-30，或 待定")
    item.add_argument("--ongoing", action="store_true", help="长期坚持的事项（不写完成时限）")
    item.add_argument("--review", help="长期坚持事项的检查频次：" + "、".join(REVIEWS))
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
    status.add_argument("--status", required=True, help="新状态：" + "、".join(STATUSES))
    status.add_argument("--closed-on", help="销号日期（已完成时必填）")
    status.add_argument("--evidence", action="append", default=[], help="佐证材料的标题或文号（可重复）")
    return top


# What each kind's arguments must be, checked as the answers to `make new` are: (argument, attribute, check).
def _argument_checks(kind: str, project: Project, args) -> list[tuple[str, str, Callable[[str], object]]]:
    today = project.today
    return {
        "speech": [
            ("--title", "title", a_text),
            ("--date", "date", a_past_date(today)),
            ("--occasion", "occasion", a_occasion),
            ("--genre", "genre", one_of(GENRES, "体裁")),
        ],
        "notice": [
            ("--title", "title", a_text),
            ("--doc-type", "doc_type", one_of(DOC_TYPES, "文种")),
            ("--date", "date", a_past_date(today)),
            ("--classification", "classification", a_classification),
        ],
        "item": [
            ("--task", "task", a_text),
            ("--due", "due", a_date_or_tbd),
            ("--review", "review", one_of(REVIEWS, "检查频次")),
        ],
        "pack": [("--title", "title", a_text), ("--date", "date", a_date)],
        "status": [
            ("--status", "status", one_of(STATUSES, "状态")),
            ("--closed-on", "closed_on", a_closing_date(today)),
        ],
    }[kind]


def _checked_args(args, project: Project) -> None:
    """Every argument checked as its answer would be, all of them before anything is written; the message
    names each argument that needs a change (one run shows every mistake)."""
    wrong: list[str] = []

    def checked(flag: str, check: Callable[[str], object], value: str):
        try:
            return check(value)
        except Refused as reason:
            wrong.append(f"参数 {flag}：{reason}")
            return None

    for flag, attribute, check in _argument_checks(args.kind, project, args):
        value = getattr(args, attribute)
        if value is not None:
            setattr(args, attribute, checked(flag, check, value))
    if args.kind in ("speech", "notice"):
        people = "speaker" if args.kind == "speech" else "issuer"
        setattr(
            args, people, [n for typed in getattr(args, people) for n in checked(f"--{people}", a_names, typed) or []]
        )
        topics = a_topics(project.site.topics)
        args.topic = [t for typed in args.topic for t in checked("--topic", topics, typed) or []]
    if args.kind == "notice" and args.doc_number:
        args.doc_number = checked("--doc-number", a_doc_number(args.doc_type, project.doc_numbers()), args.doc_number)
    same = project.same_entry(args.kind, args.title, args.date) if args.kind in ("speech", "notice") else None
    if same and args.title and args.date:
        wrong.append(f"参数 --title、--date：已收录同一标题和日期的资料 {same}，同一份资料不必再添加")
    if args.kind == "status":
        args.evidence = [evidence_text(e) for typed in args.evidence for e in TITLES.split(typed) if e.strip()]
    if args.kind == "pack":
        args.page = [checked("--page", project.page_named, page) for page in args.page]
    if args.kind == "item" and args.ongoing and args.due:
        wrong.append("参数 --due：长期坚持的事项不写完成时限，去掉 --due 或去掉 --ongoing")
    if wrong:
        raise Refused("未写入任何文件，以下参数需要更正：\n" + "\n".join(wrong))


def evidence_text(typed: str) -> str:
    """One 佐证材料 as typed, a 文号 among them put right (示组发[2025]3号 → 示组发〔2025〕3号)."""
    text = typed.strip()
    return canonical_doc_number(normalized(text).replace(" ", "")) or text


# --- asking -----------------------------------------------------------------------------------------------


class Asker:
    """Asks one question at a time; a wrong answer is asked again with the reason, the others are kept."""

    def __init__(self, read: Callable[[str], str] = input, say: Callable[[str], None] = print) -> None:
        self.read, self.say = read, say

    def __call__(self, prompt: str, check: Callable[[str], object] = a_text, optional: bool = False):
        while True:
            answer = self.read(prompt).strip()
            if not answer:
                if optional:
                    return None
                self.say("  这一项必须填写。")
                continue
            try:
                return check(answer)
            except Refused as reason:
                self.say(f"  {reason}，请重新输入。")


def _menu(choices: tuple[str, ...]) -> str:
    return "  ".join(f"{n} {c}" for n, c in enumerate(choices, 1))


def interactive_argv(
    project: Project, read: Callable[[str], str] = input, say: Callable[[str], None] = print
) -> list[str]:
    """The arguments for one addition, asked for one by one, for a clerk who runs `make new` with nothing."""
    ask = Asker(read, say)

    def not_yet_added(kind: str, title: str) -> Callable[[str], str]:
        """The date of a document not yet in the compilation (same title and date: the same document)."""

        def check(answer: str) -> str:
            day = a_past_date(project.today)(answer)
            if same := project.same_entry(kind, title, day):
                raise Refused(
                    f"同一标题、同一日期的资料已收录在 {same}：不必再添加（按 Ctrl-C 退出）；如不是同一份，请核对日期"
                )
            return day

        return check

    say("新建页面或更新整改事项。每一项回答后按回车；标“可不填”的直接回车跳过；按 Ctrl-C 随时退出，不写入任何文件。")
    kind = ask(f"要添加什么？ {_menu(tuple(label for _, label, _ in KINDS.values()))} ：", a_kind)
    optional = "（可不填）"
    topics = project.site.topics
    if kind == "speech":
        title = ask("讲话标题：")
        argv = ["speech", "--title", title]
        argv += ["--date", ask("讲话日期（如 2025-03-12 或 2025年3月12日）：", not_yet_added("speech", title))]
        argv += [part for name in ask("讲话人（多人用、分隔）：", a_names) for part in ("--speaker", name)]
        if occasion := ask(f"场合，如 示例局理论学习中心组学习会{optional}：", a_occasion, optional=True):
            argv += ["--occasion", occasion]
        for topic in ask(f"专题（{'、'.join(topics)}，多个用、分隔）{optional}：", a_topics(topics), True) or []:
            argv += ["--topic", topic]
        return argv
    if kind == "notice":
        title = ask("公文标题（如 关于……的通报）：")
        guess = doc_type_of(title)
        doc_type = (
            ask(
                f"文种（{_menu(DOC_TYPES)}）{f'，直接回车为 {guess}' if guess else ''}：",
                one_of(DOC_TYPES, "文种"),
                bool(guess),
            )
            or guess
        )
        argv = ["notice", "--title", title, "--doc-type", doc_type]
        argv += [
            part for name in ask("发文机关（联合发文用、分隔，主办机关在前）：", a_names) for part in ("--issuer", name)
        ]
        argv += ["--date", ask("成文日期（如 2025-03-12 或 2025年3月12日）：", not_yet_added("notice", title))]
        argv += ["--classification", ask(f"密级（{_menu(CLASSIFICATIONS)}）：", a_classification)]
        numbers = project.doc_numbers()
        if number := ask(f"发文字号，如 示发〔2025〕7号{optional}：", a_doc_number(doc_type, numbers), True):
            argv += ["--doc-number", number]
        for topic in ask(f"专题（{'、'.join(topics)}，多个用、分隔）{optional}：", a_topics(topics), True) or []:
            argv += ["--topic", topic]
        return argv
    if kind == "pack":
        argv = ["pack", "--title", ask("材料包标题：")]
        say(
            "要打印的页面或栏目，按顺序一次输入一个：写 docs/ 之后的路径（如 report/index.md、speeches/）或页面的标题。"
        )
        listed = [ask("第1个页面或栏目：", project.page_named)]
        while page := ask(f"第{len(listed) + 1}个页面或栏目（没有了就直接回车）：", project.page_named, optional=True):
            listed.append(page)
        argv += [part for page in listed for part in ("--page", page)]
        for flag, prompt, check in (
            ("--subtitle", f"副标题{optional}：", a_text),
            ("--issuer", f"印发机关，如 局党委{optional}：", a_text),
            ("--date", f"印发日期（如 2025-07-01）{optional}：", a_date),
        ):
            if value := ask(prompt, check, True):
                argv += [flag, value]
        return argv
    measures = tuple(project.measure_files())
    if kind == "item":
        measure = ask(f"措施编号（{'、'.join(measures)}）：", one_of(measures, "措施编号"))
        argv = ["item", "--measure", measure, "--task", ask("任务内容（报告原文的说法）：")]
        if owner := ask(f"责任部门或岗位，不写人名，如 办公室（不填则为 {TBD}）：", optional=True):
            argv += ["--owner", owner]
        if ask("这是长期坚持的事项吗？ 1 是  2 否 ：", one_of(("是", "否"), "回答")) == "是":
            review = ask(f"检查频次（{_menu(REVIEWS)}）：", one_of(REVIEWS, "检查频次"))
            return argv + ["--ongoing", "--review", review]
        return argv + ["--due", ask(f"完成时限（如 2025-06-30，未定写 {TBD}）：", a_date_or_tbd)]
    ids = [item_id for source in project.measure_files().values() for item_id in _item_ids(source)]
    item_id = ask("事项编号（如 M2-1）：", one_of(tuple(ids), "事项编号") if ids else a_text)
    status = ask(f"新状态（{_menu(STATUSES)}）：", one_of(STATUSES, "状态"))
    argv = ["status", item_id, "--status", status]
    if status == DONE:
        argv += ["--closed-on", ask("销号日期（如 2025-06-30）：", a_closing_date(project.today))]
    if evidence := ask(f"佐证材料的标题或文号，多项用；分隔{optional}：", optional=True):
        argv += [part for e in TITLES.split(evidence) if e.strip() for part in ("--evidence", evidence_text(e))]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root_args = argv[:2] if argv[:1] == ["--root"] else []
    root = Path(root_args[1]).resolve() if root_args else REPO
    if len(argv) == len(root_args):
        if not sys.stdin.isatty():
            parser().print_help()
            return 2
        argv = argv + interactive_argv(Project.load(root))
    args = parser().parse_args(argv)
    project = Project.load(args.root.resolve())
    try:
        _checked_args(args, project)
        path = {"speech": new_speech, "notice": new_notice, "item": new_item, "pack": new_pack}.get(
            args.kind, update_status
        )(project, args)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    relative = path.relative_to(project.root).as_posix()
    if args.kind in ("speech", "notice", "pack"):
        print(f"已创建 {relative}")
        print(NEXT_STEPS.format(path=relative, message=f"添加{args.title}"))
    else:
        print(NEXT_STEPS_EDIT.format(path=relative, message=f"更新{path.stem.upper()}整改事项"))
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
