"""A reader types a query into the search box and finds the page, in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    # At desktop width the search button is hidden; '/' focuses the search input.
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item h1")
    results.first.wait_for(timeout=15_000)
    return [t.strip() for t in results.all_inner_texts()]


def test_typing_a_query_finds_the_page(page, site_url):
    titles = search(page, site_url, "metastasectomy")
    assert "Metastasectomy" in titles[:3], titles
    assert not page.log.page_errors
