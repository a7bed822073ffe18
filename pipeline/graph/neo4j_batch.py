"""The transaction that writes a batch of documents into Neo4j: ``write_batch``.

A batch of documents is one transaction (graph_schema/MODEL.md, "Replace
semantics"). It reads what the batch's documents hold now, asks
pipeline.graph.neo4j_plan for the difference with their new subgraphs and writes only
that. Rows go in as parameters of ``UNWIND $rows AS row`` statements, one per label
and one per (relationship type, source label, target label), each matching nodes on
their indexed key; a new node comes with the relationship from its container in one
statement. Every statement runs through ``execute``; the names in them come from
pipeline.graph.neo4j_values, every value is a parameter.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping, Optional

from pipeline.errors import StoreError
from pipeline.graph.neo4j_plan import BatchPlan, Edge, diff_batch
from pipeline.graph.neo4j_values import node_label, safe_label, safe_prop, safe_rel_type
from pipeline.graph.schema import DOCUMENT_LABELS, NODE_PROPERTIES, RELATIONSHIP_PROPERTIES

ROWS_PER_STATEMENT = 10_000  # UNWIND rows per statement (a batch may need several)

_ORPHANS = (
    "MATCH (n:Agency) WHERE NOT EXISTS { (n)--() } DELETE n",
    "MATCH (n:Indicator) WHERE NOT EXISTS { (n)--() } DELETE n",
    "MATCH (n:Document) WHERE n.stub = true AND NOT EXISTS { (n)--() } DELETE n",
)


def _chunks(rows: list, size: int = ROWS_PER_STATEMENT) -> Iterable[list]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


class _Rows(list):
    """A list parameter that shows as its length.

    The driver formats every RUN message for its debug log, enabled or not: the
    ``repr`` of 10,000 rows of document text cost 6% of a load's time (bench/).
    It also keeps that text out of the log when a user does enable it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def execute(tx, cypher: str, params: Optional[Mapping[str, Any]] = None):
    """Run one statement in ``tx``; return (records, summary). Every write goes through here."""
    result = tx.run(cypher, {k: _Rows(v) if type(v) is list else v for k, v in (params or {}).items()})
    records = list(result)
    return records, result.consume()


def _planned(tx, cypher: str, params: Optional[Mapping[str, Any]] = None):
    """``execute`` for the writer's own statements, which keep their first plan.

    Neo4j plans a statement again whenever the graph's statistics have moved by
    more than 75% since it last did: while a store fills up that is every few
    batches, and 30 statements cost about 0.5 s to plan (bench/). These plans are
    seeks on unique keys and on the documentId indexes (named by hints where the
    planner could prefer a scan of a small store), whatever the statistics, so
    ``replan=skip`` loses nothing.
    """
    return execute(tx, "CYPHER replan=skip " + cypher, params)


def _inline(label: str, row: str) -> str:
    """``{id: row.id, title: row.title, …}``: every property of ``label`` (a missing one is
    not stored). Properties written inline in CREATE, not by SET after it, spare the
    planner an Eager step that halves the speed."""
    return "{" + ", ".join(f"{safe_prop(p)}: {row}.{safe_prop(p)}" for p, _ in NODE_PROPERTIES[label]) + "}"


