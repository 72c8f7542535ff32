"""Pages as tests see them: a source file split into front matter and body (by MkDocs'
own splitter, so tests read pages exactly as the build does), and the pages of a built
site with the source each came from."""

from __future__ import annotations

import dataclasses
import pathlib
from functools import cached_property
from typing import Any

from mkdocs.utils.meta import get_data

from testkit.site_pages import page_paths
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a page's Markdown."""
    body, meta = get_data(text)
    return meta, body


def front_matter(path: pathlib.Path) -> dict[str, Any]:
    return split_front_matter(path.read_text(encoding="utf-8"))[0]


@dataclasses.dataclass(frozen=True)
class BuiltPage:
    url: str  # site-relative, '' for the home page
    html_path: pathlib.Path
    source: pathlib.Path  # the Markdown file under docs/

    @property
    def rel(self) -> str:
        return self.source.relative_to(DOCS).as_posix()

    @cached_property
    def meta(self) -> dict[str, Any]:
        return front_matter(self.source)

    @property
    def type(self) -> str | None:
        return self.meta.get("type")


def source_for(url: str, docs: pathlib.Path = DOCS) -> pathlib.Path:
    """The Markdown file a directory URL was built from: `x/` is x.md or x/index.md."""
    stem = url.strip("/")
    candidates = [docs / "index.md"] if not stem else [docs / f"{stem}.md", docs / stem / "index.md"]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        raise AssertionError(f"no source page for built page {url!r}")
    return found


def built_pages(site_dir: pathlib.Path, docs: pathlib.Path = DOCS) -> list[BuiltPage]:
    """Every page of the built site (from its sitemap), with the source it came from."""
    return [
        BuiltPage(url, site_dir / url / "index.html", source_for(url, docs)) for url in page_paths(site_dir)
    ]
