"""The output gate: every file the build wrote, checked the way a browser reads it.

Input rules (act/validation/) give authors a line in their own file; this gate is the
backstop for any route nobody thought of. HTML is parsed by lexbor (selectolax), an
HTML5 parser that builds the tree a browser builds (SVG <title> as HTML, no depth
limit); SVG and XML by lxml with entities and the network off. Anything not in the
allowlist (act/security/allowlist.py) is a finding.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from act.security import allowlist as allow

HOW_TO_ALLOW = "if the theme or a hook writes it on purpose, add it to hooks/act/security/allowlist.py"
# Browsers drop ASCII tab and newline anywhere in a URL, and C0 controls and spaces at its ends.
# (and, stricter than browsers, any other control character anywhere).
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Most distinct elements a build's memo holds (a few MB): the theme's repeated ones come first.
MEMO_SIZE = 50_000
# Most distinct scripts and styles it holds (their text is kept): the theme's come first,
# then one JSON-LD block a page until it is full.
TEXT_MEMO_SIZE = 1_000


@dataclass(frozen=True)
class Finding:
    message: str
    needle: str  # text to look for in the source or the output, for a line number


@dataclass
class Policy:
    """What the gate needs from the build: the site's address and the CSP's inline hashes."""

    site_url: str = ""
    script_hashes: frozenset[str] = frozenset()
    style_hashes: frozenset[str] = frozenset()
    # Elements already judged in this build: (tag, *attribute items) -> findings. Lives
    # as long as the policy, i.e. one build.
    memo: dict[tuple, list[Finding]] = field(default_factory=dict, compare=False, repr=False)
    # <script> and <style> elements judged in this build: (element key, text) -> findings.
    text_memo: dict[tuple, list[Finding]] = field(default_factory=dict, compare=False, repr=False)


def url_scheme(url: str) -> tuple[str | None, bool]:
    """(scheme or None, whether the URL leaves this site), as a browser reads it."""
    url = _URL_CONTROL.sub("", url).strip(" ").replace("\\", "/")
    match = _SCHEME.match(url)
    if match:
        return match.group(1).lower(), True
    return None, url.startswith("//")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _same_site(url: str, policy: Policy) -> bool:
    scheme, leaves = url_scheme(url)
    if not leaves:
        return True
    return bool(policy.site_url) and url.strip().startswith(policy.site_url)


def html_findings(text: str, policy: Policy) -> list[Finding]:
    """Everything in one HTML document (or fragment) that the allowlist does not allow.

    A fragment is walked from the document root too: a parser moves a leading <script>,
    <style>, <link> or <meta> into <head>, where a walk from <body> would not see it."""
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return []
    findings: list[Finding] = []
    memo, text_memo = policy.memo, policy.text_memo
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag[0] in "-#":  # comments, doctype
            continue
        attributes = node.attributes
        # Every page repeats the theme's header, navigation and footer: an element whose
        # tag and attributes (names and exact values) were judged before is judged the same.
        key = (tag, *attributes.items())
        found = memo.get(key)
        if found is None:
            found = _element_findings(tag, attributes, policy)
            if len(memo) < MEMO_SIZE:
                memo[key] = found
        if found:
            findings += found
        if tag == "script" or tag == "style":
            # The theme's inline scripts and styles repeat on every page too: judged once per
            # build for the same tag, attributes and exact text (a pure function of them).
            text_key = (key, node.text(deep=True))
            found = text_memo.get(text_key)
            if found is None:
                if tag == "script":
                    found = _script_findings(text_key[1], attributes, policy)
                else:
                    found = _style_findings(text_key[1], policy)
                if len(text_memo) < TEXT_MEMO_SIZE:
                    text_memo[text_key] = found
            findings += found
    return findings


def _element_findings(tag: str, attributes: dict, policy: Policy) -> list[Finding]:
    """What one element's tag and attributes break; its text is checked by the caller.

    A pure function of its arguments (the policy is fixed for a build), so it is memoised."""
    allowed = allow.ELEMENTS.get(tag)
    if allowed is None:
        return [Finding(f"<{tag}> is not allowed — remove it; {HOW_TO_ALLOW}", f"<{tag}")]
    findings: list[Finding] = []
    for name, value in attributes.items():
        name = name.lower()
        value = value or ""
        if not (name in allowed or name in allow.GLOBAL_ATTRIBUTES or name.startswith(allow.GLOBAL_PREFIXES)):
            findings.append(
                Finding(f"attribute '{name}' on <{tag}> is not allowed — remove it; {HOW_TO_ALLOW}", name)
            )
            continue
        if name in allow.RENDERED_AS_HTML and "<" in value:
            findings.append(
                Finding(
                    f"'{name}' of <{tag}> holds markup ('{value[:40]}'), which the theme or the lightbox "
                    "shows as HTML — write plain text, without < or entities such as &lt;",
                    value[:20],
                )
            )
        elif name in allow.URL_ATTRIBUTES:
            findings += _url_findings(tag, name, value, attributes, policy)
        elif name == "style" and not allow.STYLE_VALUES.match(value):
            findings.append(
                Finding(
                    f"inline style '{value[:40]}' on <{tag}> is not allowed — styles belong in "
                    "docs/assets/stylesheets/extra.css",
                    "style=",
                )
            )
        elif name == "fill" and not allow.FILL_VALUES.match(value):
            findings.append(
                Finding(
                    f"fill '{value[:40]}' on <{tag}> is not a colour — write a colour name or #hex; "
                    "url() and other paint that can load from elsewhere is not allowed",
                    "fill=",
                )
            )
    if tag == "meta":
        findings += _meta_findings(attributes, policy)
    return findings


def _style_findings(text: str, policy: Policy) -> list[Finding]:
    digest = sha256(text)
    if digest in policy.style_hashes:
        return []
    return [
        Finding(
            f"inline <style> whose hash {digest} is not in the Content-Security-Policy — move it to a "
            "stylesheet, or add the hash to style-src in docs/_headers if the theme writes it",
            "<style",
        )
    ]


def _url_findings(tag: str, name: str, value: str, attributes: dict, policy: Policy) -> list[Finding]:
    scheme, leaves = url_scheme(value)
    rel = set((attributes.get("rel") or "").lower().split())
    if tag == "a" and name == "href":
        if scheme is None or scheme in allow.LINK_SCHEMES:
            return []
        return [
            Finding(
                f"link to '{value[:60]}' on <a> uses the '{scheme}:' scheme — link only with "
                f"{', '.join(sorted(allow.LINK_SCHEMES))} or a path on this site",
                value[:30],
            )
        ]
    if tag == "link" and rel and rel <= allow.NAMING_LINK_RELS:
        if scheme is None or (scheme in {"http", "https"} and value.startswith(policy.site_url or "\0")):
            return []
    elif not leaves or _same_site(value, policy) and scheme in {"http", "https"}:
        return []
    return [
        Finding(
            f"<{tag}> {name}='{value[:60]}' loads from another site or with a scheme — only files of this site "
            "may be loaded: save it under docs/assets/ and use a relative path",
            value[:30],
        )
    ]


def _meta_findings(attributes: dict, policy: Policy) -> list[Finding]:
    name = (attributes.get("name") or "").lower()
    prop = (attributes.get("property") or "").lower()
    equiv = (attributes.get("http-equiv") or "").lower()
    if "charset" in attributes and len(attributes) == 1:
        return []
    ok = (
        (name and (name in allow.META_NAMES or name.startswith(allow.META_NAME_PREFIXES)))
        or (prop and prop.startswith(allow.META_PROPERTY_PREFIXES))
        or (equiv in allow.META_HTTP_EQUIV)
    )
    if ok and sum(bool(x) for x in (name, prop, equiv)) == 1:
        content = attributes.get("content") or ""
        if prop in {"og:url", "og:image"} and not _same_site(content, policy):
            return [Finding(f"<meta property='{prop}'> points to another site ('{content[:60]}')", prop)]
        return []
    what = name or prop or equiv or "without a name"
    return [Finding(f"<meta> '{what}' is not allowed — remove it; {HOW_TO_ALLOW}", "<meta")]


def _script_findings(text: str, attributes: dict, policy: Policy) -> list[Finding]:
    kind = (attributes.get("type") or "").strip().lower()
    src = attributes.get("src")
    if src is not None:
        scheme, leaves = url_scheme(src)
        if leaves or not src.split("?")[0].endswith(".js") or kind not in {"", "text/javascript"}:
            return [
                Finding(
                    f"<script src='{src[:60]}'> — only this site's own .js files may be loaded",
                    src[:30] or "<script",
                )
            ]
        return []
    if kind in allow.DATA_SCRIPT_TYPES:
        try:
            json.loads(text)
        except ValueError:
            return [
                Finding(f"<script type='{kind}'> does not hold valid JSON — it must be data only", "<script")
            ]
        return []
    if sha256(text) in policy.script_hashes:
        return []
    return [
        Finding(
            f"inline <script> whose hash {sha256(text)} is not in the Content-Security-Policy — pages may not "
            "run code; if the theme writes it, add the hash to script-src in docs/_headers",
            "<script",
        )
    ]


# --- other files ------------------------------------------------------------------------

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def xml_findings(data: bytes, policy: Policy) -> list[Finding]:
    """A sitemap (or other XML): well formed, no DTD or entities, every address on this site."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return [Finding("XML file declares a DTD or entities — remove them", "<!")]
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        return [Finding(f"XML file is not well formed ({exc.msg})", "")]
    findings = []
    for element in root.iter("{*}loc"):
        loc = (element.text or "").strip()
        if policy.site_url and not loc.startswith(policy.site_url):
            findings.append(
                Finding(f"sitemap address '{loc[:60]}' is not on this site ({policy.site_url})", loc)
            )
    return findings


