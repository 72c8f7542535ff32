"""The security rules as plain functions (issue 13): the output gate's allowlist, URLs as a
browser reads them, YAML refusal, the published-file allowlist and the CSP meta policy."""

from __future__ import annotations

import json
import pathlib

import pytest
from act.security import csp
from act.security.files import published_problem
from act.security.gate import Policy, html_findings, sha256, site_file_findings, url_scheme
from act.security.safe_yaml import yaml_refusal

POLICY = Policy(site_url="https://example.org/", script_hashes=frozenset({sha256("ok()")}))


def messages(html: str) -> list[str]:
    return [finding.message for finding in html_findings(html, POLICY)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("page/", (None, False)),
        ("java\tscript:alert(1)", ("javascript", True)),
        ("java\nscript:alert(1)", ("javascript", True)),
        ("  javascript:alert(1)", ("javascript", True)),
        ("/\\evil.example/x.png", (None, True)),
        ("\\\\evil.example/x.png", (None, True)),
        ("//evil.example/x", (None, True)),
        ("HTTPS://example.org/", ("https", True)),
    ],
)
def test_url_scheme_as_a_browser_reads_it(url, expected):
    assert url_scheme(url) == expected


GOOD_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><script>ok()</script>'
    '<script src="assets/javascripts/bundle.js"></script>'
    '<script type="application/ld+json">{"a": 1}</script></head><body>'
    '<p><a href="https://www.nhs.uk/" title="NHS">x</a> <a href="mailto:x@example.org">m</a>'
    '<img src="../assets/x.png" alt="x"></p><table><tr><th style="text-align: left;">h</th></tr></table>'
    '<sup class="citation" id="cite-a-1"><a href="#source-a" aria-label="source 1">1</a></sup>'
    '<nav aria-label="A to Z"><a href="#a">A</a></nav></body></html>'
)


def test_a_good_page_passes_the_gate():
    assert messages(GOOD_PAGE) == []


ALLOW = "if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<iframe src=x></iframe>", f"<iframe> is not allowed — remove it; {ALLOW}"),
        (
            "<svg><title><img src=x onerror=alert(1)></title></svg>",
            f"attribute 'onerror' on <img> is not allowed — remove it; {ALLOW}",
        ),
        (
            "<div>" * 300 + "<p onclick=x()>x</p>",
            f"attribute 'onclick' on <p> is not allowed — remove it; {ALLOW}",
        ),
        (
            '<a href="x" ping="https://evil.example/">x</a>',
            f"attribute 'ping' on <a> is not allowed — remove it; {ALLOW}",
        ),
        (
            '<img src="x.png" alt="x" data-src="https://evil.example/x.png">',
            f"attribute 'data-src' on <img> is not allowed — remove it; {ALLOW}",
        ),
        (
            '<abbr title="&lt;img src=x onerror=alert(1)&gt;">CT</abbr>',
            "'title' of <abbr> holds markup ('<img src=x onerror=alert(1)>'), which the theme or the lightbox "
            "shows as HTML — write plain text, without < or entities such as &lt;",
        ),
        (
            '<a href="java&#9;script:alert(1)">x</a>',
            "link to 'java\tscript:alert(1)' on <a> uses the 'javascript:' scheme — link only with http, https, "
            "mailto, tel or a path on this site",
        ),
        (
            '<img src="/\\evil.example/x.png" alt="x">',
            "<img> src='/\\evil.example/x.png' loads from another site or with a scheme — only files of this site "
            "may be loaded: save it under docs/assets/ and use a relative path",
        ),
        (
            "<table><tr><th style=\"background: image-set('https://evil.example/x.png' 1x)\">h</th></tr></table>",
            "inline style 'background: image-set('https://evil.exam' on <th> is not allowed — styles "
            "belong in docs/assets/stylesheets/extra.css",
        ),
        (
            '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
            f"<meta> 'refresh' is not allowed — remove it; {ALLOW}",
        ),
        (
            "<script>alert(1)</script>",
            f"inline <script> whose hash {sha256('alert(1)')} is not in the Content-Security-Policy — pages may "
            "not run code; if the theme writes it, add the hash to script-src in docs/_headers",
        ),
        (
            '<script src="https://evil.example/x.js"></script>',
            "<script src='https://evil.example/x.js'> — only this site's own .js files may be loaded",
        ),
        (
            '<script type="application/ld+json">alert(1)</script>',
            "<script type='application/ld+json'> does not hold valid JSON — it must be data only",
        ),
        ("<base href=https://evil.example/>", f"<base> is not allowed — remove it; {ALLOW}"),
        ("<noscript><p>x</p></noscript>", f"<noscript> is not allowed — remove it; {ALLOW}"),
        (
            '<svg><path fill="url(https://evil.example/#p)" d="M0"></path></svg>',
            "fill 'url(https://evil.example/#p)' on <path> is not a colour — write a colour name or #hex; "
            "url() and other paint that can load from elsewhere is not allowed",
        ),
    ],
)
def test_gate_refuses_what_is_not_allowed(html, expected):
    assert expected in messages(html)


