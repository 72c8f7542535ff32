"""Inline citations and the Sources list as readers get them, on the validation fixture site.

Good cases: cited figures pass the strict build. The rendered page: `[^id]` becomes a
superscript number (its source's place in the list) linking to the entry, which links
back to its first citation; screen readers hear "source N"; DOI sources link to doi.org;
`accessed` reads as a date. Bad cases (with their exact messages) are in the catalogue.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from testkit.validation_site import GOOD_CONDITION, GOOD_TREATMENT, build_fixture

T = "treatments/good-treatment.md"
C = "conditions/good-condition.md"
SUMMARY = "A short summary of the treatment, in plain words."
SECOND_SOURCE = (
    "    url: https://www.nice.org.uk/\n"
    "  - id: example-trial\n    title: An example trial\n    publisher: The Lancet\n"
    "    year: 2019\n    doi: 10.1016/S0140-6736(19)32487-5\n"
)


def _page(tmp_path, name: str) -> lxml_html.HtmlElement:
    path = tmp_path / "site" / name.removesuffix(".md") / "index.html"
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "sentence",
    [
        "About 40% of people feel less pain.[^example-guideline]",
        "About 1 in 50 people die after it.[^example-guideline]",
        "It helped 3 out of 101 people.[^example-guideline]",
        "The median time in hospital is\nshort, and most people go home.[^example-guideline]",
        "People lived for 6 months on average.[^example-guideline]",
        "A 5-year follow-up is planned. Code such as `[^x]` is not a citation.[^example-guideline]",
        "No figure here at all.",
    ],
)
def test_cited_figures_pass(tmp_path, sentence):
    assert build_fixture(tmp_path, {T: GOOD_TREATMENT.replace(SUMMARY, sentence)}) == []


def test_citations_link_to_numbered_sources_and_back(tmp_path):
    page = GOOD_TREATMENT.replace("    url: https://www.nice.org.uk/\n", SECOND_SOURCE).replace(
        SUMMARY, "It helped 3 out of 101 people.[^example-trial] Again.[^example-trial][^example-guideline]"
    )
    assert build_fixture(tmp_path, {T: page}) == []
    tree = _page(tmp_path, T)
    sups = tree.xpath('//article//sup[@class="citation"]')
    assert [(s.get("id"), s[0].get("href"), s[0].get("aria-label"), s[0].text) for s in sups] == [
        ("cite-example-trial-1", "#source-example-trial", "source 2", "2"),
        ("cite-example-trial-2", "#source-example-trial", "source 2", "2"),
        ("cite-example-guideline-1", "#source-example-guideline", "source 1", "1"),
        ("cite-example-guideline-2", "#source-example-guideline", "source 1", "1"),
    ]
    entries = tree.xpath('//section[@class="page-sources"]/ol/li')
    assert [li.get("id") for li in entries] == ["source-example-guideline", "source-example-trial"]
    trial = entries[1]
    assert trial.xpath("./a")[0].get("href") == "https://doi.org/10.1016/S0140-6736(19)32487-5"
    assert trial.xpath('./a[@class="source-backlink"]')[0].get("href") == "#cite-example-trial-1"
    assert "The Lancet, 2019." in trial.text_content()


def test_accessed_reads_as_a_date(tmp_path):
    assert build_fixture(tmp_path, {}) == []
    entry = _page(tmp_path, C).xpath('//li[@id="source-example-leaflet"]')[0]
    assert "Cancer Research UK, accessed 30 October 2026." in " ".join(entry.text_content().split())
    assert entry.xpath(".//time")[0].get("datetime") == "2026-10-30"
    assert GOOD_CONDITION  # the condition page is the fixture's DOI source
    assert entry.xpath("./a")[0].get("href") == "https://doi.org/10.1000/example.1"
