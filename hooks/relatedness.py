"""Rank pages by how related they are, and say why in plain words.

Pure code: `Doc` records in, ranked `Match` lists out; no MkDocs here.

How relatedness is scored (in the spirit of Hugo's related-content indices):

* Metadata: `conditions`, `body_areas` and `cancer_types` are three indices, each
  weighted. Within an index a page is a vector of its tags, each weighted by rarity
  (BM25 idf) and L2-normalised, so a page tagged with everything counts for less per
  tag than a focused one. The index score is the cosine of the two vectors.
* Body text: TF-IDF (sublinear tf, BM25 idf) over stemmed words, title words counted
  extra, the page's strongest `text_terms` words kept; cosine again.
* Links: a page that links to another, or is linked from it, gets a bonus.
* Page types: a factor per (this type, other type) pair, e.g. guides rank below
  treatments and conditions.

The weighted sum is computed with one pass over an inverted index (feature -> pages,
strongest first, capped at `posting_cap`) instead of comparing every pair, so a build
costs O(n * features * cap) plus an O(n log limit) selection: linear in the number of
pages. On a small site nothing is capped and the scores are exact.

Ties are broken by the pages' source paths, so the same sources give the same lists.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

LISTED_TYPES = ("condition", "treatment", "guide")
# Tags that apply to nearly everything on this site: sharing one says nothing.
GENERIC_TAGS = frozenset({"any", "whole-body", "metastatic-cancer"})


@dataclass(slots=True)
class Doc:
    """What the ranking knows about one page."""

    key: str  # source path from docs/, e.g. "treatments/vertebroplasty.md"
    type: str
    conditions: tuple[str, ...] = ()
    body_areas: tuple[str, ...] = ()
    cancer_types: tuple[str, ...] = ()
    terms: Counter[str] = field(default_factory=Counter)  # body words (see related_text.terms)
    title_terms: Counter[str] = field(default_factory=Counter)
    links: frozenset[str] = frozenset()  # keys of the pages its body links to
    pinned: tuple[str, ...] = ()  # front matter `related`
    excluded: frozenset[str] = frozenset()  # front matter `not_related`
    listable: bool = True  # may appear in other pages' lists (in nav, not excluded)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence counts. Tuned on the real site (see tests)."""

    conditions: float = 3.0
    body_areas: float = 1.2
    cancer_types: float = 0.5
    text: float = 2.0
    link_out: float = 0.6  # this page links to the other
    link_in: float = 0.4  # the other page links to this one
    title_boost: int = 3  # a title word counts as this many body words
    text_terms: int = 30  # strongest words kept per page
    posting_cap: int = 40  # pages kept per feature in the inverted index
    min_score: float = 0.3  # below this a page is not worth listing (pins always are)
    type_factor: Mapping[tuple[str, str], float] = field(
        default_factory=lambda: {
            ("treatment", "guide"): 0.45,
            ("condition", "guide"): 0.45,
            ("condition", "condition"): 0.85,
            ("guide", "guide"): 0.8,
        }
    )


@dataclass(frozen=True, slots=True)
class Match:
    key: str
    score: float
    pinned: bool = False


