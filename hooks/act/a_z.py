"""Build the A-Z index of pages: every title, plus every alias as a cross-reference."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from mkdocs.structure.files import Files

from act.content_model import A_Z_TYPES

A_Z_PAGE = "a-z.md"


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


def attach_a_z(files: Files) -> None:
    """Put the A-Z of every listed page into the A-Z page's `page.meta["a_z"]`."""
    a_z_file = files.get_file_from_path(A_Z_PAGE)
    if a_z_file is None or a_z_file.page is None:
        return
    pages = [
        {
            "title": f.page.meta.get("title") or f.page.title,
            "url": f.page.url,
            "description": f.page.meta.get("description", ""),
            "aliases": f.page.meta.get("aliases", []),
        }
        for f in files.documentation_pages()
        if f.page is not None and f.page.meta.get("type") in A_Z_TYPES
    ]
    a_z_file.page.meta["a_z"] = a_to_z(pages)
