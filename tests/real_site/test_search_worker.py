"""Every page runs Material's search through the typo-correcting wrapper, and the files
it loads are in the site (overrides/main.html, docs/assets/javascripts/search-worker.js,
hooks/search_aliases.py)."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from act.search import DID_YOU_MEAN_URI
from bs4 import BeautifulSoup


@pytest.mark.parametrize("page", ["index.html", "treatments/vertebroplasty/index.html", "404.html"])
def test_the_page_starts_the_wrapper_naming_materials_worker(site_dir, page):
    soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    config = json.loads(soup.find("script", id="__config").string)
    wrapper, _, material = config["search"].partition("#")
    assert wrapper.endswith("assets/javascripts/search-worker.js"), config["search"]
    assert material.startswith("workers/search.") and material.endswith(".min.js"), config["search"]
    base = f"http://site/{page}" if page != "404.html" else "http://site/404.html"
    wrapper_path = urljoin(base, wrapper).removeprefix("http://site/")
    assert (site_dir / wrapper_path).is_file()
    assert (site_dir / wrapper_path).parent.joinpath(material).is_file()


def test_the_vocabulary_holds_the_words_search_corrects_to(site_dir):
    vocabulary = (site_dir / DID_YOU_MEAN_URI).read_text(encoding="utf-8").splitlines()[0]
    words = set(json.loads(vocabulary.removeprefix("self.didYouMean = ").removesuffix(";")))
    assert {
        "vertebroplasty",
        "kyphoplasty",
        "metastasectomy",
        "anaesthetic",
        "anesthetic",
        "pleurodesis",
    } <= words
    assert len(words) < 5000  # loaded by every search: titles, aliases, phrases, glossary only
