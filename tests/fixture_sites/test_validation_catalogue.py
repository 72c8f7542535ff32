"""The catalogue of bad pages: each one must fail the strict build with exactly these lines.

Every case swaps one or two bad pages into the good fixture site, builds it strictly
in-process like `mkdocs build --strict`, and asserts that the build fails and that the
problem lines the hook logged are exactly the expected ones (no more, no fewer).
"""

from __future__ import annotations

import datetime as dt

import pytest
from testkit.validation_site import (
    FIXTURE_TODAY,
    GOOD_CONDITION,
    GOOD_GUIDE,
    GOOD_TREATMENT,
    BuildFailed,
    build_fixture,
    problem_lines,
)

T = "treatments/good-treatment.md"
C = "conditions/good-condition.md"
G = "guides/good-guide.md"
DT = f"docs/{T}"
DC = f"docs/{C}"
DG = f"docs/{G}"


def treatment(old: str, new: str) -> dict[str, str]:
    assert old in GOOD_TREATMENT, old
    return {T: GOOD_TREATMENT.replace(old, new, 1)}


def guide(old: str, new: str) -> dict[str, str]:
    assert old in GOOD_GUIDE, old
    return {G: GOOD_GUIDE.replace(old, new, 1)}


def condition(old: str, new: str) -> dict[str, str]:
    assert old in GOOD_CONDITION, old
    return {C: GOOD_CONDITION.replace(old, new, 1)}


SUMMARY = "A short summary of the treatment, in plain words."
# 25 words: 16 ten-word runs, one more than two pages may share.
SHARED_25 = (
    "Your care team talks about what the treatment involves, how long it takes, "
    "what you may feel, and what help you can get at home."
)

