"""Review dates: a page past its `next_review` date must not be published.

- A page whose `next_review` date has passed is an error: every build fails.
- A `last_reviewed` date in the future is an error: it would be a false trust signal.
- A page due for review within `REVIEW_WARNING_DAYS` (content model) is a warning: `--strict` builds (all of ours) fail,
  so reviews get booked before pages fall due.
- Local previews: `ACT_ALLOW_OVERDUE=1` turns both into notices (log level INFO), so
  `make serve` still works on an old checkout. It is ignored whenever the `CI`
  environment variable is set (CI services set `CI=true`), so CI always enforces the dates
  (see `act.settings.allow_overdue`).
"""

from __future__ import annotations

import datetime as dt

from act.content_model import REVIEW_WARNING_DAYS
from act.settings import ALLOW_OVERDUE_VARIABLE


def reviewed_in_future(last_reviewed: dt.date, today: dt.date) -> str | None:
    """A review date in the future would tell readers the page was checked when it was not."""
    if last_reviewed > today:
        return (
            f"last_reviewed {last_reviewed.isoformat()} is in the future — use the date the review "
            "actually happened"
        )
    return None


def review_problem(next_review: dt.date, today: dt.date, allow_overdue: bool) -> tuple[str, str] | None:
    """(level, message) for a page's review date, or None when it is not due soon."""
    days = (next_review - today).days
    date = next_review.isoformat()
    if days < 0:
        level = "error"
        message = (
            f"next_review {date} has passed — review the page, then update last_reviewed and next_review"
        )
    elif days <= REVIEW_WARNING_DAYS:
        level = "warning"
        message = f"next_review {date} is in {days} days — have the page reviewed before then"
    else:
        return None
    if allow_overdue:
        return "info", f"{message} (allowed for this preview by {ALLOW_OVERDUE_VARIABLE}=1)"
    return level, message
