"""Rules for a page's body: structure, images, safety of its HTML, and placeholders.

The checks read the HTML that MkDocs converted the page to (`page.content`, the page
alone, not the theme around it, which adds its own scripts), with lxml's HTML parser,
so raw HTML, Markdown links and attribute lists are all judged as a browser would see
them. Each finding carries text to look for in the Markdown source, to give its line.
Internal links and anchors are checked by MkDocs itself (`validation:` in mkdocs.yml).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from act.content_model import KEY_POINTS_BOX, KEY_POINTS_BULLETS, Box, PageType
from act.content_model import page_type as page_type_of
from act.problems import Loc, Problem, SourceMap

PLACEHOLDER = "TODO:"

# Elements that run code, embed other documents or change how the page loads.
FORBIDDEN_ELEMENTS = {
    "script": "it runs code in readers' browsers",
    "iframe": "it embeds another site",
    "frame": "it embeds another site",
    "frameset": "it embeds another site",
    "object": "it embeds a plug-in or another document",
    "embed": "it embeds a plug-in or another document",
    "applet": "it embeds a plug-in",
    "portal": "it embeds another site",
    "base": "it changes where every link on the page points",
    "meta": "it changes how the page loads",
    "link": "it loads another resource",
    "style": "styles belong in docs/assets/stylesheets/extra.css",
    "form": "it can send readers' data elsewhere",
}
# URL schemes that run code or smuggle content in, wherever they appear.
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href"}
# Attributes whose text is prose, not a URL.
PROSE_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "class", "id"}
# Attributes that make the browser fetch something as the page loads.
LOADING_ATTRIBUTES = {
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "href",
}
# ... except a link, which the reader chooses to follow.
LINK_ELEMENTS = {"a", "area"}
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Tags html_findings looks at beyond their attributes: one set test skips the rest.
_TAGS_WITH_RULES = frozenset({*FORBIDDEN_ELEMENTS, *HEADINGS, "img", "div"})
# huge_tree: no 256-level depth limit, after which libxml2 would stop reading (and miss a later <script>).
_PARSER = etree.HTMLParser(collect_ids=False, huge_tree=True)
# Browsers ignore ASCII whitespace and control characters inside a URL scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Finding:
    """A body problem before it has a line: where to look for it in the source."""

    message: str
    needles: tuple[str, ...] = ()
    key: Loc | None = None  # a front-matter key to point at instead of the body
    level: str = "error"


def placeholder_problems(source: SourceMap) -> list[Problem]:
    """`make new-page` marks what the author must still write with `TODO:`."""
    if PLACEHOLDER not in source.text:
        return []
    return [
        source.problem(line, f"placeholder left in page ('{PLACEHOLDER}') — replace it with the real text")
        for line in source.lines_containing(PLACEHOLDER)
    ]


def locate(source: SourceMap, findings: Iterable[Finding]) -> list[Problem]:
    """Give each finding a line: its front-matter key, or the next source line holding its text."""
    problems = []
    last_line: dict[tuple[str, ...], int] = {}  # so a repeated finding moves on to the next occurrence
    for finding in findings:
        if finding.key is not None:
            line = source.line_of(finding.key)
        else:
            found = source.find_line(list(finding.needles), after=last_line.get(finding.needles, 0))
            line = found or source.body_line
            if found:
                last_line[finding.needles] = found
        problems.append(source.problem(line, finding.message, finding.level))  # type: ignore[arg-type]
    return problems


def _text(element: etree._Element) -> str:
    # Material adds a `¶` permalink inside every heading.
    return " ".join("".join(element.itertext()).replace("¶", " ").split())


def _scheme_of(value: str) -> str:
    return _URL_NOISE.sub("", value).lower()


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value.strip()]


def _is_external(url: str) -> bool:
    # Browsers read `\` as `/` in web addresses: `/\\host/x` is another site.
    return _URL_NOISE.sub("", url).replace("\\", "/").lower().startswith(("http:", "https:", "ftp:", "//"))


def _suspect(name: str, value: str) -> bool:
    """Cheap first look, so most attributes (classes, ids, relative links) cost one test each.

    A scheme needs a colon; another site needs `//` or a scheme; `&` may hide an entity
    (`&colon;`) that browsers decode and lxml does not.
    """
    return name[:2] == "on" or name == "style" or ":" in value or "&" in value or value.lstrip()[:2] == "//"


def html_findings(
    content: str,
    *,
    title: str | None,
    page_type: str | None,
    page_url: str,
    site_urls: set[str],
    check_structure: bool = True,
    emergency: str | None = None,
) -> list[Finding]:
    """Everything wrong with a page's converted HTML, in document order."""
    # Plain etree elements: lxml.html's element classes cost a Python call per element.
    root = etree.fromstring(content, _PARSER) if content.strip() else None
    if root is None:
        if not check_structure:
            return []
        return [Finding("page has no body — write the page below the front matter", key=())]
    findings: list[Finding] = []
    key_points_bullets: int | None = None
    headings: list[tuple[int, str]] = []
    boxes: set[tuple[str, str]] = set()  # (admonition kind, title in lower case)
    reported: set[str] = set()
    # Elements only, no comments. libxml2's HTML parser lowercases tag and attribute names.
    for element in root.iter(etree.Element):
        tag = element.tag
        if tag not in _TAGS_WITH_RULES:
            pass  # most elements (p, li, a, span …): only their attributes below
        elif tag in FORBIDDEN_ELEMENTS:
            findings.append(
                Finding(
                    f"raw <{tag}> in page — remove it: {FORBIDDEN_ELEMENTS[tag]}, and pages may only hold text, "
                    "local images and links",
                    (f"<{tag}",),
                )
            )
        elif tag in HEADINGS:
            headings.append((HEADINGS[tag], _text(element)))
        elif tag == "img":
            findings.extend(_image_findings(element, page_url, site_urls))
        elif tag == "div" and "admonition" in (classes := element.get("class", "").split()):
            label = next((child for child in element if child.get("class") == "admonition-title"), None)
            if label is not None:
                boxes.update((kind, _text(label).lower()) for kind in classes)
                if (KEY_POINTS_BOX.kind in classes) and _text(label).lower() == KEY_POINTS_BOX.title.lower():
                    key_points_bullets = len(element.findall(".//li"))
        # `items()` is one C call; `.attrib` would build a proxy object per element first.
        for name, value in element.items():
            if not _suspect(name, value) or value in reported:
                continue
            # The lightbox wraps each image in a link to it: the image's own check speaks for both.
            if name == "href" and _is_lightbox_link(element):
                continue
            found = _attribute_findings(tag, name, html.unescape(value) if "&" in value else value)
            if found and name in URL_ATTRIBUTES:
                reported.add(value)
            findings.extend(found)
    if check_structure and not headings and not "".join(root.itertext()).strip():
        return [*findings, Finding("page has no body — write the page below the front matter", key=())]
    if check_structure:
        findings.extend(_heading_findings(headings, title))
        kind = page_type_of(page_type)
        for box in kind.required_boxes if kind is not None else ():
            if (box.kind, box.title.lower()) not in boxes:
                message = f"{page_type} page has no {box.what} — add `{box.markdown}` {box.how}"
                findings.append(Finding(message, key=("type",)))
        findings.extend(_summary_findings(root, boxes, key_points_bullets, kind, emergency))
    return findings


