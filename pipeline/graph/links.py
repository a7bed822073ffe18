"""Links across the collection in a store: stubs that now name an ingested document are
linked to it (whatever order the documents came in), and the citations are counted.

Runs through ``GraphStore.run`` with fixed statements and parameters, so it works the
same on the embedded store and on Neo4j. See graph_schema/MODEL.md, "Link resolution".
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.graph.identity import Registry
from pipeline.graph.store import GraphStore

# (relationship type, citing label): the citations a stub can receive.
_CITING = (("IMPLEMENTS", "Document"), ("REFERENCES", "Document"), ("REFERENCES", "Measure"))


@dataclass
class LinkCounts:
    implements_resolved: int = 0
    implements_stubs: int = 0
    references_resolved: int = 0
    references_stubs: int = 0

    @property
    def resolved(self) -> int:
        return self.implements_resolved + self.references_resolved

    @property
    def stubs(self) -> int:
        return self.implements_stubs + self.references_stubs

    def line(self) -> str:
        return (f"links: citations to ingested documents {self.resolved}, to stubs {self.stubs} "
                f"(IMPLEMENTS {self.implements_resolved}/{self.implements_stubs}, "
                f"REFERENCES {self.references_resolved}/{self.references_stubs})")


def relink_store(store: GraphStore, registry: Registry) -> int:
    """Point every citation of a stub that now resolves (``Registry.relinks``) at its
    document, and delete stubs left unlinked. The number of citations moved."""
    citations = []
    for rel, label in _CITING:
        doc = "a.documentId" if label == "Measure" else "NULL"
        rows = store.run(f"MATCH (a:{label})-[:{rel}]->(s:Document) WHERE s.stub = true "
                         f"RETURN s.id, s.title, a.id, {doc}").rows
        citations += [(r[0], r[1] or "", r[2], r[3]) for r in rows]
    moved = 0
    for r in registry.relinks(citations):
        for label, ids in (("Document", r.documents), ("Measure", r.measures)):
            if not ids:
                continue
            params = {"stub": r.stub, "target": r.target, "ids": ids}
            for rel, citing in _CITING:
                if citing != label:
                    continue
                store.run(f"MATCH (a:{label})-[:{rel}]->(s:Document {{id: $stub}}) "
                          f"MATCH (d:Document {{id: $target}}) "
                          f"WHERE a.id IN $ids AND NOT EXISTS {{ MATCH (a)-[:{rel}]->(d) }} "
                          f"CREATE (a)-[:{rel}]->(d)", params)
                store.run(f"MATCH (a:{label})-[x:{rel}]->(s:Document {{id: $stub}}) "
                          f"WHERE a.id IN $ids DELETE x", params)
            moved += len(ids)
        store.run("MATCH (s:Document {id: $stub}) WHERE s.stub = true "
                  "AND NOT EXISTS { MATCH (s)--() } DELETE s", {"stub": r.stub})
    return moved


def count_links(store: GraphStore) -> LinkCounts:
    """Citations (IMPLEMENTS, REFERENCES) into full Documents and into stubs."""
    c = LinkCounts()
    for rel, label in _CITING:
        for stub, n in store.run(f"MATCH (:{label})-[r:{rel}]->(t:Document) "
                                 "RETURN t.stub, count(r)").rows:
            kind = "stubs" if stub else "resolved"
            setattr(c, f"{rel.lower()}_{kind}", getattr(c, f"{rel.lower()}_{kind}") + n)
    return c
