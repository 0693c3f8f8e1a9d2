"""The Content-Security-Policy every page carries in a <meta>, so it holds on any server and from a folder.

Scripts run only from the site's own files and from the inline scripts the theme itself writes, each allowed
by its hash (computed from the finished page), never by 'unsafe-inline': a script that gets into a page any
other way is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.I)
_DATA_SCRIPT = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_HEAD = re.compile(r"<head>\s*(<meta charset=\"utf-8\">)?", re.I)

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # plus the hash of each inline script of the page
    ("style-src", "'self' 'unsafe-inline'"),  # the theme sets styles inline; styles run no code
    ("img-src", "'self' data:"),  # the theme's icons are data: SVGs in its stylesheet
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),  # the print button loads the pack's PDF in a frame
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hashes(html: str) -> list[str]:
    """'sha256-…' of every inline script that runs (JSON data blocks do not), in page order, once each."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _DATA_SCRIPT.search(match.group("attrs")):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(hashes: list[str]) -> str:
    """The page's policy: DIRECTIVES, with the hashes of its own inline scripts added to script-src."""
    return "; ".join(
        f"{name} {value} {' '.join(hashes)}".rstrip() if name == "script-src" else f"{name} {value}"
        for name, value in DIRECTIVES
    )


# What the web server sends with every file. A browser enforces every policy a page has, so each page's own
# <meta> policy (hashes, no 'unsafe-inline') still refuses an injected script; the server's cannot name the
# hashes, which differ from page to page, and so allows inline scripts for the meta policy to narrow down.
SERVER_POLICY = "; ".join(
    f"{name} {value} 'unsafe-inline'" if name == "script-src" else f"{name} {value}" for name, value in DIRECTIVES
)


def with_policy(html: str) -> str:
    """The page with its policy as the first thing in <head> (a meta policy governs only what follows it)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes(html))}">'
    match = _HEAD.search(html)
    if match is None:
        return html
    return html[: match.end()] + meta + html[match.end() :]
