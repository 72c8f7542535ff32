"""The glossary hook on a fixture site: every problem of the terms file and the glossary
page is reported in one failure, in the same `path:line: what — how to fix` format."""

from __future__ import annotations

import textwrap

import pytest
from act.glossary import MARKER
from testkit.sitebuild import ROOT, BuildFailed, build_site


def test_hook_fails_once_listing_every_problem(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "_snippets").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "guides" / "glossary.md").write_text("# Glossary\n\nNo marker here.\n", encoding="utf-8")
    (docs / "_snippets" / "abbreviations.md").write_text("*[stent]: A tube\nbroken line\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Fixture
            exclude_docs: |
              _snippets/
            hooks:
              - {ROOT / "hooks" / "glossary.py"}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    message = str(failed.value)
    assert "docs/_snippets/abbreviations.md:2: not a glossary line" in message
    assert f"docs/guides/glossary.md:1: no `{MARKER}` line" in message
    # One failure for the whole build, counting every problem.
    assert "2 problems in 2 files — fix the lines above, then build again" in message
