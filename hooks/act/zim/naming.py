"""The ZIM's name and date, fixed by the sources (no libzim needed: the site build uses them
for the download page)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

ZIM_NAME = "advanced-cancer-treatments_en_all"  # openZIM's <project>_<language>_<selection>


def newest_review(metas: Iterable[Mapping[str, Any]]) -> datetime.date | None:
    """The newest `last_reviewed` among the pages' front matter: the ZIM's date (fixed by the
    sources, unlike today's date, so the same sources give the same file)."""
    dates = [m["last_reviewed"] for m in metas if isinstance(m.get("last_reviewed"), datetime.date)]
    return max(dates, default=None)


def zim_file_name(date: datetime.date) -> str:
    return f"{ZIM_NAME}_{date:%Y-%m}.zim"
