"""Rules for SVG diagrams under docs/: an SVG is a document, not just a picture.

Opened on its own (a reader follows the lightbox's link, or a search engine does), an
SVG runs its scripts and event handlers and loads what it links to. So the same safety
rules as for pages apply inside it: no scripts, no event handlers, no `javascript:` URLs,
nothing loaded from another site. Line numbers come from the XML parser.
"""

from __future__ import annotations

import re

from lxml import etree

from act.problems import Problem

# Elements that run code or embed other documents inside an SVG.
FORBIDDEN_SVG_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
# SMIL animation can set any attribute, a link's href included, to `javascript:` when the
# reader clicks: diagrams are still pictures, so no animation at all.
ANIMATION_ELEMENTS = {"set", "animate", "animatemotion", "animatetransform", "discard"}
# Images embedded in a diagram: only these, as base64 data.
EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")
# `url(...)` in an attribute or style: only a reference to an element of the same file.
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_CSS_LOAD = re.compile(r"@import|image-set|\\|url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def _local(name: str) -> str:
    return etree.QName(name).localname.lower()


def svg_problems(path: str, data: bytes) -> list[Problem]:
    """Every unsafe thing in one SVG file, with its line."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        return [
            Problem(
                path,
                exc.lineno or 1,
                f"SVG is not valid XML ({exc.msg}) — export it again from the drawing program",
            )
        ]
    problems = []
    for element in root.iter(etree.Element):
        line, name = element.sourceline or 1, _local(element.tag)
        if name in ANIMATION_ELEMENTS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"<{name}> animation in SVG — remove it: animation can change links into code; "
                    "diagrams are still pictures",
                )
            )
        if name in FORBIDDEN_SVG_ELEMENTS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"<{name}> in SVG — remove it: diagrams may not run code or embed other documents",
                )
            )
        if name == "style" and _CSS_LOAD.search(element.text or ""):
            problems.append(
                Problem(
                    path,
                    line,
                    "SVG style loads a resource or uses CSS escapes — remove the @import, url() to anything "
                    "but #id, image-set() and backslashes; diagrams must be self-contained",
                )
            )
        for attribute, value in element.items():
            problems += _attribute_problems(path, line, name, _local(attribute), value)
    return problems


def _attribute_problems(path: str, line: int, element: str, attribute: str, value: str) -> list[Problem]:
    if attribute.startswith("on"):
        return [
            Problem(
                path,
                line,
                f"event handler '{attribute}' on <{element}> in SVG — remove it: diagrams may not run code",
            )
        ]
    if attribute == "style" and _CSS_LOAD.search(value):
        return [
            Problem(
                path,
                line,
                f"style on <{element}> in SVG loads a resource — remove it; diagrams must be self-contained",
            )
        ]
    if attribute not in {"href", "src"}:
        outside = [url for url in _CSS_URL.findall(value) if not url.startswith("#")]
        if outside:
            return [
                Problem(
                    path,
                    line,
                    f"{attribute} on <{element}> in SVG points outside the file (url({outside[0][:40]})) — "
                    "use url(#id) of an element in the same file",
                )
            ]
        return []
    if element == "image" and EMBEDDED_IMAGE.match(value.strip()):
        return []
    scheme = _URL_NOISE.sub("", value).lower()
    if scheme.startswith(("javascript:", "vbscript:")):
        return [
            Problem(
                path,
                line,
                f"'{scheme.split(':')[0]}:' link on <{element}> in SVG — remove it: "
                "diagrams may not run code",
            )
        ]
    if element == "a":
        if ":" in scheme and not scheme.startswith(("http:", "https:", "mailto:")):
            return [
                Problem(
                    path,
                    line,
                    f"'{scheme.split(':')[0]}:' link on <a> in SVG — link only to https:// addresses or "
                    "paths on this site",
                )
            ]
        return []
    if not scheme.startswith(("http:", "https:", "ftp:", "//", "/\\")) and not value.strip().startswith("#"):
        return [
            Problem(
                path,
                line,
                f"<{element}> in SVG loads '{value[:60]}' from outside the file — embed the image as "
                "data:image/png;base64 or draw it in the file instead",
            )
        ]
    if not value.strip().startswith("#"):
        return [
            Problem(
                path,
                line,
                f"<{element}> in SVG loads '{value}' from another site — embed or "
                "draw it in the file instead",
            )
        ]
    return []
