"""The running header and footer of every printed sheet: the page title, its address and
its review date, as CSS custom properties in a `style` attribute on the page's `<html>`
element. print.css's `@page` margin boxes read them (`content: var(--act-print-title)`),
and the page context inherits custom properties from the root element, so every sheet
carries them, with or without JavaScript.

The values are CSS strings inside an HTML attribute. Every character outside a small
safe set is written as a CSS hex escape (`\\22 ` for `"`), so a title can close neither
the string nor the attribute, and the output gate (act/security/allowlist.py,
PRINT_HEADS) can check the whole attribute against one strict pattern.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from pathlib import PurePath
from urllib.parse import quote as urlquote

from mkdocs.utils import is_markdown_file

# The custom properties print.css reads, in the order they are written.
PROPERTIES = ("--act-print-title", "--act-print-address", "--act-print-reviewed")
# Characters written as they are inside a CSS string; everything else is hex-escaped.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 ,.:/_-]")
# The document's opening, as the theme writes it (mkdocs-glightbox re-serialises it as
# `<!DOCTYPE html><html …>`): the only place the attribute goes. Anchored at the start, so
# nothing a page's text contains can be taken for it.
_ROOT = re.compile(r"\A(\s*<!doctype html>\s*<html\b)([^<>]*)>", re.IGNORECASE)
# A style attribute already on that tag (it would be a second one).
_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def hosted_address(site_url: str | None, src_uri: str) -> str:
    """The page's address on the hosted site, also in the offline bundle (whose own links
    end in `.html`, which the host does not serve): "" without a site_url."""
    if not site_url:
        return ""
    url = directory_url(src_uri)
    return site_url.rstrip("/") + "/" + ("" if url == "./" else url)


def directory_url(src_uri: str) -> str:
    """`File(src_uri, src_dir=None, dest_dir="", use_directory_urls=True).url`: the URL
    MkDocs gives the file with directory URLs (`a/b.md` → `a/b/`, `a/index.md` and
    `a/README.md` → `a/`, any other file its own path), made from the same steps on the
    string. Making a MkDocs File for it cost 50-65 µs a page inside a build (half of this
    hook). tests/unit/test_print_heads.py holds it equal to File's on every real page and
    on thousands of made-up paths, so a MkDocs upgrade that changes the rule fails there."""
    if not src_uri or src_uri.startswith(".") or "/." in src_uri or "//" in src_uri or src_uri.endswith("/"):
        # Only these can hold an empty or "." part, which File drops (as PurePath does).
        src_uri = PurePath(src_uri).as_posix()
    if is_markdown_file(src_uri):
        parent, filename = posixpath.split(src_uri)
        stem = posixpath.splitext(filename)[0]
        if stem in ("index", "README"):
            return urlquote((parent or ".") + "/")
        return urlquote(posixpath.join(parent, stem) + "/")
    parent, filename = posixpath.split(src_uri)
    return urlquote((parent or ".") + "/" if filename == "index.html" else src_uri)


class Addresses(dict):
    """Each page's hosted address, worked out once a build (`per_build` state): the page
    context and the written page both need it. src_uri -> address."""

    def __init__(self, config: object = None) -> None:
        super().__init__()

    def of(self, site_url: str | None, src_uri: str) -> str:
        address = self.get(src_uri)
        if address is None:
            address = self[src_uri] = hosted_address(site_url, src_uri)
        return address


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string of safe characters and hex escapes."""
    one_line = " ".join(str(text).split())  # newlines and tabs become spaces
    return '"' + _NOT_PLAIN.sub(lambda match: f"\\{ord(match[0]):x} ", one_line) + '"'


def reviewed_line(last_reviewed: object) -> str:
    """ "Page last reviewed: 21 November 2026", as the page shows it; "" without a date."""
    if not isinstance(last_reviewed, datetime.date):
        return ""
    return f"Page last reviewed: {last_reviewed.day} {last_reviewed:%B %Y}"


def running_heads(title: str, address: str, reviewed: str) -> str:
    """The `style` attribute's value: the three custom properties, each a CSS string."""
    return " ".join(
        f"{name}: {css_string(value)};"
        for name, value in zip(PROPERTIES, (title, address, reviewed), strict=True)
    )


def add_to_root(html: str, style: str) -> str | None:
    """`html` with `style="…"` added to its `<html>` start tag; None if the document does
    not open with `<!doctype html><html …>` or that tag already has a style."""
    match = _ROOT.match(html)
    if match is None or _STYLE.search(match[2]):
        return None
    escaped = style.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    # The match is the document's opening (anchored at its start), so the first occurrence
    # is the one replaced: one copy of the page instead of a slice and a concatenation.
    return html.replace(match[0], f'{match[1]}{match[2]} style="{escaped}">', 1)
