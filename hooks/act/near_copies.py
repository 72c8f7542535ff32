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
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping

from act.content_model import NEAR_COPY_RUN_WORDS

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
BOILERPLATE_PAGES = 8
# Slices of the hash range counted one after another (see shared_runs).
PASSES = 8


def runs(text: str, size: int = NEAR_COPY_RUN_WORDS) -> set[int]:
    """Every run of `size` words in the text, hashed (a set: a run counts once a page).

    Python's own hash of a tuple of words: fast, and the same within one build; a build
    only compares runs with each other, so the counts are the same on every run.
    """
    words = WORD_RE.findall(text.lower())
    # zip makes the runs' tuples in C: the same tuples as words[i : i + size], 3x faster.
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))  # shorter tails end it


def run_hashes(text: str, size: int = NEAR_COPY_RUN_WORDS) -> array:
    """A page's runs as a sorted array of their 64-bit hashes (8 bytes a run): what
    `shared_runs_of` compares, made as each page comes (the text can then be let go)."""
    return array("q", sorted(runs(text, size)))


def shared_runs(texts: Mapping[str, str], size: int = NEAR_COPY_RUN_WORDS) -> Counter[tuple[str, str]]:
    """Shared-run counts for every pair of pages (names in sorted order) that shares any."""
    return shared_runs_of({name: run_hashes(text, size) for name, text in texts.items()})


def shared_runs_of(hashed: Mapping[str, array]) -> Counter[tuple[str, str]]:
    """Shared-run counts for every pair of pages, from each page's `run_hashes` (made in
    one process: Python's hash differs between processes).

    The runs are counted in `PASSES` slices of the hash range: one index from run to
    pages for the whole site (8.7 million runs at 10,000 pages) took ~700 MB, one slice's
    an eighth. A run falls in exactly one slice, so the counts are the same.
    """
    names = sorted(hashed)
    pages = [hashed[name] for name in names]
    pairs: Counter[tuple[str, str]] = Counter()
    step = 2**64 // PASSES
    for slice_number in range(PASSES):
        low = -(2**63) + slice_number * step
        high = low + step if slice_number < PASSES - 1 else 2**63
        first: dict[int, int] = {}  # run -> the first page that has it
        more: dict[int, list[int]] = {}  # run -> every page that has it, once a second one does
        for index, hashes in enumerate(pages):
            page = set(hashes[bisect_left(hashes, low) : bisect_left(hashes, high)])
            # Set operations in C (difference() with a dict looks each run up in it); only
            # the runs an earlier page had, usually few, cost a Python step.
            new = page.difference(first)
            for run in page - new:
                more.setdefault(run, [first[run]]).append(index)
            first.update(dict.fromkeys(new, index))
        del first
        for found in more.values():
            if len(found) <= BOILERPLATE_PAGES:
                for i, a in enumerate(found):
                    for b in found[i + 1 :]:
                        pairs[(names[a], names[b])] += 1
    return pairs


def near_copies(hashed: Mapping[str, array], limit: int) -> list[tuple[str, str, int]]:
    """Pairs of pages that share more than `limit` runs, most shared first, then by name."""
    found = [(a, b, n) for (a, b), n in shared_runs_of(hashed).items() if n > limit]
    return sorted(found, key=lambda item: (-item[2], item[0], item[1]))


def message(other: str, count: int, limit: int, size: int = NEAR_COPY_RUN_WORDS) -> str:
    return (
        f"shares {count} {size}-word runs with {other} (more than {limit}) — say what is specific to "
        "each page, and keep shared background on one page that the other links to"
    )
