"""Compare a document's targets with those of the documents it implements.

The comparison itself is Cypher (queries/compare-with-parents.cypher and
queries/parent-targets-not-adopted.cypher), so it runs the same on every store
and in Neo4j Browser; this module picks the document and shapes the answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import InputError
from pipeline.graph.named_queries import bind, get_query
from pipeline.graph.store import GraphStore

_FIND = ("MATCH (d:Document) WHERE d.id = $q OR d.title CONTAINS $q "
         "RETURN d.id AS id, d.title AS title, coalesce(d.stub, false) AS stub ORDER BY title, id")


@dataclass
class Comparison:
    document: str
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # compare-with-parents
    not_adopted: list[dict[str, Any]] = field(default_factory=list)  # parent-targets-not-adopted


def find_document(store: GraphStore, text: str) -> tuple[str, str]:
    """The one ingested document whose id is ``text`` or whose title contains it."""
    found = [r for r in store.run(_FIND, {"q": text}, read_only=True).as_dicts() if not r["stub"]]
    exact = [r for r in found if r["title"] == text or r["id"] == text]
    if len(exact) == 1:
        found = exact
    if not found:
        raise InputError(f"no ingested document has an id or title containing {text!r}",
                         hint="run `policykg query documents` to see the titles")
    if len(found) > 1:
        names = "; ".join(r["title"] for r in found[:5])
        raise InputError(f"{len(found)} documents match {text!r}: {names}",
                         hint="give more of the title, or the document id")
    return found[0]["id"], found[0]["title"]


def compare(store: GraphStore, text: str) -> Comparison:
    doc_id, title = find_document(store, text)
    out = Comparison(doc_id, title)
    for name, target in (("compare-with-parents", out.rows), ("parent-targets-not-adopted", out.not_adopted)):
        q = get_query(name)
        target.extend(store.run(q.cypher, bind(q, {"document": doc_id}), read_only=True).as_dicts())
    return out
