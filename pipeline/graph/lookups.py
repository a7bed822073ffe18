"""Does anything match the name a user gave? One statement per kind of name.

A named query's ``document``, ``agency`` and ``indicator`` parameters (and
``compare``'s DOCUMENT) are matched by part of a name, the same way in every query
(pipeline/graph/named_queries.py, ``LOOKUPS``). When nothing in the graph matches,
the query would print an empty table; ``check_lookups`` says so instead, with the
query that lists what there is: ``no document matches '…'; try `policykg query
documents``` (exit code 1, pipeline/errors.py).
"""
from __future__ import annotations

from typing import Any, Mapping

from pipeline.errors import NoMatchError
from pipeline.graph.named_queries import KEYS_SUFFIX, NamedQuery
from pipeline.graph.store import GraphStore

#: kind -> (statement counting what matches $text, the listing query to suggest)
STATEMENTS: dict[str, tuple[str, str]] = {
    "document": (
        "MATCH (d:Document) WHERE d.id = $text OR d.title CONTAINS $text RETURN count(d) AS n",
        "policykg query documents"),
    "agency": (
        "MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(:Task) "
        "WHERE a.name CONTAINS $text OR r.mention CONTAINS $text RETURN count(a) AS n",
        "policykg query agencies-by-documents -p limit=500"),
    "indicator": (
        "MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator) "
        "WHERE i.name CONTAINS $text OR x.indicator CONTAINS $text "
        "OR any(k IN $keys WHERE i.name CONTAINS k) RETURN count(i) AS n",
        "policykg query find-indicators -p text=<a shorter part>"),
}


def no_match(kind: str, text: str) -> NoMatchError:
    return NoMatchError(f"no {kind} matches {text!r}; try `{STATEMENTS[kind][1]}`")


def matches(store: GraphStore, kind: str, text: str, keys: list[str] | None = None) -> int:
    """How many nodes of ``kind`` match ``text`` (documents count their stubs too)."""
    statement, _ = STATEMENTS[kind]
    params: dict[str, Any] = {"text": text}
    if kind == "indicator":
        params["keys"] = list(keys or [])
    rows = store.run(statement, params, read_only=True).rows
    return int(rows[0][0]) if rows else 0


def check_lookups(store: GraphStore, query: NamedQuery, values: Mapping[str, Any]) -> None:
    """Raise ``NoMatchError`` for the first name parameter that matches nothing."""
    for spec in query.specs:
        text = values.get(spec.name)
        if not spec.lookup or text is None:
            continue
        keys = values.get(spec.name + KEYS_SUFFIX)
        if not matches(store, spec.lookup, text, keys):
            raise no_match(spec.lookup, text)