CATALOGUE: list[tuple[str, dict[str, str | bytes], list[str]]] = [
    # --- front matter against the schema ---------------------------------------------------
    (
        "unknown-key",
        treatment("title: Good", "titel: Good"),
        [
            f"{DT}:1: missing required key 'title' — add it: Page title, shown as the heading and in search "
            "results. Plain text (no `<` or `>`), 3-70 characters, different from every other page's title "
            "and aliases; the page's one `# ` heading repeats it exactly.",
            f"{DT}:2: unknown front-matter key 'titel' — did you mean 'title'?",
        ],
    ),
    (
        "unknown-key-no-match",
        treatment("type: treatment\n", "type: treatment\nwibble: 3\n"),
        [
            f"{DT}:5: unknown front-matter key 'wibble' — use one of: title, description, type, conditions, "
            "body_areas, cancer_types, aliases, last_reviewed, next_review, sources, clinical_review, related, "
            "not_related, hide, search",
        ],
    ),
    (
        "missing-description",
        treatment(
            "description: A treatment page that follows every rule, used as the base for the bad-page tests.\n",
            "",
        ),
        [
            f"{DT}:1: missing required key 'description' — add it: One plain-English sentence saying what the "
            "page covers (40-170 characters). Shown in search results and link previews.",
        ],
    ),
    (
        "description-too-short",
        treatment(
            "description: A treatment page that follows every rule, used as the base for the bad-page tests.",
            "description: Too short.",
        ),
        [
            f"{DT}:3: description is 10 characters long; it must be at least 40 — One plain-English sentence "
            "saying what the page covers (40-170 characters). Shown in search results and link previews.",
        ],
    ),
    (
        "description-too-long",
        treatment(
            "description: A treatment page that follows every rule, used as the base for the bad-page tests.",
            "description: " + "A treatment page that goes on and on " * 5 + "for ever.",
        ),
        [
            f"{DT}:3: description is 194 characters long; it must be at most 170 — One plain-English sentence "
            "saying what the page covers (40-170 characters). Shown in search results and link previews.",
        ],
    ),
    (
        "description-two-sentences",
        treatment(
            "description: A treatment page that follows every rule, used as the base for the bad-page tests.",
            "description: A treatment page for tests. It also has a second sentence, which is one too many.",
        ),
        [
            f"{DT}:3: description has more than one sentence — say what the page covers in one sentence",
        ],
    ),
    (
        "type-misspelt",
        treatment("type: treatment", "type: treatmnt"),
        [
            f"{DT}:4: type 'treatmnt' is not allowed — did you mean 'treatment'?",
        ],
    ),
    (
        "condition-not-in-vocabulary",
        treatment("conditions: [bone-metastases]", "conditions: [bone-mets]"),
        [
            f"{DT}:5: unknown conditions term 'bone-mets' — did you mean 'bone-metastases'? Terms are listed "
            "in docs/_data/vocabulary.yml",
        ],
    ),
    (
        "body-area-not-in-vocabulary",
        treatment("body_areas: [spine, bone]", "body_areas: [spine, thumb]"),
        [
            f"{DT}:6: unknown body_areas term 'thumb' — use a term from docs/_data/vocabulary.yml, or add it "
            "there first if it is new",
        ],
    ),
    (
        "cancer-type-not-in-vocabulary",
        treatment("cancer_types: [any]", "cancer_types:\n  - breast\n  - prostrate"),
        [
            f"{DT}:9: unknown cancer_types term 'prostrate' — did you mean 'prostate'? Terms are listed in "
            "docs/_data/vocabulary.yml",
        ],
    ),
    (
        "vocabulary-not-a-list",
        treatment("body_areas: [spine, bone]", "body_areas: spine"),
        [
            f"{DT}:6: body_areas must be a list — write it as [first, second] or one `- item` per line",
        ],
    ),
    (
        "impossible-date",
        treatment("last_reviewed: 2026-11-01", "last_reviewed: 2026-13-01"),
        [
            f"{DT}:9: last_reviewed '2026-13-01' is not a real date — write it as YYYY-MM-DD, e.g. 2026-11-21",
        ],
    ),
    (
        "date-not-iso",
        treatment("last_reviewed: 2026-11-01", "last_reviewed: 01/11/2026"),
        [
            f"{DT}:9: last_reviewed '01/11/2026' is not a real date — write it as YYYY-MM-DD, e.g. 2026-11-21",
        ],
    ),
    (
        "next-review-before-last",
        treatment("next_review: 2027-11-01", "next_review: 2026-10-01"),
        [
            f"{DT}:10: next_review 2026-10-01 is not after last_reviewed 2026-11-01 — set the next review date "
            "after the last one",
        ],
    ),
    (
        "next-review-a-day-too-far",
        treatment("next_review: 2027-11-01", "next_review: 2027-11-02"),
        [
            f"{DT}:10: next_review 2027-11-02 is more than 1 year after last_reviewed 2026-11-01 — set a review "
            "date within 1 year",
        ],
    ),
    (
        "review-overdue",
        treatment(
            "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
            "last_reviewed: 2019-11-01\nnext_review: 2020-11-01",
        ),
        [
            f"{DT}:10: next_review 2020-11-01 has passed — review the page, then update last_reviewed and "
            "next_review",
        ],
    ),
    (
        "reviewed-in-the-future",
        treatment(
            "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
            "last_reviewed: 2098-11-01\nnext_review: 2099-11-01",
        ),
        [
            f"{DT}:9: last_reviewed 2098-11-01 is in the future — use the date the review actually happened",
        ],
    ),
    (
        "source-incomplete",
        treatment("    publisher: NICE\n", ""),
        [
            f"{DT}:12: missing required key 'publisher' in source 1 — add it: Organisation or journal that "
            "published it, e.g. NHS, NICE.",
        ],
    ),
    (
        "source-unknown-key",
        treatment("    url: https://www.nice.org.uk/", "    ulr: https://www.nice.org.uk/"),
        [
            f"{DT}:16: unknown front-matter key 'ulr' in source 1 — did you mean 'url'?",
        ],
    ),
    (
        "source-not-https",
        treatment("url: https://www.nice.org.uk/", "url: http://www.nice.org.uk/"),
        [
            f"{DT}:16: source 1: source url 'http://www.nice.org.uk/' is not https — use the https:// address "
            "of the source",
        ],
    ),
    (
        "source-year-not-a-number",
        treatment("    year: 2024", "    year: last year"),
        [
            f"{DT}:15: source 1 year 'last year' is not a whole number — write it as digits, e.g. 2024",
        ],
    ),
    (
        "treatment-without-sources",
        treatment(
            "sources:\n  - id: example-guideline\n    title: An example guideline\n    publisher: NICE\n"
            "    year: 2024\n"
            "    url: https://www.nice.org.uk/\n",
            "",
        ),
        [
            f"{DT}:1: a treatment page needs sources — list at least one under `sources:` (id, title, "
            "publisher, year, url)",
        ],
    ),
    (
        "markup-in-title",
        {
            T: GOOD_TREATMENT.replace(
                "title: Good treatment", "title: Good <img src=x onerror=alert(1)>"
            ).replace("# Good treatment", "# Good treatment <img src=x onerror=alert(1)>"),
        },
        [
            f"{DT}:2: title contains '<' or '>' — write it as plain text, without HTML",
            f"{DT}:21: heading 'Good treatment' differs from the front-matter title 'Good <img src=x "
            "onerror=alert(1)>' — make them the same",
            f"{DT}:21: image 'x' does not exist — add the file under docs/, or correct the path: in Markdown "
            "(`![what it shows](path)`) it is relative to this file",
            f"{DT}:21: image 'x' has no alt text — describe what it shows: ![what the image shows](x)",
            f"{DT}:21: inline event handler 'onerror' on <img> — remove it: pages may not run code",
        ],
    ),
    (
        "duplicate-key",
        treatment("type: treatment\n", "type: treatment\ntitle: Better treatment\n"),
        [
            f"{DT}:5: key 'title' is given twice (first on line 2) — keep one; YAML would silently use this one",
            f"{DT}:22: heading 'Good treatment' differs from the front-matter title 'Better treatment' — make them the same",
        ],
    ),
    (
        "empty-value",
        treatment("type: treatment", "type: treatment\nhide:"),
        [
            f"{DT}:5: hide is empty — fill it in or remove the key: Parts of the page layout to hide (Material for MkDocs).",
        ],
    ),
    (
        "related-page-missing",
        treatment("  - conditions/good-condition.md", "  - conditions/no-such-page.md"),
        [
            f"{DT}:18: related page 'conditions/no-such-page.md' does not exist — use a page's path from docs/, "
            "e.g. treatments/vertebroplasty.md",
        ],
    ),
    # --- files -------------------------------------------------------------------------------
    (
        "malformed-yaml",
        treatment(
            "aliases: [model procedure, example operation]", "aliases: [model procedure, example operation"
        ),
        [
            f"{DT}:9: front matter is not valid YAML (expected ',' or ']', but got ':') — check the indentation, "
            "the `key: value` colon and the quotes on this line",
        ],
    ),
    (
        "front-matter-not-closed",
        {G: GOOD_GUIDE.replace("---\n\n# Good guide", "\n# Good guide")},
        [
            f"{DG}:1: front matter has no closing `---` line — end the keys with a line that holds only `---`, then a "
            "blank line before the body",
        ],
    ),
    (
        "search-boost-out-of-range",
        guide("type: guide", "type: guide\nsearch: {boost: 100}"),
        [
            f"{DG}:5: search.boost 100 is out of range: it must be at most 10 — Rank this page higher or lower in search.",
        ],
    ),
    (
        "no-body",
        {G: GOOD_GUIDE.split("# Good guide")[0]},
        [
            f"{DG}:1: page has no body — write the page below the front matter",
        ],
    ),
    (
        "front-matter-not-a-mapping",
        {G: "---\n- title\n- description\n---\n\n# Good guide\n"},
        [
            f"{DG}:2: front matter is not a set of `key: value` lines — write one `key: value` per line between "
            "the `---` lines",
        ],
    ),
    (
        "no-front-matter",
        {G: "# Good guide\n\nText without front matter.\n"},
        [
            f"{DG}:1: page has no front matter — start the file with a `---` line, the keys (title, description, "
            "type, last_reviewed, next_review), and another `---` line",
        ],
    ),
    (
        "empty-file",
        {G: ""},
        [
            f"{DG}:1: file is empty — write the page (front matter, then body) or delete the file",
        ],
    ),
    (
        "not-utf-8",
        {G: GOOD_GUIDE.replace("Some text.", "Some caf\u00e9 text.").encode("latin-1")},
        [
            f"{DG}:15: file is not UTF-8 (byte 0xe9 cannot be read) — re-save the file with UTF-8 encoding",
        ],
    ),
    (
        "duplicate-title",
        guide("title: Good guide", "title: good  Treatment")
        | {
            G: GOOD_GUIDE.replace("title: Good guide", "title: good  Treatment").replace(
                "# Good guide", "# good  Treatment"
            )
        },
        [
            f"{DT}:2: title 'Good treatment' is also the title of docs/guides/good-guide.md — give each page its "
            "own title",
        ],
    ),
    (
        "alias-on-two-pages",
        condition("aliases: [model illness]", "aliases: [model illness, Example Operation]"),
        [
            f"{DT}:8: alias 'example operation' is also an alias of docs/conditions/good-condition.md — an alias "
            "names one page: keep it on the page it describes best and remove it from the other",
        ],
    ),
    (
        "alias-is-another-title",
        condition("aliases: [model illness]", "aliases: [model illness, good guide]"),
        [
            f"{DC}:8: alias 'good guide' is also the title of docs/guides/good-guide.md — an alias names one "
            "page: keep it on the page it describes best and remove it from the other",
        ],
    ),
    (
        "alias-is-listed-spelling-variant",
        condition("aliases: [model illness]", "aliases: [model illness, tumor]"),
        [
            f"{DC}:8: alias 'tumor' is a site-wide spelling variant, already in docs/_data/spelling-variants.yml "
            "— remove it from aliases (search applies that list to every page)",
        ],
    ),
    (
        "alias-is-new-spelling-variant",
        {
            G: GOOD_GUIDE.replace("title: Good guide", "title: Good localisation guide")
            .replace("# Good guide", "# Good localisation guide")
            .replace("type: guide", "type: guide\naliases:\n  - finding the place\n  - localization")
        },
        [
            f"{DG}:7: alias 'localization' is only a spelling variant of 'localisation' — put it in "
            "docs/_data/spelling-variants.yml instead of aliases, so search applies it to every page",
        ],
    ),
    (
        "alias-repeats-own-title",
        guide("type: guide", "type: guide\naliases: [Good Guide]"),
        [
            f"{DG}:5: alias 'Good Guide' repeats this page's title — remove it",
        ],
    ),
    # --- structure -----------------------------------------------------------------------------
    (
        "treatment-without-key-points",
        treatment('!!! abstract "Key points"', '!!! note "Summary"'),
        [
            f'{DT}:4: treatment page has no key points summary — add `!!! abstract "Key points"` straight after '
            "the opening paragraph, with 3 to 5 short bullets written for this page, indented 4 spaces",
        ],
    ),
    (
        "key-points-too-few",
        treatment("    - It is done in hospital.\n", ""),
        [f"{DT}:46: key points box has 2 bullets — keep 3 to 5 short ones"],
    ),
    (
        "emergency-condition-without-urgent-box",
        condition("conditions: [bone-metastases]", "conditions: [bone-metastases, spinal-metastases]"),
        [
            f"{DC}:5: condition page about an emergency (spinal-metastases) has no urgent-help box — add "
            '`!!! danger "When to get urgent help"` straight after the opening paragraph, naming the warning '
            "signs and who to call (999, A&E)",
        ],
    ),
    (
        "urgent-box-not-after-opening-paragraph",
        condition("- pain\n", '- pain\n\n!!! danger "When to get urgent help"\n\n    Call 999.\n'),
        [
            f"{DC}:28: urgent-help box is not straight after the opening paragraph — move "
            '`!!! danger "When to get urgent help"` up to there',
        ],
    ),
    (
        "treatment-without-risks",
        treatment('!!! warning "Risks and complications"', '!!! note "Risks"'),
        [
            f'{DT}:4: treatment page has no risks section — add `!!! warning "Risks and complications"` with the '
            "risks as a list indented 4 spaces below it",
        ],
    ),
    (
        "no-h1",
        guide("# Good guide\n", ""),
        [
            f"{DG}:1: page has no top heading — start the body with `# Good guide`",
        ],
    ),
    (
        "two-h1",
        guide("## A section", "# A section"),
        [
            f"{DG}:13: second top heading 'A section' — a page has one `# ` heading; make this one `## A section`",
            f"{DG}:17: heading 'A smaller section' skips from level 1 to 3 — make it `## A smaller section`",
        ],
    ),
    (
        "h1-differs-from-title",
        guide("# Good guide", "# A good guide"),
        [
            f"{DG}:9: heading 'A good guide' differs from the front-matter title 'Good guide' — make them the same",
        ],
    ),
    (
        "skipped-heading-level",
        guide("### A smaller section", "#### A smaller section"),
        [
            f"{DG}:17: heading 'A smaller section' skips from level 2 to 4 — make it `### A smaller section`",
        ],
    ),
    (
        "setext-h1-twice",
        guide("## A section\n", "A section\n=========\n"),
        [
            f"{DG}:13: second top heading 'A section' — a page has one `# ` heading; make this one `## A section`",
            f"{DG}:18: heading 'A smaller section' skips from level 1 to 3 — make it `## A smaller section`",
        ],
    ),
    # --- images ----------------------------------------------------------------------------------
    (
        "image-missing",
        treatment("../assets/diagram.png", "../assets/no-such-diagram.png"),
        [
            f"{DT}:29: image '../assets/no-such-diagram.png' does not exist — add the file under docs/, or correct "
            "the path: in Markdown (`![what it shows](path)`) it is relative to this file",
        ],
    ),
    (
        "image-without-alt",
        treatment("![A simple diagram of the spine]", "![]"),
        [
            f"{DT}:29: image '../../assets/diagram.png' has no alt text — describe what it shows: "
            "![what the image shows](../../assets/diagram.png)",
        ],
    ),
    (
        "image-external",
        treatment("../assets/diagram.png", "https://example.org/diagram.png"),
        [
            f"{DT}:29: external image 'https://example.org/diagram.png' on <img> — save it under docs/assets/ and "
            "use a local path: pages may not load anything from other sites",
        ],
    ),
    (
        "image-data-url",
        treatment("../assets/diagram.png", "data:image/png;base64,iVBORw0KGgo="),
        [
            f"{DT}:29: 'data:' URL in src of <img> — remove it: link only to pages and files, and save images "
            "as files under docs/",
        ],
    ),
    # --- safety ------------------------------------------------------------------------------------
    (
        "raw-script",
        treatment(SUMMARY, SUMMARY + "\n\n<script>alert('hi')</script>"),
        [
            f"{DT}:25: raw <script> in page — remove it: it runs code in readers' browsers, and pages may only "
            "hold text, local images and links",
        ],
    ),
    (
        "raw-script-uppercase-external",
        treatment(SUMMARY, SUMMARY + '\n\n<SCRIPT SRC="https://example.org/x.js"></SCRIPT>'),
        [
            f"{DT}:25: external resource 'https://example.org/x.js' on <script> — save it under docs/assets/ and "
            "use a local path: pages may not load anything from other sites",
            f"{DT}:25: raw <script> in page — remove it: it runs code in readers' browsers, and pages may only "
            "hold text, local images and links",
        ],
    ),
    (
        "raw-iframe",
        treatment(SUMMARY, SUMMARY + '\n\n<iframe src="/"></iframe>'),
        [
            f"{DT}:25: raw <iframe> in page — remove it: it embeds another site, and pages may only hold text, "
            "local images and links",
        ],
    ),
    (
        "raw-object",
        treatment(SUMMARY, SUMMARY + '\n\n<object data="movie.swf"></object>'),
        [
            f"{DT}:25: raw <object> in page — remove it: it embeds a plug-in or another document, and pages may "
            "only hold text, local images and links",
        ],
    ),
    (
        "raw-embed",
        treatment(SUMMARY, SUMMARY + '\n\n<embed src="movie.swf">'),
        [
            f"{DT}:25: raw <embed> in page — remove it: it embeds a plug-in or another document, and pages may "
            "only hold text, local images and links",
        ],
    ),
    (
        "inline-event-handler",
        treatment(SUMMARY, SUMMARY + '\n\n<p onmouseover="steal()">Hover</p>'),
        [
            f"{DT}:25: inline event handler 'onmouseover' on <p> — remove it: pages may not run code",
        ],
    ),
    (
        "event-handler-via-attr-list",
        treatment(SUMMARY, SUMMARY + '\n{ onclick="steal()" }'),
        [
            f"{DT}:24: inline event handler 'onclick' on <p> — remove it: pages may not run code",
        ],
    ),
    (
        "javascript-link",
        treatment(
            "[good condition](../conditions/good-condition.md)", "[good condition](javascript:alert(1))"
        ),
        [
            f"{DT}:27: 'javascript:' URL in href of <a> — remove it: link only to pages and files, and save "
            "images as files under docs/",
        ],
    ),
    (
        "javascript-link-entity-encoded",
        treatment(SUMMARY, SUMMARY + '\n\n<a href="&#106;ava&#x09;script:alert(1)">click</a>'),
        [
            f"{DT}:25: 'javascript:' URL in href of <a> — remove it: link only to pages and files, and save "
            "images as files under docs/",
        ],
    ),
    (
        "javascript-link-html5-entity",
        treatment(SUMMARY, SUMMARY + '\n\n<a href="javascript&colon;alert(1)">click</a>'),
        [
            f"{DT}:25: 'javascript:' URL in href of <a> — remove it: link only to pages and files, and save "
            "images as files under docs/",
        ],
    ),
    (
        "data-url-link",
        treatment(SUMMARY, SUMMARY + " [Open](data:text/html;base64,PHNjcmlwdD4=)"),
        [
            f"{DT}:23: 'data:' URL in href of <a> — remove it: link only to pages and files, and save images as "
            "files under docs/",
        ],
    ),
    (
        "external-script-in-svg",
        treatment(SUMMARY, SUMMARY + '\n\n<svg><image href="https://example.org/x.svg"/></svg>'),
        [
            f"{DT}:25: external resource 'https://example.org/x.svg' on <image> — save it under docs/assets/ and "
            "use a local path: pages may not load anything from other sites",
        ],
    ),
    (
        "svg-with-script",
        {
            "assets/bad.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
                '  <rect width="10" height="10" onclick="steal()"/>\n'
                "  <script>steal()</script>\n"
                "</svg>\n"
            )
        },
        [
            "docs/assets/bad.svg:2: event handler 'onclick' on <rect> in SVG — remove it: diagrams may not run code",
            "docs/assets/bad.svg:3: <script> in SVG — remove it: diagrams may not run code or embed other documents",
        ],
    ),
    (
        "svg-with-external-image",
        {
            "assets/bad.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                '  <image xlink:href="https://example.org/photo.jpg" width="10" height="10"/>\n'
                "</svg>\n"
            )
        },
        [
            "docs/assets/bad.svg:2: <image> in SVG loads 'https://example.org/photo.jpg' from another site — embed "
            "or draw it in the file instead",
        ],
    ),
    # --- placeholders ------------------------------------------------------------------------------
    # --- sources and inline citations (issue 12) -------------------------------------------
    (
        "source-id-missing",
        treatment("  - id: example-guideline\n    title:", "  - title:"),
        [
            f"{DT}:12: missing required key 'id' in source 1 — add it: Short name the page cites it by, as "
            "`[^id]`: lower-case letters, digits and hyphens, unique on the page, e.g. `nice-ng234`. Write it first.",
        ],
    ),
    (
        "source-id-not-a-slug",
        treatment("id: example-guideline", "id: Example_Guideline"),
        [
            f"{DT}:12: source 1: source id 'Example_Guideline' is not a slug — use lower-case letters, digits "
            "and single hyphens, e.g. nice-ng234",
        ],
    ),
    (
        "source-id-twice",
        treatment(
            "    url: https://www.nice.org.uk/\n",
            "    url: https://www.nice.org.uk/\n  - id: example-guideline\n    title: Another guideline\n"
            "    publisher: NICE\n    year: 2025\n    url: https://www.nice.org.uk/guidance\n",
        ),
        [
            f"{DT}:17: source id 'example-guideline' is used twice (first on line 12) — give each source its own id",
        ],
    ),
    (
        "source-undated",
        treatment("    year: 2024\n", ""),
        [
            f"{DT}:12: source 'example-guideline' has no date — add `year` (published or last updated) or, "
            "for a web page that shows no date, `accessed: YYYY-MM-DD`",
        ],
    ),
    (
        "source-without-url-or-doi",
        treatment("    url: https://www.nice.org.uk/\n", ""),
        [
            f"{DT}:12: source 'example-guideline' cannot be found by a reader — add its https `url` or its `doi`",
        ],
    ),
    (
        "source-doi-malformed",
        treatment("    url: https://www.nice.org.uk/", "    doi: https://doi.org/10.1000/x"),
        [
            f"{DT}:16: source 1: doi 'https://doi.org/10.1000/x' is not a DOI — write it as printed on the "
            "paper, starting 10., without https://doi.org/, e.g. 10.1016/S0140-6736(05)66954-1",
        ],
    ),
    (
        "source-accessed-not-a-date",
        treatment("    year: 2024", "    accessed: 2026-13-01"),
        [
            f"{DT}:15: source 1 accessed '2026-13-01' is not a real date — write it as YYYY-MM-DD, e.g. 2026-11-21",
        ],
    ),
    (
        "source-accessed-after-review",
        treatment("    year: 2024", "    accessed: 2026-11-02"),
        [
            f"{DT}:15: source 'example-guideline' accessed 2026-11-02 is after last_reviewed 2026-11-01 — "
            "give the day you read it, on or before the review",
        ],
    ),
    (
        "citation-of-unlisted-source",
        treatment("[^example-guideline]", "[^example-guidline]"),
        [
            f"{DT}:12: source 'example-guideline' is listed but nothing on the page cites it — cite it as "
            "[^example-guideline] after the sentence it supports, or remove it",
            f"{DT}:27: citation [^example-guidline] names no source on this page — use an `id` from "
            "`sources:` (example-guideline) or add the source there",
        ],
    ),
    (
        "source-cited-nowhere",
        treatment("[^example-guideline]", ""),
        [
            f"{DT}:12: source 'example-guideline' is listed but nothing on the page cites it — cite it as "
            "[^example-guideline] after the sentence it supports, or remove it",
        ],
    ),
    (
        "citation-malformed",
        treatment("[^example-guideline]", "[^example-guideline] [^Example_Guideline]"),
        [
            f"{DT}:27: citation '[^Example_Guideline]' is not a source id — write [^id] with the lower-case "
            "`id` of an entry in `sources:` (letters, digits, hyphens)",
        ],
    ),
    (
        "footnote-definition",
        treatment(
            "- What are the risks for me?\n",
            "- What are the risks for me?\n\n[^example-guideline]: An example guideline, NICE, 2024.\n",
        ),
        [
            f"{DT}:46: a footnote definition in the page — list the source under `sources:` in the front "
            "matter with an `id`, and cite it as [^id]",
        ],
    ),
    (
        "citation-in-heading",
        treatment("## What it is", "## What it is[^example-guideline]"),
        [
            f"{DT}:25: citation in a heading — cite the source in the text below the heading instead",
        ],
    ),
    *[
        (
            f"figure-without-citation-{name}",
            treatment(SUMMARY, sentence),
            [
                f"{DT}:23: '{figure}' is a figure with no citation in its paragraph or list item — cite its "
                "source with [^id] straight after it, or leave the figure out",
            ],
        )
        for name, sentence, figure in [
            ("percentage", "About 40% of people feel less pain.", "40%"),
            ("n-in-n", "About 1 in 50 people die after it.", "1 in 50"),
            ("words-in-words", "About one in three people feel less pain.", "one in three"),
            ("n-out-of-n", "It helped 3 out of 101 people.", "3 out of 101"),
            ("median", "The median time in hospital is short.", "median"),
            ("survival-time", "People lived for 6 months on average.", "6 months"),
        ]
    ],
    (
        "figure-without-citation-in-a-list-item",
        treatment("    - infection\n", "    - infection in about 2 in 100 people\n"),
        [
            f"{DT}:40: '2 in 100' is a figure with no citation in its paragraph or list item — cite its "
            "source with [^id] straight after it, or leave the figure out",
        ],
    ),
    (
        "figure-without-citation-on-a-condition-page",
        condition("- pain", "- pain, in about 3 in 4 people"),
        [
            f"{DC}:26: '3 in 4' is a figure with no citation in its paragraph or list item — cite its "
            "source with [^id] straight after it, or leave the figure out",
        ],
    ),
    (
        "clinical-review-incomplete",
        treatment(
            "sources:\n",
            "clinical_review:\n  name: Dr A Example\n  role: Consultant surgeon\n  hash: 0123456789abcdef\n"
            "sources:\n",
        ),
        [
            f"{DT}:11: missing required key 'date' in clinical_review — add it: Date they signed the page off, "
            "as YYYY-MM-DD.",
        ],
    ),
    (
        "clinical-review-date-not-real",
        treatment(
            "sources:\n",
            "clinical_review:\n  name: Dr A Example\n  role: Consultant surgeon\n  date: 2026-02-30\n"
            "  hash: 0123456789abcdef\nsources:\n",
        ),
        [
            f"{DT}:14: clinical_review.date '2026-02-30' is not a real date — write it as YYYY-MM-DD, "
            "e.g. 2026-11-21",
        ],
    ),
    (
        "clinical-review-hash-typed",
        treatment(
            "sources:\n",
            "clinical_review:\n  name: Dr A Example\n  role: Consultant surgeon\n  date: 2026-02-03\n"
            "  hash: signed\nsources:\n",
        ),
        [
            f"{DT}:15: clinical_review.hash 'signed' was not written by make sign-off — once the clinician "
            "has checked the page, run `make sign-off PAGE=... NAME=... ROLE=...` (CONTRIBUTING.md)",
        ],
    ),
    # --- near-copies between content pages (issue 12, section 4) ------------------------------
    (
        "near-copy-pages",
        {**treatment(SUMMARY, SHARED_25), **guide("Some text.", SHARED_25)},
        [
            f"{DG}:1: shares 16 10-word runs with {DT} (more than 15) — say what is specific to each page, "
            "and keep shared background on one page that the other links to",
            f"{DT}:1: shares 16 10-word runs with {DG} (more than 15) — say what is specific to each page, "
            "and keep shared background on one page that the other links to",
        ],
    ),
    (
        # Near copies are collected late (act/validation/site_validation.py), yet a build
        # that fails on a page problem reports them too, in the same failure.
        "near-copy-pages-and-a-placeholder",
        {**treatment(SUMMARY, SHARED_25), **guide("Some text.", f"{SHARED_25}\n\nTODO: write this section.")},
        [
            f"{DG}:1: shares 16 10-word runs with {DT} (more than 15) — say what is specific to each page, "
            "and keep shared background on one page that the other links to",
            f"{DG}:17: placeholder left in page ('TODO:') — replace it with the real text",
            f"{DT}:1: shares 16 10-word runs with {DG} (more than 15) — say what is specific to each page, "
            "and keep shared background on one page that the other links to",
        ],
    ),
    (
        "placeholder-in-body",
        guide("Some text.", "TODO: write this section."),
        [
            f"{DG}:15: placeholder left in page ('TODO:') — replace it with the real text",
        ],
    ),
    (
        "placeholder-in-front-matter",
        guide(
            "description: A guide page that follows every rule, used as the base for the bad-page tests.",
            "description: 'TODO: one plain sentence of 40-170 characters saying what the page covers'",
        ),
        [
            f"{DG}:3: placeholder left in page ('TODO:') — replace it with the real text",
        ],
    ),
]


