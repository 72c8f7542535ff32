"""The A-Z page lists every page and every alias, generated at build time."""

from __future__ import annotations

import yaml
from act.a_z import a_to_z
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def test_aliases_become_cross_references_sorted_case_insensitively():
    groups = a_to_z(
        [
            {
                "title": "Oesophageal stent",
                "url": "treatments/oesophageal-stent/",
                "aliases": ["esophageal stent"],
            },
            {"title": "airway stent", "url": "treatments/airway-stent/"},
            {"title": "2-step plan", "url": "x/"},
        ]
    )
    assert [g["letter"] for g in groups] == ["#", "A", "E", "O"]
    alias = groups[2]["entries"][0]
    assert (alias.label, alias.see, alias.url) == (
        "Esophageal stent",
        "Oesophageal stent",
        "treatments/oesophageal-stent/",
    )


def test_the_built_a_to_z_links_every_content_page_and_alias(site_dir):
    soup = BeautifulSoup((site_dir / "a-z" / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = soup.select_one("nav.a-z")
    assert nav is not None
    links = {a.get_text(strip=True): a["href"] for a in nav.select("li a")}
    expected = 0
    for source in sorted(DOCS.glob("*/*.md")):
        if source.parts[-2].startswith("_"):
            continue
        meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])
        target = f"../{source.parent.name}/{source.stem}/"
        assert links.get(meta["title"]) == target, meta["title"]
        expected += 1 + len(meta.get("aliases") or [])
    assert len(nav.select("li")) == expected
    # Every link resolves to a built page.
    for href in links.values():
        assert (site_dir / "a-z" / href / "index.html").resolve().is_file(), href
