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
    pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
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


STENT = "https://advanced-cancer-treatments.github.io/treatments/oesophageal-stent/"


def pdf_sheets(browser, url: str, *, scripts: bool = True) -> list[str]:
    """The page at `url` printed on A4 by Chromium, as each sheet's text."""
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


# The hosted site with and without JavaScript, and the offline bundle from file:// (whose
# own links end in .html, but whose sheets give the hosted address).
WAYS = ["hosted", "hosted-no-script", "offline-no-script"]


@pytest.fixture(scope="module", params=WAYS)
def stent_sheets(request, browser, site_url) -> list[str]:
    """The oesophageal stent page printed on A4, as each sheet's text."""
    if request.param.startswith("offline"):
        url = (request.getfixturevalue("offline_root") / "treatments" / "oesophageal-stent.html").as_uri()
    else:
        url = site_url + "treatments/oesophageal-stent/"
    return pdf_sheets(browser, url, scripts=not request.param.endswith("no-script"))


def test_the_oesophageal_stent_page_fits_on_four_sheets(stent_sheets):
    assert len(stent_sheets) <= 4, len(stent_sheets)  # was 5


def test_every_sheet_names_the_site_title_address_and_review_date(stent_sheets):
    meta = front_matter(DOCS / "treatments" / "oesophageal-stent.md")
    reviewed = meta["last_reviewed"]
    for number, sheet in enumerate(stent_sheets, 1):
        for text in (
            "Advanced Cancer Treatments",
            meta["title"],
            STENT,
            f"Page last reviewed: {reviewed.day} {reviewed:%B %Y}",
            f"{number}/{len(stent_sheets)}",
        ):
            assert text in sheet, (number, text)


def test_a_before_and_after_pair_prints_together_side_by_side(browser, site_url, stent_sheets):
    both = [i for i, sheet in enumerate(stent_sheets) if "Before: a tumour narrows" in sheet]
    assert both and "After: the stent holds" in stent_sheets[both[0]]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "treatments/oesophageal-stent/")
    page.emulate_media(media="print")
    boxes = [f.bounding_box() for f in page.locator(".diagram-pair figure").all()]
    context.close()
    assert len(boxes) == 2
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 1 and boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
