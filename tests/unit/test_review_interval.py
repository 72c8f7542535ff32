"""Issue 13, class 8: `next_review` may be at most REVIEW_INTERVAL_YEARS after `last_reviewed`.

The project reviews every page at least once a year (CONTRIBUTING.md, "Review cycle"), so a
review date a century away is a false promise to readers, not a plan.
"""

from __future__ import annotations

import datetime as dt

import pytest
from act.content_model import REVIEW_CYCLE_DAYS, REVIEW_INTERVAL_YEARS
from act.validation.front_matter import error_message
from act.validation.schema import FrontMatter, years_after
from pydantic import ValidationError

BASE = {
    "title": "Plain title",
    "type": "guide",
    "description": "A description long enough to pass the forty character minimum.",
}


def messages(last: str, next_: str) -> list[str]:
    try:
        FrontMatter.model_validate(BASE | {"last_reviewed": last, "next_review": next_})
    except ValidationError as failed:
        return [error_message(error) for error in failed.errors()]
    return []


@pytest.mark.parametrize(
    ("last", "next_", "expected"),
    [
        ("2026-01-01", "2027-01-01", []),  # exactly a year: the longest allowed
        ("2026-01-01", "2026-07-01", []),
        ("2024-02-29", "2025-02-28", []),  # a leap day's anniversary in a common year
        (
            "2024-02-29",
            "2025-03-01",
            [
                "next_review 2025-03-01 is more than 1 year after last_reviewed 2024-02-29 — set a review "
                "date within 1 year"
            ],
        ),
        (
            "2026-01-01",
            "2027-01-02",
            [
                "next_review 2027-01-02 is more than 1 year after last_reviewed 2026-01-01 — set a review "
                "date within 1 year"
            ],
        ),
        (
            "2026-01-01",
            "2126-01-01",
            [
                "next_review 2126-01-01 is more than 1 year after last_reviewed 2026-01-01 — set a review "
                "date within 1 year"
            ],
        ),
        (
            "2026-01-01",
            "2025-12-31",
            [
                "next_review 2025-12-31 is not after last_reviewed 2026-01-01 — set the next review date "
                "after the last one"
            ],
        ),
    ],
)
def test_next_review_within_the_review_interval(last, next_, expected):
    assert messages(last, next_) == expected


def test_a_new_page_review_date_is_always_within_the_interval():
    """`make new-page` sets next_review REVIEW_CYCLE_DAYS ahead: inside the interval from any day."""
    assert REVIEW_INTERVAL_YEARS == 1
    for day in (dt.date(2027, 3, 1), dt.date(2028, 2, 29), dt.date(2027, 12, 31)):
        assert day + dt.timedelta(days=REVIEW_CYCLE_DAYS) <= years_after(day, REVIEW_INTERVAL_YEARS)
