"""Hostile inputs a pull request could carry (issue 13): each must fail the strict build with
exactly these problem lines, or, where marked, be made harmless.

Classes: 1 symlinks, 2 files nobody checks, 3 parser differential, 4 attribute values
rendered as HTML, 5 SVG, 6 URLs a browser reads differently, 7 denial of service (YAML),
8 front matter and names (class 9, robustness, is in test_robustness.py). Input rules name the author's file and line; the output gate
(hooks/act/security/gate.py) names the page and says "in the built page".
"""

from __future__ import annotations

import pathlib
import re
import shutil

import pytest
from selectolax.lexbor import LexborHTMLParser
from testkit.sitebuild import ROOT, build_site
from testkit.validation_site import (
    FIXTURE,
    GOOD_CONDITION,
    GOOD_GUIDE,
    GOOD_TREATMENT,
    BuildFailed,
    build_fixture,
    make_docs,
)

T = "treatments/good-treatment.md"
DT = f"docs/{T}"
SUMMARY = "A short summary of the treatment, in plain words."


def treatment(old: str, new: str) -> dict[str, str | bytes]:
    assert old in GOOD_TREATMENT, old
    return {T: GOOD_TREATMENT.replace(old, new, 1)}


def body(markdown: str) -> dict[str, str | bytes]:
    return treatment(SUMMARY, SUMMARY + "\n\n" + markdown)


def svg(inner: str) -> dict[str, str | bytes]:
    return {
        "assets/bad.svg": (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
            f"  {inner}\n</svg>\n"
        )
    }


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"

