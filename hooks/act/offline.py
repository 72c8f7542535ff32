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


# The shim starts the worker in an iframe through an inline <script> that holds the worker's
# absolute file:// address, so no CSP hash can match it and the page's policy (a <meta> tag,
# inherited by the iframe) blocks it. The shipped shim loads that code from a file beside it
# instead (FRAME_URI, 'self'); the patch is applied when copying, so the vendored file stays
# the pinned npm release.
FRAME_URI = "assets/vendor/iframe-worker/frame.js"
_INLINE_FRAME_SCRIPT = (
    '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>'
    '{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>'
)
_FRAME_SCRIPT_FILE = '<script src="${__actFrame}" data-worker="${e}"><\\/script>'
_SHIM_START = '"use strict";(()=>{'
FRAME_JS = """"use strict";
// Loaded by the offline search shim into its hidden iframe (see hooks/act/offline.py): the
// code iframe-worker 1.0.4 would write inline, as a file, so the page's CSP allows it.
(() => {
  const worker = document.currentScript.dataset.worker;
  self.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  self.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
"""


def csp_safe_shim(shim: str) -> str:
    """The pinned shim with its inline iframe script replaced by FRAME_URI; fails loudly if
    an update of iframe-worker changed the code this replaces."""
    if _INLINE_FRAME_SCRIPT not in shim or not shim.startswith(_SHIM_START):
        raise ValueError("vendor/iframe-worker/shim.js changed: update csp_safe_shim in hooks/act/offline.py")
    start = _SHIM_START + 'const __actFrame=new URL("frame.js",document.currentScript.src).href;'
    return start + shim[len(_SHIM_START) :].replace(_INLINE_FRAME_SCRIPT, _FRAME_SCRIPT_FILE)


def vendored_files(config: MkDocsConfig) -> list[File]:
    """The shim (made CSP-safe), its iframe script and its licence, as files of the built site."""
    root = pathlib.Path(config.config_file_path).resolve().parent
    files = []
    for dest, source in VENDORED_FILES.items():
        if dest == SHIM_URI:
            shim = (root / source).read_text(encoding="utf-8")
            files.append(File.generated(config, dest, content=csp_safe_shim(shim)))
        else:
            files.append(File.generated(config, dest, abs_src_path=str(root / source)))
    files.append(File.generated(config, FRAME_URI, content=FRAME_JS))
    return files
