"""What holds up a page's first paint (`make audit`, Lighthouse's render-blocking
requests): in every built page's <head>, only the theme's and the site's own screen
stylesheets; print.css for print only; every script file deferred. The lightbox's
stylesheet is linked by lightbox-access.js, and its start-up script waits for the
deferred library."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

SCREEN = ["main", "palette", "extra"]


@pytest.fixture(scope="module")
def heads(site_dir) -> dict[str, LexborHTMLParser]:
    return {
        path.relative_to(site_dir).as_posix(): LexborHTMLParser(path.read_text(encoding="utf-8"))
        for path in sorted(site_dir.rglob("index.html"))
    }


def test_only_screen_stylesheets_and_no_parser_blocking_script_files_in_head(heads):
    assert len(heads) > 50
    for name, tree in heads.items():
        links = tree.css("head link[rel=stylesheet]")
        screen = [
            link.attrs["href"].rsplit("/", 1)[-1].split(".")[0] for link in links if "media" not in link.attrs
        ]
        printed = [
            link.attrs["href"].rsplit("/", 1)[-1] for link in links if link.attrs.get("media") == "print"
        ]
        assert screen == SCREEN and printed == ["print.css"], (name, screen, printed)
        blocking = [s.attrs["src"] for s in tree.css("head script[src]") if "defer" not in s.attrs]
        assert not blocking, (name, blocking)
        assert not tree.css('link[href$="glightbox.min.css"]'), name


def test_the_lightbox_starts_after_its_deferred_library(heads):
    tree = heads["treatments/vertebroplasty/index.html"]
    (library,) = tree.css('script[src$="glightbox.min.js"]')
    assert "defer" in library.attrs
    start = tree.css_first("script#init-glightbox").text()
    assert start.startswith(
        'document.addEventListener("DOMContentLoaded", function () {\nconst lightbox = GLightbox('
    )
