"""The ranking behind Related topics, judged against a clinician's view of which pages
belong together (our own judgement fixtures, written from the clinical relationships,
not from the scores)."""

from __future__ import annotations

import random

import pytest
from act.related.ranking import Doc, RelatedIndex, Weights, primary_conditions
from act.related.reasons import plain, reason
from act.related.text import StemCache, linked_urls, normalise_url, strip_tags, terms

VOCABULARY = {
    "conditions": {
        "spinal-metastases": "Spinal metastases and spinal cord compression",
        "bone-metastases": "Bone metastases",
        "pathological-fracture": "Broken bone caused by cancer",
        "cancer-pain": "Pain caused by cancer",
        "malignant-pleural-effusion": "Fluid around the lung caused by cancer",
        "mesothelioma": "Mesothelioma",
        "malignant-dysphagia": "Difficulty swallowing caused by cancer",
        "malignant-bowel-obstruction": "Bowel obstruction caused by cancer",
    },
    "body_areas": {
        "spine": "Spine",
        "bone": "Bones",
        "long-bones": "Arms and legs (long bones)",
        "pleura": "Pleura (lining of the lung)",
        "chest": "Chest",
        "lungs": "Lungs",
        "oesophagus": "Oesophagus (food pipe)",
        "bowel": "Bowel",
    },
    "cancer_types": {"any": "Any cancer type", "breast": "Breast cancer", "mesothelioma": "Mesothelioma"},
}

