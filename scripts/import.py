"""`make import SRC=…`: the Word, WPS and PDF files clerks already have, as entries of the compilation.

    python3 scripts/import.py 文件或文件夹 …                # every .docx, .pdf, .doc, .wps, .odt in them
    python3 scripts/import.py 讲话.docx --kind speech      # when the file alone does not say which it is
    python3 scripts/import.py 公文/ --dry-run               # say what would be written, write nothing

Each file becomes docs/speeches/… or docs/notices/…, named as `make new` names them, its front matter filled
from the 公文 elements it carries and its body in Markdown (studysite.importer.gongwen). It is checked with the build's
own rules before it is written; nothing is overwritten, a document already in the site (same 文号, or same
title and date) is skipped, and a classified document is refused. One line per file says what was written,
what was recognised and what a person must still do; the exit code is 1 when any file could not be imported.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, log_exception, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from check import fixed_text, load  # noqa: E402  (the build's own state, and make fix's fixer)
from importargs import KIND_REFUSED, doc_type_named, kind_named, proc_version, suggested_source  # noqa: E402
from studysite.core.kinds import ENTRY_FOLDERS, Kind, by_key  # noqa: E402
from studysite.core.pages import NOTICE_DIR  # noqa: E402
from studysite.core.sources import Source  # noqa: E402
from studysite.core.writing import file_stem, front_matter  # noqa: E402
from studysite.importer.document import Block  # noqa: E402
from studysite.importer.gongwen import NOTICE, SPEECH, Recognised, Refused, recognise  # noqa: E402
from studysite.importer.internal import INTERNAL, take_internal_mark  # noqa: E402
from studysite.importer.markdownbody import body_markdown  # noqa: E402
from studysite.importer.officefiles import LEGACY, OFD, READABLE, Unreadable, read  # noqa: E402
from studysite.importer.personal import Removed, clean_body, clean_fields, said  # noqa: E402
from studysite.model.entries import LABELS  # noqa: E402
from studysite.model.measures import reference_date  # noqa: E402
from studysite.model.site import load_site  # noqa: E402
from studysite.rules import lint  # noqa: E402
from studysite.rules.checks import check_site  # noqa: E402

CLASSIFICATION_COMMENT = "密级待定：请对照原件填写 非密、公开 或 内部（涉密文件不得收入本站）"
UNREAD_COMMENT = "导入时未能读出：请对照原件填写；原件上没有这一项的，删去这一行"
KIND_NAMES = {SPEECH: "讲话", NOTICE: "公文"}
FOLDERS = {kind: by_key()[kind].folder for kind in (SPEECH, NOTICE)}
NEXT_STEPS = (
    "下一步：逐个打开新文件，{classification}补齐“需人工”的各项，"
    "运行 make check 直到最后一行显示“可以构建”，再提交合并请求。"
)


@dataclass
class Tally:
    created: int = 0
    notices: int = 0  # of the created: 公文 whose 密级 a person decides (no 内部 mark on the 版头)
    skipped: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)


@dataclass(frozen=True)
class Said:
    """What the import's line tells the clerk besides the fields it read."""

    internal: str  # the 内部 mark as printed on the 版头 ("" when none)
    removed: tuple[Removed, ...]  # personal numbers taken out, and where
    unaccepted: tuple[str, ...]  # 修订, 批注 still in the Word file
    speech: bool = False  # a speech has no 密级 field: its 内部 mark stays in its text

    def parts(self) -> list[str]:
        parts = []
        if self.internal and self.speech:
            parts.append(f"版头标有“{self.internal}”：已写在正文开头，页面显示内部资料提示条")
        elif self.internal:
            parts.append(f"密级：内部（版头标有“{self.internal}”）")
        if self.removed:
            parts.append(said(list(self.removed)))
        if self.unaccepted:
            parts.append(f"原文件有未接受的{' / '.join(self.unaccepted)}，请确认是定稿")
        return parts


@dataclass
class Entry:
    """One imported file, ready to write: the entry's Markdown and its images, beside it in a folder."""

    src_uri: str
    text: str
    images: tuple[tuple[str, bytes], ...]
    recognised: Recognised
    said: Said

    @property
    def image_folder(self) -> str:
        return self.src_uri.removesuffix(".md")


