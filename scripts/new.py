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

This module is the command: its arguments, its questions and what it prints. How one answer is checked is
scripts/new_answers.py's, and what is written into docs/ scripts/new_files.py's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from new_answers import (  # noqa: E402
    KINDS,
    Refused,
    _menu,
    a_classification,
    a_closing_date,
    a_date,
    a_date_or_tbd,
    a_doc_number,
    a_kind,
    a_names,
    a_occasion,
    a_past_date,
    a_text,
    a_topics,
    evidence_text,
    one_of,
)
from new_files import (  # noqa: E402
    Project,
    _item_ids,
    new_item,
    new_notice,
    new_pack,
    new_page,
    new_speech,
    update_status,
)
from studysite.core.fields import TITLES, format_date  # noqa: E402, F401  (format_date: new.format_date for the tests)
from studysite.core.kinds import ENTRY_KINDS, NOTICE, PACK, SPEECH, Kind, by_key  # noqa: E402
from studysite.core.kinds import KINDS as REGISTRY  # noqa: E402
from studysite.importer.gongwen import doc_type_of  # noqa: E402  (the 文种 a title ends with, as the importer reads it)
from studysite.model.entries import CLASSIFICATIONS, DOC_TYPES, GENRES  # noqa: E402
from studysite.model.measures import DONE, REVIEWS, STATUSES, TBD  # noqa: E402