# (key, type, conditions, body areas, cancer types, body text, links)
PAGES = [
    (
        "treatments/vertebroplasty.md",
        "treatment",
        ["spinal-metastases", "pathological-fracture", "bone-metastases", "cancer-pain"],
        ["spine", "bone"],
        ["any"],
        "Bone cement is injected through a needle into a collapsed vertebra to steady it and ease back pain. "
        "A vertebral compression fracture from a metastasis hurts less within days.",
        ["treatments/kyphoplasty.md", "conditions/spinal-metastases.md"],
    ),
    (
        "treatments/kyphoplasty.md",
        "treatment",
        ["spinal-metastases", "pathological-fracture", "bone-metastases", "cancer-pain"],
        ["spine", "bone"],
        ["any"],
        "A balloon is inflated inside a collapsed vertebra to restore its height, "
        "then bone cement fills the cavity. "
        "It eases back pain from a vertebral compression fracture, like vertebroplasty.",
        ["treatments/vertebroplasty.md"],
    ),
    (
        "treatments/spinal-decompression.md",
        "treatment",
        ["spinal-metastases", "pathological-fracture"],
        ["spine", "nerves"],
        ["any"],
        "Surgeons remove tumour pressing on the spinal cord and fix the spine with screws and rods. "
        "Metastatic spinal cord compression is an emergency: "
        "weakness in the legs, numbness, bladder problems.",
        ["conditions/spinal-metastases.md", "treatments/palliative-radiotherapy.md"],
    ),
    (
        "treatments/palliative-radiotherapy.md",
        "treatment",
        ["bone-metastases", "spinal-metastases", "cancer-pain", "malignant-dysphagia"],
        ["bone", "spine", "oesophagus"],
        ["any"],
        "Radiotherapy uses high-energy X-rays to shrink a tumour and ease pain, "
        "often in one to five treatments. "
        "It is used for painful bone metastases and after surgery for spinal cord compression.",
        [],
    ),
    (
        "treatments/prophylactic-fixation.md",
        "treatment",
        ["bone-metastases", "pathological-fracture"],
        ["long-bones", "bone"],
        ["breast", "any"],
        "A metal rod or plate strengthens a thigh bone or arm bone "
        "weakened by a metastasis before it breaks. "
        "The femur and humerus are the usual bones.",
        ["conditions/bone-metastases.md"],
    ),
    (
        "treatments/pleurodesis.md",
        "treatment",
        ["malignant-pleural-effusion", "mesothelioma"],
        ["pleura", "chest", "lungs"],
        ["any", "mesothelioma"],
        "Talc is put into the pleural space after the fluid is drained so the pleura stick together "
        "and the pleural effusion does not come back. It eases breathlessness.",
        ["conditions/malignant-pleural-effusion.md", "treatments/indwelling-pleural-catheter.md"],
    ),
    (
        "treatments/indwelling-pleural-catheter.md",
        "treatment",
        ["malignant-pleural-effusion", "mesothelioma"],
        ["pleura", "chest"],
        ["any", "mesothelioma"],
        "A soft tube stays in the pleural space so fluid around the lung can be drained at home by a "
        "district nurse or family, easing breathlessness. Talc pleurodesis can be given through it.",
        ["treatments/pleurodesis.md"],
    ),
    (
        "treatments/oesophageal-stent.md",
        "treatment",
        ["malignant-dysphagia"],
        ["oesophagus"],
        ["any"],
        "A metal mesh stent is placed across a narrowing in the oesophagus during an endoscopy so food "
        "and drink can pass and swallowing becomes easier.",
        ["conditions/malignant-dysphagia.md"],
    ),
    (
        "treatments/bowel-stent.md",
        "treatment",
        ["malignant-bowel-obstruction"],
        ["bowel"],
        ["any"],
        "A colonic stent is placed across a blockage in the bowel during a colonoscopy to relieve "
        "the obstruction, vomiting and swollen abdomen without a stoma.",
        [],
    ),
    (
        "conditions/spinal-metastases.md",
        "condition",
        ["spinal-metastases", "bone-metastases", "cancer-pain"],
        ["spine", "bone", "nerves"],
        ["any"],
        "Cancer that spreads to the vertebrae causes back pain and can collapse a vertebra or press on "
        "the spinal cord. Spinal cord compression needs urgent treatment with radiotherapy or surgery.",
        ["treatments/vertebroplasty.md", "treatments/spinal-decompression.md"],
    ),
    (
        "conditions/bone-metastases.md",
        "condition",
        ["bone-metastases", "pathological-fracture", "cancer-pain"],
        ["bone", "long-bones", "spine"],
        ["breast", "any"],
        "Cancer that spreads to bone causes pain and weakens it, so a bone may break. Breast, prostate "
        "and lung cancers often spread to the bones of the spine, pelvis, thigh and arm.",
        ["treatments/prophylactic-fixation.md"],
    ),
    (
        "conditions/malignant-pleural-effusion.md",
        "condition",
        ["malignant-pleural-effusion"],
        ["pleura", "chest", "lungs"],
        ["any"],
        "Fluid builds up in the pleural space around the lung and makes you breathless. It can be "
        "drained, and pleurodesis or a pleural catheter stops it coming back.",
        ["treatments/pleurodesis.md", "treatments/indwelling-pleural-catheter.md"],
    ),
    (
        "conditions/stage-4-mesothelioma.md",
        "condition",
        ["mesothelioma", "malignant-pleural-effusion"],
        ["pleura", "chest", "lungs"],
        ["mesothelioma"],
        "Mesothelioma is a cancer of the pleura, usually caused by asbestos. Fluid around the lung and "
        "breathlessness are common; pleurodesis and a pleural catheter control the fluid.",
        ["treatments/pleurodesis.md"],
    ),
    (
        "conditions/malignant-dysphagia.md",
        "condition",
        ["malignant-dysphagia"],
        ["oesophagus"],
        ["any"],
        "A cancer narrowing the oesophagus makes swallowing food and drink difficult. A stent or "
        "radiotherapy can open the oesophagus.",
        ["treatments/oesophageal-stent.md"],
    ),
    (
        "guides/making-treatment-decisions.md",
        "guide",
        [],
        [],
        ["any"],
        "Questions to ask your care team about the benefits and risks of an operation or procedure, and "
        "what matters most to you.",
        [],
    ),
]


