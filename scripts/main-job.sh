#!/usr/bin/env bash
# The main job on a fresh machine: install, ingest corpus/ into the embedded store, answer a query.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
STORE=${POLICYKG_STORE:-./policykg-store}
.venv/bin/policykg ingest corpus/ --store "$STORE"
.venv/bin/policykg query agencies-leading-most-tasks --store "$STORE" -p limit=10