class Importer:
    def __init__(self, root: Path, kind: str | None, dry_run: bool, doc_type: str | None = None) -> None:
        self.root, self.kind, self.dry_run = root, kind, dry_run
        self.doc_type = doc_type  # the 文种 named after KIND= (通报), for a 公文 whose title does not say it
        site = load(root).site
        self.topics = site.topics
        self.today, _ = reference_date(os.environ, date.today())
        self.numbers: dict[str, tuple[str, str]] = {}  # 文号 → the entry that has it, and its title
        self.documents: dict[tuple[str, str, str], str] = {}  # (folder, title, date) → the entry
        for source in site.sources:
            self._remember(source.src_uri, source.data)
        self._profile: tempfile.TemporaryDirectory | None = None

    def _remember(self, src_uri: str, data: dict) -> None:
        folder = src_uri.split("/", 1)[0] + "/"
        number, title, day = data.get("doc_number"), data.get("title"), data.get("date")
        if folder == NOTICE_DIR and isinstance(number, str) and number.strip():
            self.numbers.setdefault(number.strip(), (f"docs/{src_uri}", _bare(title)))
        if folder in ENTRY_FOLDERS and isinstance(title, str) and isinstance(day, str):
            self.documents.setdefault((folder, "".join(title.split()), day.strip()), f"docs/{src_uri}")

    def profile(self) -> Path:
        """One LibreOffice profile for the run: it is made once (seconds), not for every .doc."""
        if self._profile is None:
            self._profile = tempfile.TemporaryDirectory(prefix="studysite-soffice-")
        return Path(self._profile.name)

    def close(self) -> None:
        if self._profile is not None:
            self._profile.cleanup()

    # --- one file --------------------------------------------------------------------------------------

    def entry(self, path: Path) -> Entry:
        """The entry a file makes, checked; Unreadable or Refused when there is none."""
        document = read(path, self.profile() if path.suffix.lower() in LEGACY else None)
        document, internal = take_internal_mark(document)
        recognised = recognise(document, self.kind)
        recognised, removed = _without_personal(recognised)
        notice = recognised.kind == NOTICE
        if notice and self.doc_type and not recognised.fields.get("doc_type"):
            recognised = replace(recognised, fields={**recognised.fields, "doc_type": self.doc_type})
        if internal and notice:
            recognised = replace(recognised, fields={**recognised.fields, "classification": INTERNAL})
        elif internal:  # a speech has no level of its own: the mark in its text gives its page the banner
            recognised = replace(recognised, body=(Block(text=internal), *recognised.body))
        kind = by_key()[recognised.kind]
        unread = _left_for_a_person(recognised, kind)
        # In the contract's order; what could not be read written empty with a comment, for a person to fill in.
        fields = {
            key: recognised.fields.get(key)
            for key in kind.fields
            if key in recognised.fields or key in unread or (notice and key == "classification")
        }
        comments = {key: UNREAD_COMMENT for key in unread}
        if notice and "classification" not in recognised.fields:
            comments["classification"] = CLASSIFICATION_COMMENT
        day = str(fields.get("date") or "")
        number = str(fields.get("doc_number") or "") if notice else ""
        # Named by its 文号 when it has an issuer's one; a 令号 or 期号 alone (第3号) says less than the title.
        clash = self.number_clash(recognised)
        name = number if "〔" in number and not clash else str(fields.get("title") or "")
        stem = file_stem(day, name) or file_stem(day, path.stem) or "导入"
        src_uri = f"{FOLDERS[recognised.kind]}{stem}.md"
        shown_images = {block.image for block in recognised.body if block.image}
        body = body_markdown(recognised.body, stem)
        text = front_matter(fields, comments) + "\n" + body
        text = fixed_text(Source(src_uri, text))
        images = tuple((n, data) for n, data in document.images if n in shown_images)
        said = Said(internal, tuple(removed), document.unaccepted, not notice)
        return Entry(src_uri, text, images, recognised, said)

    def duplicate_of(self, entry: Entry) -> str | None:
        fields = entry.recognised.fields
        number = fields.get("doc_number")
        if isinstance(number, str) and number in self.numbers and not self.number_clash(entry.recognised):
            return f"与 {self.numbers[number][0]} 文号相同（{number}），是同一份公文"
        key = (
            FOLDERS[entry.recognised.kind],
            "".join(str(fields.get("title", "")).split()),
            str(fields.get("date", "")),
        )
        if fields.get("date") and key in self.documents:
            return f"与 {self.documents[key]} 标题和日期相同，是同一份资料"
        if (self.root / "docs" / entry.src_uri).exists() or (self.root / "docs" / entry.image_folder).exists():
            return f"已有同名文件 docs/{entry.src_uri}，未覆盖"
        return None

    def number_clash(self, recognised: Recognised) -> str:
        """The entry already in the site with this 文号 but another title: not the same document (one of the two
        文号 is misread or mistyped), said in the import's line rather than skipped (and named by its title)."""
        number = recognised.fields.get("doc_number")
        if not isinstance(number, str) or number not in self.numbers:
            return ""
        where, title = self.numbers[number]
        mine = _bare(recognised.fields.get("title"))
        if not (title and mine) or title == mine:
            return ""
        return f"与 {where} 文号相同（{number}）但标题不同，不是同一份公文：请对照原件核对文号"

    def needs(self, entry: Entry) -> tuple[list[str], list[str]]:
        """What a person must still do (the build's own rules on the new file), and the 提示 it gets."""
        files = [f"{entry.image_folder}/{name}" for name, _ in entry.images]
        site = load_site([Source(entry.src_uri, entry.text)], files, self.topics, self.today)
        report = check_site(site, {}, None, None)
        needs = [f"{p.field}（第{p.line}行）" for p in report.problems]
        needs += [f"{f.rule}（第{f.line}行）" for f in report.findings if f.level == lint.ERROR]
        needs += [f"排版（第{f.line}行）" for f in report.typography]
        needs += list(entry.recognised.doubts)
        hints = [f"{f.rule}（第{f.line}行）" for f in report.findings if f.level == lint.NOTICE]
        return list(dict.fromkeys(needs)), list(dict.fromkeys(hints))

    def write(self, entry: Entry) -> None:
        target = self.root / "docs" / entry.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.images:
            folder = self.root / "docs" / entry.image_folder
            folder.mkdir()
            for name, data in entry.images:
                (folder / name).write_bytes(data)
        with target.open("x", encoding="utf-8", newline="\n") as out:  # x: never overwrite
            out.write(entry.text)

    def read(self, path: Path, shown: str) -> Entry | str:
        """The entry a file makes, or the line that says why it makes none."""
        try:
            return self.entry(path)
        except (Unreadable, Refused) as reason:
            return f"未导入 {shown}：{reason}"
        except Exception as error:  # noqa: BLE001 - one file nobody foresaw must not stop the others
            log = log_exception(error)
            shown_log = log.relative_to(REPO) if log.is_relative_to(REPO) else log
            return (
                f"未导入 {shown}：程序无法处理此文件（不是您的操作问题；详细信息已写入 {shown_log}，"
                "请把该文件和日志发给网站维护人员），可先用 WPS/Word 另存为 .docx 再试"
            )

    def one(self, path: Path, shown: str, tally: Tally, kept_over: str = "") -> None:
        self.add(self.read(path, shown), shown, tally, kept_over)

    def add(self, entry: Entry | str, shown: str, tally: Tally, kept_over: str = "") -> None:
        """Write one file's entry (unless it is already in the site) and say so; kept_over names the other
        readings of the same document in this run that it was kept over, and why."""
        if isinstance(entry, str):
            tally.failed += 1
            tally.say(entry)
            return
        duplicate = self.duplicate_of(entry)
        if duplicate:
            tally.skipped += 1
            tally.say(f"已跳过 {shown}：{duplicate}")
            return
        needs, hints = self.needs(entry)
        if not self.dry_run:
            self.write(entry)
        tally.created += 1
        tally.notices += entry.recognised.kind == NOTICE and "classification" not in entry.recognised.fields
        self._remember(entry.src_uri, _front(entry))
        recognised = entry.recognised
        parts = [KIND_NAMES[recognised.kind], "识别：" + ("、".join(recognised.found) or "无")]
        parts.append(_body_summary(recognised, len(entry.images)))
        parts += entry.said.parts()
        parts.append("需人工：" + "、".join(needs) if needs else "无需人工补充")
        if hints:
            parts.append("提示：" + "、".join(hints))
        if kept_over:
            parts.append(kept_over)
        if clash := self.number_clash(recognised):
            parts.append(clash)
        verb = "将导入" if self.dry_run else "已导入"
        tally.say(f"{verb} {shown} → docs/{entry.src_uri}（{'；'.join(parts)}）")


