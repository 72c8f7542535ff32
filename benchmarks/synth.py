"""Generate a synthetic site of N pages that look like ours: valid front matter from the
real vocabulary, plain-language body text whose words depend on the page's topic, links
between related pages, admonitions and sources.

Deterministic: the same N and seed give the same files.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import random
import re
import shutil

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL_DOCS = ROOT / "docs"

# Shares of page types, roughly those of the real site.
TYPE_SHARES = (("treatment", 0.55), ("condition", 0.3), ("guide", 0.15))
FOLDERS = {"treatment": "treatments", "condition": "conditions", "guide": "guides"}

PROCEDURES = """
    stent ablation cryoablation radiofrequency microwave embolisation fixation
    stabilisation decompression resection metastasectomy pleurodesis catheter drain
    bypass gastrostomy radiotherapy brachytherapy vertebroplasty kyphoplasty laser
    dilatation tracheostomy nephrostomy colostomy ileostomy biopsy infusion injection
    block neurolysis
""".split()  # noqa: SIM905
ORGANS = """
    spine vertebra bone femur pelvis hip shoulder lung pleura chest airway trachea
    bronchus oesophagus stomach duodenum bowel colon rectum liver kidney bladder brain
    nerve skin abdomen peritoneum
""".split()  # noqa: SIM905
SYMPTOMS = """
    pain breathlessness swallowing vomiting weakness numbness fracture bleeding cough
    tiredness swelling fluid blockage infection fever jaundice
""".split()  # noqa: SIM905
COMMON = """
    doctor nurse team hospital scan appointment recovery anaesthetic sedation hours days
    weeks medicine tablets quality life family carer choice decision benefit risk side
    effects procedure treatment cancer tumour spread specialist surgeon radiologist
    oncologist palliative support comfort home ward clinic consent question
""".split()  # noqa: SIM905
FILLER = """
    the a this that it may can will often usually some many most you your they their is
    are be has have with for of to in on at by from after before during about
