#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh machine. The suite starts a real Neo4j 5.26
# server itself (resolved from Maven Central into a per-user cache on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
bash scripts/system-deps.sh  # Debian's Chromium for the Browser test (apt-get, as root)
bash .ci/neo4j-setup
.venv/bin/python -m pytest -q "$@"
