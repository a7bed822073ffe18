"""The batch plan: what one transaction must leave in Neo4j for a batch of documents.

``plan_batch`` merges a batch as ``EmbeddedStore.replace_documents`` does (client
work only, no connection). ``diff_batch`` compares the plan with what the store holds
now for the batch's documents and gives the ``Changes`` to write: the result is
exactly the delete-then-create of graph_schema/MODEL.md ("Replace semantics"), but
an unchanged document costs reads, not writes. pipeline.graph.neo4j_batch writes
them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

import networkx as nx

from pipeline.errors import StoreError
from pipeline.graph.embedded import _check_graph
from pipeline.graph.neo4j_values import SAFE_LABELS, node_row, rel_props, safe_label, safe_rel_type
from pipeline.graph.schema import DOCUMENT_LABELS, RELATIONSHIP_PROPERTIES

# A node of a document hangs from exactly one container by one of these: a new node
# is written with that relationship in one statement (one index seek fewer).
CONTAINMENT = ("HAS_SECTION", "HAS_MEASURE", "HAS_TASK", "SETS_TARGET")

Edge = tuple[str, str, str, str, str, tuple]  # (type, source label, target label, source, target, props)


@dataclass
class BatchPlan:
    """What one transaction must leave in the store for a batch of documents."""

    graphs: dict[str, nx.MultiDiGraph]  # document id -> its graph, in order
    documents: list[dict[str, Any]]  # the documents' own Document nodes (full)
    shared: dict[str, list[dict[str, Any]]]  # label -> nodes other documents may hold too
    own: dict[str, tuple[str, dict[str, Any]]]  # node id -> (label, properties); containers first
    container: dict[str, tuple[str, str]]  # own node -> (containment type, its container)
    edges: list[Edge]  # every relationship of the batch
    owner: dict[str, str]  # node id -> the document bringing it first
    rel_counts: dict[str, int]  # document id -> its relationships
    fresh: Optional["Changes"] = None  # the writes if the store holds none of it (see prepare)


def plan_batch(items: Sequence[tuple[str, nx.MultiDiGraph]]) -> BatchPlan:
    """The batch as ``EmbeddedStore.replace_documents`` merges it.

    A document given twice counts once, with its last graph; a document's full node
    wins over another's stub of it; of two stubs of one document, the first counts.
    """
    latest: dict[str, nx.MultiDiGraph] = {}
    for document_id, graph in items:
        a = graph.nodes.get(document_id)
        if a is None or a.get("label") != "Document" or a.get("stub"):
            _check_graph(document_id, graph)  # raises its StoreError
        latest.pop(document_id, None)
        latest[document_id] = graph
    merged: dict[str, dict[str, Any]] = {}
    owner: dict[str, str] = {}
    for document_id, graph in latest.items():
        for key, attrs in graph.nodes(data=True):
            label = attrs.get("label")
            if label not in SAFE_LABELS or (label in DOCUMENT_LABELS
                                             and attrs.get("documentId") != document_id):
                _check_graph(document_id, graph)  # raises its StoreError
                raise StoreError(f"node {key} has no known label ({label!r})")
            if key in latest and key != document_id:
                continue  # a stub of a document in this batch
            if key not in merged:
                merged[key] = attrs
                owner[key] = document_id

    rank = {label: i for i, label in enumerate(DOCUMENT_LABELS)}
    into: dict[str, list[tuple[str, str]]] = defaultdict(list)  # node -> [(type, container)]
    edges: list[Edge] = []
    counts: dict[str, int] = defaultdict(int)
    checked: set[tuple[str, str, str]] = set()
    for document_id, graph in latest.items():
        for u, v, attrs in graph.edges(data=True):
            src, dst, rel_type = merged[u]["label"], merged[v]["label"], attrs.get("type")
            if (rel_type, src, dst) not in checked:
                safe_rel_type(rel_type, src, dst)
                checked.add((rel_type, src, dst))
            props = tuple(sorted(rel_props(rel_type, attrs).items())) \
                if rel_type in RELATIONSHIP_PROPERTIES else ()
            edges.append((rel_type, src, dst, u, v, props))
            counts[document_id] += 1
            if rel_type in CONTAINMENT and dst in rank:
                into[v].append((rel_type, u))
    container: dict[str, tuple[str, str]] = {}
    for v, found in into.items():
        if len(found) == 1:
            src = merged[found[0][1]]["label"]
            if src == "Document" or rank.get(src, len(rank)) < rank[merged[v]["label"]]:
                container[v] = found[0]

    documents: list[dict[str, Any]] = []
    shared: dict[str, list] = defaultdict(list)
    own: dict[str, tuple[str, dict[str, Any]]] = {}
    for key, attrs in sorted(merged.items(), key=lambda kv: rank.get(kv[1]["label"], -1)):
        label = safe_label(attrs["label"])
        row = node_row(attrs)
        if key in latest:
            documents.append(row)
        elif label in rank:
            own[key] = (label, row)
        else:
            shared[label].append(row)
    return BatchPlan(graphs=latest, documents=documents, shared=dict(shared), own=own,
                     container=container, edges=edges, owner=owner, rel_counts=dict(counts))


@dataclass
class Changes:
    """What turns the store's current state of a batch's documents into the plan."""

    delete_relationships: list[str]  # element ids
    delete_nodes: dict[str, list[str]]  # label -> ids (DETACH DELETE)
    update_nodes: dict[str, list[dict[str, Any]]]  # label -> full property rows (SET n = row)
    create_contained: dict[tuple[str, str, str], list[dict[str, Any]]]  # (label, type, container label)
    create_nodes: dict[str, list[dict[str, Any]]]  # label -> rows
    create_relationships: dict[tuple[str, str, str], list[dict[str, Any]]]  # (type, src, dst) -> rows


def _typed(props: Mapping[str, Any]) -> frozenset:
    """Properties compared with their types (18 and 18.0 differ in the store)."""
    return frozenset((k, type(v).__name__, v) for k, v in props.items())


def diff_batch(plan: BatchPlan, nodes: Mapping[str, tuple[str, dict]],
               relationships: Mapping[str, Edge]) -> Changes:
    """The writes that make the store hold ``plan``, given what it holds now.

    ``nodes``: every node of the batch's documents in the store, id -> (label,
    properties); ``relationships``: every relationship touching one of them, and those
    the documents' own nodes start (IMPLEMENTS, REFERENCES), element id -> edge. The
    result is the same as deleting all of them and writing the plan afresh (MODEL.md
    steps 1, 2 and 5), but what is unchanged is left in place.
    """
    wanted = Counter(plan.edges)
    have: dict[Edge, list[str]] = defaultdict(list)
    for element_id, edge in relationships.items():
        have[edge].append(element_id)
    delete_rels = []
    for edge, element_ids in have.items():
        surplus = len(element_ids) - wanted.get(edge, 0)
        delete_rels += element_ids[:max(surplus, 0)]
    missing = Counter({e: n - len(have.get(e, ())) for e, n in wanted.items()})
    missing = +missing  # only the positive counts

    delete_nodes: dict[str, list[str]] = defaultdict(list)
    update: dict[str, list] = defaultdict(list)
    for key, (label, props) in nodes.items():
        target = plan.own.get(key)
        if target is None or target[0] != label:
            delete_nodes[label].append(key)
        elif _typed(target[1]) != _typed(props):
            update[label].append(target[1])
    contained: dict[tuple[str, str, str], list] = defaultdict(list)
    create: dict[str, list] = defaultdict(list)
    for key, (label, row) in plan.own.items():
        if key in nodes and nodes[key][0] == label:
            continue
        link = plan.container.get(key)
        if link is not None:
            rel_type, parent = link
            parent_label = plan.own[parent][0] if parent in plan.own else "Document"
            edge = (rel_type, parent_label, label, parent, key, ())
            if missing.get(edge):
                missing[edge] -= 1
                contained[(label, rel_type, parent_label)].append({"parent": parent, "p": row})
                continue
        create[label].append(row)
    create_rels: dict[tuple[str, str, str], list] = defaultdict(list)
    for (rel_type, src, dst, u, v, props), n in missing.items():
        row: dict[str, Any] = {"s": u, "t": v}
        if rel_type in RELATIONSHIP_PROPERTIES:
            row["p"] = dict(props)
        create_rels[(rel_type, src, dst)] += [row] * n
    return Changes(delete_relationships=delete_rels, delete_nodes=dict(delete_nodes),
                   update_nodes=dict(update), create_contained=dict(contained),
                   create_nodes=dict(create), create_relationships=dict(create_rels))
