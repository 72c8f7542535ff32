"""Every content page has what the content issue requires: front matter, sections in
order, the right boxes, sources, dates, length, reading ease, and working diagrams."""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest
import yaml
from act.readability import measure
from act.validation.schema import FrontMatter
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"
TREATMENT_SECTIONS = [
    "What it is",
    "Who it may help",
    "How it is done",
    "Recovery",
    "What to expect",
    "Questions to ask your care team",
]
CONDITION_SECTIONS = ["What it is", "Symptoms", "How it is treated"]
EMERGENCIES = {"spinal-metastases", "malignant-airway-obstruction", "malignant-bowel-obstruction"}
# The pages the content issue lists: paths are part of the spec.
TREATMENTS = [
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
CONDITIONS = [
    "bone-metastases",
    "spinal-metastases",
    "malignant-dysphagia",
    "malignant-bowel-obstruction",
    "malignant-airway-obstruction",
    "stage-4-mesothelioma",
    "malignant-pleural-effusion",
    "oligometastatic-disease",
]
OTHERS = [
    "index.md",
    "a-z.md",
    "guides/making-treatment-decisions.md",
    "guides/glossary.md",
    "about/editorial-policy.md",
    "about/disclaimer.md",
    "about/sources-and-licence.md",
]
ALL_PAGES = [f"treatments/{p}.md" for p in TREATMENTS] + [f"conditions/{p}.md" for p in CONDITIONS] + OTHERS
DIAGRAMS = {  # gallery -> page that shows it
    "oesophageal-stent": "treatments/oesophageal-stent.md",
    "femur-fixation": "treatments/prophylactic-fixation.md",
    "airway-stent": "treatments/airway-stent.md",
    "vertebroplasty": "treatments/vertebroplasty.md",
    "kyphoplasty": "treatments/kyphoplasty.md",
    "pleurodesis": "treatments/pleurodesis.md",
    "cryoablation": "treatments/bone-cryoablation.md",
}


def source(rel: str) -> str:
    return (DOCS / rel).read_text(encoding="utf-8")


def meta(rel: str) -> dict:
    return yaml.safe_load(source(rel).split("---", 2)[1])


def built(site_dir: pathlib.Path, rel: str) -> BeautifulSoup:
    stem = rel.removesuffix(".md")
    path = site_dir / "index.html" if stem == "index" else site_dir / stem / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_the_site_has_exactly_the_pages_the_spec_lists():
    pages = sorted(
        str(p.relative_to(DOCS))
        for p in DOCS.rglob("*.md")
        if not p.relative_to(DOCS).parts[0].startswith("_")
    )
    assert pages == sorted(ALL_PAGES)


@pytest.mark.parametrize("rel", ALL_PAGES)
def test_front_matter_is_complete_and_current(rel):
    fm = FrontMatter.model_validate(meta(rel))
    assert "placeholder" not in fm.description.lower()
    assert fm.last_reviewed <= dt.date.today() < fm.next_review
    if fm.type in {"treatment", "condition"}:
        assert len(fm.sources) >= 2, "treatment and condition pages cite at least two sources"
        assert fm.conditions and fm.body_areas and fm.cancer_types
        assert fm.aliases, "give the names readers may type: US spellings, lay words"


@pytest.mark.parametrize("rel", [f"treatments/{p}.md" for p in TREATMENTS])
def test_treatment_pages_have_sections_in_order_and_the_risks_box(site_dir, rel):
    soup = built(site_dir, rel)
    h2s = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h2")]
    # A heading may add to the required words ("Who it may help (and why)").
    found = [s for h in h2s for s in TREATMENT_SECTIONS if h == s or h.startswith(s + " (")]
    assert found == TREATMENT_SECTIONS, h2s
    box = [
        a
        for a in soup.select("article .admonition.warning")
        if a.select_one(".admonition-title").get_text(strip=True) == "Risks and complications"
    ]
    assert len(box) == 1 and len(box[0].select("li")) >= 3


@pytest.mark.parametrize("rel", [f"conditions/{p}.md" for p in CONDITIONS])
def test_condition_pages_have_sections_and_urgent_help_where_needed(site_dir, rel):
    soup = built(site_dir, rel)
    h2s = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h2")]
    assert [h for h in h2s if h in CONDITION_SECTIONS] == CONDITION_SECTIONS, h2s
    urgent = [
        a
        for a in soup.select("article .admonition.danger")
        if a.select_one(".admonition-title").get_text(strip=True) == "When to get urgent help"
    ]
    if pathlib.Path(rel).stem in EMERGENCIES:
        assert len(urgent) == 1 and re.search(r"\b999\b", urgent[0].get_text())
    # How it is treated links to treatment pages.
    assert soup.select('article a[href*="treatments/"]')


@pytest.mark.parametrize(
    "rel", [f"treatments/{p}.md" for p in TREATMENTS] + [f"conditions/{p}.md" for p in CONDITIONS]
)
def test_body_length_and_reading_ease(rel):
    stats = measure(source(rel))
    assert 450 <= stats.words <= 1200, f"{stats.words} words"
    assert stats.flesch >= 60, f"reading ease {stats.flesch:.1f}"


@pytest.mark.parametrize("gallery", sorted(DIAGRAMS))
def test_diagrams_have_alt_text_captions_and_open_in_the_lightbox(site_dir, gallery):
    soup = built(site_dir, DIAGRAMS[gallery])
    links = soup.select(f'article a.glightbox[data-gallery="{gallery}"]')
    assert links, f"no lightbox links for gallery {gallery}"
    if gallery != "cryoablation":
        assert len(links) == 2, "a before/after pair"
    for link in links:
        img = link.find("img")
        assert img and len(img.get("alt", "")) >= 20, "alt text says what the picture shows"
        assert link.find_parent("figure").find("figcaption").get_text(strip=True)
        svg = (site_dir / DIAGRAMS[gallery].removesuffix(".md") / img["src"]).resolve()
        assert svg.is_file() and svg.suffix == ".svg"
        text = svg.read_text(encoding="utf-8")
        assert "<title" in text and "<script" not in text and 'href="http' not in text
