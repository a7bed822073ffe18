"""Compare a document's targets with those of the documents it implements.

The comparison itself is Cypher (queries/compare-with-parents.cypher and
queries/parent-targets-not-adopted.cypher), so it runs the same on every store
and in Neo4j Browser; this module picks the document and shapes the answer:
the parents it implements (ingested or not), one row per target compared with an
ingested parent's, and the parents' targets it does not take up. A parent that is
not ingested (a stub known only from the citation) is one entry of
``missing_parents``, not a row per target.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import InputError, NoMatchError
from pipeline.graph.named_queries import bind, get_query
from pipeline.graph.store import GraphStore

_FIND = ("MATCH (d:Document) WHERE d.id = $q OR d.title CONTAINS $q "
         "RETURN d.id AS id, d.title AS title, coalesce(d.stub, false) AS stub ORDER BY title, id")
_PARENTS = ("MATCH (d:Document)-[:IMPLEMENTS]->(p:Document) WHERE d.id = $id "
            "RETURN p.id AS id, p.title AS title, p.level AS level, "
            "NOT coalesce(p.stub, false) AS ingested ORDER BY ingested DESC, title, id")
NOT_INGESTED = "parent not ingested"

#: verdict -> what it means (``policykg compare --help`` and the README print these)
VERDICTS: dict[str, str] = {
    "stricter": "asks more than the parent: a lower ceiling (<=), a higher floor (>=), "
                "or a larger change in the same direction",
    "same": "the same value as the parent's target",
    "looser": "asks less than the parent",
    "different": "cannot be ranked: other units, a level against a change, opposite "
                 "directions or comparators, or no bound on either side",
    "absent in parent": "the parent sets no target for this indicator",
    NOT_INGESTED: "the parent is only known from the citation: ingest it to compare",
}


@dataclass
class Comparison:
    document: str
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # compare-with-parents, as the query gives it
    not_adopted: list[dict[str, Any]] = field(default_factory=list)  # parent-targets-not-adopted
    parents: list[dict[str, Any]] = field(default_factory=list)  # id, title, level, ingested

    @property
    def compared(self) -> list[dict[str, Any]]:
        """The rows against ingested parents."""
        return [r for r in self.rows if r["verdict"] != NOT_INGESTED]

    @property
    def missing_parents(self) -> list[dict[str, Any]]:
        """Each parent not ingested, once, with how many of the document's targets wait for it."""
        waiting: dict[str, int] = {}
        for r in self.rows:
            if r["verdict"] == NOT_INGESTED:
                waiting[r["parent"]] = waiting.get(r["parent"], 0) + 1
        return [{**p, "targets": waiting.get(p["id"], 0)} for p in self.parents if not p["ingested"]]


def find_document(store: GraphStore, text: str) -> tuple[str, str]:
    """The one ingested document whose id is ``text`` or whose title contains it."""
    found = [r for r in store.run(_FIND, {"q": text}, read_only=True).as_dicts() if not r["stub"]]
    exact = [r for r in found if r["title"] == text or r["id"] == text]
    if len(exact) == 1:
        found = exact
    if not found:
        raise NoMatchError(f"no ingested document matches {text!r}; try `policykg query documents`")
    if len(found) > 1:
        names = "; ".join(r["title"] for r in found[:5])
        raise InputError(f"{len(found)} documents match {text!r}: {names}",
                         hint="give more of the title, or the document id")
    return found[0]["id"], found[0]["title"]


def compare(store: GraphStore, text: str) -> Comparison:
    doc_id, title = find_document(store, text)
    out = Comparison(doc_id, title)
    out.parents = store.run(_PARENTS, {"id": doc_id}, read_only=True).as_dicts()
    for name, target in (("compare-with-parents", out.rows), ("parent-targets-not-adopted", out.not_adopted)):
        q = get_query(name)
        target.extend(store.run(q.cypher, bind(q, {"document": doc_id}), read_only=True).as_dicts())
    return out
