#!/usr/bin/env bash
# System packages the tests need beyond Python, Java and Maven: Debian's Chromium (and a
# CJK font so Browser draws Chinese captions), for tests/test_browser_ui.py, which drives
# it with playwright's Python client. Never a browser downloaded by playwright.
# Idempotent: installs only what is missing. Needs root (or sudo) and apt-get.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "system-deps: ${missing[*]} missing; run this script as root to install them" >&2
  exit 1
fi
command -v apt-get >/dev/null 2>&1 || {
  echo "system-deps: no apt-get; install ${missing[*]} with your system's package manager" >&2; exit 1; }
echo "system-deps: installing ${missing[*]} with apt-get …" >&2
"${SUDO[@]}" apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: installed ${missing[*]}" >&2
