"""How much memory the embedded store (LadybugDB) may cache: ``POLICYKG_STORE_BUFFER_MB``.

LadybugDB keeps the database's pages in a buffer pool. Left at the library's default
(``buffer_pool_size=0``: about 80% of the machine's memory) it never evicts on a
research machine, so a process's memory grows with the database it writes or reads
(931 → 1,340 MB for ``ingest DIR`` of corpus-wide from 1× to 16×). Every open of the
store, read-only ones and recovery included, takes the pool size from here instead:
``POLICYKG_STORE_BUFFER_MB`` megabytes (default ``DEFAULT_BUFFER_MB``; 0 leaves it at the
library's default, as before). A smaller pool
reads a larger database by evicting pages; writing needs room for one batch's COPY
(pipeline.graph.ingest: up to 50,000 nodes and relationships), which is what
``MIN_BUFFER_MB`` and the default leave room for. ``bench/profile_paths.py ingest
--memory --buffer-mb …`` measures the choice (bench/RESULTS.md).
"""
from __future__ import annotations

import os

from pipeline.errors import StoreError

BUFFER_ENV = "POLICYKG_STORE_BUFFER_MB"
DEFAULT_BUFFER_MB = 256
MIN_BUFFER_MB = 16        # LadybugDB needs a few MB for its catalogue and a query's pages
MAX_BUFFER_MB = 1 << 22   # 4 TB: past any machine; a typo such as 5120000000 is refused

POOL_FULL = "buffer pool is full"  # in LadybugDB's message when a statement needs more


def buffer_pool_mb() -> int:
    """The buffer pool's size in MB, from ``$POLICYKG_STORE_BUFFER_MB`` (a one-line
    ``StoreError`` for a value that is not a whole number of MB in range)."""
    raw = os.environ.get(BUFFER_ENV, "").strip()
    if not raw:
        return DEFAULT_BUFFER_MB
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = -1
    if not (MIN_BUFFER_MB <= value <= MAX_BUFFER_MB or value == 0):
        raise StoreError(f"{BUFFER_ENV}={raw!r} is not a whole number of megabytes from "
                         f"{MIN_BUFFER_MB} to {MAX_BUFFER_MB} (or 0, the library's default)",
                         hint=f"set {BUFFER_ENV} to e.g. {DEFAULT_BUFFER_MB}, or unset it")
    return value


def database_options() -> dict[str, int]:
    """The keyword arguments every ``ladybug.Database`` of the store is opened with."""
    return {"buffer_pool_size": buffer_pool_mb() * 2**20}  # 0: LadybugDB's default


def pool_full_hint() -> str:
    """What to do when LadybugDB says a statement needs more than the pool."""
    mb = buffer_pool_mb()
    return (f"the store's buffer pool ({mb} MB, {BUFFER_ENV}) is too small for this statement: "
            f"raise {BUFFER_ENV} (e.g. to {max(2 * mb, DEFAULT_BUFFER_MB)})")
