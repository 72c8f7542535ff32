"""Which files under docs/ may be published, and no symbolic links anywhere in the sources.

A symbolic link makes the build read whatever it points to (`/proc/self/environ`,
`/etc/passwd`) and publish it, as a file or inside a page through a snippet. A file type
nobody checks (`.html`, `.js` anywhere, `spine.SVG`) is copied as it is. So: no link at
all under docs/ or overrides/, and only the file types below, with plain names.
"""

from __future__ import annotations

import os
import pathlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from act.problems import Problem

# What may be published from docs/, by folder and extension (lower case only: `x.SVG`
# would skip the SVG rules). Pages (`.md`) are checked by the page rules.
PUBLISHED_ANYWHERE = frozenset({".md", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"})
PUBLISHED_IN = {
    "assets/stylesheets/": frozenset({".css"}),
    "assets/javascripts/": frozenset({".js"}),
}
PUBLISHED_FILES = frozenset({"_headers"})  # exact paths under docs/
# One part of a path: lower-case ASCII letters, digits, `-`, `_` and `.`; no spaces, no
# other characters (names that look alike, break URLs or differ between file systems).
NAME_PART = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")
NAME_HINT = "use lower-case letters, digits and hyphens only, e.g. bone-cement.svg"


def published_problem(src_uri: str) -> str | None:
    """Why a file under docs/ may not be published, or None when it may."""
    if not all(NAME_PART.match(part) for part in src_uri.split("/")):
        return f"file name '{src_uri}' has characters other than a-z, 0-9, '-', '_' and '.' — rename it: {NAME_HINT}"
    if src_uri in PUBLISHED_FILES:
        return None
    suffix = pathlib.PurePosixPath(src_uri).suffix
    if suffix in PUBLISHED_ANYWHERE:
        return None
    if any(src_uri.startswith(folder) and suffix in kinds for folder, kinds in PUBLISHED_IN.items()):
        return None
    allowed = ", ".join(sorted(PUBLISHED_ANYWHERE))
    return (
        f"file type of '{src_uri}' is not published — pages and images ({allowed}) only; "
        "CSS in assets/stylesheets/ and JavaScript in assets/javascripts/ (reviewed by a maintainer); "
        "remove the file or move it out of docs/"
    )


def symlinks(roots: Iterable[tuple[pathlib.Path, str]]) -> list[tuple[str, str]]:
    """(path, `label/relative path`) of every symbolic link under each (folder, label) pair,
    files and folders alike; links to folders are not followed."""
    found = []
    for root, label in roots:
        if root.is_dir():
            # An unreadable folder is skipped, as MkDocs' own listing (os.walk) skips it.
            found += [(os.path.join(root, where), f"{label}/{where}") for where in tree(root).links]
    return sorted(found)


@dataclass
class Tree:
    """What lies under a folder, as paths relative to it with `/` (see `tree`)."""

    files: list[str] = field(default_factory=list)  # regular files
    links: list[str] = field(default_factory=list)  # symbolic links, to files or folders
    others: list[str] = field(default_factory=list)  # pipes, sockets, devices
    unreadable: list[str] = field(default_factory=list)  # folders that cannot be listed


def tree(root: pathlib.Path | str) -> Tree:
    """Everything under `root` (links to folders are not followed). `os.scandir` tells
    each kind from the folder listing itself, with no further system call per file."""
    found = Tree()
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(root, folder)))
        except FileNotFoundError:  # gone meanwhile
            continue
        except OSError:
            found.unreadable.append(folder)
            continue
        for entry in entries:
            where = f"{folder}/{entry.name}" if folder else entry.name
            try:
                if entry.is_symlink():
                    found.links.append(where)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(where)
                elif entry.is_file(follow_symlinks=False):
                    found.files.append(where)
                else:
                    found.others.append(where)
            except OSError:  # gone meanwhile
                continue
    return found


def symlink_problem(where: str) -> Problem:
    return Problem(
        where,
        1,
        "symbolic link — replace it with the file itself: the build would publish whatever "
        "the link points to, on the build machine",
    )
