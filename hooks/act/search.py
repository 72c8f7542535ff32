"""Other names for pages in Material's search index: front-matter aliases, US spellings
and the page description.

Material for MkDocs' search worker builds its lunr index with one lunr field for every
key in the index's `config.fields`, but its result list renders only `title`, `text`
and `tags`. So extra words put in extra fields are found by search and never shown:

- `aliases` (boosted like `title`): the page's front-matter aliases on the page's own
  entry, and the US forms of UK words in any entry's title.
- `variants` (boosted like `text`): the US forms of UK words in any entry's text, once
  per occurrence, so "tumor" ranks a page exactly as "tumour" does.

Why not rely on lunr: Material's English pipeline is only a stop-word filter (no
stemmer), and every query term becomes a prefix query ("tumor" -> `tumor*`), which can
never match "tumour". `tags` is not used: it is boosted a million-fold and shown as
chips in every result.

- `phrases` (boosted like `title`): what readers type for the page in everyday words or
  as a symptom ("back pain and weak legs"), from `docs/_data/search-phrases.yml`. A
  phrase's first page is the one to read first (an emergency), so it gets the phrase
  twice and ranks above the others for it.

The page entry's text also starts with the front-matter description, so the teaser
under a page's title in the results says what the page covers.

Every entry of the home page gets a tiny document boost: it lists every page, so it
matches nearly any query, but it should rank only when nothing else matches.

Typo tolerance: `search/did-you-mean.js` holds the site's own vocabulary (words of
titles, aliases, phrases, glossary terms and both spellings of every variant), as a
script so that it loads from file:// too (Material keeps only its own keys in the
index's config). The search worker wrapper (docs/assets/javascripts/search-worker.js)
loads it and replaces a query word that matches nothing in the index by the closest of
these words. The same script lists every word of the index (`indexed_words`), made
here once instead of by every reader's browser each time search starts (on a slow
phone that took longer than a search).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from act.data_files import SearchPhrase
from act.html_text import TAG
from act.problems import Problem

ALIASES_FIELD = "aliases"
VARIANTS_FIELD = "variants"
PHRASES_FIELD = "phrases"
DID_YOU_MEAN_URI = "search/did-you-mean.js"
# The home page's document boost: far below any page that matches a query word in its text.
HOME_BOOST = 0.01
# Words shorter than this are never corrected (nor offered as corrections).
MIN_WORD = 4

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
# A word of the index as the search worker wrapper splits text: letters and digits.
_INDEXED_WORD = re.compile(r"[^\W_]+")
_TAGS = re.compile(r"<[^>]*>")
# Entry keys that hold no words the reader can search for.
_NOT_TEXT = frozenset({"location", "boost"})


@dataclass(frozen=True)
class PageTerms:
    """What a page adds to its own entry in the search index."""

    description: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)
    phrases: tuple[str, ...] = field(default_factory=tuple)


def plain_text(markup: str) -> str:
    """Text of an index field: tags removed, entities decoded."""
    return html.unescape(TAG.sub(" ", markup))


def other_spellings(text: str, variants: Mapping[str, Iterable[str]]) -> list[str]:
    """Other spellings of every word in `text` that has some, once per occurrence.

    A word matches the longest UK form it starts with, so inflections follow the stem:
    "tumours" gives "tumors" as well as the listed forms.
    """
    return _Spellings(variants).in_text(text)


# Texts this long or shorter are looked through once per index (`_Spellings.in_text`).
_REPEATED = 200


class _Spellings:
    """`other_spellings` for many texts: made once per index, it looks each distinct word
    up once (words repeat across thousands of entries) and tries only the stem lengths
    that exist, instead of every UK form for every word."""

    def __init__(self, variants: Mapping[str, Iterable[str]]) -> None:
        self._variants = {uk: tuple(others) for uk, others in variants.items()}
        # Longest first: a word matches the longest UK form it starts with.
        self._lengths = sorted({len(uk) for uk in self._variants}, reverse=True)
        self._forms: dict[str, tuple[str, ...]] = {}
        self._short: dict[str, list[str]] = {}
        # Only the words that start with a UK form can have other spellings: each form is
        # looked for with `str.find` (C speed; a regex scan of every text's words cost more
        # than the rest of the index), and a word counts where a form starts it (the
        # character before is no letter), as _WORD splits words. A form that is not all
        # letters starts no word, so it is left out, as the lookup never matches it either.
        self._stems = [uk for uk in self._variants if _WORD.fullmatch(uk)]
        self._every_word = "" in self._variants  # an empty form would start every word

    def in_text(self, text: str) -> list[str]:
        if len(text) > _REPEATED:
            return self._in_text(text)
        # Short texts repeat (section titles such as "Key points"): looked through once
        # per index, by the exact text.
        found = self._short.get(text)
        if found is None:
            found = self._short[text] = self._in_text(text)
        return list(found)

    def _in_text(self, text: str) -> list[str]:
        found: list[str] = []
        forms_of = self._forms
        for word in self._words(plain_text(text).lower()):
            forms = forms_of.get(word)
            if forms is None:
                forms = forms_of[word] = self._look_up(word)
            if forms:
                found.extend(forms)
        return found

    def _words(self, text: str) -> list[str]:
        """The words of `text` that start with a UK form, in order (each occurrence)."""
        if self._every_word:
            return _WORD.findall(text)
        starts: dict[int, str] = {}
        for stem in self._stems:
            at = text.find(stem)
            while at >= 0:
                if at not in starts and (at == 0 or not _LETTER.match(text, at - 1)):
                    starts[at] = _WORD.match(text, at)[0]  # type: ignore[index]
                at = text.find(stem, at + 1)
        return [starts[at] for at in sorted(starts)]

    def _look_up(self, word: str) -> tuple[str, ...]:
        stem = next(
            (word[:n] for n in self._lengths if n <= len(word) and word[:n] in self._variants),
            None,
        )
        if stem is None:
            return ()
        suffix = word[len(stem) :]
        others = self._variants[stem]
        # "tumors" + "s" is no word: inflect only the forms that do not already end so.
        inflected = tuple(o + suffix for o in others if suffix and not o.endswith(suffix))
        return tuple(f for f in dict.fromkeys(others + inflected) if f != word)


def phrases_by_page(phrases: Iterable[SearchPhrase]) -> dict[str, list[str]]:
    """Page source path -> the phrases it answers; a phrase's first page gets it twice."""
    found: dict[str, list[str]] = {}
    for phrase in phrases:
        for n, page in enumerate(phrase.pages):
            found.setdefault(page, []).extend([phrase.phrase] * (2 if n == 0 else 1))
    return found


