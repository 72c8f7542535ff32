"""The real site builds strictly, loads nothing from another host, and builds the same
bytes from the same sources. (One top heading equal to the title, the disclaimer and the
risks box are enforced by the build itself: see the validation catalogue.)"""

from __future__ import annotations

from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


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
