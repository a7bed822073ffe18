"""Processes that never outlive the command that started them.

A ``ProcessPoolExecutor`` worker forked on Linux keeps a copy of its task
queue's write end, so when its parent is killed (kill -9, the OOM killer) it
waits for work forever; a forked PDF reader (``pipeline.read.bounded``) would
go on reading. ``die_with_parent``, called first thing in the new process (a
pool's initializer, the reader child), asks the kernel to kill it when its
parent dies (``PR_SET_PDEATHSIG``); elsewhere it only checks the parent is
still there:

    ProcessPoolExecutor(n, initializer=die_with_parent, initargs=(os.getpid(),))

``find_prctl`` looks libc's ``prctl`` up once; a process that forks often calls it
before forking, so no child pays for the lookup.
"""
from __future__ import annotations

import os
import signal
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1
_prctl: Any = None  # libc's prctl once looked up; False where there is none


def find_prctl() -> Any:
    """libc's ``prctl`` (looked up once per process), or False off Linux or without it."""
    global _prctl
    if _prctl is None:
        _prctl = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _prctl = ctypes.CDLL(None, use_errno=True).prctl
            except (OSError, AttributeError):
                pass
    return _prctl


def die_with_parent(parent_pid: int, exit_status: int = 1) -> None:
    """In a new process: end it when ``parent_pid`` ends, and at once (``exit_status``)
    if that parent is already gone."""
    prctl = find_prctl()
    if prctl:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(exit_status)
