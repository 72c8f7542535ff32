"""The sign-off hash, the lapse rule, and what `make sign-off` writes (fixture text only)."""

from __future__ import annotations

import datetime as dt

import pytest
from act.clinical_review import clinical_status, normalise, page_hash, sign_off

PAGE = """---
title: Example stent
description: A made-up page for the sign-off tests.
type: treatment
aliases: [food pipe tube]
last_reviewed: 2026-03-09
next_review: 2027-03-09
sources:
  - id: guide
    title: A guideline
    publisher: NICE
    year: 2023
    url: https://www.nice.org.uk/
---

# Example stent

A stent keeps the food pipe open. It takes about 30 minutes.[^guide]

## Risks

"Pain" for a day or two - it passes.
"""
DAY = dt.date(2026, 3, 2)


def signed_page() -> str:
    return sign_off(PAGE, "Dr Ann Example", "Consultant radiologist", DAY)


def test_sign_off_writes_the_review_before_sources_and_changes_nothing_else():
    signed = signed_page()
    assert (
        signed.replace(
            "clinical_review:\n  name: Dr Ann Example\n  role: Consultant radiologist\n  date: 2026-03-02\n"
            f"  hash: {page_hash(PAGE)}\n",
            "",
        )
        == PAGE
    )
    assert clinical_status(signed).state == "signed"
    assert clinical_status(signed).date == DAY and clinical_status(PAGE).state == "awaiting"


def test_signing_again_replaces_the_earlier_sign_off():
    changed = signed_page().replace("30 minutes", "45 minutes")
    assert clinical_status(changed).state == "lapsed"
    again = sign_off(changed, "Dr Bo Other", "Consultant surgeon", dt.date(2026, 4, 1))
    assert again.count("clinical_review:") == 1 and "Dr Ann Example" not in again
    assert clinical_status(again).state == "signed" and clinical_status(again).name == "Dr Bo Other"


def test_the_hash_is_fixed_for_the_same_text():
    # A change to the normalisation or to what counts would lapse every sign-off: on purpose, then.
    assert page_hash(PAGE) == "8a329f3b225d2031"


@pytest.mark.parametrize(
    ("edit", "lapses"),
    [
        # What counts clinically: any word, figure, source or the title and description.
        (("It takes about 30 minutes.", "It takes about 3 hours."), True),
        (("A stent keeps the food pipe open.", "A stent keeps the food pipe open for good."), True),
        (("## Risks", "## Benefits"), True),
        (("year: 2023", "year: 2013"), True),
        (("url: https://www.nice.org.uk/", "url: https://www.nice.org.uk/x"), True),
        (("title: Example stent", "title: Example stents"), True),
        (("description: A made-up", "description: A made up"), True),
        (("[^guide]", ""), True),
        # What does not: whitespace and the typographic list, and front matter outside it.
        (("open. It takes", "open.\nIt   takes"), False),
        (("# Example stent\n\n", "# Example stent\n\n\n\n"), False),
        (("passes.\n", "passes.   \n\n"), False),
        (('"Pain"', "\u201cPain\u201d"), False),
        (("two - it", "two \u2014 it"), False),
        (("about 30", "about\u00a030"), False),
        (("last_reviewed: 2026-03-09", "last_reviewed: 2026-05-09"), False),
        (("aliases: [food pipe tube]", "aliases: [food pipe tube, oesophageal stent]"), False),
    ],
)
def test_the_lapse_rule(edit, lapses):
    before, after = edit
    signed = signed_page()
    assert before in signed
    changed = signed.replace(before, after, 1)
    assert clinical_status(changed).state == ("lapsed" if lapses else "signed")


def test_normalise():
    assert normalise("  a\u00a0 \n\tb\u2019s \u2013 c\u2026\u00ad ") == "a b's - c..."


@pytest.mark.parametrize(
    ("name", "role", "message"),
    [
        ("Dr", "Consultant radiologist", "name"),
        ("Dr <b>A</b>", "Consultant radiologist", "name"),
        ("Dr Ann Example", "", "role"),
    ],
)
def test_sign_off_refuses_a_bad_name_or_role(name, role, message):
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as failed:
        sign_off(PAGE, name, role, DAY)
    assert [error["loc"] for error in failed.value.errors()] == [(message,)]


def test_sign_off_needs_front_matter():
    with pytest.raises(ValueError, match="no front matter"):
        sign_off("# Just a body\n", "Dr Ann Example", "Consultant radiologist", DAY)


