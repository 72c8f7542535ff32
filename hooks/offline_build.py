"""Hook: in the offline build only (OFFLINE=true), ship the vendored iframe-worker shim so
search works from file:// without a CDN, and switch off server-only theme features."""

from __future__ import annotations

import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from offline_assets import VENDORED_FILES, features_for_offline, polyfills_with_local_shim


def _offline_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


# Run before Material's offline plugin (priority 0), which adds its CDN shim URL only if
# no "iframe-worker" polyfill is listed yet.
@event_priority(50)
def on_config(config: MkDocsConfig, /) -> MkDocsConfig | None:
    if not _offline_enabled(config):
        return None
    config.extra["polyfills"] = polyfills_with_local_shim(config.extra.get("polyfills", []))
    config.theme["features"] = features_for_offline(config.theme.get("features", []))
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if not _offline_enabled(config):
        return files
    root = pathlib.Path(config.config_file_path).resolve().parent
    for dest_uri, source in VENDORED_FILES.items():
        files.append(File.generated(config, dest_uri, abs_src_path=str(root / source)))
    return files
