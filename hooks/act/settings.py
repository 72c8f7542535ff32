"""The site's own settings, read once per build from mkdocs.yml's `extra:` and the environment.

`extra:` also holds the theme's keys (polyfills, social, ...): only ours are read here,
and they are checked, so a typo in mkdocs.yml is reported like any page problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from act.content_model import NEAR_COPY_RUNS_MAX
from act.problems import Problem

ALLOW_OVERDUE_VARIABLE = "ACT_ALLOW_OVERDUE"
# The date a build takes as today for review dates (YYYY-MM-DD). Tests pin it so their
# fixture pages never fall due; an author can preview what will be overdue on a later day.
TODAY_VARIABLE = "ACT_TODAY"


class RelatedTopicsSettings(BaseModel):
    """`extra.related_topics`: how many pages Related topics lists."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = Field(default=6, ge=1)
    # Condition pages also list every treatment for the condition, up to this many.
    treatments_limit: int = Field(default=12, ge=0)
    # Pages never listed and given no list (the glossary relates to every page alike).
    exclude: frozenset[str] = frozenset()


class NearCopySettings(BaseModel):
    """`extra.near_copies`: when two content pages count as copies of each other."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # More shared ten-word runs than this fails the build; null turns the check off
    # (only for synthetic benchmark sites, whose text is random).
    max_shared_runs: int | None = Field(default=NEAR_COPY_RUNS_MAX, ge=0)


class PageChecksSettings(BaseModel):
    """`extra.page_checks`: where the page checks, the output gate and the search index's
    extra work run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # From this many pages they run in a second process, beside the build (a worker takes
    # ~0.25 s of CPU to start: act/second_process.py); null keeps them in the build's own.
    second_process_from: int | None = Field(default=400, ge=0)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    related_topics: RelatedTopicsSettings = RelatedTopicsSettings()
    near_copies: NearCopySettings = NearCopySettings()
    page_checks: PageChecksSettings = PageChecksSettings()
    # Local previews only: overdue reviews become notices (see act.validation.review_dates).
    allow_overdue: bool = False
    # ACT_TODAY, or None for the real date.
    today: dt.date | None = None

    @property
    def near_copy_runs_max(self) -> int | None:
        return self.near_copies.max_shared_runs


# The sections of `extra:` (each a model above), as Settings lists them.
_SECTIONS: dict[str, type[BaseModel]] = {
    name: field.annotation
    for name, field in Settings.model_fields.items()
    if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
}


def allow_overdue(environ: Mapping[str, str]) -> bool:
    """True only for a local preview that asked for it: never when CI is set."""
    in_ci = environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    return environ.get(ALLOW_OVERDUE_VARIABLE, "").strip() == "1" and not in_ci


def pinned_today(environ: Mapping[str, str]) -> tuple[dt.date | None, list[Problem]]:
    """ACT_TODAY as a date (None when unset), or a problem naming the variable."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return None, []
    try:
        return dt.date.fromisoformat(value), []
    except ValueError:
        message = f"{TODAY_VARIABLE}={value!r} is not a date — write it as YYYY-MM-DD, or unset it"
        return None, [Problem(TODAY_VARIABLE, 1, message)]


def read_settings(
    extra: Mapping[str, Any], environ: Mapping[str, str], config_label: str = "mkdocs.yml", line: int = 1
) -> tuple[Settings, list[Problem]]:
    """Our settings, and a problem for each wrong one (the defaults stand in for it)."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, model in _SECTIONS.items():
        try:
            values[key] = model.model_validate(extra.get(key) or {})
        except ValidationError as exc:
            problems += [
                Problem(
                    config_label,
                    line,
                    f"extra.{key}.{'.'.join(map(str, error['loc']))}: {error['msg']} — "
                    "see the comments in mkdocs.yml",
                )
                for error in exc.errors()
            ]
    today, today_problems = pinned_today(environ)
    from_environ = {"allow_overdue": allow_overdue(environ), "today": today}
    if problems:
        return Settings(**from_environ), problems + today_problems
    return Settings(**values, **from_environ), today_problems


def settings_line(config_text: str) -> int:
    """The line of `related_topics:` in mkdocs.yml, where a wrong setting is reported (1 if absent)."""
    lines = config_text.splitlines()
    return next((n for n, text in enumerate(lines, 1) if text.strip().startswith("related_topics:")), 1)
