"""The graph schema in one place: labels, their properties, relationship types.

graph_schema/MODEL.md explains it; graph_schema/ladybug-schema.cypher is the DDL
``ladybug_ddl()`` writes (a test keeps the two in step). Property types are the
LadybugDB ones; Neo4j stores the same values (STRING -> String, INT64 -> Long,
DOUBLE -> Double, BOOLEAN -> Boolean).
"""
from __future__ import annotations

# label -> [(property, type)]; ``id`` is every label's key, ``caption`` every label's short
# label for Neo4j Browser (pipeline/graph/captions.py).
NODE_PROPERTIES: dict[str, list[tuple[str, str]]] = {
    "Document": [
        ("id", "STRING"), ("caption", "STRING"), ("title", "STRING"), ("issuer", "STRING"), ("date", "STRING"),
        ("region", "STRING"), ("level", "STRING"), ("source", "STRING"), ("stub", "BOOLEAN"),
        ("number", "STRING"), ("kind", "STRING"), ("effective", "STRING"),
        ("fingerprint", "STRING"),
        ("dateDays", "INT64"),  # ``date`` as days since 1970-01-01: lags in days in Cypher (diffusion)
        ("text", "STRING"),  # the cleaned text provenance offsets point into (docs/provenance.md)
    ],
    "Section": [
        ("id", "STRING"), ("caption", "STRING"), ("documentId", "STRING"), ("position", "INT64"), ("number", "STRING"),
        ("title", "STRING"),
    ],
    "Measure": [
        ("id", "STRING"), ("caption", "STRING"), ("documentId", "STRING"), ("position", "INT64"), ("section", "INT64"),
        ("number", "STRING"), ("title", "STRING"), ("text", "STRING"),
        ("page", "INT64"), ("paragraph", "INT64"), ("charStart", "INT64"), ("charEnd", "INT64"),
        ("searchText", "STRING"),  # jieba words of title + text, for `policykg search` (search_text.py)
    ],
    "Task": [
        ("id", "STRING"), ("caption", "STRING"), ("documentId", "STRING"), ("position", "INT64"), ("measure", "INT64"),
        ("section", "INT64"), ("text", "STRING"),
        ("page", "INT64"), ("paragraph", "INT64"), ("charStart", "INT64"), ("charEnd", "INT64"),
        ("searchText", "STRING"),  # jieba words of text
    ],
    "Target": [
        ("id", "STRING"), ("caption", "STRING"), ("documentId", "STRING"), ("indicator", "STRING"), ("value", "DOUBLE"),
        ("unit", "STRING"), ("valueText", "STRING"), ("kind", "STRING"), ("direction", "STRING"),
        ("comparator", "STRING"), ("year", "INT64"), ("baselineYear", "INT64"), ("text", "STRING"),
        ("measure", "INT64"), ("task", "INT64"), ("section", "INT64"),
        ("page", "INT64"), ("paragraph", "INT64"), ("charStart", "INT64"), ("charEnd", "INT64"),
        ("sentence", "STRING"),
        ("baselineValue", "DOUBLE"), ("attribute", "STRING"),  # an indicator table's 现状值 and 属性
        ("searchText", "STRING"),  # jieba words of indicator + text
    ],
    "Agency": [("id", "STRING"), ("caption", "STRING"), ("name", "STRING"), ("system", "STRING"),
               ("collective", "BOOLEAN"), ("region", "STRING")],
    "Indicator": [("id", "STRING"), ("caption", "STRING"), ("name", "STRING")],
}

NODE_LABELS: tuple[str, ...] = tuple(NODE_PROPERTIES)

# Labels whose nodes belong to one document (they carry ``documentId``).
DOCUMENT_LABELS: tuple[str, ...] = ("Section", "Measure", "Task", "Target")
# Labels shared between documents.
SHARED_LABELS: tuple[str, ...] = ("Document", "Agency", "Indicator")

# type -> [(from label, to label)], in the order the DDL declares them.
RELATIONSHIP_PAIRS: dict[str, list[tuple[str, str]]] = {
    "HAS_SECTION": [("Document", "Section")],
    "HAS_MEASURE": [("Section", "Measure"), ("Document", "Measure")],
    "HAS_TASK": [("Measure", "Task"), ("Section", "Task"), ("Document", "Task")],
    "RESPONSIBLE_FOR": [("Agency", "Task")],
    "SETS_TARGET": [("Task", "Target"), ("Measure", "Target"), ("Section", "Target"),
                    ("Document", "Target")],
    "FOR_INDICATOR": [("Target", "Indicator")],
    "IMPLEMENTS": [("Document", "Document")],
    "REFERENCES": [("Measure", "Document"), ("Document", "Document")],
    "SIMILAR_TO": [("Measure", "Measure")],  # pipeline/graph/similar_edges.py
}

RELATIONSHIP_PROPERTIES: dict[str, list[tuple[str, str]]] = {
    "RESPONSIBLE_FOR": [("role", "STRING"), ("mention", "STRING")],
    "SIMILAR_TO": [("score", "DOUBLE")],
}

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(RELATIONSHIP_PAIRS)

ROLES: tuple[str, ...] = ("lead", "shared", "support", "implement", "duty")


def node_property_types(label: str) -> dict[str, str]:
    return dict(NODE_PROPERTIES[label])


def relationship_property_types(rel_type: str) -> dict[str, str]:
    return dict(RELATIONSHIP_PROPERTIES.get(rel_type, []))


def ladybug_ddl() -> list[str]:
    """CREATE statements for an empty LadybugDB store, nodes first."""
    out = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(f"{p} {t}" for p, t in props)
        out.append(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY (id));")
    for rel_type, pairs in RELATIONSHIP_PAIRS.items():
        parts = [f"FROM {a} TO {b}" for a, b in pairs]
        parts += [f"{p} {t}" for p, t in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
        out.append(f"CREATE REL TABLE {rel_type}({', '.join(parts)}, MANY_MANY);")
    return out


_DDL_HEADER = """\
// LadybugDB (embedded store) schema, written by pipeline.graph.schema.ladybug_ddl_text().
// Do not edit: change pipeline/graph/schema.py and regenerate; tests/test_embedded_store.py
// checks this file against it. Rel tables with several FROM/TO pairs take relationships
// from several labels (Kùzu multi-pair REL TABLE).
"""


def ladybug_ddl_text() -> str:
    """The text of graph_schema/ladybug-schema.cypher."""
    return _DDL_HEADER + "\n".join(ladybug_ddl()) + "\n"