""".split()  # noqa: SIM905

SECTIONS_TREATMENT = ("What it is", "Who it may help", "What happens", "Recovery", "Other options")
SECTIONS_OTHER = ("What it is", "Symptoms", "How it is found", "Treatments", "Living with it")


def _sentence(rng: random.Random, topic: list[str]) -> str:
    words = []
    for _ in range(rng.randint(9, 18)):
        roll = rng.random()
        pool = topic if roll < 0.3 else COMMON if roll < 0.55 else FILLER
        words.append(rng.choice(pool))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, topic: list[str]) -> str:
    return " ".join(_sentence(rng, topic) for _ in range(rng.randint(3, 6)))


def _plan(n: int, rng: random.Random, vocab: dict) -> list[dict]:
    conditions = sorted(vocab["conditions"])
    areas = sorted(vocab["body_areas"])
    cancers = sorted(vocab["cancer_types"])
    pages = []
    for i in range(n):
        roll, page_type = rng.random(), "guide"
        acc = 0.0
        for t, share in TYPE_SHARES:
            acc += share
            if roll < acc:
                page_type = t
                break
        procedure, organ = rng.choice(PROCEDURES), rng.choice(ORGANS)
        symptom = rng.choice(SYMPTOMS)
        if page_type == "treatment":
            title = f"{procedure.capitalize()} of the {organ} {i}"
        elif page_type == "condition":
            title = f"{symptom.capitalize()} from {organ} metastases {i}"
        else:
            title = f"Guide to {symptom} and {procedure} {i}"
        slug = title.lower().replace(" ", "-")
        pages.append(
            {
                # One folder per body part, as a real site of this size would be
                # organised (and Material's pruned navigation then stays small).
                "path": f"{FOLDERS[page_type]}/{organ}/{slug}.md",
                "type": page_type,
                "title": title,
                "conditions": rng.sample(conditions, rng.randint(1, 3)),
                "body_areas": rng.sample(areas, rng.randint(1, 3)),
                "cancer_types": rng.sample(cancers, rng.randint(1, 4)),
                "topic": [procedure, organ, symptom, *rng.sample(PROCEDURES + ORGANS + SYMPTOMS, 6)],
            }
        )
    return pages


def _relative(src: str, dest: str) -> str:
    depth = src.count("/")
    return "../" * depth + dest


def _page_text(page: dict, pages: list[dict], rng: random.Random, tagged: bool) -> str:
    today = dt.date(2026, 11, 21)
    fm = {
        "title": page["title"],
        "description": f"What {page['title'].lower()} is, who it may help and what to expect.",
        "type": page["type"],
        "conditions": page["conditions"],
        "body_areas": page["body_areas"],
        "cancer_types": page["cancer_types"],
        "last_reviewed": today.isoformat(),
        "next_review": (today + dt.timedelta(days=365)).isoformat(),
        "sources": [
            {
                "id": "nhs-advanced-cancer",
                "title": "Treatment for advanced cancer",
                "publisher": "NHS",
                "year": 2024,
                "url": "https://www.nhs.uk/conditions/cancer/",
            }
        ],
    }
    if tagged:  # what mkdocs-related-content-plugin reads
        fm["tags"] = page["conditions"] + page["body_areas"] + page["cancer_types"]
    lines = ["---", yaml.safe_dump(fm, sort_keys=False, allow_unicode=True).strip(), "---", ""]
    # Random sentences: no figures, and no two pages share ten-word runs (no near-copies).
    lines += [f"# {page['title']}", "", _paragraph(rng, page["topic"]) + "[^nhs-advanced-cancer]", ""]
    if page["type"] == "condition":
        lines += ['!!! danger "When to get urgent help"', "", "    Call 999 or go to A&E.", ""]
    if page["type"] in ("treatment", "condition"):
        lines += [
            '!!! abstract "Key points"',
            "",
            *(f"    - Point {i} about {page['topic']}." for i in (1, 2, 3)),
            "",
        ]
    sections = SECTIONS_TREATMENT if page["type"] == "treatment" else SECTIONS_OTHER
    for heading in sections:
        lines += [f"## {heading}", "", _paragraph(rng, page["topic"]), "", _paragraph(rng, page["topic"]), ""]
        if rng.random() < 0.5:
            other = rng.choice(pages)
            if other is not page:
                lines += [
                    f"See also [{other['title'].lower()}]({_relative(page['path'], other['path'])}).",
                    "",
                ]
    if page["type"] == "treatment":
        lines += ['!!! warning "Risks and complications"', "", "    " + _paragraph(rng, page["topic"]), ""]
    return "\n".join(lines) + "\n"


def generate(n: int, out: pathlib.Path, *, seed: int = 4, tagged: bool = False) -> pathlib.Path:
    """Write a docs folder of `n` pages (plus home, A-Z and glossary) into `out`."""
    rng = random.Random(seed)
    vocab = yaml.safe_load((REAL_DOCS / "_data" / "vocabulary.yml").read_text(encoding="utf-8"))
    if out.exists():
        shutil.rmtree(out)
    for folder in ("_data", "_snippets", "assets"):
        if (REAL_DOCS / folder).exists():
            shutil.copytree(REAL_DOCS / folder, out / folder)
    # _headers: the CSP whose inline hashes the output gate checks.
    for special in ("a-z.md", "guides/glossary.md", "_headers"):
        if (REAL_DOCS / special).exists():
            (out / special).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REAL_DOCS / special, out / special)
    _allow_deeper_pages(out / "_headers")
    pages = _plan(n, rng, vocab)
    for page in pages:
        path = out / page["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page_text(page, pages, rng, tagged), encoding="utf-8")
    _point_phrases_at(out / "_data" / "search-phrases.yml", pages, random.Random(seed + 1))
    _point_home_at(out / "_data" / "home.yml", pages)
    home = [
        "---",
        "title: Advanced Cancer Treatments",
        "description: Plain-language explanations of surgery and procedures used when cancer is advanced.",
        "type: home",
        "last_reviewed: 2026-11-21",
        "next_review: 2027-11-21",
        "---",
        "",
        "# Advanced Cancer Treatments",
        "",
        "A synthetic site for benchmarks.",
    ]
    (out / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    return out


def _point_phrases_at(phrases: pathlib.Path, pages: list[dict], rng: random.Random) -> None:
    """The real phrases name real pages, which a synthetic site lacks (the build would fail):
    keep every phrase and its number of pages, and name synthetic pages instead."""
    if not phrases.exists():
        return
    data = yaml.safe_load(phrases.read_text(encoding="utf-8")) or {}
    lines = [
        f"{phrase}: [{', '.join(p['path'] for p in rng.sample(pages, min(len(targets), len(pages))))}]"
        for phrase, targets in data.items()
    ]
    phrases.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _point_home_at(home: pathlib.Path, pages: list[dict]) -> None:
    """The home page's treatment groups name real treatment pages: name synthetic ones."""
    if not home.exists():
        return
    treatments = iter([p["path"] for p in pages if p["type"] == "treatment"])
    text = re.sub(
        r"treatments/[\w-]+\.md", lambda m: next(treatments, m.group(0)), home.read_text(encoding="utf-8")
    )
    home.write_text(text, encoding="utf-8")


def _allow_deeper_pages(headers: pathlib.Path) -> None:
    """Synthetic pages sit two folders deeper than real ones; Material's storage helper
    holds the path to the site root (`../../..`), so its CSP hash differs per depth. Add
    the hashes for those depths, as an author adding such a folder would (HOSTING.md)."""
    import base64
    import hashlib

    from material import __file__ as material_file

    partial = pathlib.Path(material_file).parent / "templates" / "partials" / "javascripts" / "base.html"
    template = partial.read_text(encoding="utf-8")
    start = template.index("<script>__md_scope=new URL(") + len("<script>")
    script = template[start : template.index("</script>", start)]
    hashes = []
    for depth in range(1, 5):
        base = "/".join([".."] * depth)
        text = script.replace("{{ config.extra.scope | d(base_url) }}", base)
        hashes.append("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
    content = headers.read_text(encoding="utf-8")
    headers.write_text(
        content.replace("script-src 'self'", "script-src 'self' " + " ".join(hashes), 1), encoding="utf-8"
    )
