"""The Kiwix edition served by Debian's kiwix-serve on 127.0.0.1 and read in Chromium: the
home page, links, Related topics, the diagram lightbox, glossary pop-ups and Kiwix's own
search all work, Material's search box is hidden, nothing is requested from another
machine and nothing logs an error (but the page's policy blocking the feature test of
kiwix-serve's own jQuery: testkit/kiwix.py)."""

from __future__ import annotations

import pytest
from testkit.browser import step_to_next_diagram_and_close
from testkit.kiwix import book_url, is_jquery_feature_test, kiwix_serve

pytestmark = pytest.mark.browser

GALLERY_PAGE = "treatments/pleurodesis.html"  # two diagrams in one gallery


@pytest.fixture(scope="module")
def kiwix(zim_path):
    """(server base URL, the book's base URL) for the session's ZIM under kiwix-serve."""
    with kiwix_serve(zim_path) as base:
        yield base, book_url(base)


@pytest.fixture
def reader(page, kiwix):
    """The shared `page` fixture (no request may leave 127.0.0.1), also failing on any
    error response, console error or script error. The page's policy blocking the feature
    test of kiwix-serve's jQuery is not recorded: measured and pinned in
    test_zim_csp_browser.py."""
    base, _ = kiwix
    page.bad_responses = []
    page.console = []
    page.on(
        "response", lambda r: page.bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )

    def console(message) -> None:
        url = message.location.get("url", "")
        if message.type == "error" and not is_jquery_feature_test(base, url, message.text):
            page.console.append((url, message.text))

    page.on("console", console)
    yield page
    # kiwix-serve's own search results page has no icon, so Chromium asks the server root
    # for /favicon.ico and logs its 404: kiwix-serve's page, not ours, and nothing else is allowed.
    errors = [text for url, text in page.console if url != f"{base}favicon.ico"]
    assert not errors, errors
    assert not page.bad_responses, page.bad_responses
    assert not page.log.page_errors, page.log.page_errors


def article_title(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def open_book_page(page, kiwix, rel: str = "") -> None:
    page.goto(kiwix[1] + rel)
    page.wait_for_load_state("load")


def test_home_page_opens_with_material_search_hidden(reader, kiwix):
    open_book_page(reader, kiwix)  # the book's root: kiwix-serve sends the main page
    assert reader.url == kiwix[1] + "index.html"
    assert article_title(reader) == "Advanced Cancer Treatments"
    assert reader.locator(".md-search").count() and not reader.locator(".md-search").is_visible()
    assert not reader.locator("label.md-header__button[for='__search']").is_visible()


def test_a_link_and_related_topics_open_pages(reader, kiwix):
    open_book_page(reader, kiwix)
    # The home page has no Next link: follow its first card, named by its page's title.
    tile = reader.locator("li.home-tile a[href]").first
    name = tile.inner_text().strip()
    tile.click()
    reader.wait_for_load_state()
    assert reader.url.startswith(kiwix[1]) and reader.url.endswith(".html"), reader.url
    assert article_title(reader) == name
    open_book_page(reader, kiwix, GALLERY_PAGE)
    related = reader.locator("section.related-topics a[href]").first
    name = related.inner_text().strip()
    related.click()
    reader.wait_for_load_state()
    assert reader.url != kiwix[1] + GALLERY_PAGE and reader.url.startswith(kiwix[1])
    assert article_title(reader) == name


def test_diagram_lightbox_opens_moves_on_and_closes(reader, kiwix):
    open_book_page(reader, kiwix, GALLERY_PAGE)
    diagrams = reader.locator("article a.glightbox[data-gallery]")
    second = diagrams.nth(1).get_attribute("href").rsplit("/", 1)[-1]
    diagrams.first.click()
    reader.locator(".glightbox-container .gslide.current img").wait_for(state="visible")
    step_to_next_diagram_and_close(reader, second)


def test_glossary_term_shows_its_pop_up(reader, kiwix):
    open_book_page(reader, kiwix, GALLERY_PAGE)
    term = reader.locator("article abbr").first
    definition = term.get_attribute("title")
    assert definition
    term.hover()
    tooltip = reader.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert definition in tooltip.inner_text()


def test_kiwix_search_finds_kyphoplasty_and_opens_it(reader, kiwix):
    open_book_page(reader, kiwix, "treatments/vertebroplasty.html")
    box = reader.locator("#kiwixsearchbox")  # kiwix-serve's toolbar, above every page
    box.fill("kyphoplasty")
    box.press("Enter")
    reader.wait_for_load_state()
    results = reader.locator(".results a")
    titles = [t.strip() for t in results.all_inner_texts()]
    assert titles and titles[0] == "Kyphoplasty", titles
    results.first.click()
    reader.wait_for_load_state()
    assert reader.url == kiwix[1] + "treatments/kyphoplasty.html"
    assert article_title(reader) == "Kyphoplasty"


def test_every_page_loads_without_errors_or_outside_requests(reader, kiwix, offline_root):
    pages = sorted(p.relative_to(offline_root).as_posix() for p in offline_root.rglob("*.html"))
    assert len(pages) >= 30
    problems = []
    for rel in pages:
        before = (len(reader.console), len(reader.bad_responses), len(reader.log.external_requests))
        open_book_page(reader, kiwix, rel)
        if not reader.locator("article h1").count():
            problems.append(f"{rel}: no article heading")
        problems += [f"{rel}: console error: {text}" for _, text in reader.console[before[0] :]]
        problems += [f"{rel}: {item}" for item in reader.bad_responses[before[1] :]]
        problems += [f"{rel}: outside request: {u}" for u in reader.log.external_requests[before[2] :]]
    assert not problems, "\n".join(problems)
