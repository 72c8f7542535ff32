"""The pull request summary, from two revisions of a throwaway git repository of fixture
pages: reading ease and words before and after, sources added and removed, the sign-off
status, a notice for each lapsed sign-off, and the preview link."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

from act.clinical_review import sign_off
from testkit.sitebuild import ROOT

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "validation" / "docs"
SCRIPT = ROOT / "scripts" / "pr_summary.py"
NEW_SOURCE = """  - id: new-trial
    title: A new trial
    publisher: A Journal
    year: 2025
    url: https://example.org/trial
"""


def git(repo, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_summary_of_two_revisions(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_DOCS, repo / "docs")
    treatment = repo / "docs" / "treatments" / "good-treatment.md"
    treatment.write_text(
        sign_off(
            treatment.read_text(encoding="utf-8"),
            "Dr Ann Example",
            "Consultant radiologist",
            dt.date(2026, 11, 20),
        ),
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")

    # The pull request: a changed sentence and a new source on the signed page (its sign-off
    # lapses), whitespace only on the condition page, a new page, a deleted page, a data file.
    text = treatment.read_text(encoding="utf-8")
    text = text.replace("It is a made-up treatment.", "It is a made-up treatment that works well.")
    treatment.write_text(text.replace("related:\n", NEW_SOURCE + "related:\n", 1), encoding="utf-8")
    condition = repo / "docs" / "conditions" / "good-condition.md"
    condition.write_text(condition.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    shutil.copy(repo / "docs" / "guides" / "good-guide.md", repo / "docs" / "guides" / "second-guide.md")
    (repo / "docs" / "index.md").unlink()
    (repo / "docs" / "_data").mkdir(exist_ok=True)
    (repo / "docs" / "_data" / "notes.md").write_text("not a page\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")

    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--base",
            base,
            "--head",
            "HEAD",
            "--preview-url",
            "https://github.com/o/r/actions/runs/1/artifacts/2",
            "--output",
            str(tmp_path / "pr-summary.md"),
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "pr-summary.md").read_text(encoding="utf-8")
    assert result.stdout.startswith(markdown)
    table = [line for line in markdown.splitlines() if line.startswith("| docs/")]
    rows = {
        cells[0]: cells[1:] for line in table for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    assert list(rows) == [
        "docs/conditions/good-condition.md",
        "docs/guides/second-guide.md",
        "docs/index.md",
        "docs/treatments/good-treatment.md",
    ]
    assert rows["docs/conditions/good-condition.md"][2:] == ["—", "—", "awaiting"]
    ease, words, added, removed, status = rows["docs/treatments/good-treatment.md"]
    before_words, after_words = (int(n) for n in words.split(" → "))
    assert after_words == before_words + 3 and " → " in ease
    assert (added, removed, status) == ("new-trial", "—", "lapsed (signed 2026-11-20)")
    assert (
        rows["docs/guides/second-guide.md"][0].startswith("new: ") and rows["docs/index.md"][4] == "deleted"
    )
    assert rows["docs/index.md"][1].endswith(" (deleted)")
    assert "- docs/treatments/good-treatment.md: checked on 2026-11-20" in markdown
    assert markdown.endswith(
        "Preview of the built site: [site-preview artifact](https://github.com/o/r/actions/runs/1/artifacts/2)\n"
    )
    assert [line for line in result.stdout.splitlines() if line.startswith("::")] == [
        "::warning file=docs/treatments/good-treatment.md,line=1::clinical sign-off lapsed: the page changed since "
        "a clinician checked it on 2026-11-20 — ask them to check the changes, then run make sign-off"
    ]
