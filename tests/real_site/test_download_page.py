"""The "Download for offline use" page of the real site: both downloads, what each is for,
where they are published and their size (or that it is shown when published), and the page
is listed with the other about pages on the home page."""

from __future__ import annotations

import json

from act.downloads import SIZE_UNKNOWN, SIZES_FILE
from bs4 import BeautifulSoup
from testkit.pages import DOCS
from testkit.sitebuild import ROOT

SITE_URL = "https://advanced-cancer-treatments.github.io/"


def test_download_page_lists_the_zip_and_the_zim(site_dir, zim_path):
    soup = BeautifulSoup((site_dir / "about" / "download" / "index.html").read_bytes(), "lxml")
    rows = soup.select("table.downloads tbody tr")
    files = [row.select_one("code").get_text() for row in rows]
    assert files == [zim_path.name, "advanced-cancer-treatments-offline.zip"]
    assert [row.select_one("a")["href"] for row in rows] == [f"{SITE_URL}downloads/{name}" for name in files]
    assert "Kiwix" in rows[0].get_text() and "index.html" in rows[1].get_text()
    published = DOCS / SIZES_FILE  # only the deploy workflow writes it
    sizes = json.loads(published.read_text(encoding="utf-8")) if published.exists() else {}
    expected = [f"{sizes[name] / 1_000_000:.1f} MB" if name in sizes else SIZE_UNKNOWN for name in files]
    assert [row.find_all("td")[-1].get_text(strip=True) for row in rows] == expected


def test_download_page_is_listed_with_the_about_pages():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    about = home.split("## About this site", 1)[1]
    assert "(about/download.md)" in about


def test_deploy_workflow_publishes_both_files_beside_the_site():
    workflow = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    steps = [
        workflow.index(s)
        for s in ("make offline zim", "scripts/download_sizes.py", "make build", "site/downloads/")
    ]
    assert steps == sorted(steps), "build the downloads, write their sizes, build the site, then copy them in"
    assert (
        "dist/advanced-cancer-treatments-offline.zip dist/advanced-cancer-treatments_en_all_*.zim" in workflow
    )
