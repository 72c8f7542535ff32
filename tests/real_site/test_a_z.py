"""The A-Z page lists every page and every alias, generated at build time."""

from __future__ import annotations

from bs4 import BeautifulSoup
from testkit.pages import front_matter
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def test_the_built_a_to_z_links_every_content_page_and_alias(site_dir):
    soup = BeautifulSoup((site_dir / "a-z" / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = soup.select_one("nav.a-z")
    assert nav is not None
    links = {a.get_text(strip=True): a["href"] for a in nav.select("li a")}
    expected = 0
    for source in sorted(DOCS.glob("*/*.md")):
        if source.parts[-2].startswith("_"):
            continue
        meta = front_matter(source)
        target = f"../{source.parent.name}/{source.stem}/"
        assert links.get(meta["title"]) == target, meta["title"]
        expected += 1 + len(meta.get("aliases") or [])
    assert len(nav.select("li")) == expected
    # Every link resolves to a built page.
    for href in links.values():
        assert (site_dir / "a-z" / href / "index.html").resolve().is_file(), href
