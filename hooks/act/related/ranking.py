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
costs O(n * features * cap) plus an O(n log limit) selection, and one sort per condition
for "Treatments for this condition": O(n log n) at worst. On a site of up to
`exact_below` pages every word of every page takes part; only the postings of features
on more than `posting_cap` pages are trimmed (common words, which weigh little).

Ties are broken by the pages' source paths, so the same sources give the same lists.
"""

from __future__ import annotations

import heapq
import math
import operator
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter

from act.content_model import LISTED_TYPES

_NO_WORDS: Counter[str] = Counter()  # what a Doc holds once the index has read its words
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
    # body words and how often each occurs: a Counter (see act.related.text.terms) or
    # anything else with .items(), e.g. the compact act.related.text.WordCounts
    terms: Counter[str] = field(default_factory=Counter)
    title_terms: Counter[str] = field(default_factory=Counter)
    links: frozenset[str] = frozenset()  # keys of the pages its body links to
    pinned: tuple[str, ...] = ()  # front matter `related`
    excluded: frozenset[str] = frozenset()  # front matter `not_related`
    listable: bool = True  # may appear in other pages' lists (in nav, not excluded)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence counts. Tuned on the real site (see tests)."""

    conditions: float = 3.0
    body_areas: float = 0.8
    cancer_types: float = 0.5
    text: float = 3.0
    link_out: float = 0.6  # this page links to the other
    link_in: float = 0.4  # the other page links to this one
    title_boost: int = 3  # a title word counts as this many body words
    text_terms: int = 24  # strongest words kept per page
    query_terms: int = 12  # of which the strongest few find candidates on a big site
    exact_below: int = 500  # sites up to this many pages use every word
    posting_cap: int = 20  # pages kept per feature in the inverted index
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
    """An inverted index over one build's pages; ask it for each page's related pages.

    Memory matters on a 10,000-page site, so per page it keeps one compact vector
    (feature names shared with the other pages, weights in an array), and the postings
    are parallel tuples of shared objects.
    """

    def __init__(
        self, docs: Sequence[Doc], weights: Weights | None = None, term_df: Mapping[str, int] | None = None
    ) -> None:
        """`term_df`: on how many pages each word occurs, if `docs` carry only each
        page's most frequent words (the hook counts it before pruning them)."""
        self.weights = w = weights or Weights()
        self.docs = sorted(docs, key=lambda d: d.key)
        self.position = {d.key: i for i, d in enumerate(self.docs)}
        n = len(self.docs)

        tag_df: Counter[str] = Counter()
        for d in self.docs:
            tag_df.update(self._tags(d))
        if term_df is None:
            term_df = Counter()
            for d in self.docs:
                term_df.update(d.terms.keys() | d.title_terms.keys())
        self.tag_idf = {t: _idf(c, n) for t, c in tag_df.items()}
        term_idf = {t: _idf(c, n) for t, c in term_df.items()}
        log_tf = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]  # sublinear tf, capped

        # One sparse vector per page: feature -> weight, the index weights folded in as
        # square roots so that the dot product of two vectors is the weighted sum of
        # the per-index cosines. Built with map/zip so no Python code runs per word.
        self.features: list[tuple[str, ...]] = []
        self.values: list[array[float]] = []
        self.query_sizes: list[int] = []
        post_ids: dict[str, list[int]] = {}
        post_values: dict[str, list[float]] = {}
        for i, d in enumerate(self.docs):
            vector: list[tuple[str, float]] = []
            for prefix, tags, weight in self._tag_fields(d):
                specific = (prefix + t for t in tags if t not in GENERIC_TAGS)
                vector += _normalised(((f, self.tag_idf[f]) for f in specific), math.sqrt(weight))
            n_tags = len(vector)
            words = dict(d.terms.items())  # this page's only, for a moment
            for t, c in d.title_terms.items():  # title words count extra
                words[t] = words.get(t, 0) + c * w.title_boost
            keys = list(words)
            tfs = map(log_tf.__getitem__, map(min, words.values(), repeat(63)))
            weighted = zip(map(operator.mul, tfs, map(term_idf.__getitem__, keys)), keys, strict=True)
            # heapq.nlargest(w.text_terms, weighted), sorted in C: the pairs are
            # distinct (one per word), so both give the same list.
            strongest = sorted(weighted, reverse=True)[: w.text_terms]
            vector += _normalised(((t, tw) for tw, t in strongest), math.sqrt(w.text))
            features = tuple(map(itemgetter(0), vector))
            values = array("d", map(itemgetter(1), vector))
            self.features.append(features)
            self.values.append(values)
            # On a big site candidates come from the tags and the strongest few words
            # only (the rest of the text adds little and costs a lot); a small site
            # is scored exactly.
            self.query_sizes.append(n_tags + w.query_terms if n > w.exact_below else len(features))
            if d.listable:
                for f, v in vector:
                    post_ids.setdefault(f, []).append(i)
                    post_values.setdefault(f, []).append(v)
            d.terms = d.title_terms = _NO_WORDS  # no longer needed: free the memory

        cap = w.posting_cap
        self.postings: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {}
        for f, ids in post_ids.items():
            vals = post_values[f]
            if len(ids) > cap:  # the strongest pages for this feature, ties by path
                best = heapq.nsmallest(cap, zip(map(operator.neg, vals), ids, strict=True))
                ids, vals = [i for _, i in best], [-v for v, _ in best]
            self.postings[f] = (tuple(ids), tuple(vals))
        del post_ids, post_values

        self.listable = [d.listable for d in self.docs]
        self.type_names = sorted({d.type for d in self.docs})
        self.positions_of_type = [
            {i for i, d in enumerate(self.docs) if d.type == t} for t in self.type_names
        ]
        self._scored: tuple[str | None, dict[int, float]] = (None, {})

        # condition slug -> the listable treatment pages that treat it, those most
        # focused on it first (the weight of the condition in the treatment's vector),
        # so a condition page looks at a bounded number of them however big the site.
        by_condition: dict[str, list[tuple[float, int]]] = {}
        for i, d in enumerate(self.docs):
            if d.type == "treatment" and d.listable:
                focus = dict(zip(self.features[i], self.values[i], strict=True))
                for c in d.conditions:
                    by_condition.setdefault(c, []).append((-focus.get("c:" + c, 0.0), i))
        self.treatments_by_condition = {c: [i for _, i in sorted(pairs)] for c, pairs in by_condition.items()}

        no_links: frozenset[int] = frozenset()
        self.links_to: list[frozenset[int]] = []
        linked_from: dict[int, set[int]] = {}
        for i, d in enumerate(self.docs):
            targets = frozenset(self.position[k] for k in d.links if k in self.position) - {i}
            self.links_to.append(targets or no_links)
            for j in targets:
                linked_from.setdefault(j, set()).add(i)
        self.linked_from = [frozenset(linked_from.get(i, no_links)) for i in range(n)]

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
        """Relatedness of the candidate pages to `key`'s page, by position."""
        if self._scored[0] == key:  # related() and treatments_for() ask in turn
            return self._scored[1]
        i = self.position[key]
        acc: dict[int, float] = {}
        get = acc.get
        postings = self.postings
        empty = ((), ())
        size = self.query_sizes[i]
        for f, fw in zip(self.features[i][:size], self.values[i][:size], strict=True):
            ids, vals = postings.get(f, empty)
            # Parallel tuples made together in __init__; zip's strict check, 10 % of
            # this loop, is left out of the innermost loop of the ranking.
            for j, jw in zip(ids, vals):  # noqa: B905
                acc[j] = get(j, 0.0) + fw * jw
        w = self.weights
        for j in self.links_to[i]:
            acc[j] = get(j, 0.0) + w.link_out
        for j in self.linked_from[i]:
            acc[j] = get(j, 0.0) + w.link_in
        acc.pop(i, None)
        this_type = self.docs[i].type
        for t, other in enumerate(self.type_names):  # a factor per type pair, few pages each
            factor = w.type_factor.get((this_type, other))
            if factor is not None:
                for j in self.positions_of_type[t].intersection(acc):
                    acc[j] *= factor
        self._scored = (key, acc)
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
        floor = self.weights.min_score
        listable = self.listable
        candidates = ((s, -j) for j, s in acc.items() if s >= floor and listable[j] and j not in blocked)
        for s, neg_j in heapq.nlargest(limit - len(out), candidates):
            out.append(Match(docs[-neg_j].key, round(s, 6)))
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
        # The most focused treatments, then ranked by relatedness to this page.
        shortlist = max(4 * limit, 2 * self.weights.posting_cap)
        treating = {j for c in sorted(wanted) for j in self.treatments_by_condition.get(c, ())[:shortlist]}
        candidates = ((acc.get(j, 0.0), -j) for j in treating if j not in blocked)
        return [Match(self.docs[-neg_j].key, round(s, 6)) for s, neg_j in heapq.nlargest(limit, candidates)]

    def doc(self, key: str) -> Doc:
        return self.docs[self.position[key]]

    def links(self, a: str, b: str) -> tuple[bool, bool]:
        """(a links to b, b links to a)."""
        i, j = self.position[a], self.position[b]
        return j in self.links_to[i], i in self.links_to[j]

    def text_similarity(self, a: str, b: str) -> float:
        """The text part of the score, unweighted cosine in 0..1."""
        i, j = self.position[a], self.position[b]
        va = {f: v for f, v in zip(self.features[i], self.values[i], strict=True) if ":" not in f}
        return sum(
            v * va.get(f, 0.0) for f, v in zip(self.features[j], self.values[j], strict=True) if ":" not in f
        ) / (self.weights.text)


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
