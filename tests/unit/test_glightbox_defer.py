"""The lightbox kept out of the way of the first paint (hooks/act/glightbox.py
defer_lightbox): what mkdocs-glightbox writes, rewritten, and the cases it refuses. That
the rewritten start-up script's hash is in docs/_headers: tests/real_site/test_hosted_site.py.

defer_lightbox looks for the plugin's tags only where the plugin puts them (the first
stylesheet tag, the library right after it, the start-up script ending the document);
the hostile pages below, serialised by selectolax as the plugin serialises every page,
hold copies of the tags everywhere page content can reach, and the differential test
checks it against the old definition (every tag found by a scan of the whole page)."""

from __future__ import annotations

import random
import re

import pytest
from act.glightbox import START_WRAPPER, defer_lightbox
from selectolax.lexbor import LexborHTMLParser, create_tag

CSS = '<link href="../../assets/stylesheets/glightbox.min.css" rel="stylesheet">'
JS = '<script src="../../assets/javascripts/glightbox.min.js"></script>'
START = "const lightbox = GLightbox({});\ndocument$.subscribe(()=>{ lightbox.reload(); });\n"
INIT = f'<script id="init-glightbox">{START}</script>'
DEFERRED_JS = '<script src="../../assets/javascripts/glightbox.min.js" defer></script>'
DEFERRED_INIT = f'<script id="init-glightbox">{START_WRAPPER.format(code=START)}</script>'
STYLE = '<style id="glightbox-style">html.glightbox-open { overflow: initial; }</style>'


def page(head: str = CSS + JS + STYLE, end: str = INIT) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body><p>x</p>{end}</body></html>"


def test_the_library_is_deferred_its_stylesheet_left_to_script_and_start_up_waits():
    assert defer_lightbox(page()) == (
        "<!DOCTYPE html><html><head><title>T</title>"
        f'<script src="../../assets/javascripts/glightbox.min.js" defer></script>{STYLE}</head><body><p>x</p>'
        '<script id="init-glightbox">document.addEventListener("DOMContentLoaded", function () {\n'
        f"{START}}});\n</script></body></html>"
    )


def test_a_page_without_the_lightbox_is_unchanged():
    bare = page(head="", end="")
    assert defer_lightbox(bare) == bare


@pytest.mark.parametrize(
    "document",
    [
        page(head=JS),  # no stylesheet
        page(head=CSS),  # no library
        page(end=""),  # no start-up script
        page(head=CSS + "<meta>" + JS + STYLE),  # the library not where the plugin puts it
        page(head=CSS + JS),  # no style block after the library
        page(head=CSS + JS + "<meta>" + STYLE),  # the style block not right after it
        # A copy of the two tags in a comment before the plugin's own (no template writes
        # one today): the first stylesheet is the copy, not followed by the style block.
        page(head=f"<!-- {CSS}{JS} -->{CSS}{JS}{STYLE}"),
        # Something else (here 14 characters, as long as `</body></html>`) ends the document.
        page().removesuffix("</body></html>") + "<b>abcdefg</b>",
        page(head=JS + CSS),
        page(end=INIT + "<p>y</p>"),  # the start-up script not ending the document
        page(end=INIT.replace("GLightbox({})", "GLightbox({a: 1 < 2})")),  # code with a `<`
        page(head=CSS + JS.replace("></script>", " async></script>")),  # a changed plugin
        page(end=INIT.replace('id="init-glightbox"', 'id="init-glightbox" defer')),
    ],
)
def test_tags_not_where_and_what_the_plugin_writes_are_refused(document):
    assert defer_lightbox(document) is None


# --- Hostile pages, serialised as mkdocs-glightbox serialises them -------------------------

COPIES = (CSS, JS, INIT, CSS + JS, "</head>", "</body></html>", '<script id="init-glightbox">')


def with_the_plugin(document: str) -> str:
    """`document` parsed and the plugin's tags added as mkdocs-glightbox 0.5.3 adds them
    (its on_post_page, with selectolax): stylesheet, library and a style block last in
    <head>, the start-up script last in <body>; then serialised."""
    tree = LexborHTMLParser(document)
    head, body = tree.css_first("head"), tree.css_first("body")
    css = create_tag("link")
    css.attrs["href"] = "../../assets/stylesheets/glightbox.min.css"
    css.attrs["rel"] = "stylesheet"
    js = create_tag("script")
    js.attrs["src"] = "../../assets/javascripts/glightbox.min.js"
    head.insert_child(css)
    head.insert_child(js)
    style = create_tag("style")
    style.attrs["id"] = "glightbox-style"
    style.insert_child("\n  html.glightbox-open { overflow: initial; }\n")
    head.insert_child(style)
    init = create_tag("script")
    init.attrs["id"] = "init-glightbox"
    init.insert_child(START)
    body.insert_child(init)
    return tree.html


def material_like(title: str = "T", description: str = "D", body: str = "<p>x</p>") -> str:
    """A page shaped like Material's: page data in <head> (title, meta, JSON in a script),
    then the content, then Material's own scripts at the end of <body>."""
    json_text = '{"name": "%s"}' % description.replace("\\", "\\\\").replace('"', '\\"')  # noqa: UP031
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="description" content="{description}">'
        f'<script type="application/ld+json">{json_text}</script></head>'
        f'<body><div class="md-content">{body}</div>'
        '<script id="__config" type="application/json">{"base": "../.."}</script>'
        '<script src="../../assets/javascripts/bundle.min.js"></script></body></html>'
    )


