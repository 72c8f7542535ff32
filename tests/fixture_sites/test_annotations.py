"""In GitHub Actions, `make check` and the strict build also print each problem as a
workflow command (`::error file=docs/x.md,line=14::...`), so a pull request shows it on its
line; outside Actions their output is unchanged."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from test_author_workflow import project_copy  # noqa: F401  (the fixture)
from testkit.validation_site import FIXTURE_TODAY, GOOD_TREATMENT, BuildFailed, build_fixture, problem_lines

PAGE = "docs/treatments/good-treatment.md"


def bad_treatment(next_review: dt.date) -> str:
    return GOOD_TREATMENT.replace("# Good treatment", "# Good treatment, 100%", 1).replace(
        "next_review: 2027-11-01", f"next_review: {next_review.isoformat()}"
    )


@pytest.mark.parametrize("actions", [True, False])
def test_the_strict_build_annotates_each_problem_once_in_github_actions(
    tmp_path, monkeypatch, capfd, actions
):
    soon = FIXTURE_TODAY + dt.timedelta(days=10)
    if actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {"treatments/good-treatment.md": bad_treatment(soon)})
    # The terminal lines are the same either way.
    assert problem_lines(failed.value.messages) == [
        f"{PAGE}:10: next_review {soon.isoformat()} is in 10 days — have the page reviewed before then",
        f"{PAGE}:21: heading 'Good treatment, 100%' differs from the front-matter title 'Good treatment' — "
        "make them the same",
    ]
    printed = [line for line in capfd.readouterr().out.splitlines() if line.startswith("::")]
    assert printed == (
        [
            f"::warning file={PAGE},line=10::next_review {soon.isoformat()} is in 10 days — have the page "
            "reviewed before then",
            f"::error file={PAGE},line=21::heading 'Good treatment, 100%25' differs from the front-matter "
            "title 'Good treatment' — make them the same",
        ]
        if actions
        else []
    )


def test_make_check_annotates_build_and_spelling_problems_in_github_actions(project_copy):  # noqa: F811
    page = project_copy / "docs" / "treatments" / "vertebroplasty.md"
    lines = page.read_text(encoding="utf-8").replace("\ntype:", "\nfoo: 1\ntype:", 1).split("\n")
    h1 = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines[h1 + 2 : h1 + 2] = ["The tumor can press on nerves.", ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "scripts/check.py"],
        cwd=project_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    where = "docs/treatments/vertebroplasty.md"
    spelling = "tumor ==> tumour — correct the spelling (or add a real word to scripts/spelling/allowed.txt)"
    # The plain lines, as outside Actions ...
    assert f"  {where}:4: unknown front-matter key 'foo' — use one of: title" in result.stdout
    assert f"  {where}:{h1 + 3}: {spelling}" in result.stdout
    # ... then each problem once more, as an annotation, and nothing else.
    assert [line for line in result.stdout.splitlines() if line.startswith("::")] == [
        f"::error file={where},line=4::unknown front-matter key 'foo' — use one of: title, description, "
        "type, conditions, body_areas, cancer_types, aliases, last_reviewed, next_review, sources, "
        "clinical_review, related, not_related, hide, search",
        f"::error file={where},line={h1 + 3}::{spelling}",
    ]
    assert "::" not in result.stderr
