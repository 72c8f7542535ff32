"""Hook: in the offline build only (OFFLINE=true), ship the vendored iframe-worker shim so
search works from file:// without a CDN, and switch off server-only theme features."""

from __future__ import annotations

from act.offline import features_for_offline, offline_enabled, polyfills_with_local_shim, vendored_files
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


# Run before Material's offline plugin (priority 0), which adds its CDN shim URL only if
# no "iframe-worker" polyfill is listed yet.
@event_priority(50)
def on_config(config: MkDocsConfig, /) -> MkDocsConfig | None:
    if not offline_enabled(config):
        return None
    config.extra["polyfills"] = polyfills_with_local_shim(config.extra.get("polyfills", []))
    config.theme["features"] = features_for_offline(config.theme.get("features", []))
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if offline_enabled(config):
        for file in vendored_files(config):
            files.append(file)
    return files
