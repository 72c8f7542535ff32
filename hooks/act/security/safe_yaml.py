"""YAML from pull requests, read without alias expansion and with a size limit.

An anchor and aliases (`&a` / `*a`) let ten lines stand for billions of values (the
"billion laughs"): the build hangs, and `mkdocs serve` with it. Front matter and data
files need neither, so they are refused before any YAML parser builds anything, by a
token scan that builds nothing.
"""

from __future__ import annotations

import yaml

# Front matter of a real page is under 4 KB; data files under 20 KB.
MAX_FRONT_MATTER = 32 * 1024
MAX_DATA_FILE = 256 * 1024


def yaml_refusal(text: str, limit: int) -> tuple[int, str] | None:
    """(0-based line, message) when `text` must not be parsed, else None."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > limit:
        return 0, f"YAML is {size // 1024} KB; at most {limit // 1024} KB is read — shorten it"
    if "&" not in text and "*" not in text:
        return None  # no anchor or alias can be written without these
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                return (
                    token.start_mark.line,
                    f"YAML {kind} '{token.value}' — write the value out in full: anchors and aliases "
                    "(&name, *name) are not read",
                )
    except yaml.YAMLError:
        return None  # malformed: the parser reports it with its line
    return None
