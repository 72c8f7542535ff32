"""Each data file beside the pages is read and checked one way: a missing or malformed file
is a problem in the build's own format, never a traceback, and the rest still loads."""

from __future__ import annotations

import pathlib

import pytest
from act import data_files


def write(docs: pathlib.Path, name: str, text: str) -> None:
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "load", [data_files.load_vocabulary, data_files.load_spelling_variants, data_files.load_glossary_terms]
)
def test_a_missing_file_is_one_problem_at_line_1(tmp_path, load):
    value, problems = load(tmp_path, "docs")
    assert not value
    assert len(problems) == 1
    assert str(problems[0]).startswith("docs/_") and ":1: file is missing — " in str(problems[0])


def test_spelling_variants_are_lower_cased_and_bad_shapes_reported_each_with_its_line(tmp_path):
    write(tmp_path, data_files.SPELLING_VARIANTS, "Tumour: [Tumor, tumors]\n")
    assert data_files.load_spelling_variants(tmp_path, "docs") == ({"tumour": ("tumor", "tumors")}, [])
    write(tmp_path, data_files.SPELLING_VARIANTS, "tumour: tumor\noedema: 3\ncentre: [center]\n")
    variants, problems = data_files.load_spelling_variants(tmp_path, "docs")
    assert variants == {"centre": ("center",)}
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(1, "'tumour'"), (2, "'oedema'")]
    write(tmp_path, data_files.SPELLING_VARIANTS, "- tumour\n")
    assert "not a mapping" in str(data_files.load_spelling_variants(tmp_path, "docs")[1][0])


def test_malformed_yaml_names_its_line(tmp_path):
    write(tmp_path, data_files.VOCABULARY, "conditions:\n  a: [b\n")
    vocabulary, problems = data_files.load_vocabulary(tmp_path, "docs")
    assert vocabulary == {}
    assert str(problems[0]).startswith("docs/_data/vocabulary.yml:3: not valid YAML")


def test_the_real_data_files_are_valid():
    docs = pathlib.Path(__file__).resolve().parents[2] / "docs"
    for load in (
        data_files.load_vocabulary,
        data_files.load_spelling_variants,
        data_files.load_glossary_terms,
    ):
        value, problems = load(docs, "docs")
        assert value and not problems, problems


def test_search_phrases_are_optional_and_read_in_file_order(tmp_path):
    assert data_files.load_search_phrases(tmp_path, "docs") == ([], [])
    write(
        tmp_path,
        data_files.SEARCH_PHRASES,
        "# what readers type\nback pain and weak legs: [conditions/spine.md, guides/help.md]\nhigh calcium: [a.md]\n",
    )
    phrases, problems = data_files.load_search_phrases(tmp_path, "docs")
    assert problems == []
    assert phrases == [
        data_files.SearchPhrase("back pain and weak legs", ("conditions/spine.md", "guides/help.md"), 2),
        data_files.SearchPhrase("high calcium", ("a.md",), 3),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "high calcium: conditions/hypercalcaemia.md\n",
            "docs/_data/search-phrases.yml:1: 'high calcium': 'conditions/hypercalcaemia.md' — "
            "write it as `high calcium: [treatments/page.md]`",
        ),
        (
            "ok: [a.md]\nhigh calcium: []\n",
            "docs/_data/search-phrases.yml:2: 'high calcium': [] — write it as `high calcium: [treatments/page.md]`",
        ),
        (
            "- high calcium\n",
            "docs/_data/search-phrases.yml:1: not a mapping — write one `phrase: [page.md, other-page.md]` per line",
        ),
        (
            "high calcium: [a.md\n",
            "docs/_data/search-phrases.yml:2: not valid YAML (expected ',' or ']', but got '<stream end>') — "
            "check the indentation and colons",
        ),
    ],
)
def test_search_phrases_bad_shapes_are_one_problem_each_at_their_line(tmp_path, text, message):
    write(tmp_path, data_files.SEARCH_PHRASES, text)
    _, problems = data_files.load_search_phrases(tmp_path, "docs")
    assert [str(p) for p in problems] == [message]
