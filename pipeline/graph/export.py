"""The graph out of a store, as networkx, GraphML (Gephi, yEd, Cytoscape) or node-link JSON.

``read_graph(store)`` rebuilds the MultiDiGraph that ``pipeline.graph.build``
makes (same node keys, ``label``/``type`` and properties) from any store, using
only Cypher both stores run. GraphML gets one extra node attribute, ``caption``
(a title, name or text to show), since Gephi displays a ``label`` column as the
node's name and ours holds the schema label.
"""
from __future__ import annotations

import json
from typing import IO, Any

import networkx as nx

from pipeline.graph.store import GraphStore

FORMATS = ("graphml", "json")

_NODES = "MATCH (n) RETURN n AS node ORDER BY n.id"
_RELS = "MATCH (a)-[r]->(b) RETURN a.id AS source, r AS rel, b.id AS target ORDER BY source, target"
_CAPTION = ("title", "name", "indicator", "text")


def read_graph(store: GraphStore) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for (node,) in store.run(_NODES, read_only=True).rows:
        props = {k: v for k, v in node.items() if not k.startswith("_")}
        g.add_node(props["id"], label=node["_label"], **props)
    rels = store.run(_RELS, read_only=True).rows
    for source, rel, target in sorted(rels, key=lambda r: (r[0], r[2], json.dumps(r[1], sort_keys=True, ensure_ascii=False))):
        props = {k: v for k, v in rel.items() if not k.startswith("_")}
        g.add_edge(source, target, type=rel["_type"], **props)
    return g


def caption(attrs: dict[str, Any]) -> str:
    for key in _CAPTION:
        if attrs.get(key):
            text = str(attrs[key])
            return text if len(text) <= 40 else text[:39] + "…"
    return str(attrs.get("id", ""))


def write_graph(graph: nx.MultiDiGraph, out: IO[bytes], fmt: str = "graphml") -> None:
    """Write ``graph`` to a binary file object in ``fmt`` (graphml or json)."""
    if fmt == "graphml":
        g = graph.copy()
        for _, attrs in g.nodes(data=True):
            attrs["caption"] = caption(attrs)
        nx.write_graphml(g, out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    elif fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        out.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
