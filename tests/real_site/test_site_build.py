"""The real site builds strictly and every page has the parts a reader relies on."""

from __future__ import annotations

import pathlib

import pytest
import yaml
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def page_sources() -> list[pathlib.Path]:
    return sorted(p for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).parts[0].startswith("_"))


def front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def html_for(site_dir: pathlib.Path, source: pathlib.Path) -> BeautifulSoup:
    rel = source.relative_to(DOCS).with_suffix("")
    out = site_dir / "index.html" if rel.name == "index" else site_dir / rel / "index.html"
    return BeautifulSoup(out.read_text(encoding="utf-8"), "lxml")


PAGES = page_sources()
IDS = [str(p.relative_to(DOCS)) for p in PAGES]


@pytest.mark.parametrize("source", PAGES, ids=IDS)
def test_every_page_has_one_h1_matching_its_title(site_dir, source):
    soup = html_for(site_dir, source)
    h1s = soup.select("article h1")
    assert len(h1s) == 1, f"{len(h1s)} h1 elements"
    assert h1s[0].get_text(" ", strip=True).replace("¶", "").strip() == front_matter(source)["title"]


@pytest.mark.parametrize("source", PAGES, ids=IDS)
def test_every_page_shows_the_disclaimer_once(site_dir, source):
    soup = html_for(site_dir, source)
    disclaimers = soup.select("article aside.site-disclaimer")
    assert len(disclaimers) == 1
    assert "not medical advice" in disclaimers[0].get_text(" ", strip=True)


TREATMENTS = [p for p in PAGES if front_matter(p).get("type") == "treatment"]


@pytest.mark.parametrize("source", TREATMENTS, ids=[str(p.relative_to(DOCS)) for p in TREATMENTS])
def test_treatment_pages_have_a_risks_admonition(site_dir, source):
    soup = html_for(site_dir, source)
    titles = [t.get_text(" ", strip=True) for t in soup.select("article .admonition .admonition-title")]
    assert "Risks and complications" in titles, titles


def test_the_site_loads_no_asset_from_another_host(site_dir):
    offenders = []
    for html in site_dir.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr, "")
                if (
                    tag == "link"
                    and "stylesheet" not in el.get("rel", [])
                    and "preconnect" not in el.get("rel", [])
                ):
                    continue
                if url.startswith(("http://", "https://", "//")):
                    offenders.append(f"{html.relative_to(site_dir)}: <{tag} {attr}={url}>")
    assert not offenders, offenders


def test_the_same_sources_build_the_same_bytes(site_dir, tmp_path):
    from testkit.sitebuild import build_site

    again = tmp_path / "again"
    build_site(ROOT / "mkdocs.yml", again)
    first = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []
