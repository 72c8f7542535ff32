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


def test_the_prebuilt_lunr_index_is_built_from_the_index_the_site_ships(site_dir):
    """search/lunr-index.js (hooks/act/lunr_index.py) matches search_index.json: the worker
    wrapper uses it only when its fingerprint does (tests/browser/test_search_prebuilt_browser.py)."""
    from act.lunr_index import GLOBAL, LUNR_INDEX_URI, fingerprint

    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    script = (site_dir / LUNR_INDEX_URI).read_text(encoding="utf-8")
    prefix = f"{GLOBAL} = JSON.parse("
    assert script.startswith(prefix) and script.endswith(");\n"), script[:80]
    data = json.loads(json.loads(script[len(prefix) : -len(");\n")]))
    assert data["fingerprint"] == fingerprint(index["config"], index["docs"])
    # The fast builder against the plain definition, on the real index.
    from testkit.lunr_reference import fingerprint_by_units, index_terms_by_tokens

    assert data["fingerprint"] == fingerprint_by_units(index["config"], index["docs"])
    assert {k: v for k, v in data.items() if k != "fingerprint"} == index_terms_by_tokens(
        index["config"], index["docs"]
    )
    assert data["refs"] == [doc["location"] for doc in index["docs"]]
    assert [name for name, _ in data["fields"]] == list(index["config"]["fields"])
    # What it costs every reader who searches (uncompressed; about a quarter gzipped).
    assert len(script.encode()) < 450_000