def _without_personal(recognised: Recognised) -> tuple[Recognised, list[Removed]]:
    """The recognised entry with every personal number taken out of its fields and body, and what went where."""
    fields, from_fields = clean_fields(recognised.fields, LABELS)
    body, from_body = clean_body(recognised.body)
    return replace(recognised, fields=fields, body=body), from_fields + from_body


def _left_for_a_person(recognised: Recognised, kind: Kind) -> list[str]:
    """The fields written empty for a person: required ones not read (a notice's 密级 has its own comment), and
    the ones the recognition saw but doubted (its doubts start with the field's Chinese name)."""
    unread = [key for key in kind.required if key not in recognised.fields and key != "classification"]
    doubted = [
        key
        for key, label in kind.fields.items()
        if key not in recognised.fields and any(doubt.startswith(label) for doubt in recognised.doubts)
    ]
    return [key for key in kind.fields if key in unread or key in doubted]


def _front(entry: Entry) -> dict:
    return {key: value for key, value in entry.recognised.fields.items() if isinstance(value, str)}


def _body_summary(recognised: Recognised, images: int) -> str:
    body = recognised.body
    counts = [
        ("段", sum(1 for b in body if b.is_text)),
        ("个表格", sum(1 for b in body if b.rows)),
        ("张图片", images),
        ("条脚注", sum(len(b.notes) for b in body)),
    ]
    return "正文" + "、".join(f"{n}{unit}" for unit, n in counts if n)


