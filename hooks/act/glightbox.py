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
