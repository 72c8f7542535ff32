"""The Related topics section as readers get it: a fixture site built with the real hook
and partial, its HTML parsed, its links followed, rebuilt after pages change."""

from __future__ import annotations

import json
import pathlib
import shutil
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from testkit.sitebuild import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "related_site"


class Site:
    """The fixture site copied to a temporary folder, loaded once, buildable again and
    again with the same config (and so the same hook module), as `mkdocs serve` does."""

    def __init__(self, tmp: pathlib.Path, **overrides) -> None:
        self.docs = tmp / "docs"
        shutil.copytree(FIXTURE / "docs", self.docs)
        self.out = tmp / "site"
        self.config = load_config(
            str(FIXTURE / "mkdocs.yml"),
            strict=True,
            docs_dir=str(self.docs),
            site_dir=str(self.out),
            **overrides,
        )
        self.directory_urls = self.config.use_directory_urls

    def build(self) -> None:
        build(self.config)

    def html_path(self, src: str) -> pathlib.Path:
        stem = src.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return self.out / (stem.removesuffix("index") + "index.html")
        return self.out / (f"{stem}/index.html" if self.directory_urls else f"{stem}.html")

    def soup(self, src: str) -> BeautifulSoup:
        return BeautifulSoup(self.html_path(src).read_text(encoding="utf-8"), "lxml")

    def related(self, src: str) -> list[dict[str, str]]:
        """Every entry of the page's Related topics, with the file its link leads to."""
        return self._entries(src, "section.related-topics")

    def treatments(self, src: str) -> list[dict[str, str]]:
        return self._entries(src, "section.related-treatments")

    def _entries(self, src: str, selector: str) -> list[dict[str, str]]:
        section = self.soup(src).select_one(selector)
        if section is None:
            return []
        page_url = "http://site/" + str(self.html_path(src).relative_to(self.out))
        entries = []
        for item in section.select("li"):
            href = item.a["href"]
            target = unquote(urljoin(page_url, href).removeprefix("http://site/"))
            if target.endswith("/") or not target:
                target += "index.html"
            entries.append(
                {
                    "title": item.a.get_text(),
                    "href": href,
                    "target": target,
                    "description": item.select_one(".related-topics__description").get_text(),
                    "reason": reason.get_text()
                    if (reason := item.select_one(".related-topics__reason"))
                    else "",
                }
            )
        return entries


@pytest.fixture
def site(tmp_path) -> Site:
    s = Site(tmp_path)
    s.build()
    return s


def titles(entries: list[dict[str, str]]) -> list[str]:
    return [e["title"] for e in entries]


def test_section_markup(site):
    soup = site.soup("treatments/vertebroplasty.md")
    sections = soup.select("section.related-topics")
    assert len(sections) == 1
    section = sections[0]
    assert section.has_attr("data-search-exclude")
    heading = section.find("h2")
    assert heading["id"] == "related-topics" and heading.get_text() == "Related topics"
    assert section["aria-labelledby"] == "related-topics"
    # grouped, conditions before treatments before guides
    groups = [h.get_text() for h in section.select("h3")]
    assert groups == [g for g in ("Conditions", "Treatments", "Guides") if g in groups] and groups
    # inside the article, after the page's own content
    assert section.find_parent("article") is not None


def test_entries_are_the_right_pages_with_title_description_and_reason(site):
    entries = site.related("treatments/vertebroplasty.md")
    assert 3 <= len(entries) <= 4  # limit: 4 in the fixture's mkdocs.yml
    assert "Kyphoplasty" in titles(entries)
    assert "Spinal metastases" in titles(entries)
    kypho = next(e for e in entries if e["title"] == "Kyphoplasty")
    assert (
        kypho["description"]
        == "Lifting a collapsed vertebra with a small balloon and filling it with bone cement."
    )
    assert kypho["reason"] == "Also treats spinal metastases"
    spinal = next(e for e in entries if e["title"] == "Spinal metastases")
    assert spinal["reason"] == "A condition this treatment is used for"
    for e in entries:  # every link leads to a built page
        assert (site.out / e["target"]).is_file(), e


