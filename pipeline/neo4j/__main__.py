"""``python -m pipeline.neo4j``: resolve the server's jars into the cache (used by .ci/neo4j-setup)."""
import sys

from pipeline.neo4j.jars import main

sys.exit(main())
