"""Build the A-Z index of pages: every title, plus every alias as a cross-reference."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    see: str | None = None  # for an alias: the title of the page it names
    description: str = ""


def _sort_key(entry: Entry) -> tuple[str, str]:
    return (entry.label.casefold(), entry.url)


def _letter(entry: Entry) -> str:
    first = entry.label[:1].upper()
    return first if first.isalpha() else "#"


def a_to_z(pages: Iterable[dict]) -> list[dict]:
    """`pages`: dicts with title, url, description and aliases.

    Returns `[{"letter": "A", "entries": [Entry, ...]}, ...]`, sorted case-insensitively,
    so a reader who knows only the lay or US name still finds the page.
    """
    entries: list[Entry] = []
    for page in pages:
        entries.append(Entry(page["title"], page["url"], description=page.get("description", "")))
        for alias in page.get("aliases") or []:
            entries.append(Entry(alias[:1].upper() + alias[1:], page["url"], see=page["title"]))
    entries.sort(key=_sort_key)
    return [{"letter": letter, "entries": list(group)} for letter, group in groupby(entries, key=_letter)]
