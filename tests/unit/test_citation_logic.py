"""act.citations: rendering and the checks, on strings (no build)."""

from __future__ import annotations

import pytest
from act.citations import blocks, check_citations, render, source_numbers, uncited


def test_numbers_follow_the_list_order_and_skip_bad_entries():
    sources = [{"id": "b"}, {"title": "no id"}, {"id": "a"}, {"id": "b"}, "junk"]
    assert source_numbers(sources) == {"b": 1, "a": 3}
    assert source_numbers(None) == {} and source_numbers({"id": "a"}) == {}


def test_render_leaves_code_unknown_ids_and_fences_alone():
    text = "One.[^a] `[^a]` [^zz]\n```\n[^a]\n```\nTwo.[^a]"
    out = render(text, {"a": 3})
    assert out.count('aria-label="source 3"') == 2
    assert 'id="cite-a-1"' in out and 'id="cite-a-2"' in out
    assert "`[^a]`" in out and "[^zz]" in out and "\n[^a]\n" in out


def test_blocks_split_paragraphs_and_list_items_with_their_first_line():
    body = 'Para one\ncontinues.\n\n- item one\n- item two\n  continues\n\n## Head 40%\n\n!!! note "Box"\n    Inside.'
    assert list(blocks(body, 10)) == [
        (10, "Para one\ncontinues."),
        (13, "- item one"),
        (14, "- item two\n  continues"),
        (20, "    Inside."),
    ]


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ("About 5% of people.[^a]", []),
        ("About 5% of people.", ["'5%' is a figure"]),
        ("Half of people.", []),
        ("See [^b].[^a]", ["citation [^b] names no source"]),
        ("[^a]: a definition", ["a footnote definition"]),
        ("## Head[^a]\n\nText.[^a]", ["citation in a heading"]),
        ("Text [^A_b].[^a]", ["citation '[^A_b]' is not a source id"]),
    ],
)
def test_check_citations(body, messages):
    found = check_citations(body, 1, ["a"])
    assert len(found) == len(messages)
    for finding, start in zip(found, messages, strict=True):
        assert finding.message.startswith(start), finding.message


def test_uncited_keeps_list_order():
    assert uncited("Text.[^b]", 1, ["c", "b", "a"]) == ["c", "a"]