CASES: dict[str, dict[str, str | bytes]] = {
    # 2 files nobody checks
    "html-file-under-docs": {"evil.html": "<script>alert(1)</script>"},
    "js-file-outside-javascripts": {"assets/diagrams/x.js": "alert(1)"},
    "upper-case-svg-extension": {
        "assets/spine.SVG": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    },
    "file-name-with-space": {"assets/my diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'},
    "file-name-non-ascii": {"assets/caf\u00e9.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'},
    # 3 parser differential
    "svg-title-holds-html": body("<svg><title><img src=x onerror=alert(1)></title></svg>"),
    "deep-nesting-hides-script": body("<div>" * 260 + "x" + "</div>" * 260 + "\n\n<script>alert(1)</script>"),
    "deep-markdown-list-hides-script": body(
        "".join("    " * level + "- x\n" for level in range(300)) + "\n<script>alert(1)</script>"
    ),
    "deep-markdown-in-html": body("<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400),
    # 4 attribute values rendered as HTML
    "link-title-markup": body('[NHS](https://www.nhs.uk/ "<img src=x onerror=alert(1)>")'),
    "abbr-definition-entity-markup": body("CT scans.\n\n*[CT]: &lt;img src=x onerror=alert(1)&gt;"),
    "lightbox-data-title": treatment(
        "![A simple diagram of the spine](../assets/diagram.png)",
        '![A simple diagram of the spine](../assets/diagram.png){ data-title="<img src=x onerror=alert(1)>" }',
    ),
    "lightbox-data-src": treatment(
        "![A simple diagram of the spine](../assets/diagram.png)",
        '![A simple diagram of the spine](../assets/diagram.png){ data-src="https://evil.example/x.png" }',
    ),
    # 5 SVG
    "svg-smil-set-javascript": svg(
        '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'
    ),
    "svg-animate-values": svg('<animate attributeName="href" values="javascript:alert(1)"/>'),
    "svg-fill-url-outside": svg('<rect width="5" height="5" fill="url(https://evil.example/p.svg#g)"/>'),
    "svg-filter-url-outside": svg('<rect width="5" height="5" filter="url(//evil.example/f.svg#f)"/>'),
    "svg-style-css-escape": svg("<style>rect { fill: \\75 rl(https://evil.example/x) }</style>"),
    # 6 URLs
    "tab-inside-scheme": body('<a href="java\tscript:alert(1)">x</a>'),
    "newline-inside-scheme": body('<a href="java&#10;script:alert(1)">x</a>'),
    "backslash-host": body('<img src="/\\evil.example/x.png" alt="x">'),
    "ping-attribute": body('<a href="../conditions/good-condition.md" ping="https://evil.example/">x</a>'),
    "style-image-set": body(
        "<span style=\"background: image-set('https://evil.example/x.png' 1x)\">x</span>"
    ),
    "style-css-escape": body('<span style="background: \\75 rl(https://evil.example/x.png)">x</span>'),
    # 7 YAML
    "front-matter-alias-bomb": treatment(
        "type: treatment\n", "type: treatment\n" + BOMB.replace("a:", "x_a:").replace("b:", "x_b:")
    ),
    "front-matter-too-large": treatment(
        "type: treatment\n", "type: treatment\nnotes: '" + "x" * 40000 + "'\n"
    ),
    "data-file-alias": {"_data/spelling-variants.yml": "tumour: &t [tumor]\ntumor2: *t\n"},
    # 8 front matter and names
    "duplicate-key-nested": treatment(
        "    url: https://www.nice.org.uk/\n",
        "    url: https://www.nice.org.uk/\n    url: https://evil.example/\n",
    ),
    "duplicate-key-quoted": treatment("type: treatment\n", 'type: treatment\n"title": Good treatment\n'),
    "review-date-timestamp": treatment("last_reviewed: 2026-11-01", "last_reviewed: 1785542400"),
    "next-review-a-century-away": treatment("next_review: 2027-11-01", "next_review: 2126-11-01"),
    "source-url-userinfo": treatment(
        "url: https://www.nice.org.uk/", "url: https://www.nice.org.uk@evil.example/"
    ),
    "source-url-loopback": treatment("url: https://www.nice.org.uk/", "url: https://127.0.0.1/admin"),
    "source-url-private": treatment("url: https://www.nice.org.uk/", "url: https://10.0.0.8/"),
    "source-url-localhost": treatment("url: https://www.nice.org.uk/", "url: https://localhost/"),
    "title-equal-after-normalisation": {
        "guides/good-guide.md": GOOD_GUIDE.replace("Good guide", "Good \uff54reatment")  # fullwidth t
    },
    "title-zero-width": treatment("title: Good treatment", "title: Good\u200b treatment"),
    "nul-byte": treatment("It is a made-up treatment.", "It is a made-up\x00 treatment."),
    "spelling-variant-markup": {"_data/spelling-variants.yml": 'tumour: ["<img src=x onerror=alert(1)>"]\n'},
}
EXPECTED: dict[str, list[str]] = {
    "html-file-under-docs": [
        "docs/evil.html:1: file type of 'evil.html' is not published — pages and images (.gif, .jpeg, .jpg, .md, .png, .svg, .webp) only; CSS in assets/stylesheets/ and JavaScript in assets/javascripts/ (reviewed by a maintainer); remove the file or move it out of docs/",
    ],
    "js-file-outside-javascripts": [
        "docs/assets/diagrams/x.js:1: file type of 'assets/diagrams/x.js' is not published — pages and images (.gif, .jpeg, .jpg, .md, .png, .svg, .webp) only; CSS in assets/stylesheets/ and JavaScript in assets/javascripts/ (reviewed by a maintainer); remove the file or move it out of docs/",
    ],
    "upper-case-svg-extension": [
        "docs/assets/spine.SVG:1: <script> in SVG — remove it: diagrams may not run code or embed other documents",
        "docs/assets/spine.SVG:1: file name 'assets/spine.SVG' has characters other than a-z, 0-9, '-', '_' and '.' — rename it: use lower-case letters, digits and hyphens only, e.g. bone-cement.svg",
    ],
    "file-name-with-space": [
        "docs/assets/my diagram.svg:1: file name 'assets/my diagram.svg' has characters other than a-z, 0-9, '-', '_' and '.' — rename it: use lower-case letters, digits and hyphens only, e.g. bone-cement.svg",
    ],
    "file-name-non-ascii": [
        "docs/assets/café.svg:1: file name 'assets/café.svg' has characters other than a-z, 0-9, '-', '_' and '.' — rename it: use lower-case letters, digits and hyphens only, e.g. bone-cement.svg",
    ],
    "svg-title-holds-html": [
        "docs/treatments/good-treatment.md:25: in the built page: attribute 'onerror' on <img> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py",
    ],
    "deep-nesting-hides-script": [
        "docs/treatments/good-treatment.md:25: lists, boxes or HTML nested more than 20 levels deep — use at most 20: flatten the list, or split it",
    ],
    "deep-markdown-list-hides-script": [
        "docs/treatments/good-treatment.md:46: lists, boxes or HTML nested more than 20 levels deep — use at most 20: flatten the list, or split it",
    ],
    "deep-markdown-in-html": [
        "docs/treatments/good-treatment.md:45: lists, boxes or HTML nested more than 20 levels deep — use at most 20: flatten the list, or split it",
    ],
    "link-title-markup": [
        "docs/treatments/good-treatment.md:25: in the built page: 'title' of <a> holds markup ('<img src=x onerror=alert(1)>'), which the theme or the lightbox shows as HTML — write plain text, without < or entities such as &lt;",
    ],
    "abbr-definition-entity-markup": [
        "docs/treatments/good-treatment.md:27: in the built page: 'title' of <abbr> holds markup ('<img src=x onerror=alert(1)>'), which the theme or the lightbox shows as HTML — write plain text, without < or entities such as &lt;",
    ],
    "lightbox-data-title": [
        "docs/treatments/good-treatment.md:29: in the built page: 'data-title' of <a> holds markup ('<img src=x onerror=alert(1)>'), which the theme or the lightbox shows as HTML — write plain text, without < or entities such as &lt;",
        "docs/treatments/good-treatment.md:29: in the built page: 'data-title' of <img> holds markup ('<img src=x onerror=alert(1)>'), which the theme or the lightbox shows as HTML — write plain text, without < or entities such as &lt;",
    ],
    "lightbox-data-src": [
        "docs/treatments/good-treatment.md:29: in the built page: attribute 'data-src' on <img> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py",
    ],
    "svg-smil-set-javascript": [
        "docs/assets/bad.svg:2: <set> animation in SVG — remove it: animation can change links into code; diagrams are still pictures",
    ],
    "svg-animate-values": [
        "docs/assets/bad.svg:2: <animate> animation in SVG — remove it: animation can change links into code; diagrams are still pictures",
    ],
    "svg-fill-url-outside": [
        "docs/assets/bad.svg:2: fill on <rect> in SVG points outside the file (url(https://evil.example/p.svg#g)) — use url(#id) of an element in the same file",
    ],
    "svg-filter-url-outside": [
        "docs/assets/bad.svg:2: filter on <rect> in SVG points outside the file (url(//evil.example/f.svg#f)) — use url(#id) of an element in the same file",
    ],
    "svg-style-css-escape": [
        "docs/assets/bad.svg:2: SVG style loads a resource or uses CSS escapes — remove the @import, url() to anything but #id, image-set() and backslashes; diagrams must be self-contained",
    ],
    "tab-inside-scheme": [
        "docs/treatments/good-treatment.md:25: 'javascript:' URL in href of <a> — remove it: link only to pages and files, and save images as files under docs/",
    ],
    "newline-inside-scheme": [
        "docs/treatments/good-treatment.md:25: 'javascript:' URL in href of <a> — remove it: link only to pages and files, and save images as files under docs/",
    ],
    "backslash-host": [
        "docs/treatments/good-treatment.md:25: in the built page: <img> src='/\\evil.example/x.png' loads from another site or with a scheme — only files of this site may be loaded: save it under docs/assets/ and use a relative path",
    ],
    "ping-attribute": [
        "docs/treatments/good-treatment.md:25: in the built page: attribute 'ping' on <a> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py",
    ],
    "style-image-set": [
        "docs/treatments/good-treatment.md:25: in the built page: attribute 'style' on <span> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py",
    ],
    "style-css-escape": [
        "docs/treatments/good-treatment.md:25: in the built page: attribute 'style' on <span> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py",
    ],
    "front-matter-alias-bomb": [
        "docs/treatments/good-treatment.md:5: front matter: YAML anchor 'a' — write the value out in full: anchors and aliases (&name, *name) are not read",
    ],
    "front-matter-too-large": [
        "docs/treatments/good-treatment.md:2: front matter: YAML is 39 KB; at most 32 KB is read — shorten it",
    ],
    "data-file-alias": [
        "docs/_data/spelling-variants.yml:1: YAML anchor 't' — write the value out in full: anchors and aliases (&name, *name) are not read",
    ],
    "duplicate-key-nested": [
        "docs/treatments/good-treatment.md:17: key 'url' is given twice (first on line 16) — keep one; YAML would silently use this one",
    ],
    "duplicate-key-quoted": [
        "docs/treatments/good-treatment.md:5: key 'title' is given twice (first on line 2) — keep one; YAML would silently use this one",
    ],
    "review-date-timestamp": [
        "docs/treatments/good-treatment.md:9: last_reviewed 1785542400 is a number, not a date — write it as YYYY-MM-DD, e.g. 2026-11-21",
    ],
    "next-review-a-century-away": [
        "docs/treatments/good-treatment.md:10: next_review 2126-11-01 is more than 1 year after last_reviewed 2026-11-01 — set a review date within 1 year",
    ],
    "source-url-userinfo": [
        "docs/treatments/good-treatment.md:16: source 1: source url 'https://www.nice.org.uk@evil.example/' has a name before '@', so it leads to another site than it seems — give the plain https:// address of the source",
    ],
    "source-url-loopback": [
        "docs/treatments/good-treatment.md:16: source 1: source url 'https://127.0.0.1/admin' is not a public web address — give the https:// address of the published source, by its domain name",
    ],
    "source-url-private": [
        "docs/treatments/good-treatment.md:16: source 1: source url 'https://10.0.0.8/' is not a public web address — give the https:// address of the published source, by its domain name",
    ],
    "source-url-localhost": [
        "docs/treatments/good-treatment.md:16: source 1: source url 'https://localhost/' is not a public web address — give the https:// address of the published source, by its domain name",
    ],
    "title-equal-after-normalisation": [
        "docs/treatments/good-treatment.md:2: title 'Good treatment' is also the title of docs/guides/good-guide.md — give each page its own title",
    ],
    "title-zero-width": [
        "docs/treatments/good-treatment.md:2: title contains an invisible or control character (U+200B) — delete it and type the text again",
        "docs/treatments/good-treatment.md:21: heading 'Good treatment' differs from the front-matter title 'Good\u200b treatment' — make them the same",
    ],
    "nul-byte": [
        "docs/treatments/good-treatment.md:27: file holds a NUL byte (\\x00) — delete it; re-save the file as plain UTF-8 text",
    ],
    "spelling-variant-markup": [
        "docs/_data/spelling-variants.yml:1: 'tumour': ['<img src=x onerror=alert(1)>'] — spellings are plain words: letters, spaces, hyphens and apostrophes only",
    ],
}


# One problem line, for any file the build names: `docs/x.md:12: ...`, `site/404.html:3: ...`.
ANY_PROBLEM_LINE = re.compile(r"^(docs|site|overrides)/.+?:\d+: ")


def problems(messages: list[str]) -> list[str]:
    return [message for message in messages if ANY_PROBLEM_LINE.match(message)]


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_fails_with_exact_message(tmp_path, name):
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, CASES[name])
    assert problems(failed.value.messages) == EXPECTED[name]
    assert failed.value.messages[-1] == "Aborted with a BuildError!"


SYMLINK = (
    "symbolic link — replace it with the file itself: the build would publish whatever the link points to, "
    "on the build machine"
)


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("assets/env.txt", "/proc/self/environ"),
        ("_snippets/passwd.md", "/etc/passwd"),
        ("assets/etc", "/etc"),
    ],
)
def test_symlink_under_docs_fails_the_build(tmp_path, link, target):
    """Class 1: whatever a link points to on the build machine would be published."""
    docs = make_docs(tmp_path, {})
    (docs / link).parent.mkdir(parents=True, exist_ok=True)
    (docs / link).symlink_to(target)
    with pytest.raises(BuildFailed) as failed:
        build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    assert problems(failed.value.messages) == [f"docs/{link}:1: {SYMLINK}"]


