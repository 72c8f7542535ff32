"""Related topics on the real site: every treatment and condition page gets a useful
list, and the pairs a clinician would expect are there."""

from __future__ import annotations

import json
import pathlib
from urllib.parse import unquote, urljoin

import pytest
from act.content_model import LISTED_TYPES, TYPES_NEEDING_SOURCES
from bs4 import BeautifulSoup
from testkit.pages import split_front_matter
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def _front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return split_front_matter(text)[0]


PAGES = {
    str(p.relative_to(DOCS)): _front_matter(p)
    for p in sorted(DOCS.glob("*/*.md"))
    if not p.relative_to(DOCS).parts[0].startswith("_")
}
CLINICAL = [p for p, fm in PAGES.items() if fm.get("type") in TYPES_NEEDING_SOURCES]


def related(site_dir: pathlib.Path, src: str, selector: str = "section.related-topics") -> list[str]:
    """Source paths of the pages listed in a built page's section, in order."""
    html = site_dir / src.removesuffix(".md") / "index.html"
    section = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one(selector)
    if section is None:
        return []
    base = "http://site/" + src.removesuffix(".md") + "/"
    out = []
    for a in section.select("li > a"):
        target = unquote(urljoin(base, a["href"]).removeprefix("http://site/")).rstrip("/")
        assert (site_dir / target / "index.html").is_file(), (src, a["href"])
        out.append(target + ".md")
    return out


@pytest.mark.parametrize("src", CLINICAL)
def test_every_treatment_and_condition_page_gets_at_least_three(site_dir, src):
    listed = related(site_dir, src)
    assert len(listed) >= 3, listed
    assert src not in listed
    assert len(set(listed)) == len(listed)
    for target in listed:
        assert PAGES[target]["type"] in LISTED_TYPES, target
    assert "guides/glossary.md" not in listed


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("treatments/vertebroplasty.md", {"treatments/kyphoplasty.md", "conditions/spinal-metastases.md"}),
        ("treatments/kyphoplasty.md", {"treatments/vertebroplasty.md"}),
        ("conditions/spinal-metastases.md", {"treatments/spinal-decompression-and-stabilisation.md"}),
        ("treatments/spinal-decompression-and-stabilisation.md", {"conditions/spinal-metastases.md"}),
        (
            "treatments/pleurodesis.md",
            {
                "conditions/malignant-pleural-effusion.md",
                "treatments/indwelling-pleural-catheter.md",
                "conditions/stage-4-mesothelioma.md",
            },
        ),
        ("treatments/oesophageal-stent.md", {"conditions/malignant-dysphagia.md"}),
        ("treatments/airway-stent.md", {"conditions/malignant-airway-obstruction.md"}),
    ],
)
def test_pages_a_clinician_would_pair(site_dir, src, expected):
    # On a condition page its treatments are in their own list, not repeated.
    assert expected <= set(related(site_dir, src)) | set(related(site_dir, src, "section.related-treatments"))


def test_condition_pages_list_each_treatment_once(site_dir):
    """Issue 16: 32 repeats across the condition pages (Treatments, then Related topics)."""
    conditions = [src for src, fm in PAGES.items() if fm.get("type") == "condition"]
    assert len(conditions) >= 10
    with_treatments = 0
    for src in conditions:
        treatments = related(site_dir, src, "section.related-treatments")
        with_treatments += bool(treatments)
        assert len(set(treatments)) == len(treatments), src
        assert not set(treatments) & set(related(site_dir, src)), src
    assert with_treatments >= 10


def test_condition_pages_list_their_treatments(site_dir):
    for src, fm in PAGES.items():
        if fm.get("type") != "condition":
            continue
        stem = src.rsplit("/", 1)[-1].removesuffix(".md")
        primary = stem if stem in (fm.get("conditions") or []) else (fm.get("conditions") or [None])[0]
        expected = {
            p
            for p, other in PAGES.items()
            if other.get("type") == "treatment" and primary in (other.get("conditions") or [])
        }
        listed = related(site_dir, src, "section.related-treatments")
        assert set(listed) == expected or (len(listed) == 12 and set(listed) < expected), src


def test_lists_stay_out_of_the_real_search_index(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    page_text = " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].startswith("treatments/vertebroplasty/")
    )
    assert page_text
    html = (site_dir / "treatments/vertebroplasty/index.html").read_text(encoding="utf-8")
    section = BeautifulSoup(html, "lxml").select_one("section.related-topics")
    assert "Related topics" not in page_text
    for reason in section.select(".related-topics__reason"):
        assert reason.get_text() not in page_text
