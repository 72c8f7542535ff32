"""The lightbox kept out of the way of the first paint (hooks/act/glightbox.py
defer_lightbox): what mkdocs-glightbox writes, rewritten, and the cases it refuses. That
the rewritten start-up script's hash is in docs/_headers: tests/real_site/test_hosted_site.py."""

from __future__ import annotations

import pytest
from act.glightbox import defer_lightbox

CSS = '<link href="../../assets/stylesheets/glightbox.min.css" rel="stylesheet">'
JS = '<script src="../../assets/javascripts/glightbox.min.js"></script>'
START = "const lightbox = GLightbox({});\ndocument$.subscribe(()=>{ lightbox.reload(); });\n"
INIT = f'<script id="init-glightbox">{START}</script>'


def page(head: str = CSS + JS, end: str = INIT) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body><p>x</p>{end}</body></html>"


def test_the_library_is_deferred_its_stylesheet_left_to_script_and_start_up_waits():
    assert defer_lightbox(page()) == (
        "<!DOCTYPE html><html><head><title>T</title>"
        '<script src="../../assets/javascripts/glightbox.min.js" defer></script></head><body><p>x</p>'
        '<script id="init-glightbox">document.addEventListener("DOMContentLoaded", function () {\n'
        f"{START}}});\n</script></body></html>"
    )


def test_a_page_without_the_lightbox_is_unchanged():
    bare = page(head="", end="")
    assert defer_lightbox(bare) == bare


@pytest.mark.parametrize(
    "document",
    [
        page(head=JS),  # no stylesheet
        page(head=CSS),  # no library
        page(end=""),  # no start-up script
        page(head=CSS + JS + JS),  # twice
        page(end=INIT + INIT),
        page(head=CSS + JS.replace("></script>", " async></script>")),  # a changed plugin
    ],
)
def test_anything_but_exactly_one_of_each_is_refused(document):
    assert defer_lightbox(document) is None
