"""Run a reader in a forked child process, bounded in memory and processor time.

A C library call (PDFium loading a page) can neither be interrupted nor stopped
from allocating inside the process that makes it, so ``in_child(path, produce)``
forks (a few milliseconds: the child shares the parent's loaded modules) and runs
``produce(send)`` in the child under hard kernel limits:

* memory: ``RLIMIT_DATA`` = what the child already holds + ``budget.memory_mb``
  (private writable memory; an allocation past it fails: Python raises
  ``MemoryError``, PDFium aborts);
* processor time: ``RLIMIT_CPU`` = ``budget.seconds`` (the kernel stops the child;
  processor time, so a busy machine does not refuse a genuine document). The parent
  also kills a child it has waited on for ``WALL_FACTOR`` times that (a backstop;
  at least ``WALL_FLOOR`` seconds).

Each ``send(obj)`` pickles ``obj`` down a pipe; ``in_child`` yields the objects in
order as they come, so the parent can do slow work between them (OCR) without
that time counting against the child.  An exception raised in the child is raised
again in the parent; a child that dies (memory refused, a crash, a limit reached)
becomes one ``InputError`` line naming the file and the variable to raise.
Closing the generator early kills the child.  Without ``os.fork`` (not Linux or
macOS) ``produce`` runs in this process, unbounded, as before.
"""
from __future__ import annotations

import faulthandler
import gc
import os
import pickle
import select
import signal
import struct
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from pipeline.errors import InputError
from pipeline.orphans import die_with_parent, find_prctl
from pipeline.read.limits import MAX_MEMORY_ENV, MAX_READ_SECONDS_ENV, ReadBudget, read_budget

# The parent's backstop, for a child that would wait rather than compute: it is killed once the
# parent has waited this many times its processor-time budget, and at least WALL_FLOOR seconds
# (on a machine shared by many processes a second of processor time can take ten of wall time).
WALL_FACTOR = 10
WALL_FLOOR = 60
_HEADER = struct.Struct("<Q")
_END = "__end__"
_ERROR = "__error__"
_MORE = "__more__"
_EXIT_MEMORY = 99  # the child's exit status after a MemoryError
_EXIT_FAILED = 98  # the child's exit status when it could not even report


def _vm_data() -> int:
    """This process's private writable memory in bytes (VmData), what ``RLIMIT_DATA`` counts."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _rss() -> int:
    """This process's resident memory in bytes."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass(frozen=True)
class ChildUsage:
    """What the last child used: its peak resident memory above the parent's at the fork, and
    its processor time (``bench/read_bounds.py`` reports them over a folder)."""
    added_mb: float
    cpu_seconds: float


last_usage: ChildUsage | None = None
_send_in_child: Callable[[Any], None] | None = None  # set in the child only


def allow_more_time(seconds: int) -> None:
    """In the child: raise its processor-time limit by ``seconds`` (and the parent's backstop with
    it), e.g. for each scanned page it renders. Elsewhere: nothing."""
    if _send_in_child is None:
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (min(soft + seconds, hard), hard))
    _send_in_child((_MORE, seconds))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(produce: Callable[[Callable[[Any], None]], None], wfd: int, parent: int, budget: ReadBudget,
           errfd: int) -> None:
    """The child's whole life; never returns (``os._exit``: no atexit handlers, no stdio flushed twice)."""
    global _send_in_child
    import resource

    status = _EXIT_FAILED
    try:
        die_with_parent(parent, _EXIT_FAILED)  # kill -9 of the command leaves no reader
        os.dup2(errfd, 2)  # what the libraries print (std::bad_alloc) goes to the parent, which decides
        # what the parent holds (an open store, its connections) is never collected here, so no
        # finalizer of the parent's runs in the child; what the child makes is collected as usual
        gc.freeze()
        faulthandler.disable()  # a crash is reported by the parent in one line, not as a traceback
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child; the parent reports it
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        held = _vm_data()
        if held:
            cap = held + budget.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CPU, (budget.seconds, budget.seconds + budget.more_seconds + 2))

        def send(obj: Any) -> None:
            data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(wfd, _HEADER.pack(len(data)) + data)

        _send_in_child = send
        try:
            produce(send)
            send(_END)
            status = 0
        except MemoryError:
            status = _EXIT_MEMORY
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the parent
            try:
                payload = pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.loads(payload)
            except Exception:  # noqa: BLE001 - an exception that does not survive pickling
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            send((_ERROR, exc))
            status = 0
    except MemoryError:
        status = _EXIT_MEMORY
    finally:
        os._exit(status)


class _Pipe:
    """The parent's end: frames read with a backstop on the time spent waiting for them."""

    def __init__(self, fd: int, wait_limit: float):
        self.fd = fd
        self.buf = bytearray()
        self.waited = 0.0
        self.wait_limit = wait_limit
        self.timed_out = False

    def _fill(self, n: int) -> bool:
        while len(self.buf) < n:
            left = self.wait_limit - self.waited
            if left <= 0:
                self.timed_out = True
                return False
            start = time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], left)
            self.waited += time.monotonic() - start
            if not ready:
                continue
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return False
            self.buf += chunk
        return True

    def frame(self) -> tuple[bool, Any]:
        """(True, the next object), or (False, None) when the child is gone or the wait is over."""
        if not self._fill(_HEADER.size):
            return False, None
        (n,) = _HEADER.unpack(self.buf[:_HEADER.size])
        if not self._fill(_HEADER.size + n):
            return False, None
        data = bytes(self.buf[_HEADER.size:_HEADER.size + n])
        del self.buf[:_HEADER.size + n]
        return True, pickle.loads(data)


