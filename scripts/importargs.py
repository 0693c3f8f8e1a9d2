"""What a clerk types to `make import` besides the files: KIND's names (讲话, 公文, a 文种), and where the files
likely are on this machine when SRC is left out. scripts/import.py reads the command line with these."""

from __future__ import annotations

from pathlib import Path

from studysite.core.kinds import by_key
from studysite.importer.gongwen import NOTICE, SPEECH
from studysite.model.entries import DOC_TYPES


# What a clerk may write after KIND= (or --kind): the registry's names of the two kinds, and the 文种 of a 公文.
def _names_of(key: str) -> tuple[str, ...]:
    kind = by_key()[key]
    return (key, kind.label, *(kind.new.words if kind.new else ()))


KIND_NAMES_TYPED = {SPEECH: _names_of(SPEECH), NOTICE: (*_names_of(NOTICE), *DOC_TYPES, "命令", "令")}
KIND_REFUSED = (
    "未导入任何文件：KIND 应为 讲话（或 speech）、公文（或 notice、通报、通知等文种），实为 “{}”"
    '（例如 make import SRC="心得.docx" KIND=讲话）'
)


def doc_type_named(typed: str) -> str | None:
    """The 文种 when one was typed after KIND= (通报; 命令 or 令 as the contract writes it); None for 公文, 讲话."""
    text = typed.strip()
    if text in ("命令", "令"):
        return "命令（令）"
    return text if text in DOC_TYPES else None


def kind_named(typed: str) -> str | None:
    """speech or notice from what was typed after KIND= (full-width letters and spaces as an input method gives)."""
    text = typed.strip().lower()
    return next((key for key, names in KIND_NAMES_TYPED.items() if text in names), None)


def is_wsl(version: str) -> bool:
    """Windows' Linux (WSL): its kernel says so in /proc/version."""
    return "microsoft" in version.lower() or "wsl" in version.lower()


def suggested_source(home: Path, version: str, mounts: Path = Path("/mnt")) -> tuple[str, str]:
    """Where a clerk's files likely are on this machine, as SRC names it, and what to say about it: under WSL a
    folder on Windows' D: (or C:) drive, else the desktop or downloads folder that exists."""
    if is_wsl(version):
        drive = next((d for d in ("d", "c") if (mounts / d).is_dir()), "d")
        return (
            f"/mnt/{drive}/公文",
            f"Windows 的 {drive.upper()} 盘在这里是 /mnt/{drive}/，把“公文”换成文件所在的文件夹",
        )
    for name in ("桌面", "Desktop", "下载", "Downloads"):
        if (home / name).is_dir():
            return (home / name).as_posix(), f"{(home / name).as_posix()} 是本机的“{name}”文件夹"
    return "来件", "可先把文件复制到本仓库中的“来件”文件夹（没有就新建一个）"


def proc_version() -> str:
    try:
        return Path("/proc/version").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
