"""Which files of the repository the build may read: plain files and folders, inside it, of a sane size.

A merge request is not trusted until it is reviewed, and git stores symbolic links. A link in docs/ to
/etc/passwd, /proc/self/environ or ../../.git/config would have MkDocs copy the build host's file into the
site, and its walk of docs/ follows links into folders (a link to / walks the whole disk). No clerk needs a
link, so every symbolic link is refused wherever it points: also one that stays inside docs/, since whether
a target is "inside" is a property of paths the next commit can change, and one rule leaves nothing to judge.
FIFOs, sockets and devices are refused too (opening a FIFO waits forever). A file over its size limit is
refused before anything reads it: rendering a 10 MB page took the build six minutes and 1.7 GB.

Nothing here follows a link or opens a file: entries are judged from lstat() alone. `refusal` is the one
rule; `make check` (scripts/check.py) and the build (hooks/content.py) both ask it.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studysite.core.problems import Problem

FILE, FOLDER, LINK, OTHER = "文件", "文件夹", "符号链接", "特殊文件"

KB, MB = 1024, 1024 * 1024
# The longest real page (a speech of some 30,000 characters) is under 0.1 MB; 256 KB is some 85,000 Chinese
# characters. A page bigger than that is a paste gone wrong or an attack: Markdown's extensions are not
# linear (a footnote referred to a thousand times costs seconds), and a crafted 1 MB page took minutes.
PAGE_LIMIT = 256 * KB
# Attachments and images: a scanned 30-page notice at 300 dpi is some 10-20 MB; 30 MB leaves room for it, and
# bounds what a PDF reader (pdfplumber) or the Word reader is given to parse.
FILE_LIMIT = 30 * MB
_PAGE_SUFFIXES = (".md", ".markdown")

_KINDS = {
    stat.S_IFIFO: "命名管道（FIFO）",
    stat.S_IFSOCK: "套接字（socket）",
    stat.S_IFCHR: "字符设备",
    stat.S_IFBLK: "块设备",
}


@dataclass(frozen=True)
class Entry:
    """One directory entry as lstat() saw it, named as messages name it (docs/…)."""

    path: str
    kind: str  # FILE, FOLDER, LINK or a description of a special file
    size: int = 0
    target: str = ""  # a link's text, as written: shown, never followed


def limit_for(path: str) -> int:
    return PAGE_LIMIT if path.lower().endswith(_PAGE_SUFFIXES) else FILE_LIMIT


def _size(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / KB:.0f} KB"


def _shown(target: str) -> str:
    """A link's text fit for one message line: control characters escaped, long ones cut."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in target)
    return text if len(text) <= 120 else text[:117] + "……"


def refusal(entry: Entry) -> Problem | None:
    """The one rule: why the build must not read this entry, or None when it may."""
    if entry.kind == LINK:
        return Problem(
            entry.path,
            1,
            "符号链接",
            "文件本身（网站不发布符号链接，也不读取链接指向的内容）",
            f"指向 {_shown(entry.target)} 的符号链接",
            "请删除这个链接；确需发布的文件，请把文件本身复制到这里再提交",
        )
    if entry.kind == FOLDER:
        return None
    if entry.kind != FILE:
        return Problem(entry.path, 1, "文件类型", "普通文件或文件夹", entry.kind, "请删除它：网站只发布普通文件")
    limit = limit_for(entry.path)
    if entry.size <= limit:
        return None
    page = limit == PAGE_LIMIT
    return Problem(
        entry.path,
        1,
        "文件大小",
        f"不超过 {_size(limit)}（{'每个页面' if page else '每个附件或图片'}的上限），以免拖垮构建",
        f"{_size(entry.size)}（{entry.size} 字节）",
        "请把内容拆成几个页面；这么大的页面多半是误粘贴了别的内容"
        if page
        else "请压缩或拆分后再添加（扫描件可降低分辨率，或改为文字版）",
    )


