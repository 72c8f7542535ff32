"""Say in a few plain words why a page is listed as related to another.

The reason names the strongest piece of evidence a reader can check: a shared
condition first (the clinical link), then a shared part of the body or cancer type,
then a link between the pages, then similar wording. Names come from the plain names
in docs/_data/vocabulary.yml, never from slugs.
"""

from __future__ import annotations

from collections.abc import Mapping

from act.related.ranking import GENERIC_TAGS, Doc, RelatedIndex, primary_conditions

Vocabulary = Mapping[str, Mapping[str, str]]  # field -> slug -> plain name


def plain(name: str) -> str:
    """'Spinal metastases' -> 'spinal metastases' (but 'CT scan' stays as it is)."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def _rarest(tags: list[str], prefix: str, index: RelatedIndex) -> str:
    """The most specific tag of several: the one fewest pages share."""
    return max(tags, key=lambda t: (index.tag_idf.get(prefix + t, 0.0), t))


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    """Tags both pages have, in this page's order: authors list the main one first."""
    return [t for t in a if t in b and t not in GENERIC_TAGS]


def reason(index: RelatedIndex, a_key: str, b_key: str, vocabulary: Vocabulary) -> str:
    """Why page `b_key` appears in page `a_key`'s Related topics."""
    a, b = index.doc(a_key), index.doc(b_key)
    names = {f: vocabulary.get(f, {}) for f in ("conditions", "body_areas", "cancer_types")}

    def name(field_: str, slug: str) -> str:
        return plain(names[field_].get(slug, slug.replace("-", " ")))

    text = _condition_reason(index, a, b, name)
    if text:
        return text
    body = _shared(a.body_areas, b.body_areas)
    if body:
        return f"Also about the {name('body_areas', _rarest(body, 'b:', index))}"
    a_to_b, b_to_a = index.links(a_key, b_key)
    if a_to_b and b_to_a:
        return "Each page refers to the other"
    if a_to_b:
        return "Mentioned on this page"
    if b_to_a:
        return "Refers to this page"
    cancers = _shared(a.cancer_types, b.cancer_types)
    if cancers:
        return f"Also about {name('cancer_types', _rarest(cancers, 'k:', index))}"
    if b.type == "guide":
        return "Background reading"
    if index.text_similarity(a_key, b_key) > 0.05:
        return "Covers similar ground"
    return "Chosen by our editors"


def _condition_reason(index: RelatedIndex, a: Doc, b: Doc, name) -> str:
    shared = _shared(a.conditions, b.conditions)
    a_primary, b_primary = primary_conditions(a), primary_conditions(b)
    if a.type == "condition" and b.type == "treatment":
        treated = [c for c in a_primary if c in b.conditions] or shared
        if treated:
            return f"A treatment for {name('conditions', _rarest(treated, 'c:', index))}"
    if a.type == "treatment" and b.type == "condition" and any(c in a.conditions for c in b_primary):
        return "A condition this treatment is used for"
    if a.type == "condition" and b.type == "condition":
        # "Also about bone metastases" says nothing new on the bone metastases page, nor
        # on another page about the bone metastases page itself.
        shared = [c for c in shared if c not in a_primary and c not in b_primary]
        if not shared and set(a.conditions) & set(b.conditions):
            return "A related condition"
    if not shared:
        return ""
    top = name("conditions", shared[0])
    if a.type == "treatment" and b.type == "treatment":
        return f"Also treats {top}"
    return f"Also about {top}"
