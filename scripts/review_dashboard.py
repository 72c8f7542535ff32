"""The editors' review dashboard: one static HTML page listing every page, what needs
attention first. Written by `make report` to dist/review-dashboard.html: an artifact for
editors (and of the pull-request workflow), not part of the public site. No scripts, no
requests: it opens from disk.

Attention, most urgent first (a page is sorted by its most urgent reason, then by its next
review date, then by path):
0. the clinical sign-off lapsed (the text changed since a clinician checked it);
1. the review date has passed;
2. the review is due within REVIEW_WARNING_DAYS;
3. a content target missed (length, reading ease) or sources older than the rule;
4. awaiting review by a clinician;
5. nothing to do.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2

if TYPE_CHECKING:
    from page_report import PageRow

import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.content_model import REVIEW_WARNING_DAYS  # noqa: E402

TEMPLATES = pathlib.Path(__file__).resolve().parent / "report_templates"
NOTHING = 5


@dataclass(frozen=True)
class DashboardRow:
    row: PageRow
    reasons: tuple[tuple[int, str], ...]

    @property
    def rank(self) -> int:
        return min((rank for rank, _ in self.reasons), default=NOTHING)


def attention(row: PageRow, today: dt.date) -> tuple[tuple[int, str], ...]:
    """Why a page needs an editor, each reason with its rank (0 most urgent)."""
    reasons: list[tuple[int, str]] = []
    if row.clinical.state == "lapsed":
        reasons.append((0, f"sign-off lapsed: changed since checked on {row.clinical.date}"))
    if row.next_review is not None:
        days = (row.next_review - today).days
        if days < 0:
            reasons.append((1, f"review overdue by {-days} days"))
        elif days <= REVIEW_WARNING_DAYS:
            reasons.append((2, f"review due in {days} days"))
    reasons += [(3, problem) for problem in row.target_problems()]
    if row.sources_old:
        reasons.append((3, f"newest source {row.newest_source} is old for a review on {row.next_review}"))
    if row.clinical.state == "awaiting":
        reasons.append((4, "awaiting review by a clinician"))
    return tuple(reasons)


def dashboard_rows(rows: Sequence[PageRow], today: dt.date) -> list[DashboardRow]:
    ranked = [DashboardRow(row, attention(row, today)) for row in rows]
    return sorted(ranked, key=lambda r: (r.rank, r.row.next_review or dt.date.max, r.row.path))


def render_dashboard(rows: Sequence[PageRow], today: dt.date) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    ranked = dashboard_rows(rows, today)
    counts = {
        state: sum(r.row.clinical.state == state for r in ranked)
        for state in ("lapsed", "awaiting", "signed")
    }
    return env.get_template("review-dashboard.html").render(rows=ranked, today=today, counts=counts)


def write_dashboard(rows: Sequence[PageRow], path: pathlib.Path, today: dt.date) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_dashboard(rows, today), encoding="utf-8")
    return path
