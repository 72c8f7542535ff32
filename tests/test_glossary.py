"""Glossary: one file of `*[term]: definition` lines gives both the tooltips on every
page and the glossary page. Unit tests on the parser and renderer, a fixture build for
the hook's error reporting, and checks on the real built site."""

from __future__ import annotations

import pathlib
import textwrap

import pytest
from bs4 import BeautifulSoup
from glossary_terms import (
    MAX_DEFINITION,
    Term,
    group_letter,
    insert_glossary,
    parse_abbreviations,
    render_glossary,
)
from sitebuild import ROOT, BuildFailed, build_site

TERMS_FILE = ROOT / "docs" / "_snippets" / "abbreviations.md"
MARKER = "<!-- glossary-terms -->"


def soup(path: pathlib.Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(element) -> str:
    """Visible text with whitespace collapsed (tooltips nest <abbr> inside definitions)."""
    return " ".join(element.get_text().split())


def real_terms() -> list[Term]:
    terms, problems = parse_abbreviations(TERMS_FILE.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)
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
    for term in ("metastases", "MDT", "MSCC", "stent", "vertebra", "pleura", "palliative"):
        assert term in {t.term for t in terms}


# --- hook, on a fixture site ----------------------------------------------------------


def test_hook_fails_once_listing_every_problem(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "_snippets").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "guides" / "glossary.md").write_text("# Glossary\n\nNo marker here.\n", encoding="utf-8")
    (docs / "_snippets" / "abbreviations.md").write_text("*[stent]: A tube\nbroken line\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Fixture
            exclude_docs: |
              _snippets/
            hooks:
              - {ROOT / "hooks" / "glossary.py"}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    message = str(failed.value)
    assert "docs/_snippets/abbreviations.md:2: not a glossary line" in message
    assert f"docs/guides/glossary.md: no `{MARKER}` line" in message


# --- the real built site ----------------------------------------------------------------


def test_glossary_page_lists_every_term_under_letter_headings(site_dir):
    page = soup(site_dir / "guides" / "glossary" / "index.html")
    article = page.select_one("article")
    listed = [dt.get_text(strip=True) for dt in article.select(":scope > dl > dt")]
    terms = real_terms()
    assert sorted(listed) == sorted(t.term for t in terms)
    assert listed == [t.term for t in sorted(terms, key=lambda t: (t.term.casefold(), t.term))]
    definitions = {
        dt.get_text(strip=True): text(dt.find_next_sibling("dd")) for dt in article.select(":scope > dl > dt")
    }
    assert all(definitions[t.term] == t.definition for t in terms)
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select(":scope > h2")]
    assert headings == sorted({group_letter(t.term) for t in terms})
    assert MARKER not in page.decode()


def test_tooltips_appear_on_a_treatment_page(site_dir):
    definitions = {t.term: t.definition for t in real_terms()}
    page = soup(site_dir / "treatments" / "oesophageal-stent" / "index.html")
    abbrs = page.select("article abbr[title]")
    assert abbrs, "no glossary tooltips on the oesophageal stent page"
    for abbr in abbrs:
        assert abbr["title"] == definitions[abbr.get_text()]
    assert "stent" in {abbr.get_text() for abbr in abbrs}


@pytest.mark.browser
def test_hovering_a_glossary_word_shows_its_definition(page, site_url):
    definitions = {t.term: t.definition for t in real_terms()}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "treatments/oesophageal-stent/")
    word = page.locator("article p abbr").first
    term = word.inner_text()
    word.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == definitions[term]
    assert not page.log.page_errors
