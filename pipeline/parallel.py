"""Work on many files in worker processes, results in input order, memory bounded.

``ordered_map(fn, items, workers)`` is ``map(fn, items)`` over ``workers``
processes. Unlike ``ProcessPoolExecutor.map``, which submits every item at once
and keeps each finished result until the caller takes it, it keeps at most
``ahead`` items in flight (submitted and not yet taken), so a slow consumer (a
store writing documents) never has the whole folder's results waiting in memory:
a corpus of any size streams through in constant memory.

Closing the generator early (the caller stops at an error) cancels what has not
started and does not wait for the rest.

Each worker is told how many workers there are (``limits.set_parser_workers``), so
the command's memory budget for reading documents (``POLICYKG_MAX_MEMORY_MB``) is
shared among them rather than multiplied by them.
"""
from __future__ import annotations

import os
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

AHEAD_PER_WORKER = 4  # items in flight per worker: keeps workers busy, bounds memory


def default_workers() -> int:
    """Every core, as far as the memory budget for reading allows (``limits.default_workers``)."""
    from pipeline.read.limits import default_workers as within_budget

    return within_budget(max(1, os.cpu_count() or 1))


def _start_worker(parent_pid: int, workers: int) -> None:
    """Pool initializer: die with the parent, and take a ``1/workers`` share of the read budget."""
    from pipeline.orphans import die_with_parent
    from pipeline.read.limits import set_parser_workers

    die_with_parent(parent_pid)
    set_parser_workers(workers)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int,
                ahead: Optional[int] = None) -> Iterator[R]:
    """``fn`` over ``items`` in ``workers`` processes (in this one if ``workers`` <= 1),
    yielding results in input order with at most ``ahead`` items in flight."""
    if workers <= 1:
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # not imported for one file: 50 ms

    ahead = max(workers, ahead or AHEAD_PER_WORKER * workers)
    source = iter(items)
    pending: deque[Future] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(os.getpid(), workers))  # no orphans after kill -9
    finished = False
    try:
        for item in source:
            pending.append(pool.submit(fn, item))
            if len(pending) >= ahead:
                break
        while pending:
            result = pending.popleft().result()
            for item in source:  # refill one slot before handing the result over
                pending.append(pool.submit(fn, item))
                break
            yield result
        finished = True
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=finished, cancel_futures=True)
