"""Page validation beyond the catalogue: good pages pass, the review-date switch, the
command line's exit status, escaping of titles and descriptions in every template, and
the real site passing."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import pathlib
import subprocess
import urllib.request

import lxml.html
import pytest
from act.settings import allow_overdue as overdue_allowed
from act.validation.front_matter import decode_page
from act.validation.names import PageNames, name_problems
from act.validation.review_dates import review_problem
from act.validation.schema import FrontMatter
from pydantic import ValidationError
from testkit.processes import wait_for
from testkit.sitebuild import ROOT, build_site
from testkit.validation_site import (
    GOOD_TREATMENT,
    BuildFailed,
    build_command,
    build_fixture,
    inheriting_config,
    make_docs,
    problem_lines,
    serving,
)

T = "treatments/good-treatment.md"
OVERDUE = GOOD_TREATMENT.replace(
    "last_reviewed: 2026-11-01\nnext_review: 2027-11-01", "last_reviewed: 2019-11-01\nnext_review: 2020-11-01"
)
OVERDUE_LINE = (
    f"docs/{T}:10: next_review 2020-11-01 has passed — review the page, then update "
    "last_reviewed and next_review"
)


def test_good_fixture_builds_without_a_warning(tmp_path):
    assert build_fixture(tmp_path, {}) == []
    html = (tmp_path / "site" / "treatments" / "good-treatment" / "index.html").read_text(encoding="utf-8")
    assert "site-disclaimer" in html


def test_images_resolve_without_directory_urls(tmp_path):
    """The offline bundle builds with `use_directory_urls: false`: page URLs end in .html."""
    assert build_fixture(tmp_path / "good", {}, use_directory_urls=False) == []
    missing = GOOD_TREATMENT.replace("../assets/diagram.png", "../assets/missing.png")
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path / "bad", {T: missing}, use_directory_urls=False)
    assert [line.split(": ", 1)[1] for line in problem_lines(failed.value.messages)] == [
        "image '../assets/missing.png' does not exist — add the file under docs/, or correct the path: in "
        "Markdown (`![what it shows](path)`) it is relative to this file"
    ]


def test_good_page_with_crlf_and_bom_passes(tmp_path):
    # Windows line endings and a byte-order mark are fine: MkDocs reads them the same way.
    crlf = ("\ufeff" + GOOD_TREATMENT.replace("\n", "\r\n")).encode("utf-8")
    assert build_fixture(tmp_path, {T: crlf}) == []


def test_overdue_page_is_a_notice_for_local_preview(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("ACT_ALLOW_OVERDUE", "1")
    monkeypatch.delenv("CI", raising=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.act"):
        assert build_fixture(tmp_path, {T: OVERDUE}) == []
    assert f"{OVERDUE_LINE} (allowed for this preview by ACT_ALLOW_OVERDUE=1)" in caplog.messages


def test_overdue_switch_is_ignored_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_ALLOW_OVERDUE", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {T: OVERDUE})
    assert problem_lines(failed.value.messages) == [OVERDUE_LINE]


@pytest.mark.parametrize(
    ("environ", "allowed"),
    [
        ({}, False),
        ({"ACT_ALLOW_OVERDUE": "1"}, True),
        ({"ACT_ALLOW_OVERDUE": "1", "CI": "true"}, False),
        ({"ACT_ALLOW_OVERDUE": "1", "CI": "1"}, False),
        ({"ACT_ALLOW_OVERDUE": "1", "CI": "false"}, True),
        ({"ACT_ALLOW_OVERDUE": "yes"}, False),
    ],
)
def test_overdue_switch_policy(environ, allowed):
    assert overdue_allowed(environ) is allowed


@pytest.mark.parametrize(("days_left", "level"), [(-1, "error"), (0, "warning"), (30, "warning"), (31, None)])
def test_review_date_levels(days_left, level):
    today = dt.date(2026, 11, 21)
    outcome = review_problem(today + dt.timedelta(days=days_left), today, allow_overdue=False)
    assert (outcome[0] if outcome else None) == level
    if outcome:
        assert review_problem(today + dt.timedelta(days=days_left), today, allow_overdue=True)[0] == "info"


def test_command_line_exit_status_and_message(tmp_path):
    """The catalogue builds in-process; here the real `mkdocs build --strict` command fails too."""
    make_docs(tmp_path, {T: OVERDUE.replace("# Good treatment", "# Good treatment\n\n<script>x()</script>")})
    env = {k: v for k, v in os.environ.items() if k not in {"ACT_ALLOW_OVERDUE"}} | {
        "NO_MKDOCS_2_WARNING": "1"
    }
    done = _run_cli(tmp_path, env)
    assert done.returncode == 1
    lines = [line.split(" -  ", 1)[-1] for line in done.stderr.splitlines()]
    assert (
        f"docs/{T}:10: next_review 2020-11-01 has passed — review the page, then update last_reviewed and next_review"
        in lines
    )
    assert (
        f"docs/{T}:23: raw <script> in page — remove it: it runs code in readers' browsers, and pages may only "
        "hold text, local images and links"
    ) in lines
    assert "2 problems in 1 page — fix the lines above, then build again" in lines


def _run_cli(tmp_path: pathlib.Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    config = inheriting_config(tmp_path)
    return subprocess.run(
        build_command(config, tmp_path / "site"),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_schema_rejects_markup_in_titles_and_descriptions():
    base = {
        "type": "guide",
        "last_reviewed": "2026-11-01",
        "next_review": "2027-11-01",
        "description": "A description long enough to pass the forty character minimum.",
    }
    for key, value in [
        ("title", "<b>Bold</b> title"),
        ("description", "A description with <script> in it, long enough."),
    ]:
        with pytest.raises(ValidationError) as failed:
            FrontMatter.model_validate(base | {"title": "Plain title"} | {key: value})
        assert [error["type"] for error in failed.value.errors()] == ["markup_in_text"]


# Quotes and ampersands are allowed in front matter, so every template must escape them:
# unescaped, this title would add a `data-injected` attribute to any tag it is put into,
# and would end a JSON-LD string early.
INJECTED_TITLE = 'Quote" data-injected="1 & co'
INJECTED_DESCRIPTION = (
    'Checks that quotes " data-injected="1 \' and ampersands & are escaped wherever it is shown.'
)


def test_titles_and_descriptions_are_escaped_in_every_template(tmp_path):
    """Built with the real mkdocs.yml: every hook and partial (related topics, cards, JSON-LD)."""
    page = (
        GOOD_TREATMENT.replace("title: Good treatment", f"title: '{INJECTED_TITLE}'")
        .replace("# Good treatment", f"# {INJECTED_TITLE}")
        .replace(
            "description: A treatment page that follows every rule, used as the base for the bad-page tests.",
            f"description: '{INJECTED_DESCRIPTION.replace(chr(39), chr(39) * 2)}'",
        )
        .replace("title: An example guideline", f"title: '{INJECTED_TITLE}'")
    )
    docs = make_docs(tmp_path, {T: page})
    build_site(ROOT / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 4
    listed_elsewhere = 0
    for path in pages:
        tree = lxml.html.fromstring(path.read_bytes())
        assert not tree.xpath("//*[@data-injected]"), f"unescaped text in {path}"
        for script in tree.xpath("//script[@type='application/ld+json']"):
            data = json.loads(script.text)
            if "good-treatment" in str(path):
                assert data["name"] == INJECTED_TITLE
                assert data["description"] == INJECTED_DESCRIPTION
        if "good-treatment" in str(path):
            assert tree.xpath("string(//title)").startswith(INJECTED_TITLE)
            assert tree.xpath("//meta[@name='description']/@content") == [INJECTED_DESCRIPTION]
            assert tree.xpath("string(//h1)").strip().rstrip("¶").strip() == INJECTED_TITLE
        else:
            listed_elsewhere += len(
                [a for a in tree.xpath("//section//a") if a.text_content().strip() == INJECTED_TITLE]
            )
    # Related topics on the other pages list the treatment by its exact title.
    assert listed_elsewhere >= 1


def test_decoding_matches_mkdocs():
    text, problems = decode_page("docs/x.md", "\ufeff---\r\ntitle: x\r\n---\r\n".encode())
    assert (text, problems) == ("---\ntitle: x\n---\n", [])
    text, problems = decode_page("docs/x.md", b"line one\nline two \xff\n")
    assert "\ufffd" in text
    assert [str(problem) for problem in problems] == [
        "docs/x.md:2: file is not UTF-8 (byte 0xff cannot be read) — re-save the file with UTF-8 encoding"
    ]


def test_names_are_compared_as_readers_type_them():
    pages = [
        PageNames("docs/a.md", "Bowel stent", ["Colonic  Stent"]),
        PageNames("docs/b.md", "Colonic stent", ["colon stent"]),
    ]
    assert [problem.message for problem in name_problems(pages, {})] == [
        "alias 'Colonic  Stent' is also the title of docs/b.md — an alias names one page: keep it on the page "
        "it describes best and remove it from the other"
    ]


@pytest.mark.parametrize(
    ("title", "alias", "flagged"),
    [
        ("Spinal decompression and stabilisation", "stabilization", True),
        ("Oesophageal stent", "esophageal", True),
        ("Oesophageal stent", "esophageal stent", False),  # a US spelling of this page's whole title names it
        ("Bowel stent", "colonic stent", False),
        ("Tumour ablation", "tumor", True),  # listed in the site-wide file
    ],
)
def test_one_word_spelling_variants_belong_in_the_site_wide_list(title, alias, flagged):
    problems = name_problems([PageNames("docs/a.md", title, [alias])], {"tumour": ["tumor"]})
    assert bool(problems) is flagged
    assert all("spelling-variants.yml" in problem.message for problem in problems)


def test_real_site_passes_validation(site_dir):
    """The shared session build of the real site is strict and runs the validation hook."""
    assert (site_dir / "index.html").is_file()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_serve_shows_the_messages_and_keeps_the_last_good_site(tmp_path):
    """A failed `mkdocs serve` rebuild logs the problem lines; the preview keeps the last good pages."""
    make_docs(tmp_path, {})
    config = inheriting_config(tmp_path)
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "ACT_ALLOW_OVERDUE"} | {"NO_MKDOCS_2_WARNING": "1"}
    with serving(config, log, env) as address:
        url = address + "treatments/good-treatment/"
        assert wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), 30, step=0.2)
        assert "A short summary of the treatment" in _get(url)
        page = tmp_path / "docs" / T
        page.write_text(
            GOOD_TREATMENT.replace("title: Good", "titel: Good").replace(
                "A short summary of the treatment", "A changed summary"
            ),
            encoding="utf-8",
        )
        assert wait_for(
            lambda: "still serving the last good build" in log.read_text(encoding="utf-8"), 30, step=0.2
        )
        lines = [line.split(" -  ", 1)[-1] for line in log.read_text(encoding="utf-8").splitlines()]
        assert f"docs/{T}:2: unknown front-matter key 'titel' — did you mean 'title'?" in lines
        served = _get(url)
        assert "A short summary of the treatment" in served and "A changed summary" not in served
        page.write_text(
            GOOD_TREATMENT.replace("A short summary of the treatment", "A changed summary"), encoding="utf-8"
        )
        assert wait_for(lambda: "A changed summary" in _get(url), 30, step=0.2)
