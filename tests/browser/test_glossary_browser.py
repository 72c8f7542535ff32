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


def test_the_pop_up_is_readable_and_leaves_the_line_visible_on_a_phone(page, site_url):
    """14 px or more, normal weight (was 10 px bold), and never over the word's own line."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "treatments/oesophageal-stent/")
    word = page.locator("article p abbr").first
    word.scroll_into_view_if_needed()
    word.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(400)  # the fade-in transition
    style = tooltip.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]")
    assert float(style[0].removesuffix("px")) >= 14, style
    assert int(style[1]) <= 400, style
    box, line = tooltip.bounding_box(), word.bounding_box()
    overlap = min(box["y"] + box["height"], line["y"] + line["height"]) - max(box["y"], line["y"])
    assert overlap <= 0, (box, line)
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