def _rel_inline(rel_type: str) -> str:
    props = [f"{safe_prop(p)}: row.p.{safe_prop(p)}" for p, _ in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
    return " {" + ", ".join(props) + "}" if props else ""


def _create_all(tx, cypher: str, rows: list, what: str) -> None:
    """Run the CREATE statement ``cypher`` over ``rows`` (in chunks), checking that each
    row created one of ``what`` ("nodes" or "relationships")."""
    for chunk in _chunks(rows):
        _, summary = _planned(tx, cypher, {"rows": chunk})
        made = (summary.counters.relationships_created if what == "relationships"
                else summary.counters.nodes_created)
        if made != len(chunk):  # a node to link is missing: roll everything back
            raise StoreError(f"{len(chunk) - made} of {len(chunk)} {what} were not written (a node "
                             "to link was missing)", hint="the store is unchanged; please report this")


def _read_current(tx, ids: list[str]) -> tuple[dict[str, tuple[str, dict]], dict[str, Edge]]:
    """The store's nodes of documents ``ids`` and the relationships ``diff_batch`` needs.

    Each statement returns one row holding a list (collect): the driver then decodes
    it in one go instead of a Python record per node or relationship.
    """
    nodes: dict[str, tuple[str, dict]] = {}
    rels: dict[str, Edge] = {}

    def add_rels(records) -> None:
        for e, t, sl, s, dl, d, p in records[0]["rows"]:
            rels[e] = (t, node_label(sl), node_label(dl), s, d, tuple(sorted(p.items())))

    returned = ("WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b "
                "RETURN collect([elementId(r), type(r), labels(a), a.id, labels(b), b.id, "
                "properties(r)]) AS rows")
    for label in DOCUMENT_LABELS:
        records, _ = _planned(tx, f"MATCH (n:{safe_label(label)}) USING INDEX n:{label}(documentId) "
                                  "WHERE n.documentId IN $ids "
                                  "RETURN collect([n.id, properties(n)]) AS rows", {"ids": ids})
        found = records[0]["rows"]
        for key, props in found:
            nodes[key] = (label, props)
        if found:
            more, _ = _planned(tx, f"MATCH (n:{label})-[r]-() USING INDEX n:{label}(documentId) "
                                   "WHERE n.documentId IN $ids "
                                   f"{returned}", {"ids": ids})
            add_rels(more)
    more, _ = _planned(tx, "MATCH (d:Document)-[r:IMPLEMENTS|REFERENCES]->(:Document) "
                           f"USING INDEX d:Document(id) WHERE d.id IN $ids {returned}", {"ids": ids})
    add_rels(more)
    return nodes, rels


def write_batch(tx, plan: BatchPlan) -> dict[str, int]:
    """The transaction function: replace every document of ``plan`` (MODEL.md, steps 1–6).

    The documents' nodes and relationships as they are in the store are compared with
    the plan, and only the difference is written: the result is what deleting them all
    and writing the plan gives, but re-ingesting an unchanged document writes almost
    nothing (and Neo4j creates far slower in a transaction that has deleted). Returns
    the nodes written per document, counted as the embedded store counts them. It only
    ever runs inside one managed transaction, which the driver may run again from the
    start after a transient failure.
    """
    ids = list(plan.graphs)
    written: dict[str, int] = defaultdict(int)

    # 3. The documents' own nodes, first: MERGE locks them, so two writers of one
    #    document take turns. SET n = row replaces every property (a stub becomes full,
    #    properties the new version lacks go); relationships into it are kept.
    for rows in _chunks(plan.documents):
        _planned(tx, "UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n = row", {"rows": rows})
    for row in plan.documents:
        written[row["id"]] += 1

    # 1, 2. What the documents have now, and what must go. New documents (a first
    #    load) need no diff: prepare worked out their writes while the last batch
    #    was being written.
    nodes, rels = _read_current(tx, ids)
    if not nodes and not rels and plan.fresh is not None:
        changes = plan.fresh
    else:
        changes = diff_batch(plan, nodes, rels)
    for rows in _chunks(changes.delete_relationships):
        _planned(tx, "UNWIND $rows AS e MATCH ()-[r]->() WHERE elementId(r) = e DELETE r",
                 {"rows": rows})
    for label, keys in changes.delete_nodes.items():
        for rows in _chunks(keys):
            _planned(tx, f"UNWIND $rows AS key MATCH (n:{safe_label(label)} {{id: key}}) DETACH DELETE n",
                     {"rows": rows})
    for label, nodes in changes.update_nodes.items():
        for rows in _chunks(nodes):
            _planned(tx, f"UNWIND $rows AS row MATCH (n:{safe_label(label)} {{id: row.id}}) SET n = row",
                     {"rows": rows})

    # 4. Shared nodes: an existing one is left as it is, a missing one created. The
    #    seek on the unique key locks it, so a concurrent writer cannot create it meanwhile.
    for label, nodes in plan.shared.items():
        cypher = (f"UNWIND $rows AS row OPTIONAL MATCH (x:{safe_label(label)} {{id: row.id}}) "
                  f"WITH row WHERE x IS NULL CREATE (n:{label} {_inline(label, 'row')}) "
                  "RETURN n.id AS id")
        for rows in _chunks(nodes):
            records, _ = _planned(tx, cypher, {"rows": rows})
            for r in records:
                written[plan.owner[r["id"]]] += 1

    # 5. The documents' missing nodes (most with the relationship from their container),
    #    then the missing relationships.
    for label, nodes in changes.create_nodes.items():
        _create_all(tx, f"UNWIND $rows AS row CREATE (n:{safe_label(label)} {_inline(label, 'row')})",
                    nodes, "nodes")
    for (label, rel_type, src), nodes in sorted(changes.create_contained.items(),
                                                key=lambda kv: DOCUMENT_LABELS.index(kv[0][0])):
        cypher = (f"UNWIND $rows AS row MATCH (c:{safe_label(src)} {{id: row.parent}}) "
                  f"CREATE (c)-[:{safe_rel_type(rel_type, src, label)}]->"
                  f"(n:{safe_label(label)} {_inline(label, 'row.p')})")
        _create_all(tx, cypher, nodes, "nodes")
    for (rel_type, src, dst), edges in changes.create_relationships.items():
        cypher = (f"UNWIND $rows AS row MATCH (a:{safe_label(src)} {{id: row.s}}) "
                  f"MATCH (b:{safe_label(dst)} {{id: row.t}}) "
                  f"CREATE (a)-[:{safe_rel_type(rel_type, src, dst)}{_rel_inline(rel_type)}]->(b)")
        _create_all(tx, cypher, edges, "relationships")
    for key in plan.own:
        written[plan.owner[key]] += 1

    # 6. Orphans, over the whole graph.
    for stmt in _ORPHANS:
        _planned(tx, stmt)
    return dict(written)
