"""The lightbox kept out of the way of the first paint (hooks/act/glightbox.py
defer_lightbox): what mkdocs-glightbox writes, rewritten, and the cases it refuses."""

from __future__ import annotations

import pytest
from act.glightbox import START_WRAPPER, defer_lightbox

CSS = '<link href="../../assets/stylesheets/glightbox.min.css" rel="stylesheet">'
JS = '<script src="../../assets/javascripts/glightbox.min.js"></script>'
START = "const lightbox = GLightbox({});\ndocument$.subscribe(()=>{ lightbox.reload(); });\n"
INIT = f'<script id="init-glightbox">{START}</script>'


def page(head: str = CSS + JS, end: str = INIT) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body><p>x</p>{end}</body></html>"


def test_the_library_is_deferred_its_stylesheet_moved_and_start_up_waits_for_it():
    assert defer_lightbox(page()) == (
        "<!DOCTYPE html><html><head><title>T</title>"
        '<script src="../../assets/javascripts/glightbox.min.js" defer></script></head><body><p>x</p>'
        f'{CSS}<script id="init-glightbox">document.addEventListener("DOMContentLoaded", function () {{\n'
        f"{START}}});\n</script></body></html>"
    )


def test_the_start_up_script_is_the_one_whose_hash_docs_headers_lists():
    assert START_WRAPPER.format(code=START).startswith('document.addEventListener("DOMContentLoaded"')


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
