"""The security headers the site is served with (deploy/nginx.conf writes them out word for word).

The Content-Security-Policy is the one every page is to carry in a <meta http-equiv> too (issue 12), so it
holds on any server and when the site is opened from a folder; a test compares nginx's headers with these.
Material draws its icons as CSS masks from data: URLs (img-src data:); it sets styles through the DOM only,
so style-src 'self' holds. Scripts come from files only: an inline script must move into a file first.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # other intranet hosts are not told which page a reader came from
}
