"""Reproducible across days (issue 13): `make build` and `make offline` fix the build date
(SOURCE_DATE_EPOCH from the last commit, or a fixed date outside git), so sitemap.xml and
everything else dated are the same bytes tomorrow."""

from __future__ import annotations

import os
import subprocess

from testkit.sitebuild import ROOT, build_site

HOSTED = ROOT / "tests" / "fixtures" / "hosted-site"
PRINT_EPOCH = [
    "make",
    "-s",
    "-f",
    str(ROOT / "Makefile"),
    "--eval",
    "sde: ; @echo $$SOURCE_DATE_EPOCH",
    "sde",
]


def _make_epoch(cwd, **env) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    return subprocess.run(
        PRINT_EPOCH, cwd=cwd, env=environ, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_make_sets_the_build_date_from_the_last_commit():
    last_commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert _make_epoch(ROOT) == last_commit


def test_make_uses_a_fixed_date_outside_git(tmp_path):
    assert _make_epoch(tmp_path, GIT_DIR=str(tmp_path / "no-repository")) == "1767225600"


def test_same_sources_give_the_same_sitemap_on_any_day(tmp_path, monkeypatch):
    """The sitemap's dates are the source date, not the day of the build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    build_site(HOSTED / "mkdocs.yml", tmp_path / "a")
    build_site(HOSTED / "mkdocs.yml", tmp_path / "b")
    first = (tmp_path / "a" / "sitemap.xml").read_bytes()
    assert first == (tmp_path / "b" / "sitemap.xml").read_bytes()
    assert b"<lastmod>2026-01-01</lastmod>" in first
    assert first.count(b"<lastmod>") == first.count(b"<lastmod>2026-01-01</lastmod>")