def test_never_self_hidden_home_about_or_excluded(site):
    never = {
        "Vertebroplasty",
        "Hidden draft about vertebra cement",
        "Fixture home",
        "Editorial policy",
        "Glossary",
    }
    for src in (
        "treatments/vertebroplasty.md",
        "treatments/kyphoplasty.md",
        "conditions/spinal-metastases.md",
        "guides/questions-to-ask.md",
    ):
        listed = set(titles(site.related(src)) + titles(site.treatments(src)))
        assert listed, src
        assert not listed & (
            never - {"Vertebroplasty"} if src != "treatments/vertebroplasty.md" else never
        ), src
        own_title = site.soup(src).h1.get_text().replace("¶", "").strip()
        assert own_title not in titles(site.related(src))
    # home and about pages have no section at all
    assert site.soup("index.md").select_one("section.related-topics") is None
    assert site.soup("about/editorial.md").select_one("section.related-topics") is None


def test_pleural_pages_relate_to_each_other_not_to_the_spine(site):
    section = site.soup("treatments/pleurodesis.md").select_one("section.related-topics")
    treatments_group = next(h for h in section.select("h3") if h.get_text() == "Treatments")
    first_treatment = treatments_group.find_next("ul").a.get_text()
    assert first_treatment == "Indwelling pleural catheter"
    assert "Kyphoplasty" not in titles(site.related("treatments/pleurodesis.md"))


def test_condition_page_lists_its_treatments(site):
    treatments = site.treatments("conditions/spinal-metastases.md")
    assert {"Vertebroplasty", "Kyphoplasty", "Spinal decompression and stabilisation"} <= set(
        titles(treatments)
    )
    assert "Pleurodesis" not in titles(treatments)
    assert "Hidden draft about vertebra cement" not in titles(treatments)
    section = site.soup("conditions/spinal-metastases.md").select_one("section.related-treatments")
    assert section.has_attr("data-search-exclude")
    assert section.h2.get_text() == "Treatments for this condition"
    # the heading gives the reason, so the entries do not repeat it
    assert all(e["reason"] == "" and e["description"] for e in treatments)
    # treatment pages do not get the condition-only section
    assert site.treatments("treatments/vertebroplasty.md") == []


def test_markup_in_titles_and_descriptions_is_escaped(site):
    soup = site.soup("treatments/vertebroplasty.md")
    section = soup.select_one("section.related-topics")
    link = section.find("a", string=lambda s: s and s.startswith("Cement"))
    assert link is not None, "the escaping fixture page should be related to vertebroplasty"
    assert link.get_text() == 'Cement & <b>tubes</b> "quoted"'
    assert section.find("b") is None and section.find("i") is None
    description = link.find_next_sibling(class_="related-topics__description")
    assert description.get_text().startswith("A page whose title and description hold <i>markup</i> &")


