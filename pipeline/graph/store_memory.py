"""How much memory the embedded store (LadybugDB) may cache: ``POLICYKG_STORE_BUFFER_MB``.

LadybugDB keeps the database's pages in a buffer pool. Left at the library's default
(``buffer_pool_size=0``: about 80% of the machine's memory) it never evicts on a
research machine, so a process's memory grows with the database it writes or reads
(931 → 1,340 MB for ``ingest DIR`` of corpus-wide from 1× to 16×). Every open of the
store, read-only ones and recovery included, takes the pool size from here instead:
``POLICYKG_STORE_BUFFER_MB`` megabytes (default ``DEFAULT_BUFFER_MB``; 0 leaves it at the
library's default, as before). The pool caches pages, evicting them for a larger
database; but LadybugDB also takes from it what one statement holds (a COPY's batch, a
query's whole result, the checkpoint after a commit). So the cap is one on caching:
a batch it cannot hold is written in halves, and a single statement that needs more (one
huge document, a checkpoint, a whole-graph export of a large store) reopens the database
on a pool twice as large (``grown``), for the rest of that command. Below about 96 MB the
checkpoints of corpus-wide's batches already need that, hence ``DEFAULT_BUFFER_MB``.
``bench/profile_paths.py ingest --memory --buffer-mb …`` measures the choice
(bench/RESULTS.md, "The embedded store's buffer pool").
"""
from __future__ import annotations

import os

from pipeline.env_numbers import env_whole_number
from pipeline.errors import StoreError

BUFFER_ENV = "POLICYKG_STORE_BUFFER_MB"
DEFAULT_BUFFER_MB = 256
MIN_BUFFER_MB = 16        # LadybugDB needs a few MB for its catalogue and a query's pages
MAX_BUFFER_MB = 1 << 22   # 4 TB: past any machine; a typo such as 5120000000 is refused

POOL_FULL = "buffer pool is full"  # in LadybugDB's message when a statement needs more
COMMITTED = "committed successfully"  # LadybugDB: the commit is durable, its checkpoint failed


class PoolFull(Exception):
    """A batch the buffer pool could not hold (rolled back): split it, or grow the pool."""

    def __init__(self, error: StoreError):
        super().__init__(str(error))
        self.error = error


class Checkpointed(PoolFull):
    """A batch committed (durable) whose checkpoint the pool could not hold."""

    def __init__(self, error: StoreError, summaries: list):
        super().__init__(error)
        self.summaries = summaries  # the batch's WriteSummary list


def buffer_pool_mb() -> int:
    """The buffer pool's size in MB, from ``$POLICYKG_STORE_BUFFER_MB`` (a one-line
    ``StoreError`` for a value that is not a whole number of MB in range)."""
    raw, value = env_whole_number(BUFFER_ENV)
    if value is None:
        return DEFAULT_BUFFER_MB
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


def grown(size: int) -> int | None:
    """The pool (bytes) after ``size`` proved too small for one statement: twice as large, or
    LadybugDB's default (0: a share of the machine's memory) once that is past half of it;
    None if it is the default already."""
    if size == 0:
        return None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 0
    return 0 if total and 2 * size > total // 2 else 2 * size
