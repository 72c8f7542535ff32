"""How deep a page's Markdown nests, measured on its text before anything parses it.

Python-Markdown parses nested lists, boxes and `markdown`-attributed HTML by recursion: a
list a few hundred levels deep ends the build in a RecursionError traceback, and HTML
parsers stop at 256 levels (past which a browser still reads what a checker no longer
sees). Real pages nest three or four levels, so anything past MAX_NESTING is refused
before MkDocs renders the page. Two scans of the whole text: a plain search for deep
indentation (a regex when the page holds tabs) and one regex for tags.
"""

from __future__ import annotations

import re

MAX_NESTING = 20

# One level of indentation is one tab stop (Python-Markdown's tab_length is 4): four
# spaces, or up to three spaces and a tab.
_TOO_DEEP_INDENT = re.compile(rf"(?: {{4}}| {{0,3}}\t){{{MAX_NESTING + 1}}}")
# Each level takes at least one character: only such lines need the exact check.
_DEEP_SPACES = "\n" + " " * 4 * (MAX_NESTING + 1)
_CANDIDATE = re.compile(rf"\n[ \t]{{{MAX_NESTING + 1}}}")
# A tag: `<name`, then a space, `/` or `>` (so `<https://...>` and `<a@b.org>` are links, not tags).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
# Elements with no closing tag (void) or an optional one: they do not count as nesting.
_NOT_COUNTED = frozenset(
    (  # noqa: SIM905 (one line of names reads better than thirty)
        "area base br col embed hr img input link meta param source track wbr "
        "p li dt dd tr td th thead tbody tfoot option optgroup colgroup rb rt rp"
    ).split()
)
MESSAGE = (
    f"lists, boxes or HTML nested more than {MAX_NESTING} levels deep — use at most {MAX_NESTING}: "
    "flatten the list, or split it"
)


def _too_deep_indent(text: str, start: int) -> int | None:
    """Offset of the first line indented more than MAX_NESTING levels."""
    if start == 0 and _TOO_DEEP_INDENT.match(text):
        return 0
    if "\t" not in text:  # spaces only (nearly every page): a plain search, many times faster
        found = text.find(_DEEP_SPACES, max(start - 1, 0))
        return found + 1 if found >= 0 else None
    for candidate in _CANDIDATE.finditer(text, max(start - 1, 0)):
        if _TOO_DEEP_INDENT.match(text, candidate.start() + 1):
            return candidate.start() + 1
    return None


def _too_deep_html(text: str, start: int) -> int | None:
    """Offset of the first tag that opens an element more than MAX_NESTING deep."""
    if "<" not in text:
        return None
    open_tags: list[str] = []
    for match in _TAG.finditer(text, start):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
        elif not self_closing and name not in _NOT_COUNTED:
            open_tags.append(name)
            if len(open_tags) > MAX_NESTING:
                return match.start()
    return None


def nesting_refusal(text: str, start: int = 0) -> tuple[int, str] | None:
    """(0-based line, message) for the first place nested deeper than MAX_NESTING, else None.

    Counts indentation levels (lists, boxes) and open HTML elements from offset `start`
    (past the front matter); lines count from the start of `text`."""
    offsets = [
        offset
        for offset in (_too_deep_indent(text, start), _too_deep_html(text, start))
        if offset is not None
    ]
    if not offsets:
        return None
    return text.count("\n", 0, min(offsets)), MESSAGE
