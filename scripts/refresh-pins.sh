#!/usr/bin/env bash
# Refresh constraints.txt: a fresh .venv with the newest versions setup.cfg allows, frozen into
# constraints.txt, then the whole test suite on them. If the suite fails, keep the old pins
# (git checkout constraints.txt) and rerun bash scripts/setup.sh test.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .venv
POLICYKG_UNPINNED=1 bash scripts/setup.sh test
{
  sed -n '1,/^[^#]/{/^#/p}' constraints.txt
  .venv/bin/pip freeze --exclude-editable
} > constraints.txt.new
mv constraints.txt.new constraints.txt
echo "refresh-pins: constraints.txt rewritten; running the test suite on these versions"
bash scripts/test.sh
echo "refresh-pins: the suite passed; commit constraints.txt"