def entry_of(path: Path, shown: str) -> Entry:
    """lstat() the path, never following a link."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return Entry(shown, LINK, target=os.readlink(path))
    if stat.S_ISDIR(info.st_mode):
        return Entry(shown, FOLDER)
    if stat.S_ISREG(info.st_mode):
        return Entry(shown, FILE, info.st_size)
    return Entry(shown, _KINDS.get(stat.S_IFMT(info.st_mode), "特殊文件"))


def _entries(folder: Path, shown: str) -> Iterator[Entry]:
    """Every entry under folder, depth first, without entering linked folders."""
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for child in children:
        entry = entry_of(Path(child.path), f"{shown}/{child.name}")
        yield entry
        if entry.kind == FOLDER:
            yield from _entries(Path(child.path), entry.path)


def _name(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def folder_problem(root: Path, folder: Path, setting: str) -> Problem | None:
    """docs_dir (or the theme's custom_dir) must be a real folder inside the project, reached through no link."""
    inside = os.path.abspath(folder)
    if os.path.commonpath([os.path.abspath(root), inside]) != os.path.abspath(root):
        return Problem("mkdocs.yml", 1, setting, "项目中的文件夹", str(folder))
    current = Path(os.path.abspath(root))
    for part in Path(inside).relative_to(os.path.abspath(root)).parts:
        current = current / part
        if current.is_symlink():
            return refusal(entry_of(current, _name(root, current)))
    return None


def scan(root: Path, folder: Path, setting: str = "docs_dir") -> list[Problem]:
    """Every entry under folder the build must not read (folder inside the project root), named by its path."""
    wrong = folder_problem(root, folder, setting)
    if wrong is not None:
        return [wrong]
    if not folder.is_dir():
        return []
    problems = (refusal(entry) for entry in _entries(folder, _name(root, folder)))
    return [problem for problem in problems if problem is not None]


def file_refusal(root: Path, folder: Path, src_uri: str) -> Problem | None:
    """One file MkDocs found under folder: every step of its path is lstat()ed, so a file reached through a
    linked folder is refused at the link, the path a clerk can fix."""
    current = folder
    shown = _name(root, folder)
    for part in PurePosixPath(src_uri).parts:
        current, shown = current / part, f"{shown}/{part}"
        try:
            problem = refusal(entry_of(current, shown))
        except OSError:
            return Problem(shown, 1, "文件", "可以读取的普通文件", "无法读取")
        if problem is not None:
            return problem
    return None


def is_link_problem(problem: Problem) -> bool:
    return problem.field == "符号链接"


# --- The rule applied to a MkDocs project: what `make check` and the build (hooks/content.py) both call ---

# mkdocs.yml is code (it names the hooks the build runs) and is reviewed as code; these two of its features
# read the build host without looking like it: INHERIT reads another file, !ENV puts an environment variable
# (a CI secret) into the configuration and so onto every page. The site uses neither.
_HOST_READING_YAML = (("INHERIT:", "INHERIT（读取另一个配置文件）"), ("!ENV", "!ENV（读取环境变量）"))


def project_root(config) -> Path:
    return Path(config.config_file_path).parent


def project_folders(config) -> list[tuple[Path, str]]:
    """The folders of the project whose files the build reads as content: docs/ and the theme's overrides/."""
    folders = [(Path(config.docs_dir), "docs_dir")]
    if config.theme.custom_dir:
        folders.append((Path(config.theme.custom_dir), "theme.custom_dir"))
    return folders


# The office cache (studysite.office.filecache) is the build's own: a file there is printed as a pack without
# being printed again, so one that a commit brings would be published unread. Git tracks none of it.
CACHE_FOLDER = ".cache"


def committed_cache(root: Path) -> list[Problem]:
    """Each file under .cache/ that the repository tracks (a merge request can add one despite .gitignore)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", CACHE_FOLDER], capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return []  # no git here (a folder unpacked from an archive): nothing is tracked
    names = sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)
    if listed.returncode != 0:
        return []
    return [
        Problem(
            name,
            1,
            "缓存",
            "不提交到仓库（.cache/ 只由构建写入）",
            "已提交",
            f"请删去：git rm -r --cached {CACHE_FOLDER}",
        )
        for name in names
    ]


def config_problems(root: Path) -> list[Problem]:
    problems = committed_cache(root)
    path = root / "mkdocs.yml"
    if path.is_symlink():
        refused = refusal(entry_of(path, "mkdocs.yml"))  # a link is always refused
        return [*problems, refused] if refused else problems
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        code = line.split("#", 1)[0]
        for needle, what in _HOST_READING_YAML:
            if code.lstrip().startswith(needle) if needle.endswith(":") else needle in code:
                problems.append(Problem("mkdocs.yml", number, "配置", "不读取项目以外的文件或环境变量", what))
    return problems


def before_walk(config) -> list[Problem]:
    """What must stop the build before MkDocs lists docs/ (its walk follows links into folders: a link to /
    would list the whole disk) and before its theme reads overrides/: every refused entry of docs/ when one of
    them is a link, every refused entry of overrides/ (no per-file check sees the theme's templates), and
    mkdocs.yml reading outside the project. Empty: the walk is safe, and each file is judged on its own."""
    root = project_root(config)
    problems = config_problems(root)
    for folder, setting in project_folders(config):
        found = scan(root, folder, setting)
        if setting != "docs_dir" or any(is_link_problem(p) or p.path == "mkdocs.yml" for p in found):
            problems += found
    return problems


def refused_file(config, file) -> Problem | None:
    """Why the build must not read this file MkDocs listed (None: it may), by the rule above."""
    if not file.abs_src_path:
        return None  # generated by a hook
    root = project_root(config)
    for folder, _ in project_folders(config):
        if os.path.abspath(file.src_dir) == os.path.abspath(folder):
            return file_refusal(root, folder, file.src_uri)
    return None  # the theme's own files (Material's installed package)
