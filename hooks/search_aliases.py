"""Hook: put front-matter aliases, US spellings (docs/_data/spelling-variants.yml) and
page descriptions into Material's search index (see hooks/search_terms.py for how).

Material's search plugin writes `search/search_index.json` in its `on_post_build`;
hooks run after plugins, so this rewrites the finished file.
"""

from __future__ import annotations

import json
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from search_terms import PageTerms, augment_index, parse_variants

VARIANTS_FILE = pathlib.Path("_data") / "spelling-variants.yml"

# Filled during one build and reset in on_config (`mkdocs serve` keeps hook modules).
_pages: dict[str, PageTerms] = {}
_variants: dict[str, tuple[str, ...]] = {}


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    _pages.clear()
    _variants.clear()
    source = pathlib.Path(config.docs_dir) / VARIANTS_FILE
    try:
        _variants.update(parse_variants(source.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise PluginError(f"docs/{VARIANTS_FILE.as_posix()}: {exc}") from exc
    return config


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files) -> str:
    meta = page.meta or {}
    aliases = meta.get("aliases") or []
    _pages[page.url] = PageTerms(
        description=str(meta.get("description") or ""),
        aliases=tuple(str(a) for a in aliases),
    )
    return markdown


def on_post_build(*, config: MkDocsConfig) -> None:
    path = pathlib.Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():  # search disabled
        return
    index = augment_index(json.loads(path.read_text(encoding="utf-8")), _pages, _variants)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