def _idf(df: int, n: int) -> float:
    """BM25's idf: near 0 for a word on every page, high for a rare one."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _normalised(pairs: Iterable[tuple[str, float]], scale: float) -> list[tuple[str, float]]:
    pairs = [(f, w) for f, w in pairs if w > 0]
    norm = math.sqrt(sum(w * w for _, w in pairs))
    if not norm:
        return []
    return [(f, w * scale / norm) for f, w in pairs]


class RelatedIndex:
    """An inverted index over one build's pages; ask it for each page's related pages."""

    def __init__(self, docs: Sequence[Doc], weights: Weights | None = None) -> None:
        self.weights = w = weights or Weights()
        self.docs = sorted(docs, key=lambda d: d.key)
        self.position = {d.key: i for i, d in enumerate(self.docs)}
        n = len(self.docs)

        tag_df: Counter[str] = Counter()
        term_df: Counter[str] = Counter()
        for d in self.docs:
            tag_df.update(self._tags(d))
            term_df.update(d.terms.keys() | d.title_terms.keys())
        self.tag_idf = {t: _idf(c, n) for t, c in tag_df.items()}

        # One sparse vector per page: feature -> weight, the index weights folded in as
        # square roots so that the dot product of two vectors is the weighted sum of
        # the per-index cosines.
        self.vectors: list[list[tuple[str, float]]] = []
        postings: dict[str, list[tuple[float, int]]] = {}
        for i, d in enumerate(self.docs):
            vector: list[tuple[str, float]] = []
            for prefix, tags, weight in self._tag_fields(d):
                specific = (prefix + t for t in tags if t not in GENERIC_TAGS)
                vector += _normalised(((f, self.tag_idf[f]) for f in specific), math.sqrt(weight))
            words = d.terms + Counter({t: c * w.title_boost for t, c in d.title_terms.items()})
            scored = ((t, (1.0 + math.log(c)) * _idf(term_df[t], n)) for t, c in words.items())
            strongest = heapq.nlargest(w.text_terms, scored, key=lambda tw: (tw[1], tw[0]))
            vector += _normalised(strongest, math.sqrt(w.text))
            self.vectors.append(vector)
            if d.listable:
                for f, fw in vector:
                    postings.setdefault(f, []).append((fw, i))
            d.terms = d.title_terms = Counter()  # no longer needed: free the memory

        cap = w.posting_cap
        self.postings = {
            f: [(i, fw) for fw, i in heapq.nsmallest(cap, plist, key=lambda p: (-p[0], p[1]))]
            if len(plist) > cap
            else [(i, fw) for fw, i in plist]
            for f, plist in postings.items()
        }

        # condition slug -> positions of the listable treatment pages that treat it
        self.treatments_by_condition: dict[str, list[int]] = {}
        for i, d in enumerate(self.docs):
            if d.type == "treatment" and d.listable:
                for c in d.conditions:
                    self.treatments_by_condition.setdefault(c, []).append(i)

        self.linked_from: list[set[int]] = [set() for _ in range(n)]
        self.links_to: list[set[int]] = []
        for i, d in enumerate(self.docs):
            targets = {self.position[k] for k in d.links if k in self.position} - {i}
            self.links_to.append(targets)
            for j in targets:
                self.linked_from[j].add(i)

    def _tags(self, d: Doc) -> list[str]:
        return [p + t for p, tags, _ in self._tag_fields(d) for t in tags]

    def _tag_fields(self, d: Doc) -> list[tuple[str, tuple[str, ...], float]]:
        w = self.weights
        return [
            ("c:", d.conditions, w.conditions),
            ("b:", d.body_areas, w.body_areas),
            ("k:", d.cancer_types, w.cancer_types),
        ]

    def scores(self, key: str) -> dict[int, float]:
        """Relatedness of every candidate page to `key`'s page, by position."""
        i = self.position[key]
        acc: dict[int, float] = {}
        get = acc.get
        postings = self.postings
        for f, fw in self.vectors[i]:
            for j, jw in postings.get(f, ()):
                acc[j] = get(j, 0.0) + fw * jw
        w = self.weights
        for j in self.links_to[i]:
            acc[j] = get(j, 0.0) + w.link_out
        for j in self.linked_from[i]:
            acc[j] = get(j, 0.0) + w.link_in
        acc.pop(i, None)
        docs = self.docs
        this_type = docs[i].type
        factors = w.type_factor
        for j in acc:
            factor = factors.get((this_type, docs[j].type))
            if factor is not None:
                acc[j] *= factor
        return acc

    def related(self, key: str, limit: int) -> list[Match]:
        """Up to `limit` pages for `key`'s page: its pins first, then the best scored."""
        i = self.position[key]
        d = self.docs[i]
        docs = self.docs
        acc = self.scores(key)
        blocked = {self.position[k] for k in d.excluded if k in self.position} | {i}
        out: list[Match] = []
        for k in d.pinned:
            j = self.position.get(k)
            if j is None or j in blocked or not docs[j].listable or docs[j].type not in LISTED_TYPES:
                continue  # a missing or hidden pin is the validation hook's to report
            out.append(Match(k, round(acc.get(j, 0.0), 6), pinned=True))
            blocked.add(j)
            if len(out) == limit:
                return out
        candidates = (
            (round(s, 6), -j)
            for j, s in acc.items()
            if s >= self.weights.min_score and j not in blocked and docs[j].listable
        )
        for s, neg_j in heapq.nlargest(limit - len(out), candidates):
            out.append(Match(docs[-neg_j].key, s))
        return out

    def treatments_for(self, key: str, limit: int) -> list[Match]:
        """Treatment pages whose `conditions` include this condition page's condition."""
        i = self.position[key]
        d = self.docs[i]
        wanted = set(primary_conditions(d))
        if not wanted:
            return []
        blocked = {self.position[k] for k in d.excluded if k in self.position}
        acc = self.scores(key)
        treating = set().union(*(self.treatments_by_condition.get(c, ()) for c in wanted))
        candidates = ((round(acc.get(j, 0.0), 6), -j) for j in treating if j not in blocked)
        return [Match(self.docs[-neg_j].key, s) for s, neg_j in heapq.nlargest(limit, candidates)]

    def doc(self, key: str) -> Doc:
        return self.docs[self.position[key]]

    def links(self, a: str, b: str) -> tuple[bool, bool]:
        """(a links to b, b links to a)."""
        i, j = self.position[a], self.position[b]
        return j in self.links_to[i], i in self.links_to[j]

    def text_similarity(self, a: str, b: str) -> float:
        """The text part of the score, unweighted cosine in 0..1."""
        va = {f: w for f, w in self.vectors[self.position[a]] if ":" not in f}
        vb = self.vectors[self.position[b]]
        return sum(w * va.get(f, 0.0) for f, w in vb if ":" not in f) / self.weights.text


def primary_conditions(d: Doc) -> tuple[str, ...]:
    """The condition(s) a condition page is about.

    The page named after a vocabulary condition (conditions/spinal-metastases.md) is
    about that one, even if it also tags neighbours (bone metastases, pain); otherwise
    the first condition it lists (stage-4-mesothelioma.md -> mesothelioma).
    """
    if d.type != "condition" or not d.conditions:
        return ()
    stem = d.key.rsplit("/", 1)[-1].removesuffix(".md")
    if stem in d.conditions:
        return (stem,)
    return d.conditions[:1]
