"""What the Office files (.xlsx, .docx) share: a zip whose bytes depend on its contents only.

A zip member records the time it was written; XlsxWriter and python-docx would stamp the build's clock.
Every member is written again in the writer's order with one fixed time, so the same sources give the
same bytes on any day and machine.
"""

from __future__ import annotations

import io
import zipfile

# The earliest time a zip can record; Excel writes the same for its own members.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def repeatable_zip(data: bytes) -> bytes:
    """The same Office package with every member dated ZIP_TIME and the same compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