def test_gate_checks_files_that_are_not_pages():
    index = {"docs": [{"location": "x/", "title": "X", "text": "<p>ok</p><img src=x onerror=alert(1)>"}]}
    found = site_file_findings(
        pathlib.PurePosixPath("search/search_index.json"), json.dumps(index).encode(), POLICY, set()
    )
    assert [f.message for f in found] == [
        f"search entry 'x/' text: attribute 'onerror' on <img> is not allowed — remove it; {ALLOW}"
    ]
    # A leading <link> or <style> goes into <head> when parsed: the gate sees it there too.
    index = {
        "docs": [{"location": "y/", "title": "Y", "text": "<link rel=stylesheet href=https://evil.example/>"}]
    }
    found = site_file_findings(
        pathlib.PurePosixPath("search/search_index.json"), json.dumps(index).encode(), POLICY, set()
    )
    assert [f.message for f in found] == [
        "search entry 'y/' text: <link> href='https://evil.example/' loads from another site or with a scheme "
        "— only files of this site may be loaded: save it under docs/assets/ and use a relative path"
    ]
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>https://evil.example/x</loc></url></urlset>'
    assert [
        f.message for f in site_file_findings(pathlib.PurePosixPath("sitemap.xml"), sitemap, POLICY, set())
    ] == ["sitemap address 'https://evil.example/x' is not on this site (https://example.org/)"]
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa">]><urlset>&a;</urlset>'
    assert [
        f.message for f in site_file_findings(pathlib.PurePosixPath("sitemap.xml"), bomb, POLICY, set())
    ] == ["XML file declares a DTD or entities — remove them"]
    assert [
        f.message for f in site_file_findings(pathlib.PurePosixPath("x/evil.js"), b"", POLICY, set())
    ] == [
        f"JavaScript file that neither the theme nor docs/assets/javascripts/ provides — remove it; {ALLOW}"
    ]
    assert [f.message for f in site_file_findings(pathlib.PurePosixPath("x.exe"), b"", POLICY, set())] == [
        f"file type '.exe' is not allowed in the built site — {ALLOW}"
    ]


@pytest.mark.parametrize(
    ("src_uri", "allowed"),
    [
        ("treatments/x.md", True),
        ("assets/diagrams/x.svg", True),
        ("assets/javascripts/x.js", True),
        ("assets/stylesheets/x.css", True),
        ("_headers", True),
        ("x.html", False),
        ("assets/x.js", False),
        ("assets/x.SVG", False),
        ("assets/my x.png", False),
        ("assets/caf\u00e9.png", False),
        ("assets/x.txt", False),
    ],
)
def test_published_files_allowlist(src_uri, allowed):
    assert (published_problem(src_uri) is None) is allowed


def test_yaml_aliases_and_size_are_refused_without_parsing():
    bomb = "a: &a [x, x]\nb: [*a, *a]\n" + "".join(f"c{i}: [*a]\n" for i in range(50))
    assert yaml_refusal(bomb, 10_000) == (
        0,
        "YAML anchor 'a' — write the value out in full: anchors and aliases (&name, *name) are not read",
    )
    assert yaml_refusal("title: Q&A * notes\n", 10_000) is None
    assert yaml_refusal("x: " + "y" * 5000, 1024) == (0, "YAML is 4 KB; at most 1 KB is read — shorten it")


def test_meta_policy_drops_only_what_a_meta_tag_cannot_carry():
    policy = "default-src 'none'; script-src 'self'; frame-ancestors 'none'; report-uri /r"
    assert csp.meta_policy(policy) == "default-src 'none'; script-src 'self'"
    headers = "# c\n/*\n  Content-Security-Policy: default-src 'none'\n  X-Frame-Options: DENY\n"
    assert csp.header_policy(headers) == "default-src 'none'"
