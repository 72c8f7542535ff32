"""The output gate, made faster, finds exactly what a plain walk with its own rules finds (issue 13).

`reference_findings` walks every element and judges it afresh with the gate's rules. The
gate remembers elements (and inline texts) it judged before in the same build; these
tests feed both the same hostile and harmless markup, twice through one policy (so the
second pass is answered from the memo), and compare every finding and its order.
"""

from __future__ import annotations

import pytest
from act.security import gate
from act.security.gate import Finding, Policy, html_findings, sha256
from selectolax.lexbor import LexborHTMLParser


def reference_findings(text: str, policy: Policy) -> list[Finding]:
    """The plain walk: every element, its attributes and its inline text judged afresh by
    the gate's own rules, with no memo (the rules are said once, in the gate)."""
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return []
    findings: list[Finding] = []
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag[0] in "-#":
            continue
        findings += gate._element_findings(tag, node.attributes, policy)
        if tag == "script":
            findings += gate._script_findings(node.text(deep=True), node.attributes, policy)
        elif tag == "style":
            findings += gate._style_findings(node.text(deep=True), policy)
    return findings


CHROME = (
    '<!doctype html><html lang="en" class="no-js"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width"><meta property="og:url" content="https://example.org/x/">'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    '<link rel="canonical" href="https://example.org/x/"><link rel="stylesheet" href="../assets/s.css">'
    "<script>ok()</script><style>p{}</style>"
    '<script src="../assets/javascripts/bundle.js"></script>'
    '<script type="application/ld+json">{"a": 1}</script></head><body dir="ltr">'
    '<header class="md-header"><nav aria-label="Header"><a href="../" title="Home" class="md-logo">'
    '<svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M1 1"></path></svg></a></nav>'
    '<form class="md-search__form" name="search"><input type="text" name="query" placeholder="Search"></form>'
    "</header>"
)
END = '<footer class="md-footer"><a href="https://www.nhs.uk/" title="NHS">NHS</a></footer></body></html>'

FILL_URL = '<svg><path fill="url(https://evil.example/#x)" d="M0"></path></svg>'
# Harmless and hostile bodies, alone and inside the theme's repeated header and footer.
BODIES = [
    "<p>Plain text.</p>",
    '<p><a href="page/" title="A page">a</a> <a href="mailto:x@example.org">m</a></p>',
    '<table><tr><th style="text-align: left;">h</th><td style="color: red">x</td></tr></table>',
    "<iframe src=x></iframe><object data=x></object><embed src=x>",
    "<svg><title><img src=x onerror=alert(1)></title></svg>",
    "<svg><set attributeName=href to=javascript:alert(1)></set><animate values=javascript:x></animate></svg>",
    FILL_URL,
    "<a href=java\tscript:alert(1)>x</a><a href='/\\evil.example/'>y</a><a href=x ping=https://e.example/>p</a>",
    '<img src="https://evil.example/x.png" alt="x"><img src="//evil.example/y.png">',
    '<a href="x.png" data-title="&lt;img src=x onerror=alert(1)&gt;" data-gallery="g">x</a>',
    '<abbr title="&lt;b&gt;bold&lt;/b&gt;">B</abbr><a data-description="<i>x</i>" href="y">y</a>',
    '<a href="x.png" data-src="https://evil.example/x.png">x</a>',
    "<script>alert(1)</script><script>ok()</script><style>body{}</style><style>p{}</style>",
    '<script src="https://evil.example/x.js"></script><script src="x.txt"></script>',
    '<script type="module" src="x.js"></script><script type="application/json">nope</script>',
    '<meta name="refresh" content="0"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta property="og:image" content="https://evil.example/x.png"><meta charset="utf-8" name="x">',
    '<link rel="canonical" href="https://evil.example/"><link rel="preload" href="https://evil.example/x">',
    '<form action="https://evil.example/"><input type="text" formaction="https://evil.example/"></form>',
    "<base href=https://evil.example/><noscript><p>x</p></noscript><textarea><img src=x></textarea>",
    '<div onclick="x()" style="text-align: center;">d</div><div data-print-title="T">t</div>',
    '<p CLASS="a" ID="b" Data-MD-x="c" ARIA-label="d" OnMouseOver="e()">x</p>',
    '<sup class="citation" id="cite-a-1"><a href=\'#source-a\'>1</a></sup>',
    "<div>" * 300 + "<script>alert(1)</script>" + "</div>" * 300,
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math><custom-element foo=bar></custom-element>",
    "<!-- <script>alert(1)</script> --><p>after a comment</p>",
]
POLICY_ARGS = {
    "site_url": "https://example.org/",
    "script_hashes": frozenset({sha256("ok()")}),
    "style_hashes": frozenset({sha256("p{}")}),
}


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_gate_finds_what_the_plain_walk_finds(body):
    policy = Policy(**POLICY_ARGS)
    yardstick = Policy(**POLICY_ARGS)
    for text in (CHROME + body + END, body, CHROME + body + END):  # the last from the memo
        expected = reference_findings(text, yardstick)
        found = html_findings(text, policy)
        assert found == expected


def test_every_hostile_body_is_found():
    """The comparison above means something: all but the harmless bodies have findings."""
    harmless = {0, 1, 22, 25}
    policy = Policy(**POLICY_ARGS)
    found = {i for i, body in enumerate(BODIES) if html_findings(body, policy)}
    assert found == set(range(len(BODIES))) - harmless
    assert html_findings(CHROME + END, policy) == []


def test_the_memo_is_per_policy_and_bounded(monkeypatch):
    monkeypatch.setattr(gate, "MEMO_SIZE", 3)
    monkeypatch.setattr(gate, "TEXT_MEMO_SIZE", 2)
    policy = Policy(**POLICY_ARGS)
    html_findings(CHROME + END, policy)
    assert len(policy.memo) == 3
    assert len(policy.text_memo) == 2
    assert Policy(**POLICY_ARGS).memo == {}
    assert Policy(**POLICY_ARGS).text_memo == {}
    # A full memo changes nothing found.
    for body in BODIES:
        fresh = html_findings(body, Policy(**POLICY_ARGS))
        assert html_findings(body, policy) == fresh
