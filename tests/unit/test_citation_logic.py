"""act.citations: rendering and the checks, on strings (no build)."""

from __future__ import annotations

import pytest
from act.citations import FIGURE_RE, blocks, check_citations, first_figure, render, source_numbers, uncited


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


def _render_line_by_line(markdown: str, numbers: dict[str, int]) -> str:
    """`render` by its line-by-line walk, as it was defined before its one-pass path: a last
    line holding one backtick (no fence, no code span, no marker, left as it is) makes
    `render` walk every line."""
    walked = render(markdown + "\n`", numbers)
    assert walked.endswith("\n`")
    return walked[:-2]


_PIECES = ["[^a]", "[^b]", "[^a-1]", "[^zz]", "[^A]", "[^", "]", "^", "[", " ", "word", "\n", "\n\n"]
_CODE = ["`", "```", "~~~", "~", "  ```", "\t~~~"]


@pytest.mark.parametrize("seed", range(20))
def test_render_in_one_pass_equals_the_line_by_line_walk(seed):
    """Differential: random Markdown, most of it without code (the one-pass path), some with
    fences and code spans (the walk), against the line-by-line definition."""
    import random

    rng = random.Random(seed)
    numbers = {"a": 1, "b": 2, "a-1": 3}
    for _ in range(300):
        pool = _PIECES + (_CODE if rng.random() < 0.3 else [])
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert render(text, numbers) == _render_line_by_line(text, numbers), repr(text)


def test_render_in_one_pass_equals_the_walk_on_every_real_page():
    from act.citations import source_numbers
    from mkdocs.utils.meta import get_data
    from testkit.sitebuild import ROOT

    pages = sorted((ROOT / "docs").rglob("*.md"))
    cited = 0
    for path in pages:
        body, meta = get_data(path.read_text(encoding="utf-8"))
        numbers = source_numbers(meta.get("sources"))
        assert render(body, numbers) == _render_line_by_line(body, numbers), path
        cited += "[^" in body
    assert cited > 10


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


def test_newest_source_year_counts_dated_sources_only():
    import datetime as dt

    from act.citations import newest_source_year, sources_out_of_date

    sources = [{"year": 2014}, {"accessed": dt.date(2019, 5, 1)}, {"title": "neither"}, "junk"]
    assert newest_source_year(sources) == 2014
    assert newest_source_year([{"accessed": dt.date(2026, 11, 27)}]) is None
    assert newest_source_year([]) is None and newest_source_year(None) is None
    review = dt.date(2027, 11, 27)
    assert sources_out_of_date(2021, review, 5) and not sources_out_of_date(2022, review, 5)
    assert not sources_out_of_date(None, review, 5)


def test_json_ld_names_a_reviewer_only_while_a_clinician_sign_off_holds():
    import datetime as dt

    from act.clinical_review import ClinicalStatus
    from act.structured_data import structured_data

    meta = {"title": "T", "type": "treatment", "last_reviewed": dt.date(2026, 1, 1)}
    assert "reviewedBy" not in structured_data(meta, site_name="S", site_url=None, canonical_url=None)
    review = {"name": "Dr A", "role": "Oncologist", "date": dt.date(2026, 1, 2)}
    signed = {**meta, "clinical_review": review}
    data = structured_data(
        signed, site_name="S", site_url=None, canonical_url=None, clinical=ClinicalStatus("signed", **review)
    )
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A", "jobTitle": "Oncologist"}
    lapsed = structured_data(
        signed, site_name="S", site_url=None, canonical_url=None, clinical=ClinicalStatus("lapsed", **review)
    )
    assert "reviewedBy" not in lapsed


@pytest.mark.parametrize(
    "text",
    [
        "No figures here at all, only words such as often, done and tender.",
        "About 40% of people, or one in three, feel better within 6 months.",
        "ONE IN THREE people; the Median survival; a Hazard Ratio of 0.8",
        "x40% glued to a word, 12.5 per cent, 2 to 3 years, 5-year survival",
        "Around a hundred in a thousand — one in ten — with ’curly’ quotes and 3 out of 101",
        "ſix in ten (a long s, which case-insensitive matching folds to s) and İstanbul 1 in 5",
        "seventeen in twenty is not a listed word pair; tens in hundreds neither",
    ],
)
def test_first_figure_is_the_figure_search_finds(text):
    expected = FIGURE_RE.search(text)
    found = first_figure(text)
    assert (found and (found.start(), found.group(0))) == (expected and (expected.start(), expected.group(0)))