# The fields of a search entry that Material's search shows as HTML.
SEARCH_HTML_FIELDS = ("title", "text")


def search_value_needs_gate(value: object) -> bool:
    return isinstance(value, str) and ("<" in value or "&" in value)


def search_index_findings(
    data: bytes, policy: Policy, gated_clean: Callable[[str], bool] = lambda value: False
) -> list[Finding]:
    """Material's search shows each entry's title and text as HTML: they must pass the gate
    too (those that `gated_clean` says passed it already, as the build handed them over,
    are not parsed again)."""
    try:
        index = json.loads(data)
    except ValueError as exc:
        return [Finding(f"search index is not valid JSON ({exc})", "")]
    findings: list[Finding] = []
    for entry in index.get("docs", []) if isinstance(index, dict) else []:
        for key in SEARCH_HTML_FIELDS:
            value = entry.get(key)
            if search_value_needs_gate(value) and not gated_clean(value):
                for finding in html_findings(value, policy):
                    findings.append(
                        Finding(
                            f"search entry '{entry.get('location', '')}' {key}: {finding.message}",
                            finding.needle,
                        )
                    )
        for key, value in entry.items():
            if (
                key not in {"title", "text", "location", "tags", "boost"}
                and isinstance(value, str)
                and "<" in value
            ):
                findings.append(
                    Finding(
                        f"search entry '{entry.get('location', '')}' {key} holds markup ('{value[:40]}') — "
                        "write plain text",
                        value[:20],
                    )
                )
    return findings


