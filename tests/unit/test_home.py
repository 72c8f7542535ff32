"""The home page's browse cards from page records and docs/_data/home.yml, without a build."""

from __future__ import annotations

import pytest
from act.home import OTHER_TREATMENTS, PageRecord, home_cards, load_home_data

VOCABULARY = {"body_areas": {"spine": "Spine", "lungs": "Lungs"}}
PAGES = [
    PageRecord(
        "conditions/b.md", "conditions/b/", "Bone thing", {"type": "condition", "body_areas": ["spine"]}
    ),
    PageRecord(
        "conditions/a.md", "conditions/a/", "Airway thing", {"type": "condition", "body_areas": ["lungs"]}
    ),
    PageRecord("treatments/x.md", "treatments/x/", "X fix", {"type": "treatment", "body_areas": ["spine"]}),
    PageRecord("treatments/y.md", "treatments/y/", "Y fix", {"type": "treatment", "body_areas": ["lungs"]}),
    PageRecord("guides/g.md", "guides/g/", "Guide", {"type": "guide"}),
]
GOOD = """body_parts:
  - name: Back
    areas: [spine]
treatment_kinds:
  - name: Fixes
    pages: [treatments/x.md]
"""


def load(tmp_path, text):
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "home.yml").write_text(text, encoding="utf-8")
    return load_home_data(tmp_path, "docs")


def test_cards_by_condition_body_part_and_kind_use_titles(tmp_path):
    data, problems = load(tmp_path, GOOD)
    cards, more = home_cards(PAGES, data, VOCABULARY, "docs")
    assert problems == [] and more == []
    assert [link.title for link in cards["conditions"][0].links] == ["Airway thing", "Bone thing"]
    (back,) = cards["body_parts"]
    assert (back.name, [x.title for x in back.links], [x.title for x in back.more]) == (
        "Back",
        ["Bone thing"],
        ["X fix"],
    )
    assert [(c.name, [x.title for x in c.links]) for c in cards["treatment_kinds"]] == [
        ("Fixes", ["X fix"]),
        (OTHER_TREATMENTS, ["Y fix"]),  # a treatment left out still appears
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace("[spine]", "[spine, tail]"),
            "docs/_data/home.yml:3: body area `tail` is not in vocabulary.yml — ",
        ),
        (
            GOOD.replace("treatments/x.md", "guides/g.md"),
            "docs/_data/home.yml:6: `guides/g.md` is not a treatment page — ",
        ),
        (
            GOOD.replace("treatments/x.md", "treatments/gone.md"),
            "docs/_data/home.yml:6: `treatments/gone.md` is not a treatment page — ",
        ),
    ],
)
def test_unknown_areas_and_pages_are_reported_at_their_line(tmp_path, text, message):
    data, problems = load(tmp_path, text)
    _, more = home_cards(PAGES, data, VOCABULARY, "docs")
    assert problems == []
    assert [str(p)[: len(message)] for p in more] == [message]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "body_parts: 3\ntreatment_kinds: []\n",
            "docs/_data/home.yml:1: `body_parts` must be a list of `- name: ...` items",
        ),
        ("- a\n", "docs/_data/home.yml:1: not a mapping — "),
        ("body_parts: [\n", "docs/_data/home.yml:2: cannot be read (ParserError)"),
    ],
)
def test_a_malformed_file_is_reported_without_a_traceback(tmp_path, text, message):
    _, problems = load(tmp_path, text)
    assert str(problems[0]).startswith(message)


def test_a_missing_file_is_reported(tmp_path):
    _, problems = load_home_data(tmp_path, "docs")
    assert str(problems[0]) == "docs/_data/home.yml:1: file is missing — restore it (git checkout -- it)"
