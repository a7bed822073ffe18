"""Errors a user can act on.

Every error that reaches the command line is a ``PolicykgError``: the CLI prints
its message as one line and exits non-zero, without a traceback.
"""
from __future__ import annotations

import re

# Control characters (C0, DEL, C1) and line/paragraph separators: never printed raw, so a file
# name holding a newline or a terminal escape code cannot split a message or drive the terminal.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``, ``\\u2028``)."""
    def esc(m: re.Match) -> str:
        c = m.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return _CONTROL_RE.sub(esc, text)


class PolicykgError(Exception):
    """An error with a one-line message saying what, which file, what to do."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        self.bare = message
        parts = [f"{path}: {message}" if path else message]
        if hint:
            parts.append(hint)
        super().__init__(printable(" — ".join(parts)))


class InputError(PolicykgError):
    """A document that cannot be read or parsed."""

    exit_code = 2


class StoreError(PolicykgError):
    """The embedded store or Neo4j refused or failed."""

    exit_code = 3
