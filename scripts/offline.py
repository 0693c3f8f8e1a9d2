"""`make offline` and `make offline INTERNAL=1`: the site as one zip for readers without the intranet.

    python scripts/offline.py                  # dist/学习资料站-离线版-2025-03-12.zip: 非密/公开 material only
    python scripts/offline.py --internal 1     # also 内部 material, and every page says 内部资料 注意保存

The zip unpacks to one folder whose index.html opens from the file system (no server): pages are built without
directory URLs, files only a server needs are left out (studysite.build.edition), and the folder is checked like a
publish before it is packed; without 内部 material it must hold no file of docs/ its pages do not reach
(studysite.build.shipped). Its date is that of the newest commit that changed what the site is built from,
not the day of the build, and the zip is written member by member with that date: the same sources give the
same bytes (SOURCE_DATE_EPOCH, if set, gives the date instead). 逾期 is reckoned on that date too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from publish import build_and_check  # noqa: E402
from studysite.build.edition import DATE_VARIABLE, INTERNAL_VARIABLE, OFFLINE_VARIABLE, Edition  # noqa: E402
from studysite.build.shipped import unshipped_problems  # noqa: E402
from studysite.core.sources import INTERNAL_LABEL  # noqa: E402
from studysite.model.history import CHINA  # noqa: E402
from studysite.model.measures import TODAY_VARIABLE  # noqa: E402

SITE_NAME = "学习资料站"
# What the site is built from: a change to any of these changes the edition.
SOURCES = ("docs", "mkdocs.yml", "hooks", "overrides")


class NoDate(Exception):
    pass


def source_date(root: Path, environ: dict[str, str]) -> date:
    """The day (China time) of the newest commit that changed the site's sources, or of SOURCE_DATE_EPOCH."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *SOURCES], capture_output=True, text=True
        )
        epoch = result.stdout.strip() if result.returncode == 0 else ""
        if not epoch:
            raise NoDate(
                f"无法确定资料日期：{root} 不是 git 仓库或没有提交记录（可设置环境变量 SOURCE_DATE_EPOCH 指定日期）"
            )
    if not epoch.isdigit():
        raise NoDate(f"环境变量 SOURCE_DATE_EPOCH 应为秒数（如 1741737600），实为 “{epoch}”")
    return datetime.fromtimestamp(int(epoch), UTC).astimezone(CHINA).date()


def uncommitted(root: Path) -> list[str]:
    result = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", *SOURCES], capture_output=True, text=True
    )
    return result.stdout.splitlines() if result.returncode == 0 else []


def edition_name(day: date, internal: bool) -> str:
    """The zip's name and the folder it unpacks to: what it is, whether it holds 内部 material, its date."""
    mark = f"-{INTERNAL_LABEL.replace(' ', '-')}" if internal else ""
    return f"{SITE_NAME}-离线版{mark}-{day.isoformat()}"


def write_zip(folder: Path, target: Path, top: str, day: date) -> None:
    """folder packed under top/, member by member in name order, each dated day: the same files, the same bytes."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, stamp)
        info.create_system = 3  # Unix, so the modes below are read
        folder_entry = name.endswith("/")
        info.external_attr = (0o40755 << 16) | 0x10 if folder_entry else 0o100644 << 16  # 0x10: MS-DOS folder
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    paths = sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
    with zipfile.ZipFile(target, "w", compresslevel=9) as archive:
        archive.writestr(entry(f"{top}/"), b"")
        for path in paths:
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                archive.writestr(entry(name + "/"), b"")
            else:
                archive.writestr(entry(name), path.read_bytes(), compresslevel=9)


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python3 scripts/offline.py", description="生成可从文件夹直接打开的离线版网站（zip）"
    )
    parser.add_argument(
        "--internal", choices=("0", "1"), default="0", help="1：同时收录内部资料（make offline INTERNAL=1）"
    )
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    parser.add_argument("--dist", type=Path, default=None, help="zip 存放目录（默认为项目下的 dist/）")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    dist = (args.dist or root / "dist").resolve()
    internal = args.internal == "1"
    try:
        day = source_date(root, dict(os.environ))
    except NoDate as error:
        print(error, file=sys.stderr)
        return 1
    changed = uncommitted(root)
    if changed:
        print(f"注意：有 {len(changed)} 个文件修改后尚未提交，离线版按最近一次提交的日期 {day} 命名，但含这些修改。")
    name = edition_name(day, internal)
    env = {OFFLINE_VARIABLE: "1", INTERNAL_VARIABLE: "1" if internal else "0", DATE_VARIABLE: day.isoformat()}
    if TODAY_VARIABLE not in os.environ and "SOURCE_DATE_EPOCH" not in os.environ:
        env[TODAY_VARIABLE] = day.isoformat()  # 逾期 as of the edition's date, so the bytes do not age
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-") as work:
        folder = Path(work) / name
        print(f"正在构建并检查离线版 {name}……")
        failed = build_and_check(root, folder, Edition(True, internal, day), **env)
        if not failed and not internal:
            # What leaves the intranet is checked on its own: a file of docs/ no public page reaches (an
            # attachment only an 内部 page links to, or none) stops the zip, whatever the build did.
            problems = unshipped_problems(root / "docs", folder)
            failed = [f"离线版中有 {len(problems)} 个文件没有公开页面引用：", *map(str, problems)] if problems else []
        if failed:
            print("\n".join(failed), file=sys.stderr)
            print("没有生成离线版。", file=sys.stderr)
            return 1
        target = dist / f"{name}.zip"
        partial = dist / f".{name}.zip.part"
        write_zip(folder, partial, name, day)
        os.replace(partial, target)
        pages = sum(1 for _ in folder.rglob("*.html"))
        unpacked = _size(folder)
    print(
        f"已生成 {target.relative_to(root) if target.is_relative_to(root) else target}："
        f"{target.stat().st_size / 1e6:.1f} MB（解压后 {unpacked / 1e6:.1f} MB，{pages} 个页面）。"
    )
    print(
        "解压后打开其中的 index.html 即可阅读；"
        + ("本版含内部资料，注意保存，不得外传。" if internal else "不含内部资料。")
    )
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
