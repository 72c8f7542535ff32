"""The A-Z page lists every page and every alias, generated at build time."""

from __future__ import annotations

from act.a_z import name_key
from bs4 import BeautifulSoup
from testkit.pages import front_matter
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def test_the_built_a_to_z_links_every_content_page_and_alias(site_dir):
    soup = BeautifulSoup((site_dir / "a-z" / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = soup.select_one("nav.a-z")
    assert nav is not None
    links = {a.get_text(strip=True): a["href"] for a in nav.select("ul.a-z__list a")}
    expected = 0
    for source in sorted(DOCS.glob("*/*.md")):
        if source.parts[-2].startswith("_"):
            continue
        meta = front_matter(source)
        target = f"../{source.parent.name}/{source.stem}/"
        assert links.get(meta["title"]) == target, meta["title"]
        # Near-duplicate aliases (a plural of the title, another alias in other capitals) are left out.
        keys = {name_key(meta["title"])} | {name_key(a) for a in meta.get("aliases") or []}
        expected += len(keys)
    assert len(nav.select("ul.a-z__list > li")) == expected
    # Every link resolves to a built page.
    for href in links.values():
        assert (site_dir / "a-z" / href / "index.html").resolve().is_file(), href


def test_real_pages_and_see_entries_look_different_and_no_near_duplicates(site_dir):
    """Issue 16: "Metastasectomies: see Metastasectomy" sat beside "Metastasectomy"."""
    soup = BeautifulSoup((site_dir / "a-z" / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = soup.select_one("nav.a-z")
    letters = [a.get_text() for a in nav.select("ul.a-z__letters a")]
    assert letters == [h.get_text() for h in nav.select("h2")]
    pages, sees = nav.select("li.a-z__page"), nav.select("li.a-z__see")
    assert len(pages) >= 60 and len(sees) >= 100
    assert len(pages) + len(sees) == len(nav.select("li")) - len(letters)
    assert all(li.select_one("em").get_text() == "see" for li in sees)
    labels = [name_key(li.get_text(" ").split(":")[0]) for li in sees]
    labels += [name_key(li.a.get_text()) for li in pages]
    assert "metastasectomies" not in " ".join(li.get_text() for li in sees).casefold()
    by_target: dict[str, set[str]] = {}
    for li in pages + sees:
        key = (
            name_key(li.get_text(" ").split(":")[0])
            if "a-z__see" in li["class"]
            else name_key(li.a.get_text())
        )
        target = li.select("a")[-1]["href"]
        assert key not in by_target.setdefault(target, set()), (target, key)
        by_target[target].add(key)