HOSTILE = [
    # In <head>, through front matter: escaped in text and attribute values by the serialiser.
    *(material_like(title=copy) for copy in COPIES),
    *(material_like(description=copy) for copy in COPIES),
    material_like(title=CSS + JS + "</head><body>", description='"><link rel="stylesheet">'),
    # In the content: raw HTML, comments, code, scripts, unclosed elements.
    *(material_like(body=copy) for copy in COPIES),
    *(material_like(body=f"<!-- {copy} -->") for copy in COPIES),
    *(material_like(body=f"<pre><code>{copy}</code></pre>") for copy in COPIES),
    material_like(body=f"<script>var a = '{CSS}{JS}{INIT}';</script>"),
    material_like(body=f"<div>{CSS}{JS}<p>{INIT}</p></div>"),
    material_like(body=f"<noscript>{CSS}{JS}</noscript><template>{INIT}</template>"),
    material_like(body=f"<svg><style>{CSS}</style><script>{INIT}</script></svg>"),
    material_like(body="<textarea>" + INIT),  # unclosed: swallows the rest as text
    material_like(body='<script id="init-glightbox">'),  # unclosed: swallows up to a </script>
    material_like(body=f"<table>{CSS}{JS}{INIT}</table>"),  # moved out of the table
]


def _real_tags_edited(before: str, after: str) -> bool:
    """`after` is `before` with exactly the plugin's three tags rewritten."""
    head_end = before.index('<style id="glightbox-style">')
    start = before.rindex('<script id="init-glightbox">')
    assert before[head_end - len(CSS + JS) : head_end] == CSS + JS
    expected = before[: head_end - len(CSS + JS)] + DEFERRED_JS + before[head_end:start] + DEFERRED_INIT
    expected += "</body></html>"
    assert before.endswith(INIT + "</body></html>")
    return after == expected


@pytest.mark.parametrize("document", HOSTILE)
def test_copies_of_the_tags_in_page_content_are_left_and_the_plugins_own_rewritten(document):
    before = with_the_plugin(document)
    after = defer_lightbox(before)
    assert after is not None
    assert _real_tags_edited(before, after)


@pytest.mark.parametrize("document", HOSTILE)
def test_a_hostile_page_without_the_lightbox_is_unchanged_or_refused_never_rewritten(document):
    # `glightbox: false`: the plugin adds nothing. Copies of its tags in the content are
    # never taken for the plugin's: the page is left as it is when the old definition
    # (a scan of the whole page) left it, else refused, also where the old one found one
    # copy of each and rewrote the content's.
    before = LexborHTMLParser(document).html
    old = old_defer_lightbox(before)
    assert defer_lightbox(before) == (before if old == before else None)


# --- Differential: the old definition, which scanned the whole page for each tag ------------

_STYLESHEET = re.compile(r'<link href="[^"<>]*assets/stylesheets/glightbox\.min\.css" rel="stylesheet">')
_LIBRARY = re.compile(r'<script src="(?P<src>[^"<>]*assets/javascripts/glightbox\.min\.js)"></script>')
_START = re.compile(r'<script id="init-glightbox">(?P<code>[^<]*)</script>')


def old_defer_lightbox(html: str) -> str | None:
    """hooks/act/glightbox.py's defer_lightbox before it looked only where the plugin writes."""
    if "glightbox.min." not in html and '<script id="init-glightbox">' not in html:
        return html
    found = [
        [m for m in pattern.finditer(html)]
        for pattern in (_STYLESHEET, _LIBRARY, _START)  # no `<` inside but the first: no overlaps
    ]
    if not any(found):
        return html
    if any(len(matches) != 1 for matches in found):
        return None
    (sheet,), (library,), (start,) = found
    edits = sorted(
        (
            (sheet, ""),
            (library, f'<script src="{library["src"]}" defer></script>'),
            (start, f'<script id="init-glightbox">{START_WRAPPER.format(code=start["code"])}</script>'),
        ),
        key=lambda edit: edit[0].start(),
    )
    parts, at = [], 0
    for match, replacement in edits:
        parts += (html[at : match.start()], replacement)
        at = match.end()
    return "".join(parts) + html[at:]


PIECES = (
    "<p>",
    "</p>",
    "text ",
    "é—",
    "&lt;",
    '"',
    "<b>",
    "<!-- c -->",
    "<br>",
    "glightbox",
    "glightbox.min.",
    "<script>",
    "</script>",
    '<a href="x/">',
    "</a>",
    "\n",
)


def random_page(rng: random.Random) -> str:
    body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
    title = "".join(rng.choice(("A", "é", "<", '"', "&", " ")) for _ in range(rng.randint(0, 8)))
    return material_like(title=title, description=title, body=body)


def test_the_same_as_the_old_definition_on_random_pages_it_accepted():
    rng = random.Random(13)
    compared = 0
    for _ in range(600):
        before = with_the_plugin(random_page(rng))
        old = old_defer_lightbox(before)
        if old is not None:  # a page the old definition refused held a copy of a tag
            assert defer_lightbox(before) == old
            compared += 1
    assert compared > 300


def test_the_same_as_the_old_definition_on_the_examples_it_accepted():
    accepted = [d for d in map(with_the_plugin, HOSTILE) if old_defer_lightbox(d) is not None]
    assert len(accepted) > 10
    for document in accepted:
        assert defer_lightbox(document) == old_defer_lightbox(document)
