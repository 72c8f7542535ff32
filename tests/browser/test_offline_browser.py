"""A reader unzips the offline bundle and opens index.html from disk (file://) in Chromium:
search, navigation, related topics, glossary tooltips, the diagram lightbox and dark mode
all work, nothing is requested from outside the bundle and nothing logs an error."""

from __future__ import annotations

import pathlib
from collections import Counter
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from bs4 import BeautifulSoup
from testkit.browser import step_to_next_diagram_and_close

pytestmark = pytest.mark.browser

GALLERY_PAGE = "treatments/pleurodesis.html"  # two diagrams in one gallery


@pytest.fixture(scope="module")
def bundle_root(offline_root) -> pathlib.Path:
    """The bundle built by the real script (once per session), unzipped as a reader would."""
    return offline_root


@pytest.fixture
def reader(page):
    """The shared `page` fixture, also recording files the bundle lacks (file:// 404s)."""
    page.failed_requests = []

    def record(req) -> None:
        # Moving on to the next page cancels requests still in flight (net::ERR_ABORTED),
        # e.g. the favicon; that is only a failure if the file really is not there.
        cancelled = req.failure == "net::ERR_ABORTED" and req.url.startswith("file://")
        if cancelled and pathlib.Path(url2pathname(urlparse(req.url).path)).is_file():
            return
        page.failed_requests.append(f"{req.url} ({req.failure})")

    page.on("requestfailed", record)
    yield page
    assert not page.failed_requests, f"missing from the bundle: {page.failed_requests}"
    assert not page.log.console_errors, page.log.console_errors
    assert not page.log.page_errors, page.log.page_errors


def open_page(page, root: pathlib.Path, rel: str) -> None:
    page.goto((root / rel).as_uri())
    assert page.url.startswith("file://")


def search(page, query: str) -> list[str]:
    """Type the query like a reader (fill() does not trigger Material's search)."""
    page.keyboard.press("/")  # desktop width: '/' focuses the search box
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item h1")
    results.first.wait_for(timeout=15_000)  # hangs on "Initializing search" without the shim
    return [t.strip() for t in results.all_inner_texts()]


def article_title(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


# The worker and the inlined index are found by relative paths, which differ one folder down.
@pytest.mark.parametrize(
    ("start", "query", "title", "target"),
    [
        ("index.html", "pleurodesis", "Pleurodesis", "treatments/pleurodesis.html"),
        ("treatments/vertebroplasty.html", "kyphoplasty", "Kyphoplasty", "treatments/kyphoplasty.html"),
    ],
    ids=["from-home", "from-a-folder"],
)
def test_search_finds_and_opens_the_page(reader, bundle_root, start, query, title, target):
    open_page(reader, bundle_root, start)
    titles = search(reader, query)
    assert titles[0] == title, titles
    reader.locator(".md-search-result__link").first.click()
    reader.wait_for_load_state()
    assert reader.url.split("?")[0] == (bundle_root / target).as_uri()
    assert article_title(reader) == title


def test_navigation_links_open_pages_not_folders(reader, bundle_root):
    # The home page has no Next link (issue 16): start from the A-Z page's.
    open_page(reader, bundle_root, "a-z.html")
    reader.locator("a.md-footer__link--next").click()
    reader.wait_for_load_state()
    assert reader.url.endswith(".html"), reader.url
    first_next = article_title(reader)
    reader.locator(".md-sidebar--primary a.md-nav__link[href$='.html']").last.click()
    reader.wait_for_load_state()
    assert reader.url.endswith(".html"), reader.url
    assert article_title(reader) and article_title(reader) != first_next


def test_related_topics_link_opens_the_page(reader, bundle_root):
    open_page(reader, bundle_root, GALLERY_PAGE)
    links = reader.locator("section.related-topics a[href]")
    assert links.count() > 0, "no Related topics section on the page"
    link = links.first
    href = link.get_attribute("href").split("#")[0]
    target = ((bundle_root / GALLERY_PAGE).parent / href).resolve()
    assert target.is_file() and target != (bundle_root / GALLERY_PAGE).resolve(), href
    link.click()
    reader.wait_for_load_state()
    assert reader.url.split("#")[0] == target.as_uri()
    assert article_title(reader)


def galleries(root: pathlib.Path) -> dict[str, str]:
    """Page -> the first gallery on it with two or more diagrams (so 'next' has somewhere to go)."""
    found = {}
    for page in sorted(root.rglob("*.html")):
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        sizes = Counter(a["data-gallery"] for a in soup.select("article a.glightbox[data-gallery]"))
        big = [name for name, size in sizes.items() if size >= 2]
        if big:
            found[page.relative_to(root).as_posix()] = big[0]
    return found


def test_diagram_lightbox_opens_moves_on_and_closes_with_escape(reader, bundle_root):
    pages = galleries(bundle_root)
    assert GALLERY_PAGE in pages, pages
    for rel, gallery in pages.items():
        open_page(reader, bundle_root, rel)
        diagrams = reader.locator(f"article a.glightbox[data-gallery='{gallery}']")
        hrefs = [diagrams.nth(i).get_attribute("href") for i in (0, 1)]
        first_name, second_name = (pathlib.PurePosixPath(href).name for href in hrefs)
        diagrams.first.click()
        current = reader.locator(".glightbox-container .gslide.current img")
        current.wait_for(state="visible")
        assert current.get_attribute("src").endswith(first_name), rel
        step_to_next_diagram_and_close(reader, second_name)


def test_glossary_term_shows_its_tooltip(reader, bundle_root):
    open_page(reader, bundle_root, GALLERY_PAGE)
    term = reader.locator("article abbr").first
    definition = term.get_attribute("title")
    assert definition
    term.hover()
    tooltip = reader.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert definition in tooltip.inner_text()


def test_dark_mode_toggles_and_stays_on_the_next_page(reader, bundle_root):
    open_page(reader, bundle_root, "index.html")
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "default"
    reader.locator("form[data-md-component=palette] label[title='Switch to dark mode']").click()
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "slate"
    open_page(reader, bundle_root, GALLERY_PAGE)
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "slate"


def test_every_page_loads_from_disk_without_errors_or_outside_requests(reader, bundle_root):
    """One browser context for every page in the bundle (fast); problems collected per page."""
    pages = sorted(p.relative_to(bundle_root).as_posix() for p in bundle_root.rglob("*.html"))
    assert len(pages) >= 30
    problems = []
    for rel in pages:
        log = reader.log
        before = (
            len(log.console_errors),
            len(log.page_errors),
            len(log.external_requests),
            len(reader.failed_requests),
        )
        open_page(reader, bundle_root, rel)
        reader.wait_for_load_state("load")
        if not reader.locator("article h1").count():
            problems.append(f"{rel}: no article heading (not a site page?)")
        found = (
            log.console_errors[before[0] :],
            log.page_errors[before[1] :],
            log.external_requests[before[2] :],
            reader.failed_requests[before[3] :],
        )
        for kind, items in zip(
            ("console error", "page error", "outside request", "missing file"), found, strict=True
        ):
            problems += [f"{rel}: {kind}: {item}" for item in items]
    assert not problems, "\n".join(problems)
