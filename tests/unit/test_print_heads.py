"""What every printed sheet names (hooks/act/print_heads.py): the title, the hosted address
and the review date as CSS strings in a `style` attribute on `<html>`, safe for any title,
and accepted by the output gate only in that exact shape."""

from __future__ import annotations

import datetime
import re

import pytest
from act.print_heads import add_to_root, css_string, hosted_address, reviewed_line, running_heads
from act.security.gate import Policy, html_findings
from selectolax.lexbor import LexborHTMLParser

PAGE = (
    '<!DOCTYPE html><html lang="en" class="no-js"><head><title>T</title></head><body><p>x</p></body></html>'
)
HOSTILE = [
    'Quote " and backslash \\',
    '"; } @page { content: "x',
    "</html><script>alert(1)</script>",
    "' onmouseover='x",
    "Line\nbreak\tand\r\ncarriage",
    "&quot;&lt;entities&gt;",
    "Ünïcødé – dash ‘quotes’ \u2028 \x00 nul",
    "\\22 already escaped",
    "var(--act-print-address) url(https://evil.example/)",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oesophageal stent", '"Oesophageal stent"'),
        ("https://x.io/a-b_c/", '"https://x.io/a-b_c/"'),
        ('Say "hi"', '"Say \\22 hi\\22 "'),
        ("back\\slash", '"back\\5c slash"'),
        ("two\nlines", '"two lines"'),
        ("café", '"caf\\e9 "'),
        ("<b>", '"\\3c b\\3e "'),
    ],
)
def test_css_string_escapes_everything_outside_a_plain_set(text, expected):
    assert css_string(text) == expected


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_stays_one_css_string_in_one_attribute(title):
    style = running_heads(title, "https://x.io/p/", "Page last reviewed: 1 May 2026")
    placed = add_to_root(PAGE, style)
    assert placed is not None
    tree = LexborHTMLParser(placed)
    html = tree.css_first("html")
    assert html.attributes == {"lang": "en", "class": "no-js", "style": style}
    assert [node.tag for node in tree.root.traverse()] == ["html", "head", "title", "body", "p"]
    assert html_findings(placed, Policy(site_url="https://x.io/")) == []
    # The title's own text, decoded from the CSS string, is the title (one line).
    value = style.split("; --act-print-address")[0].removeprefix("--act-print-title: ")
    decoded = _decode_css_string(value)
    assert decoded == " ".join(title.split())


def _decode_css_string(value: str) -> str:
    assert value[0] == value[-1] == '"'
    return re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m[1], 16)), value[1:-1])


@pytest.mark.parametrize(
    "style",
    [
        '--act-print-title: "a"b"; --act-print-address: ""; --act-print-reviewed: "";',
        '--act-print-title: "a\\"; --act-print-address: ""; --act-print-reviewed: "";',
        '--act-print-title: "a"; --act-print-address: ""; --act-print-reviewed: ""; color: red;',
        '--act-print-title: "<b>"; --act-print-address: ""; --act-print-reviewed: "";',
        "background: url(https://evil.example/)",
    ],
)
def test_the_gate_refuses_any_other_style_on_html(style):
    page = PAGE.replace('class="no-js"', f"class=\"no-js\" style='{style}'")
    messages = [f.message for f in html_findings(page, Policy(site_url="https://x.io/"))]
    assert messages == [
        f"inline style '{style[:40]}' on <html> is not allowed — styles belong in "
        "docs/assets/stylesheets/extra.css"
    ]


@pytest.mark.parametrize(
    "document",
    [
        "<html><body>no doctype</body></html>",
        '<p>text</p><!DOCTYPE html><html lang="en">',
        '<!DOCTYPE html><html lang="en" style="color: red"><body></body></html>',
    ],
)
def test_the_attribute_goes_only_on_a_document_opening_with_doctype_and_html(document):
    assert add_to_root(document, running_heads("t", "a", "r")) is None


