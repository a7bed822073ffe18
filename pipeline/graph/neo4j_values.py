"""Values between the graph and Neo4j, and the names a statement may hold.

``plain`` turns what the driver returns into the values the embedded store gives
(pipeline.graph.embedded.plain); ``node_row`` and ``rel_props`` give the properties a
node or a relationship is stored with, typed as pipeline/graph/schema.py says (both
the UNWIND writer and the neo4j-admin CSV export use them, so both store the same
values).

Labels, relationship types and property names in statements come only from
pipeline/graph/schema.py, through ``safe_label``, ``safe_prop`` and
``safe_rel_type``; every value is a parameter, never part of a statement.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from pipeline.errors import StoreError
from pipeline.graph.schema import NODE_LABELS, NODE_PROPERTIES, RELATIONSHIP_PAIRS, RELATIONSHIP_PROPERTIES

IDENTIFIER = re.compile(r"^[A-Z][A-Za-z_]*$")  # labels and relationship types
_PROP = re.compile(r"^[a-z][A-Za-z]*$")


def node_label(labels: Iterable[str]) -> str:
    """The schema's label among a node's ``labels`` (else all of them, joined by ``:``)."""
    labels = sorted(labels)
    for label in labels:
        if label in NODE_PROPERTIES:
            return label
    return ":".join(labels)


def plain(value: Any) -> Any:
    """Driver values as the embedded store gives them (pipeline.graph.embedded.plain).

    A node becomes ``{"_label": label, **properties}``, a relationship
    ``{"_type": type, **properties}``, a path ``{"nodes": [...], "relationships": [...]}``;
    temporal values become ``datetime`` objects. Integers stay ``int``, floats ``float``.
    """
    from neo4j.graph import Node, Path as GraphPath, Relationship

    if isinstance(value, Node):
        props = {k: plain(v) for k, v in value.items() if v is not None}
        return {"_label": node_label(value.labels), **props}
    if isinstance(value, Relationship):
        props = {k: plain(v) for k, v in value.items() if v is not None}
        return {"_type": value.type, **props}
    if isinstance(value, GraphPath):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if type(value).__module__.startswith("neo4j.time"):
        return _temporal(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _temporal(value: Any) -> Any:
    """Neo4j dates and times as ``datetime`` values, a duration without months as ``timedelta``."""
    import datetime as dt

    to_native = getattr(value, "to_native", None)
    if to_native is not None:
        try:
            return to_native()
        except (ValueError, OverflowError):
            return str(value)
    if hasattr(value, "months") and not value.months:  # Duration
        return dt.timedelta(days=value.days, seconds=value.seconds,
                            microseconds=value.nanoseconds // 1000)
    return str(value)


_CASTS = {"STRING": str, "INT64": int, "DOUBLE": float, "BOOLEAN": bool}


_NODE_CASTS = {label: [(p, _CASTS[t]) for p, t in props] for label, props in NODE_PROPERTIES.items()}


def node_row(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's stored properties: the schema's, typed as the schema says, nulls left out."""
    out = {}
    for prop, cast in _NODE_CASTS[attrs["label"]]:
        value = attrs.get(prop)
        if value is not None and value != "":
            out[prop] = value if type(value) is cast else cast(value)
    return out


def rel_props(rel_type: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship's stored properties: the schema's for ``rel_type``, typed, nulls left out."""
    out = {}
    for prop, typ in RELATIONSHIP_PROPERTIES.get(rel_type, []):
        value = attrs.get(prop)
        if value is not None and value != "":
            out[prop] = _CASTS[typ](value)
    return out


SAFE_LABELS = frozenset(label for label in NODE_LABELS if IDENTIFIER.match(label))
_SAFE_PROPS = frozenset(p for props in (*NODE_PROPERTIES.values(), *RELATIONSHIP_PROPERTIES.values())
                        for p, _ in props if _PROP.match(p))


def safe_label(label: str) -> str:
    """``label`` if the schema has it (and it is a plain identifier): safe in a statement."""
    if label not in SAFE_LABELS:
        raise StoreError(f"{label!r} is not a label of the graph schema")
    return label


def safe_prop(name: str) -> str:
    if name not in _SAFE_PROPS:
        raise StoreError(f"{name!r} is not a property name of the graph schema")
    return name


def safe_rel_type(rel_type: str, src: str, dst: str) -> str:
    """``rel_type`` if the schema has it from ``src`` to ``dst``: safe in a statement."""
    if (src, dst) not in RELATIONSHIP_PAIRS.get(rel_type, []) or not IDENTIFIER.match(rel_type):
        raise StoreError(f"({src})-[:{rel_type}]->({dst}) is not in the graph schema")
    return rel_type

