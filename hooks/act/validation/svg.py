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
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_CSS_LOAD = re.compile(r"@import|url\s*\(\s*['\"]?\s*(?:https?:|//|javascript:)", re.IGNORECASE)


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
                    "SVG style loads a resource — remove the @import or url(); "
                    "diagrams must be self-contained",
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
    if scheme.startswith(("http:", "https:", "ftp:", "//")) and element != "a":
        return [
            Problem(
                path,
                line,
                f"<{element}> in SVG loads '{value}' from another site — embed or "
                "draw it in the file instead",
            )
        ]
    return []
