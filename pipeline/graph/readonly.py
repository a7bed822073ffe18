"""What a read-only command refuses before a statement reaches a store.

A read-only transaction stops writes to the graph, but not everything that touches the
machine: LadybugDB runs ``LOAD EXTENSION`` (native code), ``INSTALL`` (the network),
``COPY … TO`` / ``EXPORT DATABASE`` (writes files), ``LOAD FROM`` / ``COPY … FROM`` /
``IMPORT DATABASE`` (reads any file the user can) and ``ATTACH`` (opens other databases)
whatever the transaction; LadybugDB has no setting that turns them off.  Neo4j's READ
transactions still run ``LOAD CSV`` (files and URLs).  So ``policykg query`` and
``cypher --read-only`` check the statement's clauses first: the text is split into words with
string literals, quoted names and comments removed (a title containing "COPY TO" is data, not
a clause), and a statement using one of these clauses is refused in one line naming it.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.errors import StoreError

# Literals and comments are removed before the clause words are looked at.
_STRIPPED_RE = re.compile(
    r"""'(?:[^'\\]|\\.|'')*'?"""      # 'single-quoted string'
    r'''|"(?:[^"\\]|\\.|"")*"?'''     # "double-quoted string"
    r"|`(?:[^`]|``)*`?"               # `quoted name`
    r"|//[^\n]*"                      # line comment
    r"|/\*.*?(?:\*/|\Z)",             # block comment
    re.S,
)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\S")

# (first word, optional second word or None, what it does), by dialect.
_EMBEDDED = [
    ("LOAD", "EXTENSION", "LOAD EXTENSION loads native code"),
    ("LOAD", None, "LOAD FROM reads files"),
    ("INSTALL", None, "INSTALL fetches extensions over the network"),
    ("UNINSTALL", None, "UNINSTALL removes extensions"),
    ("UPDATE", None, "UPDATE changes extensions"),
    ("COPY", None, "COPY reads or writes files"),
    ("EXPORT", None, "EXPORT DATABASE writes files"),
    ("IMPORT", None, "IMPORT DATABASE reads files"),
    ("ATTACH", None, "ATTACH opens another database"),
    ("USE", None, "USE switches to an attached database"),
]
_NEO4J = [
    ("LOAD", None, "LOAD CSV reads files and URLs"),
]
_DIALECTS = {"embedded": _EMBEDDED, "neo4j": _NEO4J}


def clause_words(cypher: str) -> list[str]:
    """The statement's words, upper-cased, with literals, quoted names and comments removed."""
    bare = _STRIPPED_RE.sub(" ", cypher)
    return [w.upper() for w in _WORD_RE.findall(bare)]


def refused_clause(cypher: str, dialect: str) -> Optional[str]:
    """What the statement does that a read-only command may not, or None.

    A clause word counts where a clause can start: at the beginning, after ``;``, after a
    closing bracket or brace, or after a word (``MATCH … LOAD CSV``), but not as a property or
    label name (after ``.`` or ``:``) nor as a function name (before ``(``) — ``n.copy``,
    ``:Load`` and ``load(x)`` are not clauses.
    """
    rules = _DIALECTS[dialect]
    words = clause_words(cypher)
    for i, word in enumerate(words):
        before = words[i - 1] if i else ";"
        after = words[i + 1] if i + 1 < len(words) else ""
        if before in (".", ":", "$", "AS") or after == ":" or (after == "(" and word != "COPY"):
            continue
        for first, second, what in rules:
            if word == first and (second is None or after == second):
                return what
    return None


def check_read_only(cypher: str, dialect: str, store: str) -> None:
    """Raise a one-line StoreError (the store refuses, exit 3) when a read-only command's statement
    uses a refused clause."""
    what = refused_clause(cypher, dialect)
    if what:
        raise StoreError(f"refused in a read-only command: {what} ({store})",
                         hint="read-only commands only read the graph; run it with `policykg cypher` "
                              "without --read-only if you mean it")
