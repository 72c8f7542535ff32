"""Glossary: one file of `*[term]: definition` lines gives both the tooltips on every
page and the glossary page. The parser and the renderer, without a build."""

from __future__ import annotations

import pytest
from act.glossary import (
    MARKER,
    MAX_DEFINITION,
    Term,
    first_uses_only,
    group_letter,
    insert_glossary,
    parse_abbreviations,
    plural_forms,
    plural_lines,
    render_glossary,
)
from testkit.sitebuild import ROOT

TERMS_FILE = ROOT / "docs" / "_snippets" / "abbreviations.md"


def real_terms() -> list[Term]:
    terms, problems = parse_abbreviations(TERMS_FILE.read_text(encoding="utf-8"))
    assert not problems, "\n".join(map(str, problems))
    return terms


# --- parser -------------------------------------------------------------------------


def test_parses_terms_with_line_numbers_and_skips_blank_lines():
    text = "*[MDT]: Multidisciplinary team\n\n*[stent]:   A tube that holds a passage open  \n"
    terms, problems = parse_abbreviations(text)
    assert problems == []
    assert terms == [
        Term("MDT", "Multidisciplinary team", 1),
        Term("stent", "A tube that holds a passage open", 3),
    ]


def test_reports_every_problem_with_path_line_and_fix():
    text = "\n".join(
        [
            "*[stent]: A tube",
            "stent: not in the right shape",
            "*[stent]: Defined twice",
            "*[biopsy]:",
            f"*[long]: {'x' * (MAX_DEFINITION + 1)}",
            "*[bold]: Has **Markdown** in it",
        ]
    )
    terms, problems = parse_abbreviations(text, "abbr.md")
    assert [t.term for t in terms] == ["stent", "long", "bold"]
    assert len(problems) == 5
    problems = [str(problem) for problem in problems]
    assert problems[0].startswith("abbr.md:2: not a glossary line — ")
    assert problems[1].startswith("abbr.md:3: `stent` is already defined on line 1 — ")
    assert problems[2].startswith("abbr.md:4: `biopsy` has no definition — ")
    assert problems[3].startswith(f"abbr.md:5: definition of `long` is {MAX_DEFINITION + 1} characters — ")
    assert problems[4].startswith("abbr.md:6: definition of `bold` contains Markdown")


# --- renderer -----------------------------------------------------------------------


def test_renders_sorted_case_insensitively_under_letter_headings():
    terms = [
        Term("stent", "A tube", 1),
        Term("mesothelium", "A lining", 2),
        Term("MDT", "A team", 3),
        Term("ablation", "Destroying a tumour", 4),
        Term("malignant", "Cancerous", 5),
    ]
    markdown = render_glossary(terms)
    assert markdown.count("## ") == 3
    expected = ("## A", "ablation", "## M", "malignant", "MDT", "mesothelium", "## S", "stent")
    order = [markdown.index(s) for s in expected]
    assert order == sorted(order)
    assert "MDT\n:   A team\n" in markdown


def test_group_letter_puts_digits_and_symbols_under_hash():
    assert group_letter("ablation") == "A"
    assert group_letter("MSCC") == "M"
    assert group_letter("5-FU") == "#"


def test_insert_replaces_marker_line_only():
    page = f"# Glossary\n\nIntro.\n\n{MARKER}\n\nAfter.\n"
    result = insert_glossary(page, [Term("stent", "A tube", 1)], MARKER)
    assert result is not None
    assert MARKER not in result
    assert result.startswith("# Glossary\n\nIntro.\n\n## S\n")
    assert result.rstrip().endswith("After.")
    assert insert_glossary("# Glossary\n", [], MARKER) is None


def test_real_terms_file_is_valid_and_large_enough():
    terms = real_terms()
    assert len(terms) >= 45
    for term in ("metastasis", "MDT", "MSCC", "stent", "vertebra", "pleura", "palliative"):
        assert term in {t.term for t in terms}


