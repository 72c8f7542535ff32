"""`make report`'s review dashboard on fixture pages: every page, with its numbers and its
clinical status (awaiting, signed, lapsed), what needs attention first; and the report's
table and lapsed line. The sign-offs are written into fixture copies only."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

from act.clinical_review import sign_off
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "validation" / "docs"
TODAY = dt.date(2027, 1, 10)
SIGNED_ON = dt.date(2026, 11, 20)


def fixture_docs(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_DOCS, docs)
    treatment = (docs / "treatments" / "good-treatment.md").read_text(encoding="utf-8")

    def signed_copy(title: str) -> str:
        return sign_off(
            treatment.replace("Good treatment", title), "Dr Ann Example", "Consultant radiologist", SIGNED_ON
        )

    # Signed, then a sentence changed: lapsed.
    lapsed = signed_copy("Lapsed").replace(
        "It is a made-up treatment.", "It is a made-up treatment that works."
    )
    (docs / "treatments" / "lapsed.md").write_text(lapsed, encoding="utf-8")
    # Signed, then only whitespace changed: still signed.
    signed = signed_copy("Signed").replace("It is a made-up", "It is  a\nmade-up")
    (docs / "treatments" / "signed.md").write_text(signed, encoding="utf-8")
    overdue = treatment.replace("Good treatment", "Overdue").replace(
        "next_review: 2027-11-01", "next_review: 2027-01-01"
    )
    (docs / "treatments" / "overdue.md").write_text(overdue, encoding="utf-8")
    return docs


def test_the_dashboard_lists_every_page_most_urgent_first(tmp_path):
    docs = fixture_docs(tmp_path)
    out = tmp_path / "dist" / "review-dashboard.html"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "page_report.py"),
            "--docs",
            str(docs),
            "--dashboard",
            str(out),
            "--today",
            TODAY.isoformat(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "Sign-off lapsed (changed since a clinician checked it): treatments/lapsed.md (signed 2026-11-20)"
        in result.stdout
    )
    assert f"Review dashboard: {out}" in result.stdout
    table = {
        cells[0]: cells[8]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| Page", "| ---"))
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    assert table["treatments/lapsed.md"] == "lapsed" and table["treatments/signed.md"] == "signed"
    assert table["treatments/overdue.md"] == "awaiting"

    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "lxml")
    headers = [th.get_text(strip=True) for th in soup.select("thead th")]
    assert headers == [
        "Page",
        "Type",
        "Words",
        "Reading ease",
        "Newest source",
        "Last reviewed",
        "Next review",
        "Clinical",
        "Needs attention",
    ]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert sorted(row[0] for row in rows) == pages  # every page, once
    # Most urgent first: the lapsed sign-off, the overdue review, missed targets (these fixture
    # pages are short), then pages only awaiting a clinician.
    assert [(row[0], tr["class"]) for row, tr in zip(rows, soup.select("tbody tr"), strict=True)] == [
        ("treatments/lapsed.md", ["rank-0"]),
        ("treatments/overdue.md", ["rank-1"]),
        ("conditions/good-condition.md", ["rank-3"]),
        ("treatments/good-treatment.md", ["rank-3"]),
        ("treatments/signed.md", ["rank-3"]),
        ("guides/good-guide.md", ["rank-4"]),
        ("index.md", ["rank-4"]),
    ]
    by_page = {row[0]: row for row in rows}
    reasons = {
        tr.td.get_text(strip=True): [li.get_text() for li in tr.select("li")]
        for tr in soup.select("tbody tr")
    }
    lapsed = by_page["treatments/lapsed.md"]
    assert lapsed[1] == "treatment" and int(lapsed[2]) > 0 and float(lapsed[3]) > 0 and lapsed[4] == "2024"
    assert lapsed[5:8] == ["2026-11-01", "2027-11-01", "lapsed (2026-11-20)"]
    assert reasons["treatments/lapsed.md"][0] == "sign-off lapsed: changed since checked on 2026-11-20"
    assert reasons["treatments/overdue.md"] == [
        "review overdue by 9 days",
        f"{by_page['treatments/overdue.md'][2]} words of body text — aim for 450-1200",
        "awaiting review by a clinician",
    ]
    assert by_page["treatments/signed.md"][7] == "signed (2026-11-20)"
    assert "awaiting review by a clinician" not in reasons["treatments/signed.md"]
    assert reasons["index.md"] == ["awaiting review by a clinician"]
    assert (
        soup.select("script") == [] and soup.select("link") == []
    )  # opens from disk, asks nothing of the network
