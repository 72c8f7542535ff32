"""Aliases, US spellings and descriptions reach Material's search index, and no entry
is empty (hooks/search_aliases.py, hooks/act/search.py, hooks/glightbox_fragment.py)."""

from __future__ import annotations

import html
import json
import shutil

import pytest
from act.data_files import SearchPhrase
from act.glightbox import unwrap_document
from act.search import (
    ALIASES_FIELD,
    DID_YOU_MEAN,
    DID_YOU_MEAN_URI,
    HOME_BOOST,
    INDEXED_WORDS,
    PHRASES_FIELD,
    VARIANTS_FIELD,
    PageTerms,
    augment_index,
    indexed_words,
    other_spellings,
    phrases_by_page,
    unknown_phrase_pages,
    vocabulary_words,
)
from testkit.pages import split_front_matter
from testkit.sitebuild import ROOT, BuildFailed, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "search-site"
VARIANTS = {"tumour": ("tumor", "tumours", "tumors"), "oesophageal": ("esophageal",), "centre": ("center",)}


# --- pure functions -------------------------------------------------------------------


def test_other_spellings_follow_each_occurrence_and_inflection():
    assert other_spellings("<p>A tumour.</p>", VARIANTS) == ["tumor", "tumours", "tumors"]
    # The plural gives the US plural, never "tumorss", and not the word itself.
    assert other_spellings("Tumours", VARIANTS) == ["tumor", "tumors"]
    assert other_spellings("tumour tumour", VARIANTS).count("tumor") == 2
    assert other_spellings("Oesophageal &amp; centres", VARIANTS) == ["esophageal", "center", "centers"]
    assert other_spellings('<p class="tumour">nothing to see</p>', VARIANTS) == []


def _index(*docs: dict) -> dict:
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}
    return {"config": {"lang": ["en"], "fields": fields}, "docs": list(docs)}


def test_augment_index_adds_hidden_fields_boosted_like_title_and_text():
    index = augment_index(
        _index(
            {"location": "t/stent/", "title": "Oesophageal stent", "text": "<p>Opens the pipe.</p>"},
            {"location": "t/stent/#risks", "title": "Risks", "text": "<p>A tumour can grow.</p>"},
            {"location": "other/", "title": "Other", "text": ""},
        ),
        {"t/stent/": PageTerms("Holds the food pipe open & more.", ("esophageal stent", "food tube"))},
        VARIANTS,
    )
    fields = index["config"]["fields"]
    assert fields[ALIASES_FIELD] == {"boost": 1000.0}
    assert fields[VARIANTS_FIELD] == {"boost": 1.0}
    page, risks, other = index["docs"]
    assert page["text"] == "<p>Holds the food pipe open &amp; more.</p> <p>Opens the pipe.</p>"
    assert page[ALIASES_FIELD] == "esophageal stent, food tube, esophageal"
    assert ALIASES_FIELD not in risks  # aliases name the page, so only its own entry
    assert risks[VARIANTS_FIELD] == "tumor tumours tumors"
    assert other == {"location": "other/", "title": "Other", "text": ""}  # unknown page: untouched


def test_a_phrase_goes_to_each_of_its_pages_twice_to_the_first():
    phrases = [
        SearchPhrase("back pain and weak legs", ("conditions/spine.md", "guides/help.md"), 1),
        SearchPhrase("numb legs", ("guides/help.md",), 2),
    ]
    assert phrases_by_page(phrases) == {
        "conditions/spine.md": ["back pain and weak legs", "back pain and weak legs"],
        "guides/help.md": ["back pain and weak legs", "numb legs", "numb legs"],
    }
    assert [str(p) for p in unknown_phrase_pages(phrases, ["conditions/spine.md"], "docs/_data/p.yml")] == [
        "docs/_data/p.yml:1: 'back pain and weak legs' names guides/help.md, which is not a page — "
        "write a path under docs/, such as treatments/vertebroplasty.md",
        "docs/_data/p.yml:2: 'numb legs' names guides/help.md, which is not a page — "
        "write a path under docs/, such as treatments/vertebroplasty.md",
    ]


