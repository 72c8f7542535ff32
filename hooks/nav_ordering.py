"""Order the site navigation for readers: sections in a fixed order, pages by title.

MkDocs orders an automatic navigation by file name, so "Chemotherapy, hormone therapy
and other drug treatment" (systemic-therapy.md) would sit after "Supportive care".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

# Top-level order by where an item lives in docs/; anything unlisted goes last.
TOP_LEVEL_ORDER = ["index.md", "treatments/", "conditions/", "guides/", "a-z.md", "about/"]


def top_level_rank(src_path: str) -> int:
    for rank, prefix in enumerate(TOP_LEVEL_ORDER):
        if src_path == prefix or src_path.startswith(prefix):
            return rank
    return len(TOP_LEVEL_ORDER)


def by_title(items: Sequence[T], title: Callable[[T], str], is_index: Callable[[T], bool]) -> list[T]:
    """A section's own index page first, then every item by title, ignoring case."""
    return sorted(items, key=lambda item: (not is_index(item), title(item).casefold(), title(item)))
