"""The glossary page and the tooltips of the real built site come from the one terms file."""

from __future__ import annotations

import pathlib

from act.glossary import Term, group_letter, parse_abbreviations, plural_forms
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

TERMS_FILE = ROOT / "docs" / "_snippets" / "abbreviations.md"
MARKER = "<!-- glossary-terms -->"


def soup(path: pathlib.Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(element) -> str:
    """Visible text with whitespace collapsed (tooltips nest <abbr> inside definitions)."""
    return " ".join(element.get_text().split())


def real_terms() -> list[Term]:
    terms, problems = parse_abbreviations(TERMS_FILE.read_text(encoding="utf-8"))
    assert not problems, "\n".join(map(str, problems))
    return terms


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
    definitions |= {form: t.definition for t in real_terms() for form in plural_forms(t.term)}
    page = soup(site_dir / "treatments" / "oesophageal-stent" / "index.html")
    abbrs = page.select("article abbr[title]")
    assert abbrs, "no glossary tooltips on the oesophageal stent page"
    for abbr in abbrs:
        assert abbr["title"] == definitions[abbr.get_text()]
    assert "stent" in {abbr.get_text() for abbr in abbrs}


def test_only_the_first_use_of_each_term_is_marked_and_never_in_headings(site_dir):
    """34 tooltips repeated on the oesophageal stent page before: now each term once."""
    for path in sorted(site_dir.glob("*/*/index.html")):
        article = soup(path).select_one("article")
        if article is None:
            continue
        titles = [abbr["title"] for abbr in article.select("abbr[title]")]
        repeated = {t for t in titles if titles.count(t) > 1}
        assert not repeated, f"{path}: {sorted(repeated)[:3]}"
        assert not article.select(":is(h1, h2, h3, h4, h5, h6) abbr"), path


def test_a_plural_shares_its_singular_entry(site_dir):
    """ "clinical trials" has the tooltip of "clinical trial"; the glossary lists it once."""
    terms = {t.term: t.definition for t in real_terms()}
    assert "clinical trials" not in terms and "stents" not in terms
    page = soup(site_dir / "treatments" / "clinical-trials" / "index.html")
    marked = {a.get_text(): a["title"] for a in page.select("article abbr[title]")}
    assert marked.get("clinical trials", marked.get("clinical trial")) == terms["clinical trial"]
