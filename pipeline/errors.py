"""Errors a user can act on.

Every error that reaches the command line is a ``PolicykgError``: the CLI prints
its message as one line and exits non-zero, without a traceback.
"""
from __future__ import annotations


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
        super().__init__(" — ".join(parts))


class InputError(PolicykgError):
    """A document that cannot be read or parsed."""

    exit_code = 2


class StoreError(PolicykgError):
    """The embedded store or Neo4j refused or failed."""

    exit_code = 3