def make_docs(pages=PAGES) -> list[Doc]:
    stems = StemCache()
    docs = []
    for key, page_type, conditions, areas, cancers, text, links in pages:
        title = key.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ")
        docs.append(
            Doc(
                key=key,
                type=page_type,
                conditions=tuple(conditions),
                body_areas=tuple(areas),
                cancer_types=tuple(cancers),
                terms=terms(text, stems),
                title_terms=terms(title, stems),
                links=frozenset(links),
            )
        )
    return docs


@pytest.fixture
def index() -> RelatedIndex:
    return RelatedIndex(make_docs())


def keys(matches) -> list[str]:
    return [m.key for m in matches]


def test_vertebroplasty_and_kyphoplasty_are_each_others_closest_treatment(index):
    def first_treatment(key):
        return next(m.key for m in index.related(key, 6) if index.doc(m.key).type == "treatment")

    assert first_treatment("treatments/vertebroplasty.md") == "treatments/kyphoplasty.md"
    assert first_treatment("treatments/kyphoplasty.md") == "treatments/vertebroplasty.md"


def test_spinal_metastases_and_spinal_decompression_list_each_other(index):
    assert "treatments/spinal-decompression.md" in keys(index.related("conditions/spinal-metastases.md", 3))
    assert "conditions/spinal-metastases.md" in keys(index.related("treatments/spinal-decompression.md", 3))


def test_pleurodesis_neighbours(index):
    top3 = set(keys(index.related("treatments/pleurodesis.md", 3)))
    assert top3 == {
        "conditions/malignant-pleural-effusion.md",
        "treatments/indwelling-pleural-catheter.md",
        "conditions/stage-4-mesothelioma.md",
    }


@pytest.mark.parametrize(
    ("page", "never"),
    [
        (
            "treatments/vertebroplasty.md",
            {"treatments/pleurodesis.md", "treatments/bowel-stent.md", "conditions/malignant-dysphagia.md"},
        ),
        (
            "treatments/pleurodesis.md",
            {"treatments/kyphoplasty.md", "treatments/bowel-stent.md", "conditions/bone-metastases.md"},
        ),
        (
            "treatments/oesophageal-stent.md",
            {"treatments/pleurodesis.md", "treatments/prophylactic-fixation.md"},
        ),
    ],
)
def test_unrelated_body_systems_stay_out_of_the_top_six(index, page, never):
    assert not set(keys(index.related(page, 6))) & never


def test_every_treatment_and_condition_gets_at_least_three(index):
    for d in index.docs:
        if d.type in {"treatment", "condition"} and d.key != "treatments/bowel-stent.md":
            assert len(index.related(d.key, 6)) >= 3, d.key


def test_weak_evidence_is_not_listed():
    """The bowel stent shares only 'any cancer' with the others: nothing worth listing."""
    index = RelatedIndex(make_docs())
    assert all(m.score >= Weights().min_score for m in index.related("treatments/bowel-stent.md", 6))
    assert "treatments/vertebroplasty.md" not in keys(index.related("treatments/bowel-stent.md", 6))


def test_never_itself_and_limit_respected(index):
    for d in index.docs:
        for limit in (1, 3, 6):
            ranked = keys(index.related(d.key, limit))
            assert d.key not in ranked
            assert len(ranked) <= limit
            assert len(set(ranked)) == len(ranked)


def test_pins_come_first_in_order_and_exclusions_win():
    docs = make_docs()
    vp = next(d for d in docs if d.key == "treatments/vertebroplasty.md")
    vp.pinned = (
        "guides/making-treatment-decisions.md",
        "treatments/missing.md",
        "treatments/vertebroplasty.md",
    )
    vp.excluded = frozenset({"treatments/kyphoplasty.md"})
    ranked = RelatedIndex(docs).related("treatments/vertebroplasty.md", 4)
    assert ranked[0].key == "guides/making-treatment-decisions.md" and ranked[0].pinned
    assert "treatments/kyphoplasty.md" not in keys(ranked)
    assert "treatments/missing.md" not in keys(ranked)
    assert "treatments/vertebroplasty.md" not in keys(ranked)
    assert len(ranked) == 4


