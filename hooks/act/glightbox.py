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


_SHEET_END = 'glightbox.min.css" rel="stylesheet">'
_START_TAG = '<script id="init-glightbox">'
# The plugin puts its style block right after the library (and nothing else does).
_STYLE_TAG = '<style id="glightbox-style">'
_DOCUMENT_END = "</body></html>"


def defer_lightbox(html: str) -> str | None:
    """The page with the lightbox out of the way of the first paint: the library loaded
    with `defer`, its stylesheet (used only once a diagram is opened) left for
    docs/assets/javascripts/lightbox-access.js to link, and its start-up script run on
    DOMContentLoaded, after the library.

    A page without the lightbox (front matter `glightbox: false`) is returned unchanged;
    None when mkdocs-glightbox's tags are not where and what it writes (a changed plugin).

    The plugin appends its stylesheet and library, one after the other, to <head> and
    its start-up script to <body>, and selectolax serialises the page, so the start-up
    script ends the document and the stylesheet is the first in it. Only those places
    are looked at (a page is tens to hundreds of K characters, mostly navigation; scanning it
    three times was most of this hook's cost). Why page content cannot pass for them:

    - The start-up script: the document must end with `<script id="init-glightbox">`,
      code without a `<`, `</script></body></html>`. The last `<script id="init-glightbox">`
      in the document is then that one: a later one would start inside the code, which
      holds no `<`, or in the fixed ending, which holds none. Material's own scripts
      follow the page content in <body>, so content is never the document's end.
    - The stylesheet: the first occurrence of `glightbox.min.css" rel="stylesheet">`,
      before the start-up script. Everything before the plugin's tag is in <head>; the
      serialiser escapes `<` and `>` in text and attribute values and `"` in attribute
      values, so the literal (with its `"` and `>`) could only come before it as markup,
      a comment or raw script text put in <head> by the templates, which put none (page
      data reaches <head> escaped, or as JSON, where every `"` in a string is `\\"`).
      The library must follow it at once, and the plugin's style block the library, as the
      plugin writes them: a copy of the two tags in a comment or script text in <head>
      (which no template writes today) is then refused, not rewritten in their place.
    Copies of these tags elsewhere in a page (raw HTML in Markdown) are page content:
    left as they are, for the page checks and the output gate to judge.
    Tested with hostile pages in tests/unit/test_glightbox_defer.py.
    """
    start = _start_up_script(html)
    if start is None:
        return _without_start_up_script(html)
    end = start.start()
    at = html.find(_SHEET_END, 0, end)
    begin = html.rfind("<", 0, at) if at >= 0 else -1
    sheet = _STYLESHEET.fullmatch(html, begin, at + len(_SHEET_END)) if begin >= 0 else None
    library = _LIBRARY.match(html, sheet.end(), end) if sheet is not None else None
    if library is None or not html.startswith(_STYLE_TAG, library.end()):
        return None
    # Each piece copied once, in page order.
    return "".join(
        (
            html[: sheet.start()],
            f'<script src="{library["src"]}" defer></script>',
            html[library.end() : end],
            f"{_START_TAG}{START_WRAPPER.format(code=start['code'])}</script>",
            html[start.end() :],
        )
    )


def _start_up_script(html: str) -> re.Match[str] | None:
    """The plugin's start-up script, if it is what ends the document (see defer_lightbox)."""
    if not html.endswith(_DOCUMENT_END):
        return None
    at = html.rfind(_START_TAG)
    return _START.fullmatch(html, at, len(html) - len(_DOCUMENT_END)) if at >= 0 else None


def _without_start_up_script(html: str) -> str | None:
    """A page whose document does not end with the start-up script: unchanged if none of
    the plugin's three tags is anywhere in it (`glightbox: false`), else None."""
    if "glightbox.min." not in html and _START_TAG not in html:
        return html
    if any(_matches(html, *anchored) for anchored in _ANCHORED):
        return None
    return html