def _is_box(element: etree._Element, box: Box) -> bool:
    if element.tag != "div" or box.kind not in element.get("class", "").split():
        return False
    label = next((child for child in element if child.get("class") == "admonition-title"), None)
    return label is not None and _text(label).lower() == box.title.lower()


def _summary_findings(
    root: etree._Element,
    boxes: set[tuple[str, str]],
    key_points_bullets: int | None,
    kind: PageType | None,
    emergency: str | None,
) -> list[Finding]:
    """Key points of the right length; the urgent box, where an emergency needs it, straight
    after the opening paragraph (where a reader on a phone sees it on the first screen)."""
    findings = []
    low, high = KEY_POINTS_BULLETS
    if key_points_bullets is not None and not low <= key_points_bullets <= high:
        findings.append(
            Finding(
                f"key points box has {key_points_bullets} bullets — keep {low} to {high} short ones",
                (KEY_POINTS_BOX.markdown,),
            )
        )
    urgent = kind.emergency_box if kind is not None else None
    if urgent is None:
        return findings
    has_urgent = (urgent.kind, urgent.title.lower()) in boxes
    if emergency and not has_urgent:
        message = (
            f"condition page about an emergency ({emergency}) has no {urgent.what} — add `{urgent.markdown}` "
            f"straight after the opening paragraph, {urgent.how}"
        )
        findings.append(Finding(message, key=("conditions",)))
    if has_urgent:
        body = root.find("body")
        top = [e for e in (body if body is not None else root) if isinstance(e.tag, str)]
        h1 = next((i for i, e in enumerate(top) if e.tag == "h1"), -1)
        after = next((e for e in top[h1 + 1 :] if e.tag != "p"), None)
        if after is None or not _is_box(after, urgent):
            message = f"{urgent.what} is not straight after the opening paragraph — move `{urgent.markdown}` up to there"
            findings.append(Finding(message, (urgent.markdown,)))
    return findings


