#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download) and serve the ZIM with
# Debian's kiwix-serve (package kiwix-tools). Install whichever is missing.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium fonts-dejavu-core)
command -v kiwix-serve >/dev/null || missing+=(kiwix-tools)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "ensure-browser: installing Debian's ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "ensure-browser: need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[ -x "$CHROMIUM" ] || { echo "ensure-browser: chromium still missing after install" >&2; exit 1; }
command -v kiwix-serve >/dev/null || { echo "ensure-browser: kiwix-serve still missing after install" >&2; exit 1; }