def test_the_attribute_goes_on_the_first_tag_only():
    page = '<!doctype html>\n<html lang="en"><body><pre>&lt;html lang="en"&gt;</pre></body></html>'
    placed = add_to_root(page, running_heads("t", "a", "r"))
    assert placed.count("style=") == 1 and placed.startswith('<!doctype html>\n<html lang="en" style="')


@pytest.mark.parametrize(
    ("src_uri", "address"),
    [
        ("index.md", "https://x.io/"),
        ("treatments/oesophageal-stent.md", "https://x.io/treatments/oesophageal-stent/"),
        ("treatments/index.md", "https://x.io/treatments/"),
    ],
)
def test_the_address_is_the_hosted_one(src_uri, address):
    assert hosted_address("https://x.io/", src_uri) == address
    assert hosted_address("https://x.io", src_uri) == address
    assert hosted_address(None, src_uri) == ""


@pytest.mark.parametrize(
    ("value", "line"),
    [
        (datetime.date(2026, 11, 3), "Page last reviewed: 3 November 2026"),
        (None, ""),
        ("2026-11-03", ""),
    ],
)
def test_reviewed_line(value, line):
    assert reviewed_line(value) == line


@pytest.fixture
def config(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "S", "docs_dir": str(tmp_path / "docs"), "site_url": "https://x.io/"})
    assert config.validate() == ([], [])
    return config


def _page(title: str):
    from types import SimpleNamespace

    return SimpleNamespace(
        meta={"title": title, "last_reviewed": datetime.date(2026, 5, 1)},
        title=title,
        file=SimpleNamespace(src_uri="treatments/x.md"),
    )


def test_the_hook_places_the_header_and_collects_a_problem_when_it_cannot(config):
    import print_heads
    from act.build import build_of

    placed = print_heads.on_post_page(PAGE, page=_page('A "B"'), config=config)
    assert placed.startswith(
        '<!DOCTYPE html><html lang="en" class="no-js" style="--act-print-title: &quot;A \\22 B\\22 &quot;; '
        "--act-print-address: &quot;https://x.io/treatments/x/&quot;; "
        '--act-print-reviewed: &quot;Page last reviewed: 1 May 2026&quot;;"><head>'
    )
    assert build_of(config).problems == []
    bare = "<p>no document</p>"
    assert print_heads.on_post_page(bare, page=_page("T"), config=config) == bare
    assert [(p.path, p.line, p.message) for p in build_of(config).problems] == [
        (
            "docs/treatments/x.md",
            1,
            "the page's HTML does not open with <!doctype html><html …>, so the print header cannot be "
            "placed — check overrides/ for a template that changes the <html> tag",
        )
    ]


def _file_url(src_uri: str) -> str:
    """The definition `directory_url` replaced: a MkDocs File's own URL."""
    from mkdocs.structure.files import File

    return File(src_uri, src_dir=None, dest_dir="", use_directory_urls=True).url


_PARTS = ["a", "b-c", "README", "index", "index.html", ".md", ".markdown", ".MD", ".mdown", ".html"]
_PARTS += [".txt", "/", "//", ".", "..", " ", "%", "#", "?", "é", "\\", "&", "x y", "./", "/."]


@pytest.mark.parametrize("seed", range(10))
def test_the_directory_url_is_the_one_mkdocs_gives_any_path(seed):
    """Differential: made-up paths, hostile ones included (empty and "." parts, a leading
    or trailing slash, README and index pages, other extensions, characters to quote)."""
    import random

    from act.print_heads import directory_url

    rng = random.Random(seed)
    for _ in range(500):
        src_uri = "".join(rng.choice(_PARTS) for _ in range(rng.randint(0, 8)))
        assert directory_url(src_uri) == _file_url(src_uri), repr(src_uri)


def test_the_directory_url_is_the_one_mkdocs_gives_every_real_page():
    from act.print_heads import directory_url
    from testkit.sitebuild import ROOT

    docs = ROOT / "docs"
    paths = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    assert len([p for p in paths if p.endswith(".md")]) > 50
    for src_uri in paths:
        assert directory_url(src_uri) == _file_url(src_uri), src_uri
