"""Search finds what a patient types (issue 16), in Chromium on the hosted site: symptoms
and everyday phrases, emergency pages first, misspelt medical words, US spellings, and
the home page last. The same queries from the offline bundle: test_search_offline_browser.py.
The queries and how a reader types them: tests/testkit/search.py. Hit rate and
keystroke-to-results time: benchmarks/search_latency.py."""

from __future__ import annotations

import pytest
from act.data_files import load_spelling_variants
from testkit.search import QUERIES, SearchTab, assert_finds
from testkit.sitebuild import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(browser, site_url):
    opened = SearchTab(browser, site_url, "/", "")
    yield opened
    opened.close()


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.kind}:{q.text}:top{q.top}" for q in QUERIES])
def test_the_query_finds_its_pages_in_the_top_results(site, query):
    assert_finds(site, query)


def test_there_are_forty_queries_or_more_of_every_kind():
    kinds = {q.kind for q in QUERIES}
    assert len(QUERIES) >= 40
    assert kinds == {"emergency", "symptom", "everyday", "misspelling", "us-spelling"}


def test_a_correction_is_announced_above_the_results_and_goes_with_the_misspelling(site):
    site.search("verteboplasty")
    line = site.correction()
    assert line["live"] == "status", line  # a polite live region: screen readers hear it
    assert line["visible"] and line["above"], line
    assert line["text"] == "Showing results for vertebroplasty", line
    site.search("vertebroplasty")
    assert site.correction()["text"] == ""


# Each shown result's text, less its title (search-worker.js cuts texts to teasers).
TEASERS = """() => [...document.querySelectorAll('.md-search-result__article')].map(a => {
    const copy = a.cloneNode(true);
    copy.querySelectorAll('h1, h2, .md-search-result__terms').forEach(e => e.remove());
    return {text: copy.textContent.replace(/\\s+/g, ' ').trim(), sups: copy.querySelectorAll('sup').length};
})"""


def test_results_show_teasers_not_whole_sections(site):
    # 66 pages match; whole sections of up to 3,000 characters made the slowest searches.
    assert len(site.search("food gets stuck when I eat")) >= 10
    teasers = site.page.evaluate(TEASERS)
    assert len(teasers) >= 10
    # Up to 280 characters to the end of a paragraph, or 420 and "..." (plus spaces
    # between the list items a teaser may hold).
    too_long = [t["text"] for t in teasers if len(t["text"]) > 460]
    assert not too_long, too_long
    assert not [t for t in teasers if t["sups"]], "citation numbers are left out of teasers"
    assert any(len(t["text"]) > 200 for t in teasers), teasers  # teasers, not titles alone


def test_the_home_page_is_found_when_nothing_else_matches(site):
    # "patients" is a word of the home page's text alone (the download page says "browse" too).
    assert site.search("patients") == [""]


def _us_forms() -> list[tuple[str, str]]:
    variants, problems = load_spelling_variants(ROOT / "docs", "docs")
    assert not problems
    return [(uk, us) for uk, forms in variants.items() for us in forms if not us.startswith(uk)]


@pytest.mark.parametrize(("uk", "us"), _us_forms(), ids=[f"{uk}-{us}" for uk, us in _us_forms()])
def test_every_us_spelling_finds_what_the_uk_spelling_finds(site, uk, us):
    uk_found, us_found = site.search(uk), site.search(us)
    # A word the site uses is found in both spellings; one it does not use, in neither.
    assert bool(us_found) == bool(uk_found), f"{us!r} -> {us_found}, {uk!r} -> {uk_found}"
    # The UK form's best three are found by the US form. Ranks may differ (lunr weighs
    # "anaesthetic," and "anaesthetic" apart) and the US form may find more (a page's own
    # US alias; "color" starts "colorectal"), so only 10 results show: not the reverse.
    missed = [page for page in uk_found[:3] if page not in us_found]
    assert not missed, f"{us!r} misses {missed} that {uk!r} finds: {us_found}"
