"""Every content page has what the content issue requires beyond what the build enforces:
sections in order, the boxes, enough sources and tags, length, reading ease, and working
diagrams. The pages come from the built site, so a page added the documented way
(`make new-page`) is checked like the others, and nothing here needs editing for it."""

from __future__ import annotations

import pathlib
import re

import pytest
from act.content_model import (
    MEASURED_TYPES,
    PAGE_TYPES,
    READING_EASE_MIN,
    RISKS_BOX,
    TYPES_NEEDING_SOURCES,
    WORDS_MAX,
    WORDS_MIN,
)
from act.readability import measure
from bs4 import BeautifulSoup
from testkit.pages import DOCS, BuiltPage, built_pages

TREATMENT_SECTIONS = [
    "What it is",
    "Who it may help",
    "How it is done",
    "Recovery",
    "What to expect",
    "Questions to ask your care team",
]
CONDITION_SECTIONS = ["What it is", "Symptoms", "How it is treated"]
# Condition pages about an emergency, which need the urgent-help box (the content issue).
EMERGENCIES = {"spinal-metastases", "malignant-airway-obstruction", "malignant-bowel-obstruction"}
# Paths the content issue lists are part of the spec (links to them exist elsewhere):
# they must not disappear. New pages are welcome; they are checked like these.
SPEC_PAGES = [
    *(
        f"treatments/{p}.md"
        for p in [
            "palliative-surgery",
            "oesophageal-stent",
            "airway-stent",
            "bowel-stent",
            "prophylactic-fixation",
            "nerve-ablation-for-pain",
            "metastasectomy",
            "lung-metastasectomy",
            "liver-metastasectomy",
            "cryoablation",
            "bone-cryoablation",
            "spinal-decompression-and-stabilisation",
            "minimally-invasive-spine-surgery",
            "en-bloc-resection",
            "vertebroplasty",
            "kyphoplasty",
            "pleurodesis",
            "pleurectomy-decortication",
            "indwelling-pleural-catheter",
            "palliative-radiotherapy",
            "systemic-therapy",
            "clinical-trials",
            "supportive-care",
        ]
    ),
    *(
        f"conditions/{p}.md"
        for p in [
            "bone-metastases",
            "spinal-metastases",
            "malignant-dysphagia",
            "malignant-bowel-obstruction",
            "malignant-airway-obstruction",
            "stage-4-mesothelioma",
            "malignant-pleural-effusion",
            "oligometastatic-disease",
        ]
    ),
    "index.md",
    "a-z.md",
    "guides/making-treatment-decisions.md",
    "guides/glossary.md",
    "about/editorial-policy.md",
    "about/disclaimer.md",
    "about/sources-and-licence.md",
]


@pytest.fixture(scope="module")
def pages(site_dir) -> list[BuiltPage]:
    return built_pages(site_dir)


def of_type(pages: list[BuiltPage], *types: str) -> list[BuiltPage]:
    found = [page for page in pages if page.type in types]
    assert found, f"no {'/'.join(types)} pages in the built site"
    return found


def soup(page: BuiltPage) -> BeautifulSoup:
    return BeautifulSoup(page.html_path.read_text(encoding="utf-8"), "lxml")


def h2s(document: BeautifulSoup) -> list[str]:
    return [h.get_text(" ", strip=True).rstrip("¶").strip() for h in document.select("article h2")]


def boxes(document: BeautifulSoup, kind: str, title: str) -> list:
    return [
        a
        for a in document.select(f"article .admonition.{kind}")
        if a.select_one(".admonition-title").get_text(strip=True) == title
    ]


def test_the_pages_the_spec_lists_are_built(pages):
    built = {page.rel for page in pages}
    assert not [rel for rel in SPEC_PAGES if rel not in built]


def test_every_page_of_every_type_is_built(pages):
    """The sitemap (and so these tests) covers every page in docs/."""
    sources = {
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if not p.relative_to(DOCS).parts[0].startswith("_")
    }
    assert {page.rel for page in pages} == sources
    assert {page.type for page in pages} <= set(PAGE_TYPES)