def _death(path: str, what: str, status: int, budget: ReadBudget, timed_out: bool, seconds: int,
           said: bytes = b"") -> InputError:
    """The one true line for a child that ended without finishing (``seconds``: the time it was allowed,
    ``said``: what it wrote on stderr)."""
    mem_hint = f"if it is genuine, raise {MAX_MEMORY_ENV} (now {budget.total_mb}{budget.shared})"
    time_hint = f"if it is genuine, raise {MAX_READ_SECONDS_ENV} (now {budget.seconds})"
    if timed_out:
        return InputError(f"reading the {what} was stopped after {_backstop(seconds):.0f} s of waiting "
                          f"(the limit is {seconds} s of processor time)", path=path, hint=time_hint)
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        if code == _EXIT_MEMORY:
            return InputError(f"reading the {what} needs more memory than the limit of {budget.memory_mb} MB "
                              "for one document", path=path, hint=mem_hint)
        return InputError(f"the {what} reader ended without a result (exit status {code})", path=path,
                          hint="check the file; if it opens elsewhere, report this with the file")
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    used = last_usage.cpu_seconds if last_usage else seconds
    if sig == signal.SIGKILL and used < seconds - 1:  # not ours: the system's OOM killer, or a user
        return InputError(f"the {what} reader was killed (SIGKILL) after {used:.0f} s, by someone else "
                          "(the system running out of memory?)", path=path,
                          hint=f"lower {MAX_MEMORY_ENV} or the number of workers, and try again")
    if sig in (signal.SIGXCPU, signal.SIGKILL):
        return InputError(f"reading the {what} takes more than the limit of {seconds} s of processor time",
                          path=path, hint=time_hint)
    try:
        name = signal.Signals(sig).name
    except ValueError:
        name = f"signal {sig}"
    if sig == signal.SIGABRT and (b"bad_alloc" in said or b"out of memory" in said.lower()):
        return InputError(f"reading the {what} needs more memory than the limit of {budget.memory_mb} MB "
                          "for one document", path=path, hint=mem_hint)
    if sig == signal.SIGABRT:  # PDFium aborts when an allocation is refused
        return InputError(f"the {what} reader stopped ({name}), most likely needing more memory than the limit "
                          f"of {budget.memory_mb} MB for one document", path=path, hint=mem_hint)
    return InputError(f"the {what} reader crashed on it ({name}, with {budget.memory_mb} MB of memory allowed)",
                      path=path, hint=f"if it opens elsewhere, try raising {MAX_MEMORY_ENV}; "
                                      "else download or export it again")


def in_child(path: str, produce: Callable[[Callable[[Any], None]], None], what: str = "PDF") -> Iterator[Any]:
    """Objects ``produce`` sends from a forked child bounded by ``read_budget()``, in order."""
    if not hasattr(os, "fork"):
        out: list[Any] = []
        produce(out.append)
        yield from out
        return
    budget = read_budget()
    find_prctl()  # looked up here, once, not in every child
    before = _rss()
    errfd = _scratch()
    rfd, wfd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        _child(produce, wfd, parent, budget, errfd)
    os.close(wfd)
    pipe = _Pipe(rfd, _backstop(budget.seconds))
    reaped = finished = False
    seconds = budget.seconds
    try:
        while True:
            ok, obj = pipe.frame()
            if not ok:
                if pipe.timed_out:
                    os.kill(pid, signal.SIGKILL)
                status = _reap(pid, before)
                reaped = True
                if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT:
                    raise KeyboardInterrupt
                raise _death(path, what, status, budget, pipe.timed_out, seconds, _said(errfd))
            if isinstance(obj, str) and obj == _END:
                finished = True
                break
            if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str):
                if obj[0] == _ERROR:
                    finished = True
                    raise obj[1]
                if obj[0] == _MORE:
                    seconds += obj[1]
                    pipe.wait_limit = _backstop(seconds)
                    continue
            yield obj
    finally:
        os.close(rfd)
        if finished:  # a reader's warnings reach the user as they would in-process
            said = _said(errfd)
            if said:
                os.write(2, said)
        os.close(errfd)
        if not reaped:
            if not finished:  # closed early or interrupted: the child's work is not wanted
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            _reap(pid, before)


def _backstop(seconds: float) -> float:
    """How long the parent waits for a child allowed ``seconds`` of processor time."""
    return max(WALL_FLOOR, WALL_FACTOR * seconds)


def _scratch() -> int:
    """A nameless file for the child's stderr."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("policykg-reader-stderr", os.MFD_CLOEXEC)
    import tempfile

    with tempfile.TemporaryFile() as fh:
        return os.dup(fh.fileno())


def _said(fd: int, most: int = 1 << 16) -> bytes:
    """What the child wrote on stderr (the first ``most`` bytes)."""
    try:
        return os.pread(fd, most, 0)
    except OSError:
        return b""


def _reap(pid: int, before: int) -> int:
    """Wait for the child; note what it used in ``last_usage``; its wait status."""
    global last_usage
    _, status, usage = os.wait4(pid, 0)
    last_usage = ChildUsage(max(0.0, (usage.ru_maxrss * 1024 - before) / 2**20), usage.ru_utime + usage.ru_stime)
    return status
