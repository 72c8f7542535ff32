"""Build the A-Z index of pages: every title, plus every alias as a cross-reference."""

from __future__ import annotations

import re
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


def name_key(name: str) -> str:
    """What makes two names the same entry: case, punctuation and a plural ending ignored
    ("Metastasectomies" ~ "Metastasectomy", "bone metastasis" ~ "Bone metastases")."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    if words:
        last = words[-1]
        if last.endswith(("sis", "ses")) and len(last) > 5:
            last = last[:-3] + "sis"
        elif last.endswith("ies") and len(last) > 4:
            last = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
            last = last[:-1]
        words[-1] = last
    return " ".join(words)


def a_to_z(pages: Iterable[dict]) -> list[dict]:
    """`pages`: dicts with title, url, description and aliases.

    Returns `[{"letter": "A", "entries": [Entry, ...]}, ...]`, sorted case-insensitively,
    so a reader who knows only the lay or US name still finds the page.
    """
    entries: list[Entry] = []
    for page in pages:
        entries.append(Entry(page["title"], page["url"], description=page.get("description", "")))
        # An alias that only repeats the title (or another alias) as a plural, or in other
        # capitals, would sit next to it as a near-duplicate "see" entry: leave it out.
        seen = {name_key(page["title"])}
        for alias in page.get("aliases") or []:
            if name_key(alias) in seen:
                continue
            seen.add(name_key(alias))
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
