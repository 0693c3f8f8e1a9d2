"""`make publish DEST=/srv/xuexi` and `make rollback DEST=/srv/xuexi`: the site onto the intranet server, safely.

    python scripts/publish.py /srv/xuexi               # build, check, switch; keep KEEP_PREVIOUS versions
    python scripts/publish.py --rollback /srv/xuexi    # back to the version before the one readers see

DEST is a symbolic link the web server serves (deploy/nginx.conf: `alias /srv/xuexi/;`). Versions live beside
it, in DEST.versions/ (/srv/xuexi.versions/20251130-104800-cc8cce6/). A publish builds strictly into a new
folder there, checks it (studysite.sitecheck: every page and download the content model names, nothing loaded
from another host, every link leads to a file), and only then points DEST at it by renaming a new link over the
old one: one atomic step, so a reader gets the old site or the new one, never a mix or nothing. A failed build
or check removes its own folder and leaves DEST as it was. One publish or rollback runs at a time (a lock).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
sys.path.insert(0, str(SCRIPTS))

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()

sys.path.insert(0, str(REPO / "hooks"))

from studysite.edition import SERVED, Edition  # noqa: E402  (the hooks folder is not a package)
from studysite.pages import GENERATED_FILES  # noqa: E402
from studysite.problems import Problem  # noqa: E402
from studysite.sitecheck import check_built_site  # noqa: E402

# How many versions before the one readers see are kept for `make rollback` (older ones are removed).
KEEP_PREVIOUS = 5
BUILDING = ".building-"  # a version being built and checked; never served
_SHOWN = 40  # problems printed; a broken build can have hundreds of the same kind
_now = datetime.now  # the server's local time names each version


def versions_of(dest: Path) -> Path:
    return dest.parent / f"{dest.name}.versions"


def versions(folder: Path) -> list[str]:
    """The finished versions, oldest first (their names start with the time they were published)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def current(dest: Path) -> str | None:
    """The version DEST points at, or None when it is not one of ours."""
    if not dest.is_symlink():
        return None
    target = (dest.parent / os.readlink(dest)).resolve()
    return target.name if target.parent == versions_of(dest).resolve() else None


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(f"另一次发布或撤回正在进行（{folder}/.lock），请等它结束后再运行。") from None
        yield


def build_site(root: Path, target: Path, **env: str) -> subprocess.CompletedProcess:
    """The strict build of `make build` (with the study packs' PDFs) of the project at root into target, in a
    process of its own (an edition's settings are environment variables); its problems in Chinese only."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    command = [sys.executable, str(SCRIPTS / "build.py"), "--root", str(root), "-d", str(target)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)


def expected_files(root: Path, edition: Edition = SERVED) -> list[str]:
    """What the built site must hold, from the content model: a page for every page, every download."""
    from mkdocs.structure.files import File

    from check import load

    build = load(root, edition=edition)
    site = build.site
    wanted = set(site.pages) | set(site.files) | set(GENERATED_FILES) | {pack.pdf for pack in site.packs}
    directory_urls = not edition.offline
    return sorted(File(src_uri, None, "", directory_urls).dest_uri for src_uri in wanted - build.withheld)


def build_and_check(root: Path, target: Path, edition: Edition = SERVED, **env: str) -> list[str]:
    """Build into target and check it; the lines to show when either failed (nothing when all is well)."""
    result = build_site(root, target, **env)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("构建失败")]
        return ["构建失败（与 make build 相同的严格构建）：", *lines[-_SHOWN:]]
    problems: list[Problem] = check_built_site(target, expected_files(root, edition), edition.offline)
    if problems:
        lines = [str(problem) for problem in problems[:_SHOWN]]
        more = [f"……另有 {len(problems) - _SHOWN} 处"] if len(problems) > _SHOWN else []
        return [f"构建结果检查发现 {len(problems)} 处问题：", *lines, *more]
    return []


@contextmanager
def readable_by_the_web_server() -> Iterator[None]:
    """What publishing creates (the folder of versions, each version, the build inside it) is read by the web
    server's user (www-data), whatever umask the administrator has (077 is common on hardened servers): 755
    folders and 644 files. The build inherits it; the caller's umask comes back afterwards."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def switch(dest: Path, version: str) -> None:
    """Point DEST at the version in one rename (atomic); a relative link, so the folder may move as a whole."""
    link = dest.parent / f".{dest.name}.switch-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(versions_of(dest).name) / version, target_is_directory=True)
    os.replace(link, dest)


