"""The one annotation formatter: a Problem as a GitHub Actions workflow command."""

from __future__ import annotations

import pytest
from act.problems import Problem, annotating


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("docs/x.md", 14, "what — how to fix"), "::error file=docs/x.md,line=14::what — how to fix"),
        (Problem("docs/x.md", 3, "soon", "warning"), "::warning file=docs/x.md,line=3::soon"),
        (Problem("docs/x.md", 3, "allowed", "info"), "::notice file=docs/x.md,line=3::allowed"),
        (Problem("docs/x.md", 0, "too long"), "::error file=docs/x.md::too long"),
        (Problem("", 0, "no file"), "::error::no file"),
        # The runner's escapes: a message cannot end early or start a second command.
        (
            Problem("docs/a,b:c.md", 2, "50% off\n::error::x"),
            "::error file=docs/a%2Cb%3Ac.md,line=2::50%25 off%0A::error::x",
        ),
    ],
)
def test_annotation(problem, line):
    assert problem.annotation() == line


@pytest.mark.parametrize(
    ("environ", "expected"), [({"GITHUB_ACTIONS": "true"}, True), ({"CI": "true"}, False), ({}, False)]
)
def test_annotating_only_in_github_actions(environ, expected):
    assert annotating(environ) is expected
