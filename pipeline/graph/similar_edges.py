"""``SIMILAR_TO {score}`` edges: each measure of a document to the most similar measure of
each of its ancestors, the documents it implements (IMPLEMENTS, followed transitively up
to the national level) that are ingested, not stubs.

``recompute_similar(store, min_score)`` replaces every SIMILAR_TO edge of the store with
the ones the store's documents give now, in one statement (one transaction on either
store), so running it again changes nothing and a document re-ingested, or a parent that
arrived after its children, is counted as it is now. It runs through ``GraphStore.run``
with fixed statements and parameters, so the embedded store and Neo4j get the same edges.
The similarity itself is pure (pipeline.graph.similarity); ``similar_pairs`` works on
plain rows so it can be tested and measured without a store (bench/similarity_scores.py).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from pipeline.graph.similarity import DEFAULT_MIN_SCORE, jaccard, shingles
from pipeline.graph.store import GraphStore

_DOCUMENTS = "MATCH (d:Document) WHERE coalesce(d.stub, false) = false RETURN d.id ORDER BY d.id"
_IMPLEMENTS = ("MATCH (c:Document)-[:IMPLEMENTS]->(p:Document) "
               "WHERE coalesce(c.stub, false) = false RETURN c.id, p.id ORDER BY c.id, p.id")
_MEASURES = ("MATCH (m:Measure) RETURN m.id, m.documentId, m.title, m.text "
             "ORDER BY m.documentId, m.position")
_REPLACE = ("MATCH ()-[old:SIMILAR_TO]->() DELETE old "
            "WITH count(*) AS gone "
            "UNWIND $rows AS row "
            "MATCH (a:Measure {id: row.s}) MATCH (b:Measure {id: row.t}) "
            "CREATE (a)-[:SIMILAR_TO {score: row.score}]->(b)")
_CLEAR = "MATCH ()-[old:SIMILAR_TO]->() DELETE old"
_COUNT = "MATCH ()-[r:SIMILAR_TO]->() RETURN count(r)"


@dataclass(frozen=True)
class MeasureText:
    id: str
    document: str
    text: str  # the measure's title and text


@dataclass(frozen=True)
class SimilarEdge:
    child: str  # the child document's measure
    parent: str  # an ancestor's measure
    score: float


@dataclass
class SimilarSummary:
    edges: int = 0
    documents: int = 0  # documents with at least one ingested ancestor
    pairs: int = 0  # (document, ancestor) pairs compared
    min_score: float = DEFAULT_MIN_SCORE
    by_pair: dict[tuple[str, str], int] = field(default_factory=dict)

    def line(self) -> str:
        return (f"similar: {self.edges} SIMILAR_TO edges (score >= {self.min_score:g}) from "
                f"{self.documents} documents to their ingested ancestors ({self.pairs} "
                "document-ancestor pairs compared)")


def ancestors(document: str, parents: Mapping[str, Iterable[str]],
              ingested: set[str]) -> list[str]:
    """Ingested documents ``document`` implements, directly or through others, nearest
    first (each once; a cycle of IMPLEMENTS ends where it closes). Stubs are passed through
    (a stub's own parents are unknown, so nothing lies beyond it) but never returned."""
    seen = {document}
    order: list[str] = []
    frontier = [document]
    while frontier:
        nxt = []
        for d in frontier:
            for p in sorted(parents.get(d, ())):
                if p in seen:
                    continue
                seen.add(p)
                nxt.append(p)
                if p in ingested:
                    order.append(p)
        frontier = nxt
    return order


def best_matches(child: Sequence[MeasureText], parent: Sequence[MeasureText],
                 min_score: float) -> list[SimilarEdge]:
    """For each measure of ``child``, the measure of ``parent`` it is most similar to,
    if the score reaches ``min_score`` (ties: the parent's earlier measure)."""
    parent_sets = [(m.id, shingles(m.text)) for m in parent]
    out = []
    for m in child:
        grams = shingles(m.text)
        best, best_id = 0.0, None
        for pid, pgrams in parent_sets:
            s = jaccard(grams, pgrams)
            if s > best:
                best, best_id = s, pid
        if best_id is not None and best >= min_score:
            out.append(SimilarEdge(m.id, best_id, round(best, 4)))
    return out


def similar_pairs(documents: Iterable[str], implements: Iterable[tuple[str, str]],
                  measures: Iterable[MeasureText], min_score: float = DEFAULT_MIN_SCORE
                  ) -> tuple[list[SimilarEdge], SimilarSummary]:
    """The edges a store holding ``documents`` (ingested ids), ``implements`` (child, parent)
    and ``measures`` should have, and what was compared."""
    ingested = set(documents)
    parents: dict[str, set[str]] = defaultdict(set)
    for c, p in implements:
        parents[c].add(p)
    by_doc: dict[str, list[MeasureText]] = defaultdict(list)
    for m in measures:
        by_doc[m.document].append(m)
    summary = SimilarSummary(min_score=min_score)
    edges: list[SimilarEdge] = []
    for d in sorted(ingested):
        ups = [a for a in ancestors(d, parents, ingested) if by_doc.get(a)]
        if not ups or not by_doc.get(d):
            continue
        summary.documents += 1
        for a in ups:
            summary.pairs += 1
            found = best_matches(by_doc[d], by_doc[a], min_score)
            summary.by_pair[(d, a)] = len(found)
            edges += found
    summary.edges = len(edges)
    return edges, summary


def measure_texts(rows: Iterable[Sequence]) -> list[MeasureText]:
    """``MeasureText`` of ``(id, documentId, title, text)`` rows."""
    return [MeasureText(r[0], r[1], "".join(x for x in (r[2], r[3]) if x)) for r in rows]


def recompute_similar(store: GraphStore, min_score: float = DEFAULT_MIN_SCORE) -> SimilarSummary:
    """Replace the store's SIMILAR_TO edges by those its documents give now (one statement)."""
    documents = [r[0] for r in store.run(_DOCUMENTS).rows]
    implements = [(r[0], r[1]) for r in store.run(_IMPLEMENTS).rows]
    measures = measure_texts(store.run(_MEASURES).rows)
    edges, summary = similar_pairs(documents, implements, measures, min_score)
    rows = [{"s": e.child, "t": e.parent, "score": e.score} for e in edges]
    if rows:
        store.run(_REPLACE, {"rows": rows})
    else:
        store.run(_CLEAR)
    summary.edges = store.run(_COUNT).rows[0][0]
    return summary