# --- the same document twice in one run ------------------------------------------------------------------


def _bare(title: object) -> str:
    """A title compared with another: spaces aside."""
    return "".join(str(title).split()) if isinstance(title, str) else ""


def _same(one: Recognised, other: Recognised) -> bool:
    """Two readings of one document: the same 文号 (unless the titles differ), or the same title and date
    (spaces aside); files of the same name beside each other are taken as one document too (same_documents)."""
    a, b = one.fields, other.fields
    if one.kind != other.kind:
        return False
    if a.get("doc_number") and a.get("doc_number") == b.get("doc_number"):
        titles = _bare(a.get("title")), _bare(b.get("title"))
        return not all(titles) or titles[0] == titles[1]
    title = "".join(str(a.get("title", "")).split())
    return bool(title and a.get("date")) and (title, a.get("date")) == (
        "".join(str(b.get("title", "")).split()),
        b.get("date"),
    )


def same_documents(read: list[tuple[str, Entry | str | None]]) -> dict[int, tuple[int, str]]:
    """For each file that is one of several readings of the same document in this run: the one kept (the
    reading with the most parts recognised, the first of equals) and the sentence that says so."""
    entries = {k: e for k, (_, e) in enumerate(read) if isinstance(e, Entry)}
    stems = {k: os.path.splitext(read[k][0])[0] for k in entries}  # 示例通报.docx and 示例通报.pdf side by side

    def same(k: int, j: int) -> bool:
        kinds = entries[k].recognised.kind == entries[j].recognised.kind
        return _same(entries[k].recognised, entries[j].recognised) or (kinds and stems[k] == stems[j])

    groups: list[list[int]] = []
    for k in entries:
        group = next((g for g in groups if any(same(k, j) for j in g)), None)
        if group is None:
            groups.append([k])
        else:
            group.append(k)
    out: dict[int, tuple[int, str]] = {}
    for group in (g for g in groups if len(g) > 1):
        found = {k: len(entries[k].recognised.found) for k in group}
        winner = max(group, key=lambda k: (found[k], -k))
        others = [k for k in group if k != winner]
        more = all(found[k] < found[winner] for k in others)
        why = f"识别项最多（{found[winner]}项）" if more else f"识别项一样多（{found[winner]}项），取先列出的一件"
        listed = "、".join(f"{read[k][0]}（识别{found[k]}项）" for k in others)
        out[winner] = (winner, f"同一份文件另有 {listed}，保留本件：{why}")
        for k in others:
            out[k] = (winner, f"与 {read[winner][0]} 是同一份文件，保留该件：{why}，本件识别{found[k]}项")
    return out


