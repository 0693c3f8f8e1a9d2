"""The Content-Security-Policy every page carries in a <meta>, so it holds on any server and from a folder.

Scripts run only from the site's own files: the theme's inline scripts are files too (overrides/partials/
javascripts/), so no page has an inline script to allow, and the policy is one for every page, with neither
hashes nor 'unsafe-inline'. The web server sends the same policy (studysite.render.headers, deploy/nginx.conf), plus
what only a header can say (frame-ancestors). An inline script that gets into a page any other way is refused
by the browser; what a page may load is judged by the build (studysite.rules.pagecheck).
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
    ("script-src", "'self'"),  # files of the site only: no inline script, no hash, no eval
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
POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES)
# Only a header can say who may frame a page (a <meta> policy ignores frame-ancestors): the server adds it.
HEADER_ONLY = (("frame-ancestors", "'self'"),)
SERVER_POLICY = "; ".join([POLICY, *(f"{name} {value}" for name, value in HEADER_ONLY)])


def script_hashes(html: str) -> list[str]:
    """'sha256-…' of every inline script that would run (JSON data blocks do not), in page order, once each.

    The policy allows none of them; the tests use this to show a finished page has none."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _DATA_SCRIPT.search(match.group("attrs")):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(hashes: list[str] | None = None) -> str:
    """The pages' policy (the same for every page; hashes are no longer allowed and ignored)."""
    return POLICY


def with_policy(html: str) -> str:
    """The page with the policy as the first thing in <head> (a meta policy governs only what follows it)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    match = _HEAD.search(html)
    if match is None:
        return html
    return html[: match.end()] + meta + html[match.end() :]
