#!/usr/bin/env bash
# Create .venv (if missing) and install policykg into it; with "test", the test extras too.
# Versions are pinned by constraints.txt (POLICYKG_UNPINNED=1 installs the newest allowed by
# setup.cfg instead: scripts/refresh-pins.sh uses it). Prints a line per step; pip's full output
# goes to .venv/pip-install.log, whose end is shown if pip fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
start=$SECONDS
LOG=.venv/pip-install.log

# pip, its output reduced to one line per package fetched and one per phase
pip_install() {
  if ! .venv/bin/pip install --progress-bar off "$@" 2>&1 | tee "$LOG" | awk '
      /^Collecting / { n++; printf "setup:   [%d] %s\n", n, $2; fflush(); next }
      /^ *Downloading .*\.whl \(/ { size = $0; sub(/.*\(/, "", size); sub(/\).*/, "", size)
                                   printf "setup:       downloading %s\n", size; fflush(); next }
      /^Building wheels|^Building editable/ { print "setup:   building policykg (editable)"; fflush(); next }
      /^Installing collected packages/ { print "setup:   installing the packages"; fflush(); next }
      /^Successfully installed/ { printf "setup:   installed %d package(s)\n", NF - 2; fflush(); next }
      { next }'; then
    echo "setup: pip failed; the end of its output ($LOG):" >&2
    tail -n 25 "$LOG" >&2
    exit 1
  fi
}

fresh=
if [ ! -x .venv/bin/python ]; then
  fresh=1
  echo "setup: creating .venv with $("$PY" --version 2>&1) ($PY)"
  "$PY" -m venv .venv
  echo "setup: upgrading pip"
  pip_install --upgrade pip
fi
if [ "${POLICYKG_UNPINNED:-}" = 1 ]; then
  pins=()
  how="newest versions setup.cfg allows (POLICYKG_UNPINNED=1)"
else
  pins=(-c constraints.txt)
  how="pinned by constraints.txt"
fi
if [ "${1:-}" = "test" ]; then
  what='.[test]'
  echo "setup: installing policykg, its dependencies and the test tools ($how)"
else
  what='.'
  echo "setup: installing policykg and its dependencies ($how)"
fi
if [ -n "$fresh" ]; then
  echo "setup:   a first install fetches about 70 packages (spaCy, numpy, lxml, the Neo4j driver …): a few minutes"
fi
pip_install "${pins[@]}" -e "$what"
echo "setup: done in $((SECONDS - start)) s; .venv/bin/policykg is ready (source .venv/bin/activate)"