def unknown_phrase_pages(phrases: Iterable[SearchPhrase], pages: Iterable[str], label: str) -> list[Problem]:
    """A problem for every page a phrase names that the site does not have."""
    known = set(pages)
    return [
        Problem(
            label,
            phrase.line,
            f"{phrase.phrase!r} names {page}, which is not a page — write a path under docs/, "
            "such as treatments/vertebroplasty.md",
        )
        for phrase in phrases
        for page in phrase.pages
        if page not in known
    ]


def vocabulary_words(*texts: str) -> list[str]:
    """The distinct words of `texts`, lower case, letters only, long enough to correct to."""
    words = {w for text in texts for w in _WORD.findall(plain_text(text).lower()) if len(w) >= MIN_WORD}
    return sorted(words)


def search_fields(fields: Mapping[str, Mapping]) -> dict[str, dict]:
    """Material's lunr fields with this module's three, boosted like `title` and `text`."""
    return {
        **fields,
        ALIASES_FIELD: {"boost": fields.get("title", {}).get("boost", 1e3)},
        VARIANTS_FIELD: {"boost": fields.get("text", {}).get("boost", 1.0)},
        PHRASES_FIELD: {"boost": fields.get("title", {}).get("boost", 1e3)},
    }


class Augmenter:
    """What `augment_index` adds to each entry, entry by entry (so a build can hand over
    its entries page by page, as Material makes them), and the vocabulary gathered on the
    way. `additions` never changes the entry it is given."""

    def __init__(self, variants: Mapping[str, Iterable[str]], glossary: Iterable[str] = ()) -> None:
        self.spellings = _Spellings(variants)
        self.vocabulary: list[str] = [*glossary]
        for uk, others in variants.items():
            self.vocabulary += [uk, *others]

    def additions(self, entry: Mapping, pages: Mapping[str, PageTerms], home: str | None) -> dict:
        """The fields to set on `entry` (new ones, and `text` and `boost` when they change).

        `pages` maps a page URL (an entry's location up to `#`) to what that page adds;
        `home` is the home page's URL."""
        spellings, vocabulary = self.spellings, self.vocabulary
        added: dict = {}
        location = entry["location"]
        if home is not None and location.split("#")[0] == home:
            added["boost"] = HOME_BOOST
        # Only the page's own entry (no `#section`) carries its description and aliases.
        terms = pages.get(location) if "#" not in location else None
        vocabulary.append(entry.get("title", ""))
        if terms and terms.phrases:
            said = list(terms.phrases)
            said += spellings.in_text(" ".join(said))
            added[PHRASES_FIELD] = html.escape(", ".join(said), quote=False)
            vocabulary += terms.phrases
        text = entry.get("text", "")
        if terms and terms.description:
            teaser = f"<p>{html.escape(terms.description, quote=False)}</p>"
            text = added["text"] = f"{teaser} {entry['text']}" if entry.get("text") else teaser
        names = list(terms.aliases) if terms else []
        if names:
            names += spellings.in_text(" ".join(names))
        names += spellings.in_text(entry.get("title", ""))
        if names:
            added[ALIASES_FIELD] = html.escape(", ".join(names), quote=False)
            vocabulary += names
        text_forms = spellings.in_text(text)
        if text_forms:
            added[VARIANTS_FIELD] = " ".join(text_forms)
        return added

    def did_you_mean(self) -> list[str]:
        return vocabulary_words(*self.vocabulary)


