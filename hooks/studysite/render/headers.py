"""The security headers the site is served with (deploy/nginx.conf writes them out word for word).

The Content-Security-Policy is exactly the policy every page carries in its <meta> (studysite.render.csp), plus
frame-ancestors, which only a header can send; a test compares nginx's headers with these on every status.
"""

from __future__ import annotations

from studysite.render.csp import SERVER_POLICY

CONTENT_SECURITY_POLICY = SERVER_POLICY
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",  # a file is only what its type says (no HTML read from a .txt or .png)
    "Referrer-Policy": "same-origin",  # other intranet hosts are not told which page a reader came from
}
