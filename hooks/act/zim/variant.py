"""What the ZIM variant changes in the offline build's pages, and nothing else.

Inside Kiwix the reader's app (or kiwix-serve's toolbar) has its own search over the
ZIM's full-text index, so Material's search box gives way to it: a small stylesheet hides
the search box and its header button. Navigation, Related topics, the lightbox and the
glossary pop-ups are the offline build's own and need no change.

Every page keeps the site's Content-Security-Policy meta tag, the policy of docs/_headers
as the hosted and offline pages carry it, unchanged: a script or an outside request that
got past the output gate is blocked in Kiwix too (tests/browser/test_zim_csp_browser.py).
Measured with Debian's kiwix-serve 3.3.0 (libkiwix 11.0.0), which writes its toolbar into
every page it serves: the toolbar's scripts and stylesheets come from the server itself
(/skin/…, 'self'), its suggestions from /suggest ('self'), its search form posts to /search
('self'), and it has no inline handlers. The one thing the policy stops is a feature test
in the jQuery 1.10.2 that toolbar loads: it sets `onsubmit`, `onchange` and `onfocusin` to
"t" on a detached <div> to see whether those events bubble (Chromium reports three
script-src-attr violations per page); the handler is never meant to run, and jQuery, the
search box and its suggestions work the same. The policy is not loosened for it.
"""

from __future__ import annotations

import re

STYLESHEET_PATH = "assets/stylesheets/zim.css"
STYLESHEET = """\
/* Kiwix edition: Kiwix's own search replaces Material's search box. */
.md-search,
.md-header__button[for="__search"] {
  display: none !important;
}
"""

_HEAD_END = re.compile(r"</head>", re.IGNORECASE)


class NotAPage(ValueError):
    """An HTML file without a </head>: not one of the site's pages."""


def stylesheet_href(page_path: str) -> str:
    """The stylesheet's address relative to the page at `page_path` (e.g. `treatments/x.html`)."""
    return "../" * page_path.count("/") + STYLESHEET_PATH


def zim_page(html: str, page_path: str) -> str:
    """The page with the ZIM stylesheet linked last in its <head> (so it wins over Material's)."""
    link = f'<link rel="stylesheet" href="{stylesheet_href(page_path)}">'
    html, count = _HEAD_END.subn(f"{link}</head>", html, count=1)
    if not count:
        raise NotAPage(f"{page_path}: no </head>")
    return html
