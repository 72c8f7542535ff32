"""How deep a page's Markdown nests, measured on its text before anything parses it.

Python-Markdown parses nested lists, boxes and `markdown`-attributed HTML by recursion: a
list a few hundred levels deep ends the build in a RecursionError traceback, and HTML
parsers stop at 256 levels (past which a browser still reads what a checker no longer
sees). Real pages nest three or four levels, so anything past MAX_NESTING is refused
before MkDocs renders the page.
"""

from __future__ import annotations

import re

MAX_NESTING = 20
TAB = 4  # Python-Markdown's tab_length: one level of list or box nesting

# A tag: `<name`, then a space, `/` or `>` (so `<https://...>` and `<a@b.org>` are links, not tags).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
# Elements with no closing tag (void) or an optional one: they do not count as nesting.
_NOT_COUNTED = frozenset(
    (  # noqa: SIM905 (one line of names reads better than thirty)
        "area base br col embed hr img input link meta param source track wbr "
        "p li dt dd tr td th thead tbody tfoot option optgroup colgroup rb rt rp"
    ).split()
)


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += TAB - width % TAB
        else:
            break
    return width // TAB


def nesting_refusal(text: str, first_line: int = 0) -> tuple[int, str] | None:
    """(0-based line, message) for the first line nested deeper than MAX_NESTING, else None.

    Counts indentation levels (lists, boxes) and open HTML elements; `first_line` skips
    the front matter."""
    open_tags: list[str] = []
    for number, line in enumerate(text.splitlines()[first_line:], start=first_line):
        depth = _indent(line)
        for match in _TAG.finditer(line):
            closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                if name in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
            elif not self_closing and name not in _NOT_COUNTED:
                open_tags.append(name)
                depth = max(depth, len(open_tags))
        if depth > MAX_NESTING:
            return (
                number,
                f"lists, boxes or HTML nested {depth} levels deep — use at most {MAX_NESTING} levels: "
                "flatten the list, or split it",
            )
    return None