def test_pages_not_listable_are_never_listed_even_when_pinned():
    docs = make_docs()
    for d in docs:
        if d.key == "treatments/kyphoplasty.md":
            d.listable = False
        if d.key == "treatments/vertebroplasty.md":
            d.pinned = ("treatments/kyphoplasty.md",)
    index = RelatedIndex(docs)
    for d in index.docs:
        assert "treatments/kyphoplasty.md" not in keys(index.related(d.key, 6))
    # it still gets its own list
    assert "treatments/vertebroplasty.md" in keys(index.related("treatments/kyphoplasty.md", 6))


def test_same_sources_same_lists_whatever_the_input_order():
    expected = _all_lists(make_docs())
    for seed in range(5):
        docs = make_docs()
        random.Random(seed).shuffle(docs)
        assert _all_lists(docs) == expected


def _all_lists(docs):
    index = RelatedIndex(docs)
    return {d.key: index.related(d.key, 6) for d in index.docs}


def test_ties_are_broken_by_path():
    twins = [
        (f"treatments/twin-{c}.md", "treatment", ["bone-metastases"], ["bone"], ["any"], "cement bone", [])
        for c in "dbca"
    ]
    index = RelatedIndex(make_docs(twins))
    assert keys(index.related("treatments/twin-d.md", 3)) == [
        "treatments/twin-a.md",
        "treatments/twin-b.md",
        "treatments/twin-c.md",
    ]


def test_body_text_alone_relates_pages():
    pages = [
        ("guides/a.md", "guide", [], [], [], "asbestos exposure mesothelioma pleura compensation claim", []),
        ("guides/b.md", "guide", [], [], [], "asbestos mesothelioma compensation claim lawyer", []),
        ("guides/c.md", "guide", [], [], [], "stoma bag colostomy bowel diet", []),
        ("guides/d.md", "guide", [], [], [], "stoma colostomy care nurse bag", []),
    ]
    index = RelatedIndex(make_docs(pages))
    assert keys(index.related("guides/a.md", 1)) == ["guides/b.md"]
    assert keys(index.related("guides/c.md", 1)) == ["guides/d.md"]


def test_a_link_relates_pages_that_share_nothing_else():
    pages = [
        ("guides/a.md", "guide", [], [], [], "alpha words here", ["guides/b.md"]),
        ("guides/b.md", "guide", [], [], [], "beta other text", []),
        ("guides/c.md", "guide", [], [], [], "gamma more things", []),
    ]
    index = RelatedIndex(make_docs(pages))
    assert keys(index.related("guides/a.md", 6)) == ["guides/b.md"]
    assert keys(index.related("guides/b.md", 6)) == ["guides/a.md"]  # linked from
    assert index.related("guides/c.md", 6) == []


def test_treatments_for_a_condition_come_from_the_treatments_metadata(index):
    listed = keys(index.treatments_for("conditions/malignant-pleural-effusion.md", 12))
    assert set(listed) == {"treatments/pleurodesis.md", "treatments/indwelling-pleural-catheter.md"}
    spinal = keys(index.treatments_for("conditions/spinal-metastases.md", 12))
    assert set(spinal) == {
        "treatments/vertebroplasty.md",
        "treatments/kyphoplasty.md",
        "treatments/spinal-decompression.md",
        "treatments/palliative-radiotherapy.md",
    }
    # a new treatment page appears without editing the condition page
    new = (
        *PAGES,
        (
            "treatments/thoracoscopy.md",
            "treatment",
            ["malignant-pleural-effusion"],
            ["pleura"],
            ["any"],
            "a camera looks into the chest",
            [],
        ),
    )
    grown = RelatedIndex(make_docs(new))
    assert "treatments/thoracoscopy.md" in keys(
        grown.treatments_for("conditions/malignant-pleural-effusion.md", 12)
    )
    assert index.treatments_for("treatments/pleurodesis.md", 12) == []


