"""The search index's extra work handed over page by page (act/search_work.py), with no
build: in the build's own process or in its second process, it gives what the whole index
gave at the end (the same fields, the same scripts, byte for byte), and the output gate
still judges the search index as written, whatever was gated on the way."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from act.lunr_index import LUNR_INDEX_URI, lunr_index_script
from act.search import (
    DID_YOU_MEAN,
    DID_YOU_MEAN_URI,
    INDEXED_WORDS,
    PageTerms,
    augment_index,
    did_you_mean_script,
)
from act.search_work import PageEntries, SearchWork
from act.second_process import Named, Runner
from act.security.gate import Policy
from act.validation.checks import CHECKS, Checks
from act.validation.page import SiteData

VARIANTS = {"tumour": ("tumor", "tumours", "tumors"), "centre": ("center",)}
GLOSSARY = ["Stent", "Palliative care"]
CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
}
SITE = SiteData(vocabulary={}, variants={}, today=dt.date(2026, 11, 27), allow_overdue=False)
HOSTILE = '<p>Fine.</p><img src="x" onerror="alert(1)">'

# Three pages as Material indexes them, in order: the home page second.
PAGES = [
    PageEntries(
        "t/stent/",
        PageTerms("Holds the food pipe open & more.", ("esophageal stent",), ("cannot swallow",)),
        False,
        [
            {"location": "t/stent/", "title": "Oesophageal stent", "text": "<p>Opens the pipe.</p>"},
            {"location": "t/stent/#risks", "title": "Risks", "text": "<p>A tumour can grow &amp; bleed.</p>"},
        ],
    ),
    PageEntries(
        "", PageTerms("Every page."), True, [{"location": "", "title": "Home", "text": "<p>All.</p>"}]
    ),
    PageEntries(
        "c/centre/",
        None,
        False,
        [{"location": "c/centre/", "title": "Cancer centre", "text": "", "tags": ["care"], "boost": 2}],
    ),
]


def _fields(with_ours: bool) -> dict:
    from act.search import search_fields

    return search_fields(CONFIG["fields"]) if with_ours else dict(CONFIG["fields"])


def _whole_index_at_the_end() -> tuple[list[dict], str, str]:
    """What the hook made before: every entry augmented at once, then both scripts."""
    docs = [dict(entry) for page in PAGES for entry in page.entries]
    terms = {page.url: page.terms for page in PAGES if page.terms is not None}
    index = augment_index(
        {"config": {"fields": _fields(False)}, "docs": docs}, terms, VARIANTS, home="", glossary=GLOSSARY
    )
    lunr = lunr_index_script({**CONFIG, "fields": index["config"]["fields"]}, index["docs"])
    return index["docs"], did_you_mean_script(index[DID_YOU_MEAN], index[INDEXED_WORDS]), lunr


@pytest.mark.parametrize("where", ["build process", "second process"])
def test_page_by_page_gives_the_same_fields_and_scripts_as_the_whole_index(tmp_path, where):
    site = tmp_path / "site"
    runner = Runner(str(site) if where == "second process" else None)
    try:
        runner.start("search", SearchWork, {**CONFIG, "fields": _fields(True)}, VARIANTS, GLOSSARY, str(site))
        added = [runner.call("search", "add_pages", [page]).result(timeout=60) for page in PAGES]
        runner.call("search", "finish").result(timeout=60)
    finally:
        runner.stop()
    entries = [dict(entry) for page in PAGES for entry in page.entries]
    for entry, more in zip(entries, [a for page in added for a in page[0]], strict=True):
        entry.update(more)
    expected_docs, expected_words, expected_lunr = _whole_index_at_the_end()
    assert json.dumps(entries) == json.dumps(expected_docs)  # the fields, in the same order
    assert (site / DID_YOU_MEAN_URI).read_text(encoding="utf-8") == expected_words
    assert (site / LUNR_INDEX_URI).read_text(encoding="utf-8") == expected_lunr
    assert "self.lunrIndex = JSON.parse(" in expected_lunr  # prebuilt, not the fallback
    assert PAGES[0].entries[0]["text"] == "<p>Opens the pipe.</p>"  # Material's entries untouched


def test_an_object_named_but_never_made_is_none():
    runner = Runner()
    runner.start("search", SearchWork, CONFIG, {}, [], "/nonexistent", Named(CHECKS))
    assert runner.objects["search"].checks is None


def _written_index(tmp_path, docs: list[dict]):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": docs}))
    return site


@pytest.mark.parametrize("where", ["build process", "second process"])
def test_the_gate_judges_the_index_as_written_whatever_passed_on_the_way(tmp_path, where):
    """Entries gated as they were handed over are not parsed again, but only a value that is
    exactly one of them is spared: a hostile text written in place of a clean one, and a
    hostile one handed over, both fail the build."""
    clean = {"location": "a/", "title": "A", "text": "<p>Clean &amp; calm.</p>"}
    swapped = {"location": "b/", "title": "B", "text": "<p>Also clean.</p>"}
    hostile = {"location": "c/", "title": "C", "text": HOSTILE}
    site = _written_index(tmp_path, [clean, {**swapped, "text": HOSTILE}, hostile])
    runner = Runner(str(site) if where == "second process" else None)
    try:
        runner.start(CHECKS, Checks, SITE, Policy(), None)
        runner.start(
            "search", SearchWork, {**CONFIG, "fields": _fields(True)}, {}, [], str(site), Named(CHECKS)
        )
        page = PageEntries("a/", None, False, [clean, swapped, hostile])
        runner.call("search", "add_pages", [page]).result(timeout=60)
        # The search work was given the page checks (made there, in the worker too) and
        # the two clean texts passed on the way (the titles hold no markup).
        assert isinstance(runner.call("search", "__getattribute__", "checks").result(timeout=60), Checks)
        assert len(runner.call(CHECKS, "__getattribute__", "search_clean").result(timeout=60)) == 2
        problems = runner.call(CHECKS, "gate_site", str(site), frozenset()).result(timeout=60)
    finally:
        runner.stop()
    messages = [p.message for p in problems if p.path == "site/search/search_index.json"]
    assert len(messages) == 2, messages
    assert messages[0].startswith("search entry 'b/' text: attribute 'onerror' on <img> is not allowed")
    assert messages[1].startswith("search entry 'c/' text: attribute 'onerror' on <img> is not allowed")
