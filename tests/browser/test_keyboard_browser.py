"""A reader with only a keyboard can skip to the content, move around the navigation,
and open and close a diagram, with focus where they expect it (real browser)."""

from __future__ import annotations

import pytest
from testkit.sitebuild import ROOT
from testkit.static_host import serve_with_headers

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FOCUSED = "(sel) => document.activeElement && document.activeElement.matches(sel)"


def tab_to(page, selector: str, limit: int = 120) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, selector):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_skip_link_is_first_and_moves_to_the_content(page, site_url):
    page.goto(site_url + "treatments/vertebroplasty/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate(FOCUSED, "a.md-skip"), "the first Tab does not reach the skip link"
    assert skip.is_visible(), "the focused skip link is not visible"
    assert skip.inner_text().strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#vertebroplasty"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article.md-content__inner')"), (
        "after the skip link, Tab does not continue inside the page content"
    )
    assert not page.log.page_errors


def test_navigation_works_with_the_keyboard_alone(page, site_url):
    page.goto(site_url)
    tab_to(page, '.md-nav--primary a.md-nav__link[href$="treatments/airway-stent/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/treatments/airway-stent/")
    tab_to(page, '.md-nav--primary a.md-nav__link[href$="vertebroplasty/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/treatments/vertebroplasty/")
    assert page.locator("article h1").first.inner_text().strip().startswith("Vertebroplasty")
    assert not page.log.page_errors


def test_diagram_lightbox_opens_with_enter_closes_with_escape_and_returns_focus(page, site_url):
    page.goto(site_url + "treatments/oesophageal-stent/")
    tab_to(page, "a.glightbox")
    opener = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.evaluate("document.activeElement.querySelector('img').alt.trim().length > 0"), (
        "the diagram has no text alternative"
    )
    page.keyboard.press("Enter")
    dialog = page.locator(".glightbox-container")
    dialog.wait_for(state="visible", timeout=5_000)
    page.wait_for_function(
        "document.activeElement && document.activeElement.closest('.glightbox-container')", timeout=5_000
    )
    # Open, the dialog has a name and the enlarged diagram keeps its text alternative.
    # (Checked once the zoom-in animation ends: mid-fade, colours are not yet final.)
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5_000
    )
    # Through the DevTools protocol: the page's CSP (rightly) refuses an injected inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "axe.run(document.querySelector('.glightbox-container'), {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help))"
    )
    assert not violations, violations
    assert page.locator(".glightbox-container .gslide.current img").get_attribute("alt").strip()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached", timeout=5_000)
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('a.glightbox')", timeout=5_000
    )
    assert page.evaluate("document.activeElement.getAttribute('href')") == opener, (
        "focus went to another diagram"
    )
    assert not page.log.page_errors


def test_404_page_search_form_opens_site_search_with_the_query(page, site_dir):
    with serve_with_headers(site_dir) as base:
        response = page.goto(base + "treatments/no-such-page/")
        assert response.status == 404
        tab_to(page, "#not-found-query")
        page.keyboard.type("bone cement")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        assert page.locator("input.md-search__input").input_value() == "bone cement"
        first = page.locator(".md-search-result__item > a.md-search-result__link").first
        assert first.get_attribute("href").split("?")[0].endswith("treatments/vertebroplasty/")
    assert not page.log.page_errors
