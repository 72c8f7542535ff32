"""Issue 13, classes 3 and 7: nesting deep enough to crash Python-Markdown (a RecursionError
traceback) or to outlast an HTML parser is refused from the page's text, before rendering."""

from __future__ import annotations

import pytest
from act.security.nesting import MAX_NESTING, nesting_refusal

MESSAGE = (
    "lists, boxes or HTML nested more than 20 levels deep — use at most 20: flatten the list, or split it"
)


def deep(levels: int) -> str:
    return "".join("    " * level + "- x\n" for level in range(levels))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (deep(MAX_NESTING + 1), None),  # 21 items: the last is indented 20 levels
        (deep(MAX_NESTING + 2), (MAX_NESTING + 1, MESSAGE)),
        ("    " * 21 + "x\n", (0, MESSAGE)),
        ("\t" * 21 + "- x\n", (0, MESSAGE)),  # a tab is one level
        ("  \t" * 21 + "x\n", (0, MESSAGE)),  # spaces then a tab: to the next tab stop
        ("<div>" * 20 + "x" + "</div>" * 20, None),
        ("<div>" * 21 + "x" + "</div>" * 21, (0, MESSAGE)),
        ("<div markdown>\n" * 21 + "x\n" + "</div>\n" * 21, (20, MESSAGE)),
        ("<div>\n</div>\n" * 100, None),  # closed elements do not add up
        ("<p>x\n" * 100, None),  # optional end tags are not nesting
        ("<br>" * 100 + "<img src=x.png>" * 100 + "<span/>" * 100, None),
        ("Links <https://www.nhs.uk/> and <help@example.org>. " * 50, None),
        ("2 < 3 and 5 > 4, <- arrows ->\n" * 50, None),
    ],
    ids=[
        "list-at-the-limit",
        "list-past-the-limit",
        "first-line",
        "tabs",
        "spaces-then-tab",
        "html-at-the-limit",
        "html-past-the-limit",
        "markdown-in-html",
        "closed-html",
        "optional-end-tags",
        "void-and-self-closing",
        "autolinks",
        "angle-brackets",
    ],
)
def test_nesting_refusal(text, expected):
    assert nesting_refusal(text) == expected


def test_the_scan_starts_past_the_front_matter_and_lines_count_from_the_file_start():
    front_matter = "---\n" + "    " * 30 + "title: x\n---\n"
    text = front_matter + deep(MAX_NESTING + 2)
    assert nesting_refusal(text, start=len(front_matter)) == (3 + MAX_NESTING + 1, MESSAGE)
    assert nesting_refusal(text.replace("    ", "\t"), start=len(front_matter)) == (
        3 + MAX_NESTING + 1,
        MESSAGE,
    )
    assert nesting_refusal(front_matter + "x\n", start=len(front_matter)) is None