def line_of(text: str, needle: str) -> int:
    if not needle:
        return 1
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def site_file_findings(
    path: pathlib.PurePosixPath,
    data: bytes,
    policy: Policy,
    known_scripts: set[str],
    gated_clean: Callable[[str], bool] = lambda value: False,
) -> list[Finding]:
    """One written file that is not a page (pages are gated as they are written;
    `gated_clean`: see `search_index_findings`)."""
    rel = path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in allow.SITE_FILE_TYPES:
        return [Finding(f"file type '{suffix}' is not allowed in the built site — {HOW_TO_ALLOW}", "")]
    if suffix == ".html":
        return html_findings(data.decode("utf-8", errors="replace"), policy)
    if suffix == ".xml":
        return xml_findings(data, policy)
    if suffix == ".json":
        if rel.endswith("search_index.json"):
            return search_index_findings(data, policy, gated_clean)
        try:
            json.loads(data)
        except ValueError as exc:
            return [Finding(f"JSON file is not valid ({exc})", "")]
        return []
    if suffix == ".js" and rel not in known_scripts and not rel.startswith(allow.SCRIPT_FOLDERS):
        return [
            Finding(
                "JavaScript file that neither the theme nor docs/assets/javascripts/ provides — remove it; "
                + HOW_TO_ALLOW,
                "",
            )
        ]
    return []
