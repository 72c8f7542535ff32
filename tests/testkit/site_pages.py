"""The pages of a built site, as paths a browser test can visit."""

from __future__ import annotations

import pathlib
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def page_paths(site_dir: pathlib.Path) -> list[str]:
    """Every page in the site's sitemap, as a path relative to the site root ('' = home)."""
    tree = ET.parse(site_dir / "sitemap.xml")
    paths = [urlparse(loc.text.strip()).path.lstrip("/") for loc in tree.iterfind(".//sm:loc", SITEMAP_NS)]
    if not paths:
        raise AssertionError("sitemap.xml lists no pages")
    return paths