# --- the files named ------------------------------------------------------------------------------------


def files_in(paths: list[Path]) -> list[tuple[Path, str, bool]]:
    """Each file to import, how to name it in messages, and whether it was named itself (not found in a folder)."""
    found = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).as_posix()):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith((".", "~$")) for part in relative.parts):
                    found.append(
                        (child, (path / relative).as_posix() if str(path) != "." else relative.as_posix(), False)
                    )
        else:
            found.append((path, path.as_posix(), True))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python3 scripts/import.py",
        description="把 Word、WPS、PDF 格式的讲话和公文导入为学习资料汇编的条目（不覆盖已有文件）",
    )
    parser.usage_on_error = False
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="文件或文件夹", help=".docx、.pdf、.doc、.wps、.odt 文件或其所在文件夹"
    )
    parser.add_argument(
        "--kind", metavar="类型", help="全部按讲话（讲话、speech）或公文（公文、通报、通知、notice）导入，不自动判断"
    )
    parser.add_argument("--dry-run", action="store_true", help="只显示将导入什么，不写入任何文件")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    kind = kind_named(args.kind) if args.kind is not None else None
    if args.kind is not None and kind is None:
        print(KIND_REFUSED.format(args.kind), file=sys.stderr)
        return 2
    if not args.paths:
        folder, note = suggested_source(Path.home(), proc_version())
        print(
            f'请指定要导入的文件或文件夹，例如：make import SRC="{folder}/示例通报.docx"（只导入一个文件）'
            f'或 make import SRC="{folder}"（导入该文件夹中的全部文件）；{note}',
            file=sys.stderr,
        )
        return 2
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"未找到 {path}：请检查路径（含空格的路径请加英文引号）", file=sys.stderr)
        return 1
    doc_type = doc_type_named(args.kind) if args.kind is not None else None
    importer = Importer(args.root.resolve(), kind, args.dry_run, doc_type)
    tally = Tally()
    try:
        read: list[tuple[str, Entry | str | None]] = []
        for path, shown, named in files_in(args.paths):
            suffix = path.suffix.lower()
            readable = suffix in READABLE or suffix == OFD or named
            read.append((shown, importer.read(path, shown) if readable else None))
        kept = same_documents(read)
        for k, (shown, entry) in enumerate(read):
            if entry is None:
                tally.skipped += 1
                tally.say(f"已跳过 {shown}：不是可导入的文件类型（可导入 .docx、.pdf、.doc、.wps、.odt）")
            elif k in kept:
                winner, why = kept[k]
                if winner == k:
                    importer.add(entry, shown, tally, why)
                else:
                    tally.skipped += 1
                    tally.say(f"已跳过 {shown}：{why}")
            else:
                importer.add(entry, shown, tally)
    finally:
        importer.close()
    verb = "将导入" if args.dry_run else "导入"
    print(
        f"共 {tally.created + tally.skipped + tally.failed} 个文件：{verb} {tally.created} 个，跳过 {tally.skipped} 个，未导入 {tally.failed} 个。"
    )
    if tally.created and not args.dry_run:
        print(
            NEXT_STEPS.format(classification="公文对照原件核定密级（填写 classification）、" if tally.notices else "")
        )
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(run(main))