def run_sign_off(*args: str):
    import subprocess
    import sys

    from testkit.sitebuild import ROOT

    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sign_off.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_sign_off_command_writes_a_fixture_page_and_refuses_bad_input(tmp_path):
    page = tmp_path / "stent.md"
    page.write_text(PAGE, encoding="utf-8")
    bad = run_sign_off("--page", str(page), "--name", "Dr <b>", "--role", "Consultant radiologist")
    assert bad.returncode == 2 and page.read_text(encoding="utf-8") == PAGE
    assert bad.stderr == (
        f"sign-off: {page}: name: name contains '<' or '>' — write it as plain text, without HTML; "
        "nothing was written\n"
    )
    missing = run_sign_off(
        "--page", str(tmp_path / "nope.md"), "--name", "Dr Ann Example", "--role", "Surgeon"
    )
    assert missing.returncode == 2 and "no such page" in missing.stderr
    good = run_sign_off(
        "--page",
        str(page),
        "--name",
        "Dr Ann Example",
        "--role",
        "Consultant radiologist",
        "--date",
        "2026-03-02",
    )
    assert good.returncode == 0, good.stderr
    assert page.read_text(encoding="utf-8") == signed_page()


def test_contributing_says_exactly_what_counts():
    """CONTRIBUTING.md's "Clinical sign-off" names every key that counts and every one that
    does not, and every typographic form that does not, as act/clinical_review.py has them."""
    import re

    from act.clinical_review import SIGNED_KEYS, TYPOGRAPHIC
    from act.validation.schema import FrontMatter
    from testkit.sitebuild import ROOT

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Clinical sign-off") :]
    section = section[: section.index("\n### ", 5)]
    counts = section[section.index("What counts:") : section.index("What does not count:")]
    does_not = section[section.index("What does not count:") : section.index("Anything else")]
    assert re.findall(r"`(\w+)`", counts) == list(SIGNED_KEYS)
    keys = set(re.findall(r"`(\w+)`", does_not))
    assert keys == set(FrontMatter.model_fields) - set(SIGNED_KEYS) - {"clinical_review"}
    for form, plain in TYPOGRAPHIC.items():
        if form.isprintable() and not form.isspace() and form != "\u00ad":
            assert f"{form}" in does_not and f"→ {plain or 'nothing'}" in does_not, form
    assert "no-break space → space" in does_not and "soft hyphen → nothing" in does_not
    assert set(TYPOGRAPHIC) - {c for c in TYPOGRAPHIC if c in does_not} == {"\u00a0", "\u00ad"}


@pytest.mark.parametrize("state", ["awaiting", "signed", "lapsed"])
def test_the_build_s_cheaper_status_agrees(state):
    from act.clinical_review import page_status
    from mkdocs.utils.meta import get_data

    text = {
        "awaiting": PAGE,
        "signed": signed_page(),
        "lapsed": signed_page().replace("30 minutes", "3 hours"),
    }[state]
    _, meta = get_data(text)
    reads = []

    def read_source() -> str:
        reads.append(1)
        return text

    assert page_status(meta, read_source) == clinical_status(text) and clinical_status(text).state == state
    # The file is read only for a page that names a reviewer.
    assert len(reads) == (0 if state == "awaiting" else 1)


# Front matter a page may carry, hostile shapes included: only a mapping with a name is a sign-off.
REVIEWS = [
    None,
    "Dr A",
    [],
    {},
    {"name": ""},
    {"name": None, "hash": "x"},
    {"role": "Surgeon", "date": DAY},
    {"name": "Dr A"},
    {"name": "Dr A", "hash": 5},
    {"name": 0, "hash": "abc"},
    {"name": "Dr A", "role": "R", "date": DAY, "hash": "0" * 16},
]


@pytest.mark.parametrize("review", REVIEWS, ids=repr)
@pytest.mark.parametrize("signed_meta", [False, True])
def test_the_lazy_status_equals_reading_the_file_first(review, signed_meta):
    """Differential: `page_status` (reads the file only for a named reviewer) against the
    definition it replaced (always read the file, then `status_of` on its body)."""
    from act.clinical_review import page_status, status_of
    from mkdocs.utils.meta import YAML_RE, get_data

    text = signed_page() if signed_meta else PAGE
    for source in (text, text.replace("30 minutes", "3 hours"), "no front matter at all"):
        _, meta = get_data(text)
        metas = [meta, {**meta, "clinical_review": review}, {"clinical_review": review}, {}, "not a mapping"]
        for page_meta in metas:
            match = YAML_RE.match(source)
            eager = status_of(page_meta, source[match.end() :] if match else source)
            assert page_status(page_meta, lambda s=source: s) == eager