def test_symlink_under_overrides_fails_the_build(tmp_path):
    """Class 1: theme overrides are files the build reads and may publish, like docs/."""
    import yaml

    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "partials" / "env.html").symlink_to("/proc/self/environ")
    palette = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["palette"]
    theme = {"name": "material", "custom_dir": str(overrides), "font": False, "palette": palette}
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {}, theme=theme)
    assert problems(failed.value.messages) == [f"overrides/partials/env.html:1: {SYMLINK}"]


def test_every_page_carries_the_csp_of_docs_headers_first_in_head(tmp_path):
    """The policy as a meta tag, before any script, equal to `_headers` minus frame-ancestors."""
    from act.security.csp import header_policy

    docs = make_docs(tmp_path, {})
    build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    policy = header_policy((ROOT / "docs" / "_headers").read_text(encoding="utf-8"))
    expected = "; ".join(
        part.strip() for part in policy.split(";") if not part.strip().startswith("frame-ancestors")
    )
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        head = LexborHTMLParser(path.read_text(encoding="utf-8")).head
        first = [node for node in head.iter() if node.tag in {"meta", "script", "link", "style"}]
        assert first[1].attributes.get("http-equiv") == "Content-Security-Policy", path
        assert first[1].attributes["content"] == expected, path
        assert first[0].attributes == {"charset": "utf-8"}, path


