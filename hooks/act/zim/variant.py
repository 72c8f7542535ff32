"""What the ZIM variant changes in the offline build's pages, and nothing else.

Inside Kiwix the reader's app (or kiwix-serve's toolbar) has its own search over the
ZIM's full-text index, so Material's search box gives way to it: a small stylesheet hides
the search box and its header button. Navigation, Related topics, the lightbox and the
glossary pop-ups are the offline build's own and need no change.

The page's Content-Security-Policy meta tag is left out of the ZIM: the Kiwix readers
insert their own toolbar into every page, with inline event handlers that a policy
written for our pages blocks (kiwix-serve 3.3 logs "Executing inline event handler
violates ... script-src"). Every page was checked by the output gate before it was packed,
so no script of ours, or from a pull request, is in the ZIM for a policy to stop.
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
# overrides/partials/site-meta.html writes exactly this tag, first in <head>.
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*')


class NotAPage(ValueError):
    """An HTML file without a </head>: not one of the site's pages."""


def stylesheet_href(page_path: str) -> str:
    """The stylesheet's address relative to the page at `page_path` (e.g. `treatments/x.html`)."""
    return "../" * page_path.count("/") + STYLESHEET_PATH


def zim_page(html: str, page_path: str) -> str:
    """The page with the ZIM stylesheet linked last in its <head> (so it wins over Material's),
    and without the Content-Security-Policy meta tag (see above)."""
    html = _CSP_META.sub("", html, count=1)
    link = f'<link rel="stylesheet" href="{stylesheet_href(page_path)}">'
    html, count = _HEAD_END.subn(f"{link}</head>", html, count=1)
    if not count:
        raise NotAPage(f"{page_path}: no </head>")
    return html
