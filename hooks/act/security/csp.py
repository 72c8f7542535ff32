"""The Content-Security-Policy, said once in docs/_headers and read from there.

Hosts that read `_headers` (Netlify, Cloudflare Pages) send it as a header. GitHub Pages
sends no headers and the offline bundle is opened from disk, so every page also carries
it as `<meta http-equiv="Content-Security-Policy">`, minus what a meta policy cannot
carry (`frame-ancestors`, `report-uri`, `sandbox`: browsers ignore them there).
"""

from __future__ import annotations

import pathlib

HEADERS_FILE = "_headers"
META_IGNORED = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})


def header_policy(headers_text: str) -> str | None:
    """The Content-Security-Policy value of the `/*` rule of a `_headers` file."""
    in_all = False
    for line in headers_text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_all = line.strip() == "/*"
        elif in_all and ":" in line:
            name, value = line.strip().split(":", 1)
            if name.strip().lower() == "content-security-policy":
                return value.strip()
    return None


def directives(policy: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), words[1:])
    return found


def meta_policy(policy: str) -> str:
    """The policy as a meta tag can carry it."""
    return "; ".join(
        " ".join([name, *values]) for name, values in directives(policy).items() if name not in META_IGNORED
    )


def read_policy(docs_dir: pathlib.Path) -> str | None:
    path = docs_dir / HEADERS_FILE
    if not path.is_file() or path.is_symlink():
        return None
    return header_policy(path.read_text(encoding="utf-8"))
