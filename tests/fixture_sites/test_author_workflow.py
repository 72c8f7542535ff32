"""The author loop: new-page, the generated field reference, make check and make report."""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from act import field_reference
from testkit.pages import split_front_matter
from testkit.sitebuild import ROOT, BuildFailed, build_site

PROJECT_PARTS = [
    "docs",
    "hooks",
    "overrides",
    "scripts",
    "mkdocs.yml",
    "Makefile",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    "tests",
]


@pytest.fixture
def project_copy(tmp_path) -> pathlib.Path:
    """A throwaway copy of the project (no .venv, no shared/) to change freely."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(
                src, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules")
            )
        else:
            shutil.copy2(src, tmp_path / part)
    return tmp_path


def make(project: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    """Run a make target with this interpreter, skipping the venv set-up step."""
    stamp = project / "venv-unused" / ".site-installed"
    dev_stamp = project / "venv-unused" / ".dev-installed"
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            str(stamp),
            "-o",
            str(dev_stamp),
            f"PY={sys.executable}",
            f"VENV={project / 'venv-unused'}",
            *args,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_contributing_field_reference_matches_the_schema():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert field_reference.spliced(text, field_reference.reference()) == text, (
        "CONTRIBUTING.md's field reference is out of date: run python scripts/field_reference.py --write"
    )
    # Every schema key is documented.
    for key in field_reference.FrontMatter.model_fields:
        assert f"| `{key}` |" in text


# Plain text for each placeholder: enough words, in short everyday sentences, that the
# filled page meets the content targets (length, reading ease) like any real page.
PARAGRAPH = (
    "This part of the page tells you what you need to know. We use short words and short "
    "sentences. Your care team can tell you more about it. Ask them if you are not sure. "
    "They know you and your cancer, and they can say what it means for you. "
    "You can bring a friend to help you ask and to help you remember what was said. "
    "It is fine to ask the same thing twice."
)
FILLED = {
    r'description: "TODO:[^"]*"': "description: Histotripsy uses focused sound waves from outside the body to break up a tumour.",
    r"conditions: \[\].*": "conditions: [bone-metastases]",
    r"body_areas: \[\].*": "body_areas: [bone]",
    r"aliases: \[\].*": "aliases: [heat treatment with a probe]",
    r'title: "TODO:[^"]*"': "title: Radiofrequency ablation",
    r'publisher: "TODO:[^"]*"': "publisher: Cancer Research UK",
    r'url: "TODO:[^"]*"\n---': "url: https://www.cancerresearchuk.org/\n  - id: nhs-rfa\n    title: Radiofrequency "
    "ablation\n    publisher: NHS\n    accessed: 2025-01-10\n    doi: 10.1000/example.2\n---",
    # One short bullet for each of the Key points box's three placeholders (3 to 5 in all).
    r"    - TODO: the main point.*": "    - It uses sound waves to break up a tumour.",
    r"    - TODO: a second key point.*": "    - It is done in hospital.",
    r"    - TODO: a third key point.*": "    - Ask your care team if it is right for you.",
    # The Risks box's one placeholder becomes the list of risks.
    r"    - TODO: each risk.*": "    - Pain where the probe went in.\n    - Bleeding.[^nhs-rfa]\n    - Infection.",
    r"- TODO: .*": "- What will it feel like?",
    # The author keeps the template's citation, after their own sentence.
    r"TODO: explain the treatment.*\[": PARAGRAPH + "[",
    r"TODO: .*": PARAGRAPH,
}


def test_a_new_page_filled_in_keeps_the_build_and_the_content_tests_green(project_copy):
    """CONTRIBUTING's five steps: make new-page, replace every TODO:, then the strict build
    and the content tests (which take their pages from the site) pass with the new page."""
    result = make(project_copy, "new-page", "TYPE=treatment", "TITLE=Histotripsy")
    assert result.returncode == 0, result.stderr
    page = project_copy / "docs" / "treatments" / "histotripsy.md"
    text = page.read_text(encoding="utf-8")
    meta, _ = split_front_matter(text)
    assert meta["next_review"] > meta["last_reviewed"]
    assert '!!! warning "Risks and complications"' in text
    assert '!!! abstract "Key points"' in text and "[^source-one]" in text and "  - id: source-one\n" in text

    with pytest.raises(BuildFailed) as failed:
        build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert any("docs/treatments/histotripsy.md" in m and "placeholder" in m for m in failed.value.messages), (
        failed.value.messages
    )

    for pattern, replacement in FILLED.items():
        text = re.sub(pattern, replacement, text)
    assert "TODO" not in text
    page.write_text(text, encoding="utf-8")
    build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert (project_copy / "site" / "treatments" / "histotripsy" / "index.html").is_file()
    content = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "tests/content"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert content.returncode == 0, content.stdout[-3000:]


def test_new_page_never_overwrites_and_explains_bad_input(project_copy):
    existing = project_copy / "docs" / "treatments" / "vertebroplasty.md"
    before = existing.read_bytes()
    result = make(project_copy, "new-page", "TYPE=treatment", "TITLE=Vertebroplasty")
    assert result.returncode != 0
    assert "docs/treatments/vertebroplasty.md already exists; nothing was written" in result.stderr
    assert existing.read_bytes() == before

    result = make(project_copy, "new-page", "TYPE=recipe", "TITLE=Soup")
    assert result.returncode != 0 and "TYPE must be one of treatment, condition" in result.stderr
    result = make(project_copy, "new-page")
    assert result.returncode != 0 and "usage: make new-page" in result.stderr


def test_make_check_fails_on_a_misspelling_and_names_the_line(project_copy):
    page = project_copy / "docs" / "treatments" / "vertebroplasty.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    h1 = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines.insert(h1 + 2, "The tumor can press on nerves.")
    lines.insert(h1 + 3, "")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = make(project_copy, "check")
    assert result.returncode != 0
    assert f"docs/treatments/vertebroplasty.md:{h1 + 3}: tumor ==> tumour" in result.stdout, result.stdout


def test_make_check_passes_on_the_real_site():
    result = make(ROOT, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check: 0 problem(s) in all" in result.stdout


def test_make_check_counts_build_problems_as_the_build_does(project_copy):
    """One count for the build's problems, the build's own; every hook's problems in it;
    no MkDocs abort line in front of them."""
    page = project_copy / "docs" / "treatments" / "vertebroplasty.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("\ntype:", "\nfoo: 1\ntype:", 1), encoding="utf-8"
    )
    terms = project_copy / "docs" / "_snippets" / "abbreviations.md"
    terms.write_text(terms.read_text(encoding="utf-8") + "broken line\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project_copy / "mkdocs.yml", project_copy / "site")
    summary = next(m for m in failed.value.messages if re.match(r"\d+ problems? in ", m))
    assert summary.startswith("2 problems in 2 files")

    result = make(project_copy, "check")
    assert result.returncode != 0  # make's own status for a failed recipe
    assert "check: strict build: 2 problem(s)" in result.stdout
    assert "unknown front-matter key 'foo'" in result.stdout and "not a glossary line" in result.stdout
    assert "Aborted" not in result.stdout and "BuildError" not in result.stdout
    assert "check: 2 problem(s) in all" in result.stdout


def test_make_report_lists_every_page_with_its_numbers():
    result = make(ROOT, "report")
    assert result.returncode == 0, result.stderr
    rows = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| Page", "| ---"))
    ]
    pages = sorted(
        p for p in (ROOT / "docs").rglob("*.md") if not p.relative_to(ROOT / "docs").parts[0].startswith("_")
    )
    assert len(rows) == len(pages)
    row = next(r for r in rows if r.startswith("| treatments/vertebroplasty.md |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "treatment" and int(cells[2]) > 0 and float(cells[3]) > 0 and int(cells[4]) >= 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[5]) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[6])
    # Newest source year (flagged "(old)" when more than 5 years before the next review) and
    # the clinical review status: no page is signed off yet.
    assert re.fullmatch(r"\d{4}( \(old\))?", cells[7]) and cells[8] == "awaiting"
    assert f"Awaiting review by a clinician: {len(pages)} of {len(pages)} pages" in result.stdout
    assert "Sources more than 5 years older than the next review: " in result.stdout
