"""A reader who types a US spelling or an everyday word finds the right page, sees what
the page covers, and can do it all with the keyboard (real site, real browser)."""

from __future__ import annotations

import html
import time

import pytest
from testkit.browser import is_local
from testkit.pages import front_matter
from testkit.sitebuild import ROOT

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__item > a.md-search-result__link:first-child"


def _description(page_path: str) -> str:
    source = ROOT / "docs" / (page_path.strip("/") + ".md")
    return front_matter(source)["description"]


class SearchBox:
    """One browser tab on the home page, reused for every query in this module."""

    def __init__(self, page) -> None:
        self.page = page
        self.input = page.locator("input.md-search__input")

    def query(self, text: str) -> list[dict]:
        """Type `text` and return the results, once the list stops changing."""
        self.input.press("Control+a")
        self.input.press("Backspace")
        self.input.press_sequentially(text, delay=10)
        previous, stable, deadline = None, 0, time.monotonic() + 15
        while stable < 3:
            if time.monotonic() > deadline:
                raise AssertionError(f"search results for {text!r} never settled: {previous}")
            self.page.wait_for_timeout(100)
            current = self.page.eval_on_selector_all(
                ".md-search-result__item",
                """items => items.map(item => {
                    const link = item.querySelector('a.md-search-result__link');
                    const article = link.querySelector('article');
                    return {
                        path: new URL(link.href).pathname,
                        title: (article.querySelector('h1, h2')?.textContent || '').trim(),
                        teaser: [...article.querySelectorAll(':scope > p:not(.md-search-result__terms)')]
                            .map(p => p.textContent).join(' ').trim(),
                    };
                })""",
            )
            stable = stable + 1 if current and current == previous else 0
            previous = current
        return previous


@pytest.fixture(scope="module")
def search_box(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda req: None if is_local(req.url) else external.append(req.url))
    page.goto(site_url)
    page.keyboard.press("/")
    yield SearchBox(page)
    context.close()
    assert not external, f"requests left the machine: {external}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("esophageal stent", "/treatments/oesophageal-stent/"),
        ("fluid around the lung", "/conditions/malignant-pleural-effusion/"),
        ("bone cement", "/treatments/vertebroplasty/"),
        ("rod in the thigh bone", "/treatments/prophylactic-fixation/"),
        ("spinal decompression and stabilization", "/treatments/spinal-decompression-and-stabilisation/"),
    ],
)
def test_other_names_find_the_page_in_the_top_three(search_box, query, expected):
    paths = [r["path"] for r in search_box.query(query)]
    assert expected in paths[:3], f"{query!r} -> {paths[:5]}"


def test_us_spelling_finds_the_same_pages_as_the_uk_spelling(search_box):
    uk = [r["path"] for r in search_box.query("tumour")][:5]
    us = [r["path"] for r in search_box.query("tumor")][:3]
    assert len(us) == 3, us
    # Near-ties may swap places, but the US spelling must find the UK spelling's best pages.
    assert set(us) <= set(uk), f"tumor -> {us}, tumour -> {uk}"
    for path in us:
        assert "tumour" in (ROOT / "docs" / (path.strip("/") + ".md")).read_text(encoding="utf-8").lower()


def test_the_best_result_shows_the_page_description(search_box):
    best = search_box.query("esophageal stent")[0]
    assert best["path"] == "/treatments/oesophageal-stent/"
    assert best["title"] == "Oesophageal stent"
    assert best["teaser"].startswith(html.unescape(_description("treatments/oesophageal-stent")))


def test_no_result_is_an_empty_entry(search_box):
    for query in ("stent", "cancer", "pain"):
        results = search_box.query(query)
        assert results, query
        untitled = [r["path"] for r in results if not r["title"]]
        assert not untitled, f"{query!r}: results without a title: {untitled}"
        # The best match is a page; it must say what the page is about.
        assert results[0]["teaser"], f"{query!r}: best result {results[0]['path']} has no text"


def test_search_works_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "conditions/bone-metastases/")
    page.keyboard.press("/")
    page.keyboard.type("vertebroplasty", delay=20)
    page.locator(RESULT_LINKS).first.wait_for(timeout=15_000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.matches('.md-search-result__link')")
    assert focused, "ArrowDown did not move focus to the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith("/treatments/vertebroplasty/"), page.url
    assert not page.log.page_errors
