"""The sidebar lists sections in reading order and pages by title; footer links agree."""

from __future__ import annotations

from bs4 import BeautifulSoup


def _soup(site_dir, rel):
    return BeautifulSoup((site_dir / rel / "index.html").read_text(encoding="utf-8"), "lxml")


def test_built_navigation_is_sorted_by_title_and_footer_follows_it(site_dir):
    soup = _soup(site_dir, "treatments/vertebroplasty")
    nav = soup.select_one("nav.md-nav--primary > ul")
    sections = [
        li.select_one(":scope > label, :scope > a, :scope > div > a").get_text(" ", strip=True)
        for li in nav.select(":scope > li")
    ]
    assert sections[1:4] == ["Treatments", "Conditions", "Guides"], sections
    active = nav.select_one(":scope > li.md-nav__item--active")
    items = active.select(":scope > nav > ul > li")
    titles = [
        li.select_one(":scope > a.md-nav__link, :scope > label.md-nav__link").get_text(" ", strip=True)
        for li in items
    ]
    assert len(titles) >= 20 and titles == sorted(titles, key=str.casefold), titles

    # Footer previous/next: each page's "next" names the page after it in the sidebar.
    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in active.select(":scope > nav > ul > li > a.md-nav__link")
    }
    checked = 0
    for first, second in zip(titles, titles[1:], strict=False):
        if first not in links:  # the current page
            continue
        page = (site_dir / "treatments/vertebroplasty" / links[first]).resolve()
        nxt = BeautifulSoup((page / "index.html").read_text(encoding="utf-8"), "lxml").select_one(
            ".md-footer__link--next .md-ellipsis"
        )
        assert nxt is not None and nxt.get_text(strip=True) == second
        checked += 1
    assert checked >= len(titles) - 2


def test_the_404_menu_is_ordered_like_every_other_page(site_dir):
    """The 404 page is a theme template rendered before the pages: the menu is sorted first.
    With navigation.prune a page's menu shows the top level plus its own section only, so the
    top level (the depth the 404 page shows) is compared with a top-level and a nested page."""

    def top_level(path):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return [
            a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary > ul > li > :is(a, label)")
        ]

    expected = top_level(site_dir / "a-z" / "index.html")
    assert len(expected) >= 5 and "Treatments" in expected
    assert top_level(site_dir / "treatments" / "sabr" / "index.html") == expected
    assert top_level(site_dir / "404.html") == expected