def test_primary_condition_of_a_condition_page():
    docs = {d.key: d for d in make_docs()}
    assert primary_conditions(docs["conditions/spinal-metastases.md"]) == ("spinal-metastases",)
    assert primary_conditions(docs["conditions/stage-4-mesothelioma.md"]) == ("mesothelioma",)
    assert primary_conditions(docs["treatments/pleurodesis.md"]) == ()


def test_reasons_are_plain_words(index):
    def why(a, b):
        return reason(index, a, b, VOCABULARY)

    assert why("treatments/vertebroplasty.md", "treatments/kyphoplasty.md") == (
        "Also treats spinal metastases and spinal cord compression"
    )
    assert why("conditions/spinal-metastases.md", "treatments/spinal-decompression.md") == (
        "A treatment for spinal metastases and spinal cord compression"
    )
    assert why("treatments/pleurodesis.md", "conditions/malignant-pleural-effusion.md") == (
        "A condition this treatment is used for"
    )
    # the other page's own condition is no reason to give on it
    assert why("conditions/stage-4-mesothelioma.md", "conditions/malignant-pleural-effusion.md") == (
        "A related condition"
    )
    assert (
        why("conditions/spinal-metastases.md", "conditions/bone-metastases.md")
        == "Also about pain caused by cancer"
    )
    assert why("treatments/oesophageal-stent.md", "treatments/palliative-radiotherapy.md") == (
        "Also treats difficulty swallowing caused by cancer"
    )
    assert why("treatments/vertebroplasty.md", "guides/making-treatment-decisions.md") == "Background reading"
    assert plain("Bone metastases") == "bone metastases" and plain("CT scan") == "CT scan"


def test_posting_lists_are_capped_so_work_grows_linearly():
    pages = [
        (
            f"treatments/t{i:04d}.md",
            "treatment",
            ["bone-metastases"],
            ["bone"],
            ["breast"],
            f"cement bone w{i % 7}",
            [],
        )
        for i in range(300)
    ]
    index = RelatedIndex(make_docs(pages), Weights(posting_cap=25))
    assert max(len(ids) for ids, _ in index.postings.values()) == 25
    assert len(index.scores("treatments/t0000.md")) <= 25 * len(index.features[0])
    assert len(index.related("treatments/t0000.md", 6)) == 6


def test_text_helpers():
    html = '<h2 id="x">Risks &amp; <em>side effects</em></h2><p>Stents and therapies.</p>'
    assert "<" not in strip_tags(html) and "Risks" in strip_tags(html)
    counted = terms(strip_tags(html))
    assert counted["stent"] == 1 and counted["therapy"] == 1 and counted["metastases"] == 0
    assert "and" not in counted and "amp" not in counted
    assert terms("bone metastases")["metastases"] == 1  # not over-stemmed


@pytest.mark.parametrize(
    ("page_url", "href", "expected"),
    [
        ("treatments/vertebroplasty/", "../kyphoplasty/", "treatments/kyphoplasty"),
        (
            "treatments/vertebroplasty/",
            "../../conditions/spinal-metastases/#symptoms",
            "conditions/spinal-metastases",
        ),
        ("treatments/vertebroplasty.html", "kyphoplasty.html", "treatments/kyphoplasty"),
        (
            "treatments/vertebroplasty.html",
            "../conditions/spinal-metastases.html",
            "conditions/spinal-metastases",
        ),
        ("", "treatments/kyphoplasty/", "treatments/kyphoplasty"),
        ("index.html", "treatments/index.html", "treatments"),
    ],
)
def test_links_resolve_in_both_url_styles(page_url, href, expected):
    html = f'<p>See <a class="x" href="{href}">it</a>, <a href="https://nhs.uk/">NHS</a>, '
    html += '<a href="#top">top</a>.</p>'
    assert linked_urls(html, page_url) == {expected}
    assert normalise_url("treatments/kyphoplasty/") == normalise_url("treatments/kyphoplasty.html")


