"""`make audit`'s table (scripts/audit.py): one line per page that the closing note of an
issue can copy, scores first, then paint times, blocking time and bytes."""

from __future__ import annotations

import importlib.util

from testkit.sitebuild import ROOT

spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def report(performance: float) -> dict:
    categories = {c: {"score": 1.0} for c in audit.CATEGORIES} | {"performance": {"score": performance}}
    values = {
        "first-contentful-paint": 1234.0,
        "largest-contentful-paint": 1580.0,
        "total-blocking-time": 86.4,
        "total-byte-weight": 252_928.0,
    }
    return {"categories": categories, "audits": {k: {"numericValue": v} for k, v in values.items()}}


def test_a_row_gives_scores_times_and_size_under_the_header():
    assert audit.row("treatments/vertebroplasty/", report(0.976)) == (
        "| /treatments/vertebroplasty/ | 98 | 100 | 100 | 100 | 1.2 s | 1.6 s | 86 ms | 247 KiB |"
    )
    assert audit.HEADER.count("|") == audit.row("", report(1)).count("|")
