"""Undo a whole-document wrapper around a fragment of page HTML.

mkdocs-glightbox 0.5.3 parses each page's body HTML with selectolax and returns
`tree.html`, i.e. `<html><head></head><body>...</body></html>`. Material's search
indexer then sees `<html>` before the page's `<h1>`, opens an untitled section for it,
and every page gets an extra search entry with no text (shown as an empty result).
"""

from __future__ import annotations

import re

_DOCUMENT = re.compile(r"\A<html><head>(?P<head>.*?)</head><body>(?P<body>.*)</body></html>\Z", re.DOTALL)


def unwrap_document(html: str) -> str:
    """The fragment inside a serialised `<html><head>…</head><body>…</body></html>`.

    Anything the parser moved into `<head>` (a leading `<style>`, say) is kept, in
    front. Any other HTML is returned unchanged.
    """
    match = _DOCUMENT.match(html)
    if match is None:
        return html
    return match["head"] + match["body"]


# What mkdocs-glightbox 0.5.3 writes into each page (its on_post_page, re-serialised by
# selectolax): its stylesheet and library in <head>, both holding up the first paint, and
# at the end of <body> an inline start-up script that calls the library at once.
_STYLESHEET = re.compile(r'<link href="[^"<>]*assets/stylesheets/glightbox\.min\.css" rel="stylesheet">')
_LIBRARY = re.compile(r'<script src="(?P<src>[^"<>]*assets/javascripts/glightbox\.min\.js)"></script>')
_START = re.compile(r'<script id="init-glightbox">(?P<code>[^<]*)</script>')
# The start-up script, run once the deferred library has run: deferred scripts run, in
# order, just before DOMContentLoaded. Its CSP hash is in docs/_headers.
START_WRAPPER = 'document.addEventListener("DOMContentLoaded", function () {{\n{code}}});\n'


def _matches(html: str, pattern: re.Pattern[str], literal: str, at_end: bool) -> list[re.Match[str]]:
    """Every match of `pattern`, which holds no `<` but in `literal`, its start or end:
    each literal found with `str.find` (C speed, unlike a regex scan of a page whose
    navigation can be megabytes long), the match around it confirmed by the regex."""
    found = []
    at = html.find(literal)
    while at >= 0:
        if at_end:
            stop = at + len(literal)
            begin = html.rfind("<", 0, at)
            match = pattern.fullmatch(html, begin, stop) if begin >= 0 else None
        else:
            match = pattern.match(html, at)
        if match is not None:
            found.append(match)
        at = html.find(literal, at + len(literal))
    return found


# Each pattern with the literal text that ends (True) or starts (False) it.
_ANCHORED = (
    (_STYLESHEET, 'glightbox.min.css" rel="stylesheet">', True),
    (_LIBRARY, 'glightbox.min.js"></script>', True),
    (_START, '<script id="init-glightbox">', False),
)


def defer_lightbox(html: str) -> str | None:
    """The page with the lightbox out of the way of the first paint: the library loaded
    with `defer`, its stylesheet (used only once a diagram is opened) left for
    docs/assets/javascripts/lightbox-access.js to link, and its start-up script run on
    DOMContentLoaded, after the library.

    A page without the lightbox (front matter `glightbox: false`) is returned unchanged;
    None when the three are not each found exactly once (a changed mkdocs-glightbox).
    """
    if "glightbox.min." not in html and '<script id="init-glightbox">' not in html:
        return html
    found = [_matches(html, *anchored) for anchored in _ANCHORED]
    if not any(found):
        return html
    if any(len(matches) != 1 for matches in found):
        return None
    (sheet,), (library,), (start,) = found
    # The three in page order, each replaced in place.
    edits = sorted(
        (
            (sheet, ""),
            (library, f'<script src="{library["src"]}" defer></script>'),
            (start, f'<script id="init-glightbox">{START_WRAPPER.format(code=start["code"])}</script>'),
        ),
        key=lambda edit: edit[0].start(),
    )
    parts, at = [], 0
    for match, replacement in edits:
        parts += (html[at : match.start()], replacement)
        at = match.end()
    return "".join(parts) + html[at:]