def test_big_site_mode_keeps_the_clinical_pairs():
    """Past `exact_below` pages only the strongest words find candidates and postings
    are capped; the pairs a clinician expects must survive that."""
    index = RelatedIndex(make_docs(), Weights(exact_below=0, query_terms=6, posting_cap=5))
    assert index.related("treatments/vertebroplasty.md", 6)
    top = keys(index.related("treatments/vertebroplasty.md", 4))
    assert "treatments/kyphoplasty.md" in top and "conditions/spinal-metastases.md" in top
    assert set(keys(index.related("treatments/pleurodesis.md", 3))) == {
        "conditions/malignant-pleural-effusion.md",
        "treatments/indwelling-pleural-catheter.md",
        "conditions/stage-4-mesothelioma.md",
    }


def test_related_lists_from_plain_page_records():
    from act.related.lists import PageRecord, Settings, related_lists

    def record(key, url, title, page_type, conditions, html, in_nav=True):
        meta = {
            "type": page_type,
            "conditions": conditions,
            "description": f"About {title.lower()} in a sentence.",
        }
        return PageRecord(key, url, title, meta, html, in_nav)

    pages = [
        record("index.md", "", "Home", "home", [], '<a href="treatments/vp/">vp</a>'),
        record(
            "treatments/vp.md",
            "treatments/vp/",
            "Vertebroplasty",
            "treatment",
            ["spinal-metastases"],
            '<p>Cement in a vertebra. <a href="../kp/">kyphoplasty</a></p>',
        ),
        record(
            "treatments/kp.md",
            "treatments/kp/",
            "Kyphoplasty",
            "treatment",
            ["spinal-metastases"],
            "<p>A balloon, then cement in a vertebra.</p>",
        ),
        record(
            "treatments/draft.md",
            "treatments/draft/",
            "Draft",
            "treatment",
            ["spinal-metastases"],
            "<p>Cement in a vertebra.</p>",
            in_nav=False,
        ),
        record(
            "conditions/spinal-metastases.md",
            "conditions/spinal-metastases/",
            "Spinal metastases",
            "condition",
            ["spinal-metastases"],
            '<p>Vertebra. <a href="../../treatments/vp/">cement</a></p>',
        ),
        record("guides/glossary.md", "guides/glossary/", "Glossary", "guide", [], "<p>Cement, vertebra.</p>"),
    ]
    lists = related_lists(pages, Settings(limit=4, exclude=frozenset({"guides/glossary.md"})), VOCABULARY)
    assert set(lists) == {
        "treatments/vp.md",
        "treatments/kp.md",
        "treatments/draft.md",
        "conditions/spinal-metastases.md",
    }
    vp = lists["treatments/vp.md"]
    assert [g.heading for g in vp.related] == ["Conditions", "Treatments"]
    kp = vp.related[1].pages[0]
    assert (kp.title, kp.url, kp.description) == (
        "Kyphoplasty",
        "treatments/kp/",
        "About kyphoplasty in a sentence.",
    )
    assert kp.reason == "Also treats spinal metastases and spinal cord compression"
    assert vp.treatments is None
    spinal = lists["conditions/spinal-metastases.md"]
    assert [e.title for e in spinal.treatments] == ["Vertebroplasty", "Kyphoplasty"]  # the linked one first
    listed = {e.title for lst in lists.values() for g in lst.related for e in g.pages}
    assert not listed & {"Home", "Draft", "Glossary"}
