"""The search queries of test_search_browser.py, from the offline bundle: file://, the
index inlined as a script and Material's worker (inside the typo-correcting wrapper) in
the iframe-worker shim. A separate module so xdist runs it beside the hosted one."""

from __future__ import annotations

import pytest
from testkit.search import QUERIES, SearchTab, assert_finds

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(browser, offline_root):
    opened = SearchTab(
        browser,
        (offline_root / "index.html").as_uri(),
        offline_root.as_uri().removeprefix("file://"),
        ".html",
    )
    yield opened
    opened.close()


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.kind}:{q.text}:top{q.top}" for q in QUERIES])
def test_the_query_finds_its_pages_in_the_top_results_offline(site, query):
    assert_finds(site, query)


def test_a_correction_is_announced_above_the_results_and_goes_with_the_misspelling_offline(site):
    site.search("kyfoplasty")
    line = site.correction()
    assert line["live"] == "status" and line["visible"] and line["above"], line
    assert line["text"] == "Showing results for kyphoplasty", line
    site.search("kyphoplasty")
    assert site.correction()["text"] == ""


def test_the_home_page_is_found_when_nothing_else_matches_offline(site):
    # "patients" is a word of the home page's text alone (the download page says "browse" too).
    assert site.search("patients") == [""]
