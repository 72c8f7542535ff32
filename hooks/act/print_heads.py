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
import re

from mkdocs.structure.files import File

# The custom properties print.css reads, in the order they are written.
PROPERTIES = ("--act-print-title", "--act-print-address", "--act-print-reviewed")
# Characters written as they are inside a CSS string; everything else is hex-escaped.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 ,.:/_-]")
# The document's opening, as the theme writes it (mkdocs-glightbox re-serialises it as
# `<!DOCTYPE html><html …>`): the only place the attribute goes. Anchored at the start, so
# nothing a page's text contains can be taken for it.
_ROOT = re.compile(r"\A(\s*<!doctype html>\s*<html\b)([^<>]*)>", re.IGNORECASE)


def hosted_address(site_url: str | None, src_uri: str) -> str:
    """The page's address on the hosted site, also in the offline bundle (whose own links
    end in `.html`, which the host does not serve): "" without a site_url."""
    if not site_url:
        return ""
    url = File(src_uri, src_dir=None, dest_dir="", use_directory_urls=True).url
    return site_url.rstrip("/") + "/" + ("" if url == "./" else url)


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
    if match is None or re.search(r"\sstyle\s*=", match[2], re.IGNORECASE):
        return None
    escaped = style.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    # The match is the document's opening (anchored at its start), so the first occurrence
    # is the one replaced: one copy of the page instead of a slice and a concatenation.
    return html.replace(match[0], f'{match[1]}{match[2]} style="{escaped}">', 1)