def test_vocabulary_is_distinct_lower_case_words_of_four_letters_or_more():
    assert vocabulary_words("<b>Oesophageal</b> stent", "a PEG tube, stent & tumour-free") == [
        "free",
        "oesophageal",
        "stent",
        "tube",
        "tumour",
    ]


def test_indexed_words_are_every_searchable_fields_words_split_as_the_worker_splits_a_query():
    entries = [
        {"location": "t/stent/", "title": "Oesophageal <b>stent</b>", "text": "<p>Tumour-free, 24h.</p>"},
        {"location": "x/#Hidden", "boost": 0.01, "tags": ["PEG tube"], "aliases": "gullet_tube"},
    ]
    # Tags dropped, location and boost skipped, lists joined, split at anything but a letter or digit.
    assert indexed_words(entries) == [
        "24h",
        "free",
        "gullet",
        "oesophageal",
        "peg",
        "stent",
        "tube",
        "tumour",
    ]


def test_augment_index_adds_phrases_demotes_the_home_page_and_gathers_the_vocabulary():
    index = augment_index(
        _index(
            {"location": "", "title": "Home", "text": "<p>Every page.</p>"},
            {"location": "#browse", "title": "Browse", "text": "<p>Stents.</p>"},
            {"location": "t/stent/", "title": "Oesophageal stent", "text": "<p>Opens the pipe.</p>"},
        ),
        {"t/stent/": PageTerms(aliases=("gullet tube",), phrases=("food sticks at the oesophageal tumour",))},
        VARIANTS,
        home="",
        glossary=["dysphagia"],
    )
    home, browse, page = index["docs"]
    assert home["boost"] == browse["boost"] == HOME_BOOST
    assert "boost" not in page
    assert page[PHRASES_FIELD] == "food sticks at the oesophageal tumour, esophageal, tumor, tumours, tumors"
    assert index["config"]["fields"][PHRASES_FIELD] == {"boost": 1000.0}
    words = index[DID_YOU_MEAN]
    assert {"dysphagia", "gullet", "oesophageal", "esophageal", "tumour", "tumor", "sticks", "browse"} <= set(
        words
    )
    assert words == sorted(set(words)) and "the" not in words and "at" not in words
    assert index[INDEXED_WORDS] == indexed_words(index["docs"])
    assert {"every", "stents", "opens", "pipe", "gullet", "tumors", "esophageal"} <= set(index[INDEXED_WORDS])


def test_unwrap_document_returns_the_fragment_and_leaves_fragments_alone():
    assert (
        unwrap_document('<html><head></head><body><h1 id="a">A</h1>\n</body></html>') == '<h1 id="a">A</h1>\n'
    )
    assert unwrap_document("<html><head><style>x</style></head><body><p>b</p></body></html>") == (
        "<style>x</style><p>b</p>"
    )
    assert unwrap_document("<h1>A</h1><p>no wrapper</p>") == "<h1>A</h1><p>no wrapper</p>"


# --- a fixture site with glightbox and the real hooks ---------------------------------


@pytest.fixture(scope="module")
def fixture_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("search-fixture")
    build_site(FIXTURE / "mkdocs.yml", out)
    return out


