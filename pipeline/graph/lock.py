"""One process at a time in an embedded store: a lock file the next one queues behind.

LadybugDB lets a single process open a database and refuses any other at once.
``StoreLock`` takes an exclusive ``flock`` on ``<store>/.policykg.lock`` first, so
a second ``policykg`` command on the same store waits for the first to finish —
saying so once on stderr, with the holder's pid — instead of failing. It waits
``POLICYKG_LOCK_TIMEOUT`` seconds (default 600; 0 fails at once), then gives up
with a one-line ``StoreError``. Read-only opens take the lock shared: several may
read at once, never while one writes (LadybugDB itself lets a read-only opener in
while another process writes).

The kernel drops the lock when its holder exits, however it exits (kill -9
included), so a stale lock file never blocks anyone. The file itself stays (a
lock file must never be deleted while others may be waiting on it). Within one
process the lock is re-entrant (LadybugDB allows the same process to open a
store twice), and forked children (the parser's worker processes) close their
copy so they never hold it.
"""
from __future__ import annotations

import errno
import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional

from pipeline.errors import StoreError

try:
    import fcntl
except ImportError:  # Windows: no queueing; LadybugDB's own lock still refuses a second process
    fcntl = None

LOCK_FILE = ".policykg.lock"
LOCK_TIMEOUT_ENV = "POLICYKG_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds
POLL_SECONDS = 0.1

_held: dict[str, list[int]] = {}  # lock file -> [fd, count] in this process
_mutex = threading.Lock()


def _close_inherited() -> None:
    """In a forked child: drop the parent's lock descriptors without unlocking them."""
    for fd, _count in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)


def lock_timeout() -> float:
    """Seconds to wait for a store another process holds (``$POLICYKG_LOCK_TIMEOUT``)."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise StoreError(f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds",
                         hint=f"set {LOCK_TIMEOUT_ENV} to e.g. 600, or 0 to fail at once")
    return value


def _stderr(message: str) -> None:
    print(f"policykg: {message}", file=sys.stderr, flush=True)


def _holder(fd: int) -> str:
    """Who holds the lock, as far as the lock file says: "another process (pid N, command)"."""
    try:
        data = os.pread(fd, 512, 0).decode("utf-8", "replace").strip()
    except OSError:
        return "another process"
    pid, _, command = data.partition("\n")
    if not pid.isdigit():
        return "another process"
    return f"another process (pid {pid}" + (f", {command.strip()})" if command.strip() else ")")


def _command() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    return " ".join([name, *sys.argv[1:2]])[:200]


class StoreLock:
    """The exclusive lock on one store folder; ``acquire`` waits, ``release`` lets go."""

    def __init__(self, folder: str | os.PathLike, timeout: Optional[float] = None,
                 on_wait: Optional[Callable[[str], None]] = None, shared: bool = False):
        self.folder = Path(folder)
        self.shared = shared  # a reader's lock: other readers may hold it too
        self.file = self.folder / LOCK_FILE
        self.key = str(self.file.resolve())
        self.timeout = lock_timeout() if timeout is None else timeout
        self.on_wait = on_wait or _stderr
        self.waited = False  # whether acquire had to wait (for tests and messages)
        self._owned = False

    def _open(self) -> Optional[int]:
        try:
            return os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            try:  # a read-only store folder: lock through an existing file if there is one
                return os.open(self.file, os.O_RDONLY)
            except OSError:
                return None  # no lock file possible: LadybugDB's own lock still refuses a second process

    def acquire(self) -> "StoreLock":
        with _mutex:
            if self.key in _held:
                _held[self.key][1] += 1
                self._owned = True
                return self
        fd = self._open() if fcntl is not None else None
        if fd is None:
            return self
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    return self  # locking unsupported here (some network file systems)
            holder = _holder(fd)
            if time.monotonic() >= deadline:
                os.close(fd)
                raise self.busy_error(holder)
            if not told:
                self.on_wait(self.waiting_message(holder))
                told = self.waited = True
            time.sleep(POLL_SECONDS)
        try:  # a reader records itself too: the last one in is the one named to a waiting writer
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n{_command()}\n".encode("utf-8"), 0)
        except OSError:
            pass  # read-only lock file: the lock holds, only the holder's pid is not recorded
        with _mutex:
            _held[self.key] = [fd, 1]
        self._owned = True
        return self

    def waiting_message(self, holder: str) -> str:
        return (f"waiting for the store lock on {self.folder} held by {holder}… "
                f"(up to {self.timeout:g} s; {LOCK_TIMEOUT_ENV} sets how long, 0 fails at once)")

    def busy_error(self, holder: str = "another process") -> StoreError:
        waited = f" and stayed locked for {self.timeout:g} s" if self.timeout else ""
        return StoreError(f"the store is in use by {holder}{waited}", path=str(self.folder),
                          hint=f"wait for it to finish, raise {LOCK_TIMEOUT_ENV} (seconds), "
                               "or use another --store")

    def remaining(self, started: float) -> float:
        return max(0.0, self.timeout - (time.monotonic() - started))

    def release(self) -> None:
        if not self._owned:
            return
        self._owned = False
        with _mutex:
            entry = _held.get(self.key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] > 0:
                return
            del _held[self.key]
        fd = entry[0]
        if not self.shared:  # other readers may still hold a shared lock: leave their record
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
        os.close(fd)  # closing the last descriptor drops the flock

    def __enter__(self) -> "StoreLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