def test_snippet_path_traversal_is_a_problem_not_a_traceback(tmp_path):
    """Class 9: with the real mkdocs.yml (pymdownx.snippets), a snippet outside docs/_snippets/."""
    docs = make_docs(tmp_path, body('--8<-- "../../../../../../etc/passwd"'))
    with pytest.raises(BuildFailed) as failed:
        build_site(ROOT / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    assert problems(failed.value.messages) == [
        f"{DT}:25: snippet '../../../../../../etc/passwd' is outside docs/_snippets/ — include only files from "
        "docs/_snippets/, by their name there"
    ]
    assert not any("root:" in message for message in failed.value.messages)


def test_page_deleted_mid_build_is_a_problem_not_a_traceback(tmp_path):
    """Class 9: a page listed by MkDocs but gone when its source is read."""
    from act.validation import site_validation

    docs = make_docs(tmp_path, {})
    original = site_validation.SiteValidation.read_source

    def delete_then_read(self, page):
        if page.file.src_uri == T:
            pathlib.Path(page.file.abs_src_path).unlink()
        return original(self, page)

    site_validation.SiteValidation.read_source = delete_then_read
    try:
        with pytest.raises(BuildFailed) as failed:
            build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    finally:
        site_validation.SiteValidation.read_source = original
    assert problems(failed.value.messages) == [
        f"{DT}:1: file cannot be read (No such file or directory) — restore the file, or build again"
    ]


# Problems on three pages, found by the page checks (which stop the build before any page
# is written) or, with the pages otherwise clean, by the output gate on the written pages.
BATCHED = {
    "page checks": {
        **body("TODO: say what happens"),
        "conditions/good-condition.md": GOOD_CONDITION + "\n<iframe src=https://evil.example/></iframe>\n",
        "guides/good-guide.md": GOOD_GUIDE + "\nTODO: say where to get help\n",
    },
    "output gate": {
        **body("<svg><title><img src=x onerror=alert(1)></title></svg>"),
        "conditions/good-condition.md": GOOD_CONDITION + '\n[NHS](https://www.nhs.uk/ "<b>NHS</b>")\n',
        "guides/good-guide.md": GOOD_GUIDE + "\nCT scans.\n\n*[CT]: &lt;i&gt;computed&lt;/i&gt; tomography\n",
    },
}


# Where the checks run: the fixture's own setting (a second process, as on a large site) or,
# as on the real site, the build's own process (extra.page_checks.second_process_from: null).
WHERE = {"second process": {}, "build process": {"extra": {"page_checks": {"second_process_from": None}}}}


@pytest.mark.parametrize("found_by", list(BATCHED))
def test_checks_run_in_batches_report_what_they_report_page_by_page(tmp_path, monkeypatch, found_by):
    """The page checks and the output gate run `PAGES_PER_BATCH` pages at a time
    (act/validation/site_validation.py): with a batch of 1, 2 or 3 pages (the queue emptied
    between pages) the build reports exactly what it reports with every page in one batch
    (the queue emptied only in `on_env` and `on_post_build`), in the second process and in
    the build's own."""
    from act.validation import site_validation

    def reported(batch: int, where: str) -> list[str]:
        monkeypatch.setattr(site_validation, "PAGES_PER_BATCH", batch)
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        with pytest.raises(BuildFailed) as failed:
            build_fixture(folder, BATCHED[found_by], **WHERE[where])
        return problems(failed.value.messages)

    whole = reported(1000, "build process")
    assert {line.split(":")[0] for line in whole} == {
        "docs/treatments/good-treatment.md",
        "docs/conditions/good-condition.md",
        "docs/guides/good-guide.md",
    }
    assert all(("in the built page" in line) == (found_by == "output gate") for line in whole)
    for batch in (1, 2, 3, 1000):
        for where in WHERE:
            assert reported(batch, where) == whole, (batch, where)
