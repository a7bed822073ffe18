#!/usr/bin/env bash
# System packages the tests need beyond Python, Java and Maven: Debian's Chromium (and a
# CJK font so Browser draws Chinese captions), for tests/test_browser_ui.py, which drives
# it with playwright's Python client (never a browser downloaded by playwright); and Debian's
# Tesseract with its Simplified Chinese data, the optional OCR engine (tests/test_read_ocr.py;
# the default engine, RapidOCR, comes with pip).
# Idempotent: installs only what is missing. Needs root (or passwordless sudo) and apt-get;
# without them it says what to install and returns 0, so the suite still runs and the
# Browser test fails naming this script.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
# RapidOCR's OpenCV wheel links libGL and GLib (present on most Debian machines, not all)
ldconfig -p 2>/dev/null | grep -q "libGL.so.1 " || missing+=(libgl1)
ldconfig -p 2>/dev/null | grep -q "libgthread-2.0.so.0 " || missing+=(libglib2.0-0)
[ -e /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 \
  || missing+=(tesseract-ocr-chi-sim)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "system-deps: ${missing[*]} missing; run \`sudo bash scripts/system-deps.sh\` to install them" \
       "(the Browser and Tesseract tests need them)" >&2
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || {
  echo "system-deps: no apt-get; install ${missing[*]} with your system's package manager" >&2; exit 0; }
echo "system-deps: installing ${missing[*]} with apt-get …" >&2
"${SUDO[@]}" apt-get update -q >/dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: installed ${missing[*]}" >&2
