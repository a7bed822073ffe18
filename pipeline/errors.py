"""Errors a user can act on, and the exit codes every command uses.

Every error that reaches the command line is a ``PolicykgError``: the CLI prints
its message as one line and exits with its ``exit_code``, without a traceback.

The exit codes (README, "Exit codes"); every command keeps to them:

====  ==========================================================================
0     done
1     nothing matches: no document, agency or indicator matches the name given
      to ``query`` or ``compare`` (a hint on stderr names the query listing them), or
      ``search`` finds no hit
2     bad input or usage: an unknown command, option, query or parameter, a
      parameter value of the wrong type or not among its allowed values, a name
      matching several documents where one is needed, a file that cannot be read
      or parsed (click's own usage errors are 2 as well)
3     the store: no store at that folder, the store locked too long, Neo4j
      unreachable or refusing the password, a Cypher statement the store rejects
      (syntax, unknown label, a write in a read-only command)
70    an internal error (a bug: rerun with POLICYKG_DEBUG=1 and report it)
130   interrupted (Ctrl-C)
====  ==========================================================================
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

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2
EXIT_STORE = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

#: (code, meaning) — the table the README prints; a test keeps the two in step.
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "done"),
    (EXIT_NO_MATCH, "nothing matches the document, agency or indicator named, or the words `search` looks for; or a floor of `eval --min` is not met"),
    (EXIT_BAD_INPUT, "bad input or usage"),
    (EXIT_STORE, "the store or the Neo4j server failed or refused"),
    (EXIT_INTERNAL, "internal error (a bug)"),
    (EXIT_INTERRUPTED, "interrupted"),
)


class PolicykgError(Exception):
    """An error with a one-line message saying what, which file, what to do."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        self.bare = message
        parts = [f"{path}: {message}" if path else message]
        if hint:
            parts.append(hint)
        super().__init__(printable(" — ".join(parts)))


class InputError(PolicykgError):
    """A document that cannot be read or parsed, or a value that does not fit."""

    exit_code = EXIT_BAD_INPUT


class NoMatchError(InputError):
    """Nothing in the graph matches the name given; the hint names the listing query."""

    exit_code = EXIT_NO_MATCH


class StoreError(PolicykgError):
    """The embedded store or Neo4j refused or failed."""

    exit_code = EXIT_STORE


class BelowFloor(PolicykgError):
    """``policykg eval --min``: a metric fell short of its floor (the scores were printed)."""

    exit_code = EXIT_NO_MATCH
