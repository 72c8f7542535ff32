"""Turn a page's converted HTML into evidence for Related topics: its words and its links.

Plain functions, strings in and data out, so the ranking can be tested without MkDocs.
Speed matters (every page of a 10,000-page site passes through here once per build), so
the work is done by a few C-level regular expressions and a Counter, not an HTML parser.
"""

from __future__ import annotations

import posixpath
import re
from array import array
from collections import Counter
from itertools import repeat
from operator import itemgetter
from urllib.parse import unquote, urlsplit

from act.html_text import strip_tags  # noqa: F401 (part of this module's interface)

_WORD = re.compile(r"[a-z][a-z]{2,}")
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')

# Common English words, and words every page of this site uses, carry no topic.
STOPWORDS = frozenset(
    """
    about above after again against all also although always among and another any are
    around because been before being below between both but can cannot could did does
    doing done down during each either else enough even ever every few for from further
    get gets getting give given goes going got had has have having her here hers herself
    him himself his how however into its itself just least less like made make makes
    many may maybe might more most much must near need needs never not now off often
    once one only onto other others our ours out over own per perhaps put quite rather
    really said same see seen several shall she should since some something sometimes
    still such than that the their theirs them themselves then there these they thing
    things this those though through thus too under until upon usually very was way ways
    well were what whatever when where whether which while who whom whose why will with
    within without would yet you your yours yourself yourselves able also ask asked
    asking back called come comes day days first good help helps keep know last long
    look lot lots new next part parts people person read say takes take taking tell try
    use used uses using want week weeks year years time times page pages site link links
    information means mean usually
    amp nbsp quot apos
    """.split()  # noqa: SIM905
)


def _stem(word: str) -> str:
    """A light plural stemmer: 'stents' -> 'stent', 'therapies' -> 'therapy'.

    Deliberately tiny: medical words are long and specific, and over-stemming
    ('metastases' -> 'metastas') would only blur them.
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is", "ases")):
        return word[:-1]
    return word


class StemCache(dict):
    """word -> stem ('' for a stop word), filled on first sight of each word.

    One per build, shared by its pages: looking a word up is then a C-level dict hit,
    so counting a page's words never runs Python code per word. Keys are the words as
    `terms` finds them: str, or ASCII bytes from its fast path, where a word of one or
    two letters (which the regex never returns) is also a stop word.
    """

    def __missing__(self, word: str | bytes) -> str:
        text = word.decode("ascii") if isinstance(word, bytes) else word
        stem = self[word] = "" if len(text) < 3 or text in STOPWORDS else _stem(text)
        return stem


# The words of a text, found without a regex: every byte of its UTF-8 form that is not an
# ASCII letter (including each byte of every non-ASCII character) becomes a space and
# A-Z become a-z; what `bytes.split` then returns are exactly the maximal runs of ASCII
# letters of `text.lower()`, which is what `_WORD.findall` takes when they are 3 or more
# letters long. Exactly two characters lower-case to ASCII letters ("İ" -> "i̇" and the
# Kelvin sign -> "k"; checked over every code point in tests/unit/test_related_text_equivalence.py):
# a text holding either takes the regex path.
_LETTERS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_LOWER_TO_ASCII = ("\u0130", "\u212a")


def _words(text: str) -> list[str] | list[bytes]:
    """The runs of letters `terms` counts (as bytes on the fast path; runs shorter
    than 3 letters included there, the StemCache drops them)."""
    if not text.isascii() and any(c in text for c in _LOWER_TO_ASCII):
        return _WORD.findall(text.lower())
    # surrogatepass: a lone surrogate (never in a page read as UTF-8) still splits words.
    return text.encode("utf-8", "surrogatepass").translate(_LETTERS).split()


def terms(text: str, stems: StemCache | None = None) -> Counter[str]:
    """Counts of the topic words in plain text: lower-cased, stop words dropped, stemmed."""
    lookup = (stems if stems is not None else StemCache()).__getitem__
    counts = Counter(map(lookup, _words(text)))
    counts.pop("", None)  # the stop words
    return counts


class WordCounts:
    """A page's word counts, compact: a tuple of words (each shared with every other
    page through the StemCache) and an array of counts, about a tenth of a Counter's
    memory. Holds them between reading all pages and ranking them."""

    __slots__ = ("words", "counts")

    def __init__(self, counts: Counter[str], keep: int | None = None) -> None:
        if keep is not None and len(counts) > keep:
            # counts.most_common(keep), sorted in C: most_common is heapq.nlargest, which
            # is sorted(..., reverse=True)[:keep], ties in insertion order in both (a
            # stable sort stays stable reversed); tests/unit/test_related_text_equivalence.py.
            pairs = sorted(counts.items(), key=itemgetter(1), reverse=True)[:keep]
            words, values = tuple(map(itemgetter(0), pairs)), map(itemgetter(1), pairs)
        else:
            words, values = tuple(counts), counts.values()
        self.words = words
        self.counts = array("H", map(min, values, repeat(65535)))

    def items(self):
        return zip(self.words, self.counts, strict=True)

    def __len__(self) -> int:
        return len(self.words)


def normalise_url(url: str) -> str:
    """One spelling for a site-relative page URL, whatever `use_directory_urls` says.

    'treatments/x/', 'treatments/x/index.html' and 'treatments/x.html' all become
    'treatments/x'; the home page becomes ''.
    """
    path = posixpath.normpath(url) if url else ""
    if path == ".":
        path = ""
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    return path.strip("/")


def linked_urls(html: str, page_url: str) -> set[str]:
    """Site-relative, normalised URLs of the pages this HTML links to.

    `page_url` is the linking page's own URL (MkDocs' `page.url`), which the relative
    links in its converted HTML are relative to. External links, in-page anchors and
    links leaving the site are dropped.
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    found: set[str] = set()
    for href in _HREF.findall(html):
        if not href or href.startswith(("#", "mailto:", "tel:", "/")) or "://" in href:
            continue
        path = unquote(urlsplit(href).path)
        if not path:
            continue
        joined = posixpath.normpath(posixpath.join(base, path))
        if joined.startswith(".."):
            continue
        found.add(normalise_url(joined))
    return found
