"""What the offline build (Material's offline plugin) changes: the search shim comes from
the vendored copy in `vendor/iframe-worker/`, and features that need a web server are off.

Material's offline plugin appends "https://unpkg.com/iframe-worker/shim" to
`extra.polyfills` unless a polyfill containing "iframe-worker" is already listed; listing
our own copy first keeps every request inside the bundle."""

from __future__ import annotations

import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

# Where the shim and its licence land in the built site, and where they come from
# (relative to the folder holding mkdocs.yml). Kept out of docs/ so the hosted site,
# which never needs the shim, does not ship it.
SHIM_URI = "assets/vendor/iframe-worker/shim.js"
VENDORED_FILES = {
    SHIM_URI: "vendor/iframe-worker/shim.js",
    "assets/vendor/iframe-worker/LICENSE": "vendor/iframe-worker/LICENSE",
}

# Instant navigation fetches pages with XHR, which file:// forbids (Material skips it there
# anyway); switching it off keeps the offline pages plain links that always work.
SERVER_ONLY_FEATURE_PREFIXES = ("navigation.instant",)


def polyfills_with_local_shim(polyfills: list) -> list[str]:
    """The polyfill list with our shim first and any other iframe-worker (a CDN) removed."""
    kept = [str(url) for url in polyfills if "iframe-worker" not in str(url)]
    return [SHIM_URI, *kept]


def features_for_offline(features: list[str]) -> list[str]:
    """Theme features minus those that need a web server."""
    return [f for f in features if not f.startswith(SERVER_ONLY_FEATURE_PREFIXES)]


def offline_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on (OFFLINE=true in mkdocs.yml's `enabled`)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def vendored_files(config: MkDocsConfig) -> list[File]:
    """The shim and its licence, as files of the built site."""
    root = pathlib.Path(config.config_file_path).resolve().parent
    return [
        File.generated(config, dest, abs_src_path=str(root / source))
        for dest, source in VENDORED_FILES.items()
    ]
