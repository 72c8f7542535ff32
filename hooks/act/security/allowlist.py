"""What may appear in the built site: the output gate's allowlist, as data, in one place.

To allow new markup (a new theme feature, a new partial, a new Markdown extension), add
the element and its attributes here; the gate (act/security/gate.py) fails the build on
anything not listed, naming the file, the element or attribute, and this file.
"""

from __future__ import annotations

import re

# Attributes every element may carry.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"})
# Attribute-name prefixes every element may carry (ARIA; Material's own data attributes).
GLOBAL_PREFIXES = ("aria-", "data-md-")

# Element -> the attributes it may carry besides the global ones.
_TEXT = frozenset()
ELEMENTS: dict[str, frozenset[str]] = {
    # document
    # style: the print header's custom properties only (STYLE_VALUES, act/print_heads.py).
    "html": frozenset({"class", "lang", "dir", "style"}),
    "head": _TEXT,
    "body": frozenset({"dir"}),
    "title": _TEXT,
    "meta": frozenset({"charset", "name", "content", "property", "http-equiv"}),
    # media: print.css, loaded with media="print" so it does not hold up the first paint.
    "link": frozenset({"href", "rel", "hreflang", "type", "sizes", "media"}),
    # defer: the lightbox library and the project's scripts run after the page is parsed.
    "script": frozenset({"src", "type", "id", "defer"}),
    "style": frozenset({"id"}),
    # layout (Material)
    "header": _TEXT,
    "footer": _TEXT,
    "main": _TEXT,
    "nav": _TEXT,
    "aside": frozenset({"data-search-exclude"}),
    "section": frozenset({"data-search-exclude"}),
    "article": _TEXT,
    "div": frozenset({"data-search-exclude"}),
    "span": _TEXT,
    "form": frozenset({"action", "method", "name"}),
    "input": frozenset(
        {
            "type",
            "name",
            "id",
            "checked",
            "placeholder",
            "autocapitalize",
            "autocomplete",
            "autocorrect",
            "spellcheck",
            "required",
            "value",
        }
    ),
    "label": frozenset({"for"}),
    "button": frozenset({"type"}),
    # text
    "h1": _TEXT,
    "h2": _TEXT,
    "h3": _TEXT,
    "h4": _TEXT,
    "h5": _TEXT,
    "h6": _TEXT,
    "p": _TEXT,
    "br": _TEXT,
    "hr": _TEXT,
    "em": _TEXT,
    "strong": _TEXT,
    "b": _TEXT,
    "i": _TEXT,
    "small": _TEXT,
    "sub": _TEXT,
    "sup": _TEXT,  # inline citations: <sup class="citation" id="cite-ID-N">
    "mark": _TEXT,
    "code": _TEXT,
    "pre": _TEXT,
    "kbd": _TEXT,
    "blockquote": _TEXT,
    "abbr": _TEXT,  # glossary tooltips: the title is checked as text below
    "time": frozenset({"datetime"}),
    "ul": _TEXT,
    "ol": frozenset({"start"}),
    "li": _TEXT,
    "dl": _TEXT,
    "dt": _TEXT,
    "dd": _TEXT,
    "table": _TEXT,
    "thead": _TEXT,
    "tbody": _TEXT,
    "tfoot": _TEXT,
    "tr": _TEXT,
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "caption": _TEXT,
    "details": frozenset({"open"}),
    "summary": _TEXT,
    "figure": _TEXT,
    "figcaption": _TEXT,
    # links and images (the lightbox's data attributes on both)
    "a": frozenset(
        {"href", "rel", "target", "data-gallery", "data-title", "data-description", "data-desc-position"}
        | {"data-type", "data-width", "data-height"}
        # The download page's links to the offline zip and the ZIM (overrides/partials/downloads.html).
        | {"download"}
    ),
    "img": frozenset({"src", "alt", "width", "height", "loading", "data-gallery", "data-title"}),
    # Material's inline icons
    "svg": frozenset({"viewbox", "xmlns", "width", "height", "fill"}),
    "path": frozenset({"d", "fill", "fill-rule", "clip-rule"}),
}

# Attributes whose value is a URL, and which of them load something as the page loads
# (those must stay on this site); a link the reader follows may go anywhere listed below.
URL_ATTRIBUTES = frozenset({"href", "src", "action"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# <link rel=...> that only names an address, loading nothing.
NAMING_LINK_RELS = frozenset({"canonical"})
# Attribute values that the theme (tooltips) or the lightbox (captions) put into the page
# as HTML: they must hold no markup.
RENDERED_AS_HTML = frozenset({"title", "data-title", "data-description"})
# The only inline styles: table column alignment written by Markdown's tables extension,
# and on <html> what every printed sheet names (act/print_heads.py): three CSS strings of
# plain characters and hex escapes, so none can close its string or the attribute.
_CSS_STRING = r'"(?:[A-Za-z0-9 ,.:/_-]|\\[0-9a-f]{1,6} )*"'
STYLE_VALUES = re.compile(
    r"^(?:text-align: (left|right|center);"
    rf"|--act-print-title: {_CSS_STRING}; --act-print-address: {_CSS_STRING}; --act-print-reviewed: {_CSS_STRING};)\Z"
)
# `fill` on inline SVG: a colour only (a name or #hex), never url() or a CSS escape.
FILL_VALUES = re.compile(r"^(?:[a-zA-Z]+|#[0-9a-fA-F]{3,8})\Z")
# <meta>: which names and properties, and the one http-equiv (the CSP itself).
META_NAMES = frozenset({"viewport", "description", "author", "generator", "referrer", "robots"})
META_NAME_PREFIXES = ("twitter:",)
META_PROPERTY_PREFIXES = ("og:",)
META_HTTP_EQUIV = frozenset({"content-security-policy"})
# <script> types that never run: data for the theme or for search engines.
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})

# Files the site may contain, by extension ("" for `_headers`, `LICENSE`).
SITE_FILE_TYPES = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".gz", ".txt", ".svg", ".png", ".jpg", ".jpeg", ".webp"}
    | {".gif", ".map", ""}
)
# Folders of the built site that may hold JavaScript: the theme's, the project's own
# (docs/assets/javascripts/, reviewed), the vendored offline search shim, and search.
SCRIPT_FOLDERS = ("assets/javascripts/", "assets/vendor/iframe-worker/", "search/")