def _is_link(tag: str, name: str) -> bool:
    """A link the reader chooses to follow may point anywhere; it loads nothing by itself."""
    return name == "href" and tag in LINK_ELEMENTS


def _is_lightbox_link(element: etree._Element) -> bool:
    return (
        element.tag == "a"
        and "glightbox" in element.get("class", "").split()
        and any(image.get("src") == element.get("href") for image in element.iter("img"))
    )


def _attribute_findings(tag: str, name: str, value: str) -> list[Finding]:
    if name.startswith("on"):
        return [
            Finding(
                f"inline event handler '{name}' on <{tag}> — remove it: pages may not run code",
                (f"{name}=", name),
            )
        ]
    if name == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.IGNORECASE):
        return [
            Finding(
                f"inline style on <{tag}> loads a resource — remove the style attribute; styles belong in "
                "docs/assets/stylesheets/extra.css",
                ("style=",),
            )
        ]
    if name in PROSE_ATTRIBUTES:
        return []
    findings = []
    for url in _urls(name, value):
        scheme = _scheme_of(url)
        bad = next((s for s in FORBIDDEN_SCHEMES if scheme.startswith(s)), None)
        if bad:
            findings.append(
                Finding(
                    f"'{bad}' URL in {name} of <{tag}> — remove it: link only to pages and files, "
                    "and save images as files under docs/",
                    (url[:40], bad.rstrip(":"), f"{name}="),
                )
            )
        elif name in LOADING_ATTRIBUTES and _is_external(url) and not _is_link(tag, name):
            what = "image" if tag in {"img", "picture", "source"} else "resource"
            findings.append(
                Finding(
                    f"external {what} '{url}' on <{tag}> — save it under docs/assets/ and use a local path: "
                    "pages may not load anything from other sites",
                    (url,),
                )
            )
    return findings


def _image_findings(element: etree._Element, page_url: str, site_urls: set[str]) -> list[Finding]:
    src = (element.get("src") or "").strip()
    needle = posixpath.basename(urlsplit(src).path) or "<img"
    findings = []
    if not (element.get("alt") or "").strip():
        findings.append(
            Finding(
                f"image '{src}' has no alt text — describe what it shows: ![what the image shows]({src})",
                (needle, "<img", "!["),
            )
        )
    scheme = _scheme_of(src)
    if src and not _is_external(src) and not scheme.startswith(FORBIDDEN_SCHEMES):
        target = urlsplit(urljoin(f"/{page_url}", src)).path
        if unquote(target).lstrip("/") not in site_urls:
            findings.append(
                Finding(
                    f"image '{src}' does not exist — add the file under docs/, or correct the path: in Markdown "
                    "(`![what it shows](path)`) it is relative to this file",
                    (needle,),
                )
            )
    elif not src:
        findings.append(
            Finding("image has no src — give the path of an image file under docs/", ("<img", "!["))
        )
    return findings


def _heading_findings(headings: list[tuple[int, str]], title: str | None) -> list[Finding]:
    findings = []
    h1s = [text for level, text in headings if level == 1]
    if not h1s:
        findings.append(
            Finding(
                f"page has no top heading — start the body with `# {title or 'Page title'}`",
                key=(),
            )
        )
    elif title is not None and h1s[0] != " ".join(title.split()):
        findings.append(
            Finding(
                f"heading '{h1s[0]}' differs from the front-matter title '{title}' — make them the same",
                (f"# {h1s[0]}", h1s[0]),
            )
        )
    for text in h1s[1:]:
        findings.append(
            Finding(
                f"second top heading '{text}' — a page has one `# ` heading; make this one `## {text}`",
                (f"# {text}", text),
            )
        )
    previous = 0
    for level, text in headings:
        if previous and level > previous + 1:
            findings.append(
                Finding(
                    f"heading '{text}' skips from level {previous} to {level} — make it "
                    f"`{'#' * (previous + 1)} {text}`",
                    (f"{'#' * level} {text}", text),
                )
            )
        previous = level
    return findings