# --- plurals and first use ---------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "plurals"),
    [
        ("stent", ["stents"]),
        ("clinical trial", ["clinical trials"]),
        ("metastasis", ["metastasiss", "metastases"]),
        ("biopsy", ["biopsys", "biopsies"]),
        ("MDT", ["MDTs"]),
    ],
)
def test_plural_forms(term, plurals):
    assert plural_forms(term) == plurals


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "*[stent]: A tube\n*[stents]: Tubes\n",
            "abbr.md:2: `stents` is the plural of `stent` on line 1 — delete this line",
        ),
        (
            "*[metastasis]: A spread\n\n*[metastases]: Spreads\n",
            "abbr.md:3: `metastases` is the plural of `metastasis` on line 1 — ",
        ),
        (
            "*[clinical trial]: A study\n*[clinical trials]: Studies\n",
            "abbr.md:2: `clinical trials` is the plural of `clinical trial`",
        ),
    ],
)
def test_a_plural_entry_is_reported(text, message):
    terms, problems = parse_abbreviations(text, "abbr.md")
    assert len(terms) == 1
    assert len(problems) == 1 and str(problems[0]).startswith(message)


def test_plural_lines_give_plurals_the_singular_definition_unless_defined():
    terms = [Term("stent", "A tube", 1), Term("CT", "A scan", 2), Term("CTs", "Scans", 3)]
    assert plural_lines(terms).splitlines() == ["*[stents]: A tube"]


def test_first_uses_only_keeps_the_first_tooltip_per_definition_and_none_in_headings():
    html = (
        '<h1>A <abbr title="A tube">stent</abbr></h1>'
        '<p>The <abbr title="A tube">stent</abbr> and <abbr title="A tube">stents</abbr>, '
        '<abbr title="A scan">CT</abbr></p><p><abbr title="A scan">CT</abbr></p>'
    )
    assert first_uses_only(html) == (
        '<h1>A stent</h1><p>The <abbr title="A tube">stent</abbr> and stents, '
        '<abbr title="A scan">CT</abbr></p><p>CT</p>'
    )


def test_real_terms_file_keeps_a_blank_line_between_entries():
    """The file is appended to every page. Python-Markdown's abbr block processor takes one
    entry from a block and re-queues the rest, and every block processor re-tests the rest:
    adjacent entries cost time quadratic in their number (163 adjacent entries made the
    real build 7.7 s of CPU instead of 2.0 s). A blank line makes each entry its own block."""
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    adjacent = [n for n in range(1, len(lines)) if lines[n].strip() and lines[n - 1].strip()]
    assert not adjacent, (
        f"docs/_snippets/abbreviations.md:{adjacent[0] + 1}: put a blank line before this entry"
    )


def _first_uses_by_named_groups(html: str) -> str:
    """`first_uses_only` as it was defined before it was made cheaper (named groups, templates)."""
    import re

    abbr_or_heading = re.compile(
        r'<abbr title="(?P<title>[^"]*)">(?P<word>.*?)</abbr>|<h(?P<level>[1-6])\b.*?</h(?P=level)>', re.S
    )
    abbr = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        if match["level"]:
            return abbr.sub(r"\1", match[0])
        if match["title"] in seen:
            return match["word"]
        seen.add(match["title"])
        return match[0]

    return abbr_or_heading.sub(replace, html)


# Pieces of HTML, hostile ones included: empty titles and words, unclosed and nested tags,
# quotes, headings of every level (closed by another level or not at all), look-alikes.
_HTML_PIECES = [
    '<abbr title="A tube">stent</abbr>',
    '<abbr title="A tube">stents</abbr>',
    '<abbr title="A scan">CT</abbr>',
    '<abbr title="A scan">CT</abbr>',
    '<h2 id="x">A <abbr title="A tube">stent</abbr></h2>',
    '<abbr title="A tube">',
    '<abbr title="A scan">',
    '<abbr title="">',
    '<abbr title="x" class="y">',
    '<abbr title="q"',
    "<abbr>",
    "</abbr>",
    "stent",
    "CT",
    " ",
    "\n",
    '"',
    ">",
    "<",
    "<h1>",
    '<h2 id="a">',
    "<h3>",
    "<h10>",
    "<hr>",
    "<header>",
    "</h1>",
    "</h2>",
    "</h3>",
    "<p>",
    "</p>",
    "é — ’",
]


@pytest.mark.parametrize("seed", range(20))
def test_first_uses_only_equals_its_named_group_definition(seed):
    """Differential: random HTML, against the definition it replaced."""
    import random

    rng = random.Random(seed)
    for _ in range(400):
        html = "".join(rng.choice(_HTML_PIECES) for _ in range(rng.randint(0, 30)))
        assert first_uses_only(html) == _first_uses_by_named_groups(html), repr(html)