def augment_index(
    index: dict,
    pages: Mapping[str, PageTerms],
    variants: Mapping[str, Iterable[str]],
    *,
    home: str | None = None,
    glossary: Iterable[str] = (),
) -> dict:
    """Return Material's search index (parsed `search_index.json`) with the extra fields.

    `pages` maps a page URL (an entry's location up to `#`) to what that page adds;
    `home` is the home page's URL; `glossary` the glossary's terms.
    """
    augmenter = Augmenter(variants, glossary)
    index["config"]["fields"] = search_fields(index["config"]["fields"])
    for entry in index["docs"]:
        entry.update(augmenter.additions(entry, pages, home))
    index[DID_YOU_MEAN] = augmenter.did_you_mean()
    index[INDEXED_WORDS] = indexed_words(index["docs"])
    return index


# Where augment_index leaves the vocabulary and the index's words (what
# act/search_work.py writes, page by page, to DID_YOU_MEAN_URI).
DID_YOU_MEAN = "did_you_mean"
INDEXED_WORDS = "indexed_words"


def indexed_words(entries: Iterable[Mapping]) -> list[str]:
    """Every distinct word of the entries' searchable fields, lower case, sorted: what the
    search worker wrapper asks whether a query word starts (tags dropped, text split at
    anything but a letter or digit, as the wrapper splits a query)."""
    words = IndexedWords()
    words.add(entries)
    return words.words()


class IndexedWords:
    """`indexed_words`, entries added a few at a time."""

    def __init__(self) -> None:
        # A word never holds white space (no letter or digit), so the words are those of
        # the distinct white-space-separated chunks: split in C, deduplicated by a set (a
        # few thousand chunks for millions of words), then searched for words once.
        # Values that repeat (section titles, lists of US spellings) are split once.
        self.chunks: set[str] = set()
        self.seen: set[str] = set()

    def add(self, entries: Iterable[Mapping]) -> None:
        chunks, seen = self.chunks, self.seen
        for entry in entries:
            for key, value in entry.items():
                if key in _NOT_TEXT:
                    continue
                text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
                if text not in seen:
                    seen.add(text)
                    chunks.update(_TAGS.sub(" ", text).lower().split())

    def words(self) -> list[str]:
        return sorted(set(_INDEXED_WORD.findall(" ".join(self.chunks))))


def did_you_mean_script(words: list[str], indexed: list[str]) -> str:
    """The vocabulary and the index's words as the script the search worker wrapper loads."""

    def as_js(value: list[str]) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    return f"self.didYouMean = {as_js(words)};\nself.indexedWords = {as_js(indexed)};\n"


class SearchTerms:
    """One build's pages' descriptions, aliases and phrases, by page URL (`per_build` state)."""

    def __init__(self, config) -> None:
        self.pages: dict[str, PageTerms] = {}
        self.home: str | None = None
        self._phrases: dict[str, list[str]] | None = None

    def phrases_of(self, phrases: Iterable[SearchPhrase], src_uri: str) -> list[str]:
        """The phrases that page answers (`phrases_by_page`, worked out once a build)."""
        if self._phrases is None:
            self._phrases = phrases_by_page(phrases)
        return self._phrases.get(src_uri, [])

    def add(self, url: str, meta: Mapping, phrases: Iterable[str] = (), *, is_home: bool = False) -> None:
        aliases = meta.get("aliases") or []
        self.pages[url] = PageTerms(
            description=str(meta.get("description") or ""),
            aliases=tuple(str(a) for a in aliases),
            phrases=tuple(phrases),
        )
        if is_home:
            self.home = url
