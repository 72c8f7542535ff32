"""The home page's browse cards: by condition, by part of the body, by kind of treatment.

Data in, data out: page records (path, url, title, front matter) and the groupings in
`docs/_data/home.yml` become card lists for overrides/home.html. Every page is named by
its title, as everywhere else on the site.
"""

from __future__ import annotations

import pathlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from act.problems import Problem

HOME_DATA = "_data/home.yml"
OTHER_TREATMENTS = "Other treatments"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class Card:
    name: str
    links: tuple[Link, ...]
    more: tuple[Link, ...] = ()  # a body-part card's treatments, after its conditions


@dataclass(frozen=True)
class PageRecord:
    key: str  # source path, e.g. treatments/vertebroplasty.md
    url: str
    title: str
    meta: Mapping[str, Any]


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1


def load_home_data(docs_dir: pathlib.Path, docs_label: str) -> tuple[dict, list[Problem]]:
    """Read home.yml; a missing or malformed file is a problem, never a traceback."""
    path = f"{docs_label}/{HOME_DATA}"
    try:
        text = (docs_dir / HOME_DATA).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except FileNotFoundError:
        return {}, [Problem(path, 1, "file is missing — restore it (git checkout -- it)")]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return {}, [
            Problem(path, line, f"cannot be read ({type(exc).__name__}) — check the indentation and colons")
        ]
    problems = []
    if not isinstance(data, dict):
        return {}, [Problem(path, 1, "not a mapping — write `body_parts:` and `treatment_kinds:` lists")]
    for section, field in (("body_parts", "areas"), ("treatment_kinds", "pages")):
        items = data.get(section)
        ok = isinstance(items, list) and all(
            isinstance(i, dict)
            and isinstance(i.get("name"), str)
            and isinstance(i.get(field), list)
            and all(isinstance(v, str) for v in i[field])
            for i in items
        )
        if not ok:
            message = f"`{section}` must be a list of `- name: ...` items, each with a `{field}:` list"
            problems.append(Problem(path, _line_of(text, f"{section}:"), message))
            data[section] = []
    data["_text"] = text
    return data, problems


def home_cards(
    pages: Sequence[PageRecord],
    data: Mapping[str, Any],
    vocabulary: Mapping[str, Mapping[str, str]],
    label: str,
) -> tuple[dict[str, list[Card]], list[Problem]]:
    """The three browse sections and every problem in home.yml (unknown area or page)."""
    text = data.get("_text", "")
    path = f"{label}/{HOME_DATA}"
    problems: list[Problem] = []
    by_key = {p.key: p for p in pages}

    def link(page: PageRecord) -> Link:
        return Link(page.title, page.url, str(page.meta.get("description") or ""))

    def of_type(kind: str) -> list[PageRecord]:
        return sorted((p for p in pages if p.meta.get("type") == kind), key=lambda p: p.title.casefold())

    conditions, treatments = of_type("condition"), of_type("treatment")
    known_areas = set((vocabulary.get("body_areas") or {}).keys())
    parts = data.get("body_parts") or []
    # Each page with its body areas as a set, made once rather than once per body part.
    conditions_in = [(p, set(p.meta.get("body_areas") or [])) for p in conditions] if parts else []
    treatments_in = [(p, set(p.meta.get("body_areas") or [])) for p in treatments] if parts else []

    body: list[Card] = []
    for part in parts:
        areas = set(part["areas"])
        for area in sorted(areas - known_areas):
            message = f"body area `{area}` is not in vocabulary.yml — use one of its body_areas slugs"
            problems.append(Problem(path, _line_of(text, area), message))

        found = tuple(link(p) for p, in_areas in conditions_in if areas & in_areas)
        more = tuple(link(p) for p, in_areas in treatments_in if areas & in_areas)
        if found or more:
            body.append(Card(part["name"], found, more))

    kinds: list[Card] = []
    placed: set[str] = set()
    for kind in data.get("treatment_kinds") or []:
        links = []
        for key in kind["pages"]:
            page = by_key.get(key)
            if page is None or page.meta.get("type") != "treatment":
                message = f"`{key}` is not a treatment page — write the path of a page under treatments/"
                problems.append(Problem(path, _line_of(text, key), message))
                continue
            placed.add(key)
            links.append(link(page))
        if links:
            kinds.append(Card(kind["name"], tuple(links)))
    rest = tuple(link(p) for p in treatments if p.key not in placed)
    if rest:
        kinds.append(Card(OTHER_TREATMENTS, rest))

    sections = {
        "conditions": [Card("Conditions", tuple(link(p) for p in conditions))],
        "body_parts": body,
        "treatment_kinds": kinds,
    }
    return sections, problems
