"""The pull-request workflows call the repository's scripts safely: the summary runs after
the preview is uploaded (for its link) even when a check failed, no `${{ }}` value is pasted
into a shell script, and the commenting workflow never runs the pull request's code."""

from __future__ import annotations

import yaml
from testkit.sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_pr_workflow_summarises_the_pages_after_the_preview():
    checks = steps(load("pull-request.yml"))
    names = [step.get("name") or step.get("uses") for step in checks]
    assert checks[0]["uses"] == "actions/checkout@v4" and checks[0]["with"]["fetch-depth"] == 0
    summary = next(step for step in checks if "scripts/pr_summary.py" in step.get("run", ""))
    preview = next(step for step in checks if step.get("id") == "preview")
    assert names.index(summary["name"]) > names.index(preview["name"]) > names.index("Author checks")
    assert summary["if"] == "${{ !cancelled() }}"
    assert summary["env"] == {
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
        "PREVIEW_URL": "${{ steps.preview.outputs.artifact-url }}",
        "PR_NUMBER": "${{ github.event.pull_request.number }}",
    }
    assert '--base "$BASE_SHA"' in summary["run"] and '--preview-url "$PREVIEW_URL"' in summary["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    attach = next(step for step in checks if step.get("with", {}).get("name") == "pr-summary")
    assert attach["with"]["path"].split() == ["pr-summary/", "dist/review-dashboard.html"]


def test_no_workflow_pastes_an_expression_into_a_script():
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}: pass it through env:"


def test_the_comment_workflow_never_runs_pull_request_code():
    comment = load("pull-request-comment.yml")  # YAML 1.1 reads the key `on` as True
    assert comment[True] == {"workflow_run": {"workflows": ["Pull request checks"], "types": ["completed"]}}
    assert comment["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [step.get("uses", "") for step in steps(comment)]
    assert not any(use.startswith("actions/checkout") for use in uses)
    assert uses[0] == "actions/download-artifact@v4"
