"""`make publish DEST=/srv/xuexi` and `make rollback DEST=/srv/xuexi`: the site onto the intranet server, safely.

    python scripts/publish.py /srv/xuexi               # build, check, switch; keep KEEP_PREVIOUS versions
    python scripts/publish.py --rollback /srv/xuexi    # back to the version before the one readers see

DEST is a symbolic link the web server serves (deploy/nginx.conf: `alias /srv/xuexi/;`). Versions live beside
it, in DEST.versions/ (/srv/xuexi.versions/20251130-104800-cc8cce6/). A publish builds strictly into a new
folder there, checks it (studysite.rules.sitecheck: every page and download the content model names, nothing loaded
from another host, every link leads to a file), and only then points DEST at it by renaming a new link over the
old one: one atomic step, so a reader gets the old site or the new one, never a mix or nothing. A failed build
or check removes its own folder and leaves DEST as it was. One publish or rollback runs at a time (a lock).

It never renames or deletes what it did not create. DEST.versions/.history records each version it built
and each one DEST was switched to: only those it built are ever removed, only those readers saw count for
rollback. A DEST that is a plain folder (published by hand) is adopted in one atomic exchange (renameat2
RENAME_EXCHANGE): the new link takes DEST's place as the folder takes the link's place among the versions,
so readers never find DEST missing; the adopted folder is never removed. DEST is taken as data (argv, never
a shell command line); an operating-system error (a full disk) is said in Chinese, blaming no page.
"""

from __future__ import annotations

import ctypes
import errno
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

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from studysite.build.edition import SERVED, Edition  # noqa: E402  (the hooks folder is not a package)
from studysite.core.oserrors import os_error_line  # noqa: E402
from studysite.core.pages import GENERATED_FILES  # noqa: E402
from studysite.core.problems import Problem  # noqa: E402
from studysite.rules.sitecheck import check_built_site  # noqa: E402

# How many versions before the one readers see are kept for `make rollback` (older ones are removed).
KEEP_PREVIOUS = 5
BUILDING = ".building-"  # a version being built and checked; never served
HISTORY = ".history"  # in DEST.versions/: "built NAME" and "switched NAME", one a line, appended
ADOPTED = "00000000-000000-手工发布"  # sorts before every version this command names
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
    # A public offline edition carries a file of docs/ only if one of its pages links to it (studysite.build.shipped).
    files = set() if edition.withholds_internal else set(site.files)
    # A pack in parts has every part's PDF; its whole PDF only while printable (model/packparts.PRINTABLE_PAGES).
    printed = {pack.pdf for pack in site.packs if not pack.parts} | {p.pdf for pack in site.packs for p in pack.parts}
    wanted = set(site.pages) | files | set(GENERATED_FILES) | printed
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


def _switch_link(dest: Path) -> Path:
    return dest.parent / f".{dest.name}.switch-{os.getpid()}"


def switch(dest: Path, version: str) -> None:
    """Point DEST at the version in one rename (atomic); a relative link, so the folder may move as a whole."""
    link = _switch_link(dest)
    link.unlink(missing_ok=True)
    link.symlink_to(Path(versions_of(dest).name) / version, target_is_directory=True)
    os.replace(link, dest)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> None:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE): a folder and a link may trade
    places with no moment where either name is missing. OSError(EINVAL) where the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # a C library without it
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(b)) from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


class CannotAdopt(Exception):
    """The file system cannot exchange a folder and a link atomically: adopting would leave a gap."""


def adopt(dest: Path, version: str) -> str:
    """DEST, a plain folder published by hand, becomes a kept version while DEST becomes the link to version.

    The link is made first, among the versions, under the name the folder will have; one exchange then puts
    each where the other was. Killed before it, a dangling link of ours is left (removed next time); after
    it, everything is in place."""
    folder = versions_of(dest)
    name = next(n for n in (ADOPTED, *(f"{ADOPTED}~{i}" for i in range(2, 1000))) if not os.path.lexists(folder / n))
    record(folder, "switched", name)  # readers saw it: a version to roll back to (never one to remove)
    link = folder / name
    # The link's text is read where it will end up, at DEST, beside the folder of versions.
    link.symlink_to(Path(folder.name) / version, target_is_directory=True)
    try:
        exchange(link, dest)
    except OSError as error:
        link.unlink(missing_ok=True)
        if error.errno in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
            raise CannotAdopt from error
        raise
    return name


def record(folder: Path, what: str, name: str) -> None:
    """Append one line to the history, on disk before the step it allows (a publish may be killed anytime)."""
    with (folder / HISTORY).open("a", encoding="utf-8") as history:
        history.write(f"{what} {name}\n")
        history.flush()
        os.fsync(history.fileno())