@pytest.fixture(scope="module")
def fixture_index(fixture_out) -> dict:
    return json.loads((fixture_out / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_fixture_index_carries_phrases_the_home_boost_and_the_vocabulary(fixture_out, fixture_index):
    docs = {d["location"]: d for d in fixture_index["docs"]}
    assert docs["treatments/oesophageal-stent/"][PHRASES_FIELD] == "food gets stuck, food gets stuck"
    assert docs[""][PHRASES_FIELD] == "food gets stuck"
    assert docs[""]["boost"] == docs["#getting-around"]["boost"] == HOME_BOOST
    assert "boost" not in docs["treatments/oesophageal-stent/"]
    script = (fixture_out / DID_YOU_MEAN_URI).read_text(encoding="utf-8")
    vocabulary, indexed = script.splitlines()
    assert vocabulary.startswith("self.didYouMean = [") and vocabulary.endswith("];")
    assert indexed.startswith("self.indexedWords = [") and indexed.endswith("];")
    words = json.loads(vocabulary.removeprefix("self.didYouMean = ").removesuffix(";"))
    # Glossary term, title, alias, phrase and variant words; Material's config keeps none of it.
    assert {"stent", "oesophageal", "esophageal", "food", "stuck", "tumor"} <= set(words)
    assert DID_YOU_MEAN not in fixture_index and DID_YOU_MEAN not in fixture_index["config"]
    # Every word of the index as written, in every field the worker searches.
    assert json.loads(indexed.removeprefix("self.indexedWords = ").removesuffix(";")) == indexed_words(
        fixture_index["docs"]
    )
    assert INDEXED_WORDS not in fixture_index


def test_a_phrase_naming_a_missing_page_fails_the_build_at_its_line(tmp_path):
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURE, site)
    (site / "docs" / "_data" / "search-phrases.yml").write_text(
        "ok: [index.md]\nhigh calcium: [conditions/hypercalcaemia.md]\n", encoding="utf-8"
    )
    (site / "mkdocs.yml").write_text(
        (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../hooks/", f"{ROOT}/hooks/"),
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(site / "mkdocs.yml", tmp_path / "out")
    assert (
        "docs/_data/search-phrases.yml:2: 'high calcium' names conditions/hypercalcaemia.md, which is not a page "
        "— write a path under docs/, such as treatments/vertebroplasty.md"
    ) in failed.value.messages


def test_fixture_index_has_one_entry_per_section_and_none_empty(fixture_index):
    locations = [d["location"] for d in fixture_index["docs"]]
    assert locations == [
        "",
        "#getting-around",
        "treatments/oesophageal-stent/",
        "treatments/oesophageal-stent/#risks",
    ]
    assert all(d["title"].strip() and d["text"].strip() for d in fixture_index["docs"]), fixture_index["docs"]


def test_fixture_index_carries_aliases_variants_and_description(fixture_index):
    docs = {d["location"]: d for d in fixture_index["docs"]}
    page = docs["treatments/oesophageal-stent/"]
    assert page["text"].startswith("<p>A fixture page about a tube that holds the food pipe open.</p>")
    assert page[ALIASES_FIELD].split(", ")[:2] == ["esophageal stent", "food pipe tube"]
    assert "esophageal" in page[ALIASES_FIELD].split(", ")  # from the title's UK spelling
    assert page[VARIANTS_FIELD].split() == ["tumor", "tumours", "tumors"]
    assert docs["treatments/oesophageal-stent/#risks"][VARIANTS_FIELD].split().count("tumor") == 2
    assert (
        fixture_index["config"]["fields"][ALIASES_FIELD]["boost"]
        == fixture_index["config"]["fields"]["title"]["boost"]
    )


# --- the real site --------------------------------------------------------------------


def _front_matter_descriptions() -> dict[str, str]:

    found = {}
    for path in (ROOT / "docs").rglob("*.md"):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if rel.startswith(("_data/", "_snippets/")):
            continue
        text = path.read_text(encoding="utf-8")
        meta = split_front_matter(text)[0]
        url = "" if rel == "index.md" else rel.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        if not (meta.get("search") or {}).get("exclude"):
            found[url] = meta["description"]
    return found


def test_real_index_has_no_empty_entries_and_every_page_its_description(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    empty = [d["location"] for d in index["docs"] if not d["title"].strip()]
    assert not empty, f"search entries without a title: {empty}"
    # Material boosts `tags` a million-fold and shows them as chips: no page may set them.
    tagged = [d["location"] for d in index["docs"] if "tags" in d]
    assert not tagged, f"pages with a `tags` key in front matter: {tagged}"
    pages = [d for d in index["docs"] if "#" not in d["location"]]
    assert len(pages) == len({d["location"] for d in pages}), "a page has two page-level entries"
    problems = []
    for url, description in _front_matter_descriptions().items():
        entry = next((d for d in pages if d["location"] == url), None)
        if entry is None:
            problems.append(f"{url or '/'}: no page-level search entry")
        elif not entry["text"].startswith(f"<p>{html.escape(description, quote=False)}</p>"):
            problems.append(f"{url or '/'}: search teaser does not start with the description")
    assert not problems, "\n".join(problems)