ENTRY_KEYS = tuple(kind.key for kind in ENTRY_KINDS)
NEXT_STEPS = """下一步：
  1. 打开 {path}，按提示填写正文（<!-- --> 之间的说明不会显示在网站上，填好正文后删去）；
  2. 运行 make check，按提示修改，直到最后一行显示“可以构建”（排版问题可运行 make fix 自动修正）；
  3. git add "{path}" && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""
NEXT_STEPS_EDIT = """下一步：
  1. 运行 make check，确认最后一行显示“可以构建”；
  2. git add "{path}" && git commit -m "{message}"，推送后在内网 Git 服务器上发起合并请求，按模板逐项核对。"""


# --- arguments ----------------------------------------------------------------------------------------------


def parser() -> ChineseArgumentParser:
    top = ChineseArgumentParser(prog="python3 scripts/new.py", description="按规范新建页面或更新整改事项")
    top.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    kinds = top.add_subparsers(dest="kind", title="要添加什么", metavar="{" + ",".join(KINDS) + "}")
    kinds._parser_class = ChineseArgumentParser  # subcommands speak Chinese too
    speech = kinds.add_parser(SPEECH.key, help=SPEECH.label)
    speech.add_argument("--title", required=True, help="讲话标题")
    speech.add_argument("--speaker", required=True, action="append", help="讲话人（多人可重复此项，或用、分隔）")
    speech.add_argument("--date", required=True, help="讲话日期，如 2025-03-12")
    speech.add_argument("--occasion", help="场合（不加书名号）")
    speech.add_argument("--genre", help="体裁：" + "、".join(GENRES))
    speech.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    notice = kinds.add_parser(NOTICE.key, help=NOTICE.label)
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
    pack = kinds.add_parser(PACK.key, help=PACK.label)
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
    for kind in _plain_kinds():  # a kind the registry offers with nothing of its own to ask: a title, topics
        plain = kinds.add_parser(kind.key, help=kind.label)
        plain.add_argument("--title", required=True, help=kind.new.title_prompt.rstrip("：") if kind.new else "标题")
        if "topics" in kind.fields:
            plain.add_argument("--topic", action="append", default=[], help="专题（可重复）")
    return top


# The kinds whose pages this command writes with questions of their own; any other kind the registry offers
# in the menu is asked its title (and topics) only, and written with new_files.new_page.
_OWN_FORMS = {SPEECH.key: new_speech, NOTICE.key: new_notice, PACK.key: new_pack}


def _plain_kinds() -> tuple[Kind, ...]:
    return tuple(kind for kind in REGISTRY if kind.new and kind.key not in _OWN_FORMS)


def _title_prompt(kind: Kind) -> str:
    return kind.new.title_prompt if kind.new else "标题："


# What each kind's arguments must be, checked as the answers to `make new` are: (argument, attribute, check).
def _argument_checks(kind: str, project: Project, args) -> list[tuple[str, str, Callable[[str], object]]]:
    today = project.today
    checks: dict[str, list[tuple[str, str, Callable[[str], object]]]] = {
        SPEECH.key: [
            ("--title", "title", a_text),
            ("--date", "date", a_past_date(today)),
            ("--occasion", "occasion", a_occasion),
            ("--genre", "genre", one_of(GENRES, "体裁")),
        ],
        NOTICE.key: [
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
        PACK.key: [("--title", "title", a_text), ("--date", "date", a_date)],
        "status": [
            ("--status", "status", one_of(STATUSES, "状态")),
            ("--closed-on", "closed_on", a_closing_date(today)),
        ],
    }
    return checks.get(kind, [("--title", "title", a_text)])


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
    if people := {SPEECH.key: "speaker", NOTICE.key: "issuer"}.get(args.kind):
        setattr(
            args, people, [n for typed in getattr(args, people) for n in checked(f"--{people}", a_names, typed) or []]
        )
    if getattr(args, "topic", None):
        topics = a_topics(project.site.topics)
        args.topic = [t for typed in args.topic for t in checked("--topic", topics, typed) or []]
    if args.kind == NOTICE.key and args.doc_number:
        args.doc_number = checked("--doc-number", a_doc_number(args.doc_type, project.doc_numbers()), args.doc_number)
    day = getattr(args, "date", None)
    same = project.same_entry(args.kind, args.title, day) if args.kind in ENTRY_KEYS and day else None
    if same and args.title:
        wrong.append(f"参数 --title、--date：已收录同一标题和日期的资料 {same}，同一份资料不必再添加")
    if args.kind == "status":
        args.evidence = [evidence_text(e) for typed in args.evidence for e in TITLES.split(typed) if e.strip()]
    if args.kind == PACK.key:
        args.page = [checked("--page", project.page_named, page) for page in args.page]
    if args.kind == "item" and args.ongoing and args.due:
        wrong.append("参数 --due：长期坚持的事项不写完成时限，去掉 --due 或去掉 --ongoing")
    if wrong:
        raise Refused("未写入任何文件，以下参数需要更正：\n" + "\n".join(wrong))


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
    if kind == SPEECH.key:
        title = ask(_title_prompt(SPEECH))
        argv = [kind, "--title", title]
        argv += ["--date", ask("讲话日期（如 2025-03-12 或 2025年3月12日）：", not_yet_added(kind, title))]
        argv += [part for name in ask("讲话人（多人用、分隔）：", a_names) for part in ("--speaker", name)]
        if occasion := ask(f"场合，如 示例局理论学习中心组学习会{optional}：", a_occasion, optional=True):
            argv += ["--occasion", occasion]
        for topic in ask(f"专题（{'、'.join(topics)}，多个用、分隔）{optional}：", a_topics(topics), True) or []:
            argv += ["--topic", topic]
        return argv
    if kind == NOTICE.key:
        title = ask(_title_prompt(NOTICE))
        guess = doc_type_of(title)
        doc_type = (
            ask(
                f"文种（{_menu(DOC_TYPES)}）{f'，直接回车为 {guess}' if guess else ''}：",
                one_of(DOC_TYPES, "文种"),
                bool(guess),
            )
            or guess
        )
        argv = [kind, "--title", title, "--doc-type", doc_type]
        argv += [
            part for name in ask("发文机关（联合发文用、分隔，主办机关在前）：", a_names) for part in ("--issuer", name)
        ]
        argv += ["--date", ask("成文日期（如 2025-03-12 或 2025年3月12日）：", not_yet_added(kind, title))]
        argv += ["--classification", ask(f"密级（{_menu(CLASSIFICATIONS)}）：", a_classification)]
        numbers = project.doc_numbers()
        if number := ask(f"发文字号，如 示发〔2025〕7号{optional}：", a_doc_number(doc_type, numbers), True):
            argv += ["--doc-number", number]
        for topic in ask(f"专题（{'、'.join(topics)}，多个用、分隔）{optional}：", a_topics(topics), True) or []:
            argv += ["--topic", topic]
        return argv
    if kind == PACK.key:
        argv = [kind, "--title", ask(_title_prompt(PACK))]
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
    if plain := next((k for k in _plain_kinds() if k.key == kind), None):
        argv = [kind, "--title", ask(_title_prompt(plain))]
        if "topics" in plain.fields:
            for topic in ask(f"专题（{'、'.join(topics)}，多个用、分隔）{optional}：", a_topics(topics), True) or []:
                argv += ["--topic", topic]
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
        if args.kind in _OWN_FORMS:
            path = _OWN_FORMS[args.kind](project, args)
        elif args.kind in by_key():
            path = new_page(project, args, by_key()[args.kind])
        else:
            path = {"item": new_item}.get(args.kind, update_status)(project, args)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    relative = path.relative_to(project.root).as_posix()
    if args.kind in by_key():
        print(f"已创建 {relative}")
        print(NEXT_STEPS.format(path=relative, message=f"添加{args.title}"))
    else:
        print(NEXT_STEPS_EDIT.format(path=relative, message=f"更新{path.stem.upper()}整改事项"))
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
