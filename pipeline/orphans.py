"""Worker processes that never outlive the command that started them.

A ``ProcessPoolExecutor`` worker forked on Linux keeps a copy of its task
queue's write end, so when its parent is killed (kill -9, the OOM killer) it
waits for work forever. ``die_with_parent`` as a pool's initializer asks the
kernel to kill each worker when its parent dies (``PR_SET_PDEATHSIG``);
elsewhere it does nothing:

    ProcessPoolExecutor(n, initializer=die_with_parent, initargs=(os.getpid(),))
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this process when ``parent_pid`` ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

