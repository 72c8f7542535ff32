"""The "Download for offline use" page: the offline zip and the Kiwix ZIM, what each is
for, where they are published and how big they are.

Sizes are only known once both files are built, so the deploy workflow builds them first
and writes their sizes to `docs/_data/downloads.json` (`scripts/download_sizes.py`), which
the site build then reads. Without that file (a local build, the offline copies themselves)
the page says the size is shown when published: the same sources and the same JSON always
give the same page.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import pathlib
from collections.abc import Mapping

from act.offline_bundle import DEFAULT_OUTPUT as OFFLINE_ZIP
from act.problems import Problem
from act.zim.naming import zim_file_name

DOWNLOAD_PAGE = "about/download.md"
SIZES_FILE = "_data/downloads.json"  # under docs/, written by the deploy workflow only
PUBLISHED_FOLDER = "downloads/"  # beside the site: <site_url>downloads/<file>
SIZE_UNKNOWN = "Size shown when published"


@dataclasses.dataclass(frozen=True)
class Download:
    label: str
    file: str
    purpose: str
    url: str
    size: str


def human_size(size_bytes: int) -> str:
    return f"{size_bytes / 1_000_000:.1f} MB"


def downloads(site_url: str, zim_date: datetime.date, sizes: Mapping[str, int]) -> list[Download]:
    """The two downloads, in the order the page lists them."""
    files = [
        (
            "Kiwix edition (ZIM file)",
            zim_file_name(zim_date),
            "For phones, tablets and computers with the free Kiwix app, or a local network "
            "with kiwix-serve: one file, with its own search.",
        ),
        (
            "Offline copy (zip file)",
            OFFLINE_ZIP.name,
            "For a computer's web browser: unzip it and open index.html. No app needed.",
        ),
    ]
    base = site_url.rstrip("/") + "/" + PUBLISHED_FOLDER
    return [
        Download(
            label, name, purpose, base + name, human_size(sizes[name]) if name in sizes else SIZE_UNKNOWN
        )
        for label, name, purpose in files
    ]


def read_sizes(docs_dir: pathlib.Path, docs_label: str = "docs") -> tuple[dict[str, int], list[Problem]]:
    """File name -> size in bytes from the deploy workflow's JSON; {} when it is absent."""
    label = f"{docs_label}/{SIZES_FILE}"
    try:
        data = json.loads((docs_dir / SIZES_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [
            Problem(
                label, getattr(exc, "lineno", 1), f"cannot be read ({exc}) — rerun scripts/download_sizes.py"
            )
        ]
    good = isinstance(data, dict) and all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
        for k, v in data.items()
    )
    if not good:
        return {}, [
            Problem(label, 1, "expected {file name: size in bytes} — rerun scripts/download_sizes.py")
        ]
    return data, []


def write_sizes(files: list[pathlib.Path], docs_dir: pathlib.Path) -> dict[str, int]:
    """Write the sizes of the built files for the site build to read."""
    sizes = {path.name: path.stat().st_size for path in sorted(files)}
    (docs_dir / SIZES_FILE).write_text(json.dumps(sizes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return sizes