def history(folder: Path) -> tuple[set[str], set[str]]:
    """(the versions this command built, those DEST was switched to). Folders of versions made before the
    history was kept: each finished version then was built and switched to, the adopted one only switched."""
    path = folder / HISTORY
    if not path.exists():
        names = set(versions(folder))
        return {n for n in names if not n.startswith(ADOPTED)}, names
    built: set[str] = set()
    switched: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        what, _, name = line.partition(" ")
        if name and what in ("built", "switched"):
            (built if what == "built" else switched).add(name)
    return built, switched


def previous(dest: Path) -> list[str]:
    """The versions before the current one that readers saw, oldest first: what rollback may go back to."""
    folder, now = versions_of(dest), current(dest)
    _, switched = history(folder)
    return [name for name in versions(folder) if name in switched and now is not None and name < now]


def tidy(dest: Path) -> list[str]:
    """Put right what a killed run left, touching only what this command made: its half-built versions,
    its links never swapped in, versions it built but never switched to; and note a switch not yet noted."""
    folder = versions_of(dest)
    for stale in [*folder.glob(BUILDING + "*"), *folder.glob("." + BUILDING + "*")]:
        shutil.rmtree(stale)
    for link in [*dest.parent.glob(f".{dest.name}.switch-*"), *folder.glob(ADOPTED + "*")]:
        if link.is_symlink():
            link.unlink()  # ours: a link only adopt() and switch() make, killed before it took DEST's place
    now = current(dest)
    built, switched = history(folder)
    if now is not None and now not in switched:
        record(folder, "switched", now)  # killed between the switch and its note
        switched.add(now)
    unused = sorted(name for name in versions(folder) if name in built - switched and name != now)
    for name in unused:
        shutil.rmtree(folder / name)
    return unused


def prune(dest: Path, keep: int) -> list[str]:
    """Remove the versions this command built older than the `keep` before the current one; their names.
    A folder adopted from DEST is never removed (it holds what an administrator put there)."""
    folder = versions_of(dest)
    built, _ = history(folder)
    older = [name for name in previous(dest) if name in built]
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
    if dest.is_symlink() and current(dest) is None:
        print(
            f"{dest} 是指向 {os.readlink(dest)} 的链接，不是 make publish 建立的；为不改动它，没有发布。"
            "请管理员确认后删去这个链接，或换一个 DEST。",
            file=sys.stderr,
        )
        return 1
    folder = versions_of(dest)
    with locked(folder):
        tidy(dest)
        name = _new_name(folder, root)
        building = folder / (BUILDING + name)
        print(f"正在构建并检查新版本 {name}……")
        failed = None
        try:
            failed = build_and_check(root, building)
        finally:
            if failed != []:  # failed, or never returned (a full disk): the half-built folder goes
                shutil.rmtree(building, ignore_errors=True)
        if failed:
            print("\n".join(failed), file=sys.stderr)
            print(f"没有发布：{dest} 仍是原来的网站，没有任何改动。", file=sys.stderr)
            return 1
        record(folder, "built", name)  # before it has its name: a kill from here on leaves it to tidy()
        os.rename(building, folder / name)
        adopted = None
        if dest.is_dir() and not dest.is_symlink():
            try:
                adopted = adopt(dest, name)
            except CannotAdopt:
                shutil.rmtree(folder / name)
                print(
                    f"{dest} 是一个普通文件夹（手工放置的网站），而这里的文件系统不支持原子交换，"
                    f"接管它会让网站中断片刻，所以没有发布，{dest} 没有任何改动。请管理员把它移走"
                    f"（如 mv {dest} {dest}.手工备份），再运行 make publish。",
                    file=sys.stderr,
                )
                return 1
        else:
            switch(dest, name)
        record(folder, "switched", name)
        removed = prune(dest, keep)
    pages = sum(1 for _ in (folder / name).rglob("*.html"))
    print(f"已发布：{dest} → {folder.name}/{name}（{pages} 个页面）。")
    if adopted:
        print(f"原来手工放置的网站已保留为版本 {adopted}（不会被删除，可用 make rollback 回到它）。")
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
        tidy(dest)
        earlier = previous(dest)
        if not earlier:
            print(f"{dest} 当前的版本 {now} 之前没有保留的版本，无法撤回。", file=sys.stderr)
            return 1
        switch(dest, earlier[-1])
        record(folder, "switched", earlier[-1])
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
    try:
        with readable_by_the_web_server():
            if args.rollback:
                return rollback(dest)
            return publish(args.root.resolve(), dest, max(args.keep, 0))
    except OSError as error:
        print(os_error_line(error, "撤回" if args.rollback else "发布"), file=sys.stderr)
        now = current(dest) if os.path.lexists(dest) else None
        if now or dest.is_dir():
            shown = f"指向 {versions_of(dest).name}/{now}" if now else "仍是原来的文件夹"
            print(f"{dest} 现在{shown}，是一个完整的版本（每一步切换都是原子的）。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run(main))
