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