def adopt(dest: Path) -> str:
    """A DEST that is a plain folder (published by hand before) becomes the oldest kept version."""
    name = "00000000-000000-手工发布"  # sorts before every version this command names
    os.rename(dest, versions_of(dest) / name)
    return name


def prune(dest: Path, keep: int) -> list[str]:
    """Remove the versions older than the `keep` before the current one; their names."""
    folder = versions_of(dest)
    names = versions(folder)
    now = current(dest)
    if now not in names:
        return []
    older = names[: names.index(now)]
    removed = older[: max(len(older) - keep, 0)]
    for name in removed:
        shutil.rmtree(folder / name)
    return removed


def _commit(root: Path) -> str:
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "无git"


def _new_name(folder: Path, root: Path) -> str:
    name = f"{_now():%Y%m%d-%H%M%S}-{_commit(root)}"
    taken = set(versions(folder))
    suffix = 2
    while name in taken:
        name, suffix = f"{name.rsplit('~', 1)[0]}~{suffix}", suffix + 1
    return name


def publish(root: Path, dest: Path, keep: int) -> int:
    if dest.exists() and not dest.is_symlink() and not dest.is_dir():
        print(f"{dest} 是一个文件，不是网站目录：请换一个 DEST。", file=sys.stderr)
        return 1
    folder = versions_of(dest)
    with locked(folder):
        for stale in [*folder.glob(BUILDING + "*"), *folder.glob("." + BUILDING + "*")]:  # left by a killed run
            shutil.rmtree(stale)
        name = _new_name(folder, root)
        building = folder / (BUILDING + name)
        print(f"正在构建并检查新版本 {name}……")
        failed = build_and_check(root, building)
        if failed:
            shutil.rmtree(building, ignore_errors=True)
            print("\n".join(failed), file=sys.stderr)
            print(f"没有发布：{dest} 仍是原来的网站，没有任何改动。", file=sys.stderr)
            return 1
        os.rename(building, folder / name)
        adopted = adopt(dest) if dest.is_dir() and not dest.is_symlink() else None
        switch(dest, name)
        removed = prune(dest, keep)
    pages = sum(1 for _ in (folder / name).rglob("*.html"))
    print(f"已发布：{dest} → {folder.name}/{name}（{pages} 个页面）。")
    if adopted:
        print(f"原来手工放置的网站已保留为版本 {adopted}。")
    if removed:
        print(f"已删除更早的版本：{'、'.join(removed)}（保留当前之前的 {keep} 个）。")
    print(f"如需撤回：make rollback DEST={dest}")
    return 0


def rollback(dest: Path) -> int:
    folder = versions_of(dest)
    with locked(folder):
        now = current(dest)
        if now is None:
            print(f"{dest} 不是由 make publish 发布的网站，无法撤回。", file=sys.stderr)
            return 1
        earlier = [name for name in versions(folder) if name < now]
        if not earlier:
            print(f"{dest} 当前的版本 {now} 之前没有保留的版本，无法撤回。", file=sys.stderr)
            return 1
        switch(dest, earlier[-1])
    print(f"已撤回：{dest} → {folder.name}/{earlier[-1]}。")
    print(f"撤回前的版本 {now} 仍保留在 {folder}/ 中；要再发布，改正后重新运行 make publish DEST={dest}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python3 scripts/publish.py", description="把网站发布到内网服务器目录（可撤回）"
    )
    parser.add_argument("dest", nargs="?", default="", help="网站目录，如 /srv/xuexi（web 服务器指向它）")
    parser.add_argument("--rollback", action="store_true", help="撤回到当前版本之前的那个版本")
    parser.add_argument("--keep", type=int, default=KEEP_PREVIOUS, help=f"保留之前的几个版本（默认 {KEEP_PREVIOUS}）")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    if not args.dest.strip():
        parser.error("缺少网站目录：make publish DEST=/srv/xuexi")
    dest = Path(os.path.abspath(args.dest.strip()))
    with readable_by_the_web_server():
        if args.rollback:
            return rollback(dest)
        return publish(args.root.resolve(), dest, max(args.keep, 0))


if __name__ == "__main__":
    sys.exit(run(main))
