"""Plain functions of the A-Z, navigation order, offline build and the test host, without a build."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest
from act import near_copies
from act.a_z import a_to_z
from act.navigation import by_title, top_level_rank
from act.offline import SHIM_URI, polyfills_with_local_shim
from testkit.static_host import headers_for, parse_headers_file


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


def test_top_level_rank_and_title_sort():
    assert [
        top_level_rank(p)
        for p in ["index.md", "treatments/x.md", "conditions/y.md", "about/z.md", "other.md"]
    ] == [0, 1, 2, 5, 6]
    items = [("b", False), ("A", False), ("index", True), ("c", False)]
    assert by_title(items, lambda i: i[0], lambda i: i[1]) == [
        ("index", True),
        ("A", False),
        ("b", False),
        ("c", False),
    ]


def test_polyfills_keep_others_and_replace_any_cdn_shim():
    polyfills = ["https://unpkg.com/iframe-worker/shim", "assets/other-polyfill.js"]
    assert polyfills_with_local_shim(polyfills) == [
        SHIM_URI,
        "assets/other-polyfill.js",
    ]
    assert polyfills_with_local_shim([]) == [SHIM_URI]


def test_headers_file_parser_reads_netlify_format_and_rejects_stray_lines():
    rules = parse_headers_file("# comment\n/*\n  A: 1\n  B: x: y\n/assets/*\n  A: 2\n")
    assert rules == [("/*", {"A": "1", "B": "x: y"}), ("/assets/*", {"A": "2"})]
    assert headers_for("/assets/x.css", rules) == {"A": "2", "B": "x: y"}
    assert headers_for("/page/", rules) == {"A": "1", "B": "x: y"}
    with pytest.raises(ValueError, match="_headers:2"):
        parse_headers_file("/*\n  no colon here\n")


@pytest.mark.parametrize("passes", [1, 3, 8])
def test_near_copy_runs_and_shared_counts_are_the_plain_definitions(passes, monkeypatch):
    """The fast set operations count what a plain loop over every run and page pair counts,
    in however many slices of the hash range they are counted."""
    monkeypatch.setattr(near_copies, "PASSES", passes)
    rng = random.Random(3)
    words = ["pain", "stent", "bone", "lung", "care", "team", "home", "help", "week", "day"]
    texts = {f"p{i}.md": " ".join(rng.choice(words[: 4 + i % 6]) for _ in range(60)) for i in range(12)}
    texts["short.md"] = "too short to hold a run"
    plain = {
        name: {hash(tuple(ws[i : i + 3])) for i in range(len(ws) - 2)}
        for name, ws in ((n, near_copies.WORD_RE.findall(t.lower())) for n, t in texts.items())
    }
    assert {name: near_copies.runs(text, 3) for name, text in texts.items()} == plain
    on_pages = {run: [n for n in sorted(plain) if run in plain[n]] for run in set().union(*plain.values())}
    expected = Counter(
        pair
        for pages in on_pages.values()
        if 2 <= len(pages) <= near_copies.BOILERPLATE_PAGES
        for pair in itertools.combinations(pages, 2)
    )
    assert near_copies.shared_runs(texts, 3) == expected and expected


def test_names_compare_ascii_by_the_short_path_exactly_as_by_the_unicode_one():
    """act.validation.names.normalise skips NFKC and the invisible-character filter for ASCII
    text (its own NFKC form, with no Cf character): the same result as the full definition."""
    import random
    import unicodedata

    from act.validation.names import normalise

    def full(text: str) -> str:
        text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
        return " ".join(text.casefold().split())

    rng = random.Random(13)
    texts = ["".join(chr(rng.randrange(0, 128)) for _ in range(rng.randrange(0, 30))) for _ in range(5000)]
    texts += ["Stent\u200b", "ﬁxation", "Café  ", "\u00adx", "Ｓｔｅｎｔ"]
    assert [normalise(text) for text in texts] == [full(text) for text in texts]