def test_medical_pages_cite_two_sources_and_are_tagged_and_findable(pages):
    problems = []
    for page in of_type(pages, *TYPES_NEEDING_SOURCES):
        meta = page.meta
        if len(meta.get("sources") or []) < 2:
            problems.append(f"{page.rel}: cite at least two sources")
        if not (meta.get("conditions") and meta.get("body_areas") and meta.get("cancer_types")):
            problems.append(f"{page.rel}: give conditions, body_areas and cancer_types")
        if not meta.get("aliases"):
            problems.append(
                f"{page.rel}: give the names readers may type (US spellings, lay words) as aliases"
            )
    assert not problems, "\n".join(problems)


def test_treatment_pages_have_sections_in_order_and_the_risks_box(pages):
    box = RISKS_BOX
    assert box in PAGE_TYPES["treatment"].required_boxes
    problems = []
    for page in of_type(pages, "treatment"):
        document = soup(page)
        # A heading may add to the required words ("Who it may help (and why)").
        found = [s for h in h2s(document) for s in TREATMENT_SECTIONS if h == s or h.startswith(s + " (")]
        if found != TREATMENT_SECTIONS:
            problems.append(f"{page.rel}: sections {found}, expected {TREATMENT_SECTIONS}")
        risks = boxes(document, box.kind, box.title)
        if len(risks) != 1 or len(risks[0].select("li")) < 3:
            problems.append(f"{page.rel}: one risks box listing at least three risks")
    assert not problems, "\n".join(problems)


def test_condition_pages_have_sections_and_urgent_help_where_needed(pages):
    box = PAGE_TYPES["condition"].emergency_box
    problems = []
    for page in of_type(pages, "condition"):
        document = soup(page)
        sections = [h for h in h2s(document) if h in CONDITION_SECTIONS]
        if sections != CONDITION_SECTIONS:
            problems.append(f"{page.rel}: sections {sections}, expected {CONDITION_SECTIONS}")
        urgent = boxes(document, box.kind, box.title)
        if pathlib.Path(page.rel).stem in EMERGENCIES and not (
            len(urgent) == 1 and re.search(r"\b999\b", urgent[0].get_text())
        ):
            problems.append(f"{page.rel}: an emergency needs one urgent-help box naming 999")
        # How it is treated links to treatment pages.
        if not document.select('article a[href*="treatments/"]'):
            problems.append(f"{page.rel}: link to the treatment pages")
    assert not problems, "\n".join(problems)


def test_body_length_and_reading_ease(pages):
    problems = []
    for page in of_type(pages, *MEASURED_TYPES):
        stats = measure(page.source.read_text(encoding="utf-8"))
        if not WORDS_MIN <= stats.words <= WORDS_MAX:
            problems.append(f"{page.rel}: {stats.words} words, aim for {WORDS_MIN}-{WORDS_MAX}")
        if stats.flesch < READING_EASE_MIN:
            problems.append(f"{page.rel}: reading ease {stats.flesch:.1f}, aim for {READING_EASE_MIN:.0f}+")
    assert not problems, "\n".join(problems)


def test_diagrams_have_alt_text_captions_and_open_in_the_lightbox(pages):
    problems = []
    galleries: dict[str, list[str]] = {}
    for page in pages:
        for link in soup(page).select("article a.glightbox[data-gallery]"):
            img = link.find("img")
            where = f"{page.rel} ({link['data-gallery']})"
            if not (img and len(img.get("alt", "")) >= 20):
                problems.append(f"{where}: alt text must say what the picture shows")
                continue
            figure = link.find_parent("figure")
            if not (figure and figure.find("figcaption") and figure.find("figcaption").get_text(strip=True)):
                problems.append(f"{where}: caption missing")
            svg = (page.html_path.parent / img["src"]).resolve()
            if not (svg.is_file() and svg.suffix == ".svg"):
                problems.append(f"{where}: {img['src']} is not an SVG of the site")
                continue
            text = svg.read_text(encoding="utf-8")
            if "<title" not in text or "<script" in text or 'href="http' in text:
                problems.append(f"{where}: {svg.name} needs a <title>, no scripts, no external links")
            galleries.setdefault(link["data-gallery"], []).append(svg.name)
    assert galleries, "no diagrams in the built site"
    # Before/after pairs share a gallery, so the lightbox steps from one to the other.
    for gallery, names in galleries.items():
        for name in names:
            if name.endswith("-before.svg") and name.replace("-before.svg", "-after.svg") not in names:
                problems.append(f"gallery {gallery}: {name} without its -after.svg in the same gallery")
    assert not problems, "\n".join(problems)
