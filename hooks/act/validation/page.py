"""Every check for one page, in one call: strings and dicts in, problems out.

The validation hook calls `check_page` once per page with what MkDocs already has
(source text, `page.meta`, converted HTML), then `name_problems` once for the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from act.content_model import EMERGENCY_CONDITIONS
from act.problems import Problem, SourceMap
from act.validation.body import html_findings, locate, placeholder_problems
from act.validation.citations import citation_problems
from act.validation.front_matter import check_front_matter, duplicate_key_problems, read_front_matter
from act.validation.names import PageNames
from act.validation.review_dates import review_problem, reviewed_in_future


@dataclass
class SiteData:
    """What every page is checked against, loaded once per build."""

    vocabulary: dict[str, Any]
    variants: dict[str, list[str]]
    today: dt.date
    allow_overdue: bool
    page_paths: set[str] = field(default_factory=set)  # src_uri of every page, e.g. treatments/x.md
    site_urls: set[str] = field(default_factory=set)  # URL of every built file, e.g. assets/x.png


@dataclass
class PageResult:
    problems: list[Problem]
    names: PageNames | None  # None when the front matter could not be checked


def check_page(
    source: SourceMap, src_uri: str, meta: dict[str, Any], html: str, page_url: str, site: SiteData
) -> PageResult:
    problems = placeholder_problems(source)
    data, found = read_front_matter(source, meta)
    problems += found
    model = None
    if data is not None:
        problems += duplicate_key_problems(source)
        model, found = check_front_matter(source, data, site.vocabulary)
        problems += found
    if model is not None:
        future = reviewed_in_future(model.last_reviewed, site.today)
        if future:
            problems.append(source.problem(source.line_of(("last_reviewed",)), future))
        outcome = review_problem(model.next_review, site.today, site.allow_overdue)
        if outcome:
            problems.append(source.problem(source.line_of(("next_review",)), outcome[1], outcome[0]))  # type: ignore[arg-type]
        problems += _pinned_page_problems(source, src_uri, "related", model.related, site.page_paths)
        problems += _pinned_page_problems(source, src_uri, "not_related", model.not_related, site.page_paths)
    if data is not None:
        problems += citation_problems(source, model)
    data = data or {}
    title = data.get("title") if isinstance(data.get("title"), str) else None
    page_type = data.get("type") if isinstance(data.get("type"), str) else None
    conditions = data.get("conditions") if isinstance(data.get("conditions"), list) else []
    emergency = next((c for c in conditions if c in EMERGENCY_CONDITIONS), None)
    findings = html_findings(
        html,
        title=title,
        page_type=page_type,
        page_url=page_url,
        site_urls=site.site_urls,
        # When MkDocs could not read the front matter it renders the YAML as body text:
        # judging that body's headings would only add noise to the front-matter error.
        check_structure=bool(meta),
        emergency=emergency,
    )
    problems += locate(source, findings)
    names = PageNames(source.path, model.title, list(model.aliases)) if model is not None else None
    return PageResult(problems, names)


def _pinned_page_problems(
    source: SourceMap, src_uri: str, key: str, paths: list[str], page_paths: set[str]
) -> list[Problem]:
    problems = []
    for index, path in enumerate(paths):
        if path == src_uri:
            message = f"{key} lists this page itself ('{path}') — remove it"
        elif path not in page_paths:
            message = (
                f"{key} page '{path}' does not exist — use a page's path from docs/, "
                "e.g. treatments/vertebroplasty.md"
            )
        else:
            continue
        problems.append(source.problem(source.line_of((key, index)), message))
    return problems
