"""Near-copies between pages: how many ten-word runs two pages' texts share.

Each page should say what is specific to it; shared background belongs on one page that
the others link to. A run is `NEAR_COPY_RUN_WORDS` words in a row, compared in lower case
without punctuation, counted once per page. One inverted index from run to pages, so the
cost grows with the total text, not with the number of page pairs. A run found on more
than `BOILERPLATE_PAGES` pages is a stock phrase, not a copy between two pages, and is
not counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from act.content_model import NEAR_COPY_RUN_WORDS

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
BOILERPLATE_PAGES = 8


def runs(text: str, size: int = NEAR_COPY_RUN_WORDS) -> set[int]:
    """Every run of `size` words in the text, hashed (a set: a run counts once a page).

    Python's own hash of a tuple of words: fast, and the same within one build; a build
    only compares runs with each other, so the counts are the same on every run.
    """
    words = WORD_RE.findall(text.lower())
    # zip makes the runs' tuples in C: the same tuples as words[i : i + size], 3x faster.
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))  # shorter tails end it


def shared_runs(texts: Mapping[str, str], size: int = NEAR_COPY_RUN_WORDS) -> Counter[tuple[str, str]]:
    """Shared-run counts for every pair of pages (names in sorted order) that shares any."""
    names = sorted(texts)
    first: dict[int, int] = {}  # run -> the first page that has it
    more: dict[int, list[int]] = {}  # run -> every page that has it, once a second one does
    for index, name in enumerate(names):
        page = runs(texts[name], size)
        # Set operations in C (difference() with a dict looks each run up in it); only the
        # runs an earlier page had, usually few, cost a Python step.
        new = page.difference(first)
        for run in page - new:
            more.setdefault(run, [first[run]]).append(index)
        first.update(dict.fromkeys(new, index))
    pairs: Counter[tuple[str, str]] = Counter()
    for pages in more.values():
        if len(pages) <= BOILERPLATE_PAGES:
            for i, a in enumerate(pages):
                for b in pages[i + 1 :]:
                    pairs[(names[a], names[b])] += 1
    return pairs


def near_copies(
    texts: Mapping[str, str], limit: int, size: int = NEAR_COPY_RUN_WORDS
) -> list[tuple[str, str, int]]:
    """Pairs of pages that share more than `limit` runs, most shared first, then by name."""
    found = [(a, b, n) for (a, b), n in shared_runs(texts, size).items() if n > limit]
    return sorted(found, key=lambda item: (-item[2], item[0], item[1]))


def message(other: str, count: int, limit: int, size: int = NEAR_COPY_RUN_WORDS) -> str:
    return (
        f"shares {count} {size}-word runs with {other} (more than {limit}) — say what is specific to "
        "each page, and keep shared background on one page that the other links to"
    )