@pytest.mark.parametrize(
    ("pages", "expected"), [case[1:] for case in CATALOGUE], ids=[case[0] for case in CATALOGUE]
)
def test_bad_page_fails_with_exact_message(tmp_path, pages, expected):
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, pages)
    assert problem_lines(failed.value.messages) == expected
    assert failed.value.messages[-1] == "Aborted with a BuildError!"


def test_pages_may_share_up_to_the_limit_of_runs(tmp_path):
    shared_24 = SHARED_25.replace(" at home.", " home.")  # 24 words: 15 runs
    assert build_fixture(tmp_path, {**treatment(SUMMARY, shared_24), **guide("Some text.", shared_24)}) == []


def test_review_due_soon_fails_only_strict_builds(tmp_path):
    soon = (FIXTURE_TODAY + dt.timedelta(days=10)).isoformat()
    pages = treatment("next_review: 2027-11-01", f"next_review: {soon}")
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, pages)
    assert problem_lines(failed.value.messages) == [
        f"{DT}:10: next_review {soon} is in 10 days — have the page reviewed before then"
    ]
    assert failed.value.messages[-1] == "Aborted with 1 warnings in strict mode!"


def test_missing_disclaimer_fails(tmp_path):
    import yaml
    from testkit.validation_site import FIXTURE

    palette = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["palette"]
    theme = {
        "name": "material",
        "custom_dir": str(FIXTURE / "overrides-without-disclaimer"),
        "font": False,
        "palette": palette,
    }
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {}, theme=theme)
    assert problem_lines(failed.value.messages) == [
        f"docs/{name}:1: the disclaimer did not reach this page — overrides/partials/page-footer.html must "
        "include partials/disclaimer.html, and every page template must include the page footer"
        for name in (C, G, "index.md", T)
    ]


def test_act_today_decides_when_a_page_falls_due(tmp_path, monkeypatch):
    # The layer pins ACT_TODAY (conftest.py); the day after the fixture pages' next_review, each is overdue.
    monkeypatch.setenv("ACT_TODAY", "2027-11-02")
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {})
    overdue = "next_review 2027-11-01 has passed — review the page, then update last_reviewed and next_review"
    assert problem_lines(failed.value.messages) == [
        f"docs/{page}:{line}: {overdue}"
        for page, line in [
            ("conditions/good-condition.md", 10),
            ("guides/good-guide.md", 6),
            ("index.md", 6),
            (T, 10),
        ]
    ]
