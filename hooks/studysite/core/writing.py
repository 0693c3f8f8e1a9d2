"""How the project writes a clerk's file: its name and its front matter, the same for `make new` and `make import`."""

from __future__ import annotations

import re

import yaml

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNSAFE_IN_NAME = re.compile(r"[^\w《》（）、，\-]+")


def yaml_scalar(value: str, flow: bool = False) -> str:
    """A YAML scalar as a clerk would type it: plain where YAML reads it back unchanged, quoted otherwise.

    flow: the scalar stands in a [a, b] list, where brackets and commas are YAML's own (示组发[2025]3号)."""
    if _ISO_DATE.match(value):
        return value  # dates stay unquoted, as the contract shows them; the checks read them as text
    try:
        written, expected = (f"k: [{value}]", {"k": [value]}) if flow else (f"k: {value}", {"k": value})
        if yaml.safe_load(written) == expected:
            return value
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=1000).strip()


def front_matter(fields: dict[str, object], comments: dict[str, str] | None = None) -> str:
    """The front matter block for fields in order; empty values are left out, lists written [a, b].

    A field with a comment is written even when empty (`classification:  # …`): a person must fill it in.
    """
    comments = comments or {}
    lines = ["---"]
    for key, value in fields.items():
        comment = f"  # {comments[key]}" if key in comments else ""
        if value in (None, "", [], ()):
            if comment:
                lines.append(f"{key}:{comment}")
            continue
        if isinstance(value, list | tuple):
            lines.append(f"{key}: [{', '.join(yaml_scalar(str(item), flow=True) for item in value)}]{comment}")
        else:
            lines.append(f"{key}: {yaml_scalar(str(value))}{comment}")
    return "\n".join(lines + ["---", ""])


def file_stem(day: str, title: str) -> str:
    """2025-03-12-标题前四十个字: sortable by date, readable; only characters every file system takes."""
    words = _UNSAFE_IN_NAME.sub("-", title).strip("-")[:40].rstrip("-")
    return f"{day}-{words}" if words and day else (words or day)
