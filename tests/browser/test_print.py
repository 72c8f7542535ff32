"""Printing a treatment page (Chromium's PDF output) gives the content, the review dates,
the sources and the disclaimer, without the site's navigation."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from testkit.pages import DOCS, front_matter

pytestmark = pytest.mark.browser
PAGE = DOCS / "treatments" / "vertebroplasty.md"


@pytest.fixture(scope="module")
def printed(browser, site_url) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "treatments/vertebroplasty/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    context.close()
    reader = PdfReader(io.BytesIO(pdf))
    assert 2 <= len(reader.pages) <= 8, f"{len(reader.pages)} pages"
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_print_keeps_the_content_review_dates_sources_and_disclaimer(printed):
    reviewed = front_matter(PAGE)["last_reviewed"]  # as the page shows it: 21 November 2026
    for text in (
        "Vertebroplasty",
        "Risks and complications",
        "Questions to ask your care team",
        f"Page last reviewed: {reviewed.day} {reviewed:%B %Y}",
        "Next review due:",
        "Sources",
        "This is information, not medical advice",
    ):
        assert text in printed, text
    # Sources print with their addresses.
    assert "(https://www.nice.org.uk/" in printed


def test_print_leaves_out_navigation_and_screen_only_parts(printed):
    for text in (
        "Skip to content",
        "Search",
        "Table of contents",
        "Related topics",
        "Treatments for this condition",
        "Previous",
        "Switch to dark mode",
        "Nerve ablation for cancer pain",  # a sidebar-only link on this page
    ):
        assert text not in printed, text