def test_related_topics_stay_out_of_the_search_index(site):
    index = json.loads((site.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    rendered = site.related("treatments/vertebroplasty.md")
    assert rendered
    page_docs = [d for d in index["docs"] if d["location"].startswith("treatments/vertebroplasty/")]
    assert page_docs, "the page itself is indexed"
    page_text = " ".join(d["title"] + " " + d["text"] for d in page_docs)
    assert "Related topics" not in page_text
    for entry in rendered:
        assert entry["description"] not in page_text
        assert entry["reason"] not in page_text


def test_offline_build_links_work(tmp_path):
    site = Site(tmp_path, use_directory_urls=False)
    site.build()
    entries = site.related("treatments/vertebroplasty.md")
    assert entries
    for e in entries:
        assert e["href"].endswith(".html"), e
        assert (site.out / e["target"]).is_file(), e
    treatments = site.treatments("conditions/spinal-metastases.md")
    assert treatments and all((site.out / e["target"]).is_file() for e in treatments)


def test_rebuild_after_rename_delete_and_new_page(site):
    before = site.related("treatments/vertebroplasty.md")
    assert "Kyphoplasty" in titles(before)
    hook = site.config.hooks["../../../hooks/related_topics.py"]

    # rename kyphoplasty, delete spinal decompression, add a new treatment
    (site.docs / "treatments/kyphoplasty.md").rename(site.docs / "treatments/balloon-kyphoplasty.md")
    vertebroplasty = site.docs / "treatments/vertebroplasty.md"  # its author fixes the link
    vertebroplasty.write_text(
        vertebroplasty.read_text(encoding="utf-8").replace("(kyphoplasty.md)", "(balloon-kyphoplasty.md)"),
        encoding="utf-8",
    )
    (site.docs / "treatments/spinal-decompression.md").unlink()
    (site.docs / "treatments/radiotherapy.md").write_text(
        "---\ntitle: Radiotherapy to the spine\n"
        "description: High-energy X-rays aimed at a vertebra to ease pain from spinal metastases.\n"
        "type: treatment\nconditions: [spinal-metastases]\nbody_areas: [spine]\ncancer_types: [any]\n---\n\n"
        "# Radiotherapy to the spine\n\nX-rays aimed at the vertebra ease back pain.\n",
        encoding="utf-8",
    )
    shutil.rmtree(site.out)
    site.build()
    assert site.config.hooks["../../../hooks/related_topics.py"] is hook  # same module, as in serve

    after = site.related("treatments/vertebroplasty.md")
    assert "Kyphoplasty" in titles(after)
    kypho = next(e for e in after if e["title"] == "Kyphoplasty")
    assert "balloon-kyphoplasty" in kypho["href"]
    assert (site.out / kypho["target"]).is_file()
    for src in (
        "treatments/vertebroplasty.md",
        "conditions/spinal-metastases.md",
        "treatments/balloon-kyphoplasty.md",
    ):
        for e in site.related(src) + site.treatments(src):
            assert e["title"] != "Spinal decompression and stabilisation", src
            assert "treatments/kyphoplasty" not in e["target"], src
            assert (site.out / e["target"]).is_file(), (src, e)
    treatments = titles(site.treatments("conditions/spinal-metastases.md"))
    assert "Radiotherapy to the spine" in treatments
    assert "Spinal decompression and stabilisation" not in treatments


def test_pins_and_exclusions_from_front_matter(site):
    page = site.docs / "treatments/vertebroplasty.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(
            "cancer_types: [any]\n",
            "cancer_types: [any]\nrelated: [treatments/pleurodesis.md, treatments/missing.md]\n"
            "not_related: [treatments/kyphoplasty.md]\n",
            1,
        ),
        encoding="utf-8",
    )
    site.build()
    entries = site.related("treatments/vertebroplasty.md")
    assert "Pleurodesis" in titles(entries)  # pinned, though unrelated by content
    assert "Kyphoplasty" not in titles(entries)
    assert all((site.out / e["target"]).is_file() for e in entries)
    # exclusion is this page's choice only: kyphoplasty still lists vertebroplasty
    assert "Vertebroplasty" in titles(site.related("treatments/kyphoplasty.md"))


def test_same_sources_give_the_same_html(tmp_path):
    first, second = Site(tmp_path / "a"), Site(tmp_path / "b")
    first.build()
    second.build()
    for src in (
        "treatments/vertebroplasty.md",
        "conditions/spinal-metastases.md",
        "guides/questions-to-ask.md",
    ):
        a = first.soup(src).select("section.related-topics, section.related-treatments")
        b = second.soup(src).select("section.related-topics, section.related-treatments")
        assert [str(x) for x in a] == [str(x) for x in b]
