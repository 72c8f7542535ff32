"""Hovering a glossary word in Chromium shows its definition."""

from __future__ import annotations

from act.glossary import parse_abbreviations
from testkit.sitebuild import ROOT

TERMS_FILE = ROOT / "docs" / "_snippets" / "abbreviations.md"


def definitions() -> dict[str, str]:
    terms, _ = parse_abbreviations(TERMS_FILE.read_text(encoding="utf-8"))
    return {t.term: t.definition for t in terms}


def test_hovering_a_glossary_word_shows_its_definition(page, site_url):
    definitions_ = definitions()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "treatments/oesophageal-stent/")
    word = page.locator("article p abbr").first
    term = word.inner_text()
    word.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == definitions_[term]
    assert not page.log.page_errors
