"""An operating-system error (a full disk, a permission) said to the person who can fix it, in Chinese.

Such an error is the server's, never a page's: without this, the last line of defence (scripts/clerk.py)
names the page being written when the disk filled up, and a clerk goes looking for a mistake in it.
"""

from __future__ import annotations

import errno

_REASONS: dict[int | None, str] = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "文件系统是只读的",
    errno.EIO: "磁盘读写出错",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EEXIST: "同名的文件或文件夹已存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EXDEV: "不在同一个磁盘分区上",
    errno.EMFILE: "打开的文件太多",
    errno.ENAMETOOLONG: "路径太长",
}
_ADVICE: dict[int | None, str] = {
    errno.ENOSPC: "请网站维护人员腾出磁盘空间（如删除旧的构建或日志）后再运行一次",
    errno.EDQUOT: "请网站维护人员腾出磁盘空间后再运行一次",
    errno.EACCES: "请网站维护人员用有写入权限的账号运行，或调整这个目录的权限",
    errno.EPERM: "请网站维护人员用有写入权限的账号运行，或调整这个目录的权限",
}


def os_error_line(error: OSError, doing: str) -> str:
    """One line: what was being done, why it failed, where, and that no page is to blame."""
    reason = _REASONS.get(error.errno, error.strerror or "系统错误")
    where = f"（{error.filename}）" if error.filename else ""
    advice = _ADVICE.get(error.errno, "请网站维护人员检查服务器后再运行一次")
    code = errno.errorcode.get(error.errno, "") if error.errno else ""
    return f"{doing}时出错：{reason}{where}{f' [{code}]' if code else ''}。这不是页面内容的问题；{advice}。"
