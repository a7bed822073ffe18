"""The research tables of ``policykg export --format csv|xlsx``: documents, tasks, targets, panel.

``graph_tables(graph, names)`` is a pure function of the graph ``read_graph`` gives
from either store (pipeline/graph/export.py), so the embedded store and Neo4j give
the same rows. ``docs/tables.md`` documents every column (name, type, meaning); a
test keeps it equal to ``COLUMNS``. Column types: ``text``; ``integer``; ``number``
(a float, written without ``.0`` when whole); ``date`` (ISO text, YYYY-MM-DD); ``0/1``
(a boolean as a number, for Stata and R). An empty cell is a missing value.

The panel has one row per cell indicator × region × level × year × kind × unit ×
direction: units, kinds (a level against a change) and directions are never mixed in
one cell. Its ``value`` is the strictest of the cell's targets (``rule``): ``same``
when they all agree (one target included), ``max`` when a higher value asks more of
every one of them (a change, a floor >=, or an upward level), ``min`` when a lower
one does (a ceiling <=, a downward level), else ``mixed`` and no value — their range
is in ``value_min`` and ``value_max`` either way. Targets with no region, no year or
no indicator name are left out of the panel (they stay in ``targets``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

import networkx as nx

from pipeline.graph.schema import ROLES
from pipeline.parse.rules import TABLE_ILLEGAL_CHARS

LIST_SEP = " | "  # several values in one cell (a document's parents, a panel cell's documents)

# table -> [(column, type)], in the order they are written
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("document_id", "text"), ("title", "text"), ("issuer", "text"), ("date", "date"),
        ("region", "text"), ("level", "text"), ("kind", "text"), ("number", "text"),
        ("effective", "date"), ("stub", "0/1"), ("source", "text"),
        ("parents", "text"), ("parent_titles", "text"), ("n_parents", "integer"),
        ("n_measures", "integer"), ("n_tasks", "integer"), ("n_targets", "integer"),
    ],
    "tasks": [
        ("task_id", "text"), ("document_id", "text"), ("document_title", "text"), ("region", "text"),
        ("level", "text"), ("date", "date"), ("section", "integer"), ("measure", "integer"),
        ("measure_number", "text"), ("measure_title", "text"), ("task", "integer"),
        ("task_text", "text"), ("agency", "text"), ("agency_mention", "text"), ("role", "text"),
        ("agency_system", "text"), ("collective", "0/1"), ("n_agencies", "integer"),
        ("page", "integer"), ("paragraph", "integer"), ("char_start", "integer"), ("char_end", "integer"),
    ],
    "targets": [
        ("target_id", "text"), ("document_id", "text"), ("document_title", "text"), ("region", "text"),
        ("level", "text"), ("date", "date"), ("indicator", "text"), ("indicator_text", "text"),
        ("value", "number"), ("unit", "text"), ("kind", "text"), ("direction", "text"),
        ("comparator", "text"), ("year", "integer"), ("baseline_year", "integer"),
        ("baseline_value", "number"), ("attribute", "text"), ("value_text", "text"),
        ("section", "integer"), ("measure", "integer"), ("measure_number", "text"),
        ("measure_title", "text"), ("task", "integer"),
        ("page", "integer"), ("paragraph", "integer"), ("char_start", "integer"), ("char_end", "integer"),
        ("sentence", "text"),
    ],
    "panel": [
        ("indicator", "text"), ("region", "text"), ("level", "text"), ("year", "integer"),
        ("kind", "text"), ("unit", "text"), ("direction", "text"), ("value", "number"),
        ("rule", "text"), ("value_min", "number"), ("value_max", "number"),
        ("n_targets", "integer"), ("n_documents", "integer"), ("documents", "text"),
    ],
}

TABLE_NAMES: tuple[str, ...] = tuple(COLUMNS)


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


def graph_tables(graph: nx.MultiDiGraph, names: Sequence[str] = TABLE_NAMES) -> list[Table]:
    """The tables ``names`` (in that order) of ``graph``."""
    view = _View(graph)
    makers = {"documents": view.documents, "tasks": view.tasks, "targets": view.targets,
              "panel": view.panel}
    out = []
    for name in names:
        columns = [c for c, _ in COLUMNS[name]]
        rows = [[_clean(r.get(c)) for c in columns] for r in makers[name]()]
        out.append(Table(name, columns, rows))
    return out


def _clean(value: Any) -> Any:
    """A cell: text without the characters no spreadsheet holds, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return TABLE_ILLEGAL_CHARS.sub("", value)
    return value


_ROLE_ORDER = {r: i for i, r in enumerate(ROLES)}
_TARGET_N = re.compile(r"/tg(\d+)$")


def _num(value: Any) -> Optional[float]:
    return None if value is None else float(value)


class _View:
    """The graph indexed the way the tables read it."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.by_label: dict[str, list[str]] = {}
        for key, attrs in g.nodes(data=True):
            self.by_label.setdefault(attrs.get("label"), []).append(key)
        self.docs = {k: g.nodes[k] for k in self.by_label.get("Document", [])}
        self.doc_order = {k: i for i, k in enumerate(sorted(
            self.docs, key=lambda k: (self.docs[k].get("date") or "9999", self.docs[k].get("title") or "", k)))}
        self.measures = {(g.nodes[k].get("documentId"), g.nodes[k].get("position")): g.nodes[k]
                         for k in self.by_label.get("Measure", [])}

    def _in(self, key: str, rel_type: str) -> list[tuple[str, dict]]:
        return [(u, a) for u, _, a in self.g.in_edges(key, data=True) if a.get("type") == rel_type]

    def _out(self, key: str, rel_type: str) -> list[tuple[str, dict]]:
        return [(v, a) for _, v, a in self.g.out_edges(key, data=True) if a.get("type") == rel_type]

    def _doc_fields(self, doc_id: Optional[str]) -> dict[str, Any]:
        d = self.docs.get(doc_id, {})
        return {"document_id": doc_id, "document_title": d.get("title"), "region": d.get("region"),
                "level": d.get("level"), "date": d.get("date")}

    def _measure_fields(self, doc_id: Optional[str], position: Optional[int]) -> dict[str, Any]:
        m = self.measures.get((doc_id, position), {}) if position is not None else {}
        return {"measure": position, "measure_number": m.get("number"), "measure_title": m.get("title")}

    def _owned(self, label: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for k in self.by_label.get(label, []):
            did = self.g.nodes[k].get("documentId")
            counts[did] = counts.get(did, 0) + 1
        return counts

    def documents(self) -> Iterable[dict[str, Any]]:
        n_measures, n_tasks, n_targets = (self._owned(lbl) for lbl in ("Measure", "Task", "Target"))
        for k in sorted(self.docs, key=self.doc_order.__getitem__):
            d = self.docs[k]
            parents = sorted(self._out(k, "IMPLEMENTS"), key=lambda p: (self.docs[p[0]].get("title") or "", p[0]))
            stub = bool(d.get("stub"))
            yield {"document_id": k, "title": d.get("title"), "issuer": d.get("issuer"), "date": d.get("date"),
                   "region": d.get("region"), "level": d.get("level"), "kind": d.get("kind"),
                   "number": d.get("number"), "effective": d.get("effective"), "stub": stub,
                   "source": d.get("source"),
                   "parents": LIST_SEP.join(p for p, _ in parents) or None,
                   "parent_titles": LIST_SEP.join(self.docs[p].get("title") or "" for p, _ in parents) or None,
                   "n_parents": len(parents),
                   "n_measures": None if stub else n_measures.get(k, 0),
                   "n_tasks": None if stub else n_tasks.get(k, 0),
                   "n_targets": None if stub else n_targets.get(k, 0)}

    def tasks(self) -> Iterable[dict[str, Any]]:
        def order(k: str) -> tuple:
            t = self.g.nodes[k]
            return (self.doc_order.get(t.get("documentId"), -1), _pos(t.get("section")), _pos(t.get("measure")),
                    _pos(t.get("position")), k)

        for k in sorted(self.by_label.get("Task", []), key=order):
            t = self.g.nodes[k]
            did = t.get("documentId")
            base = {"task_id": k, **self._doc_fields(did), "section": t.get("section"),
                    **self._measure_fields(did, t.get("measure")), "task": t.get("position"),
                    "task_text": t.get("text"), "page": t.get("page"), "paragraph": t.get("paragraph"),
                    "char_start": t.get("charStart"), "char_end": t.get("charEnd")}
            agencies = sorted(self._in(k, "RESPONSIBLE_FOR"),
                              key=lambda e: (_ROLE_ORDER.get(e[1].get("role"), len(ROLES)),
                                             self.g.nodes[e[0]].get("name") or "", e[1].get("mention") or ""))
            base["n_agencies"] = len(agencies)
            if not agencies:  # a task no agency is named for still gets its row
                yield base
            for a_key, rel in agencies:
                a = self.g.nodes[a_key]
                yield {**base, "agency": a.get("name"), "agency_mention": rel.get("mention"),
                       "role": rel.get("role"), "agency_system": a.get("system"),
                       "collective": bool(a.get("collective"))}

    def _target_rows(self) -> list[dict[str, Any]]:
        def order(k: str) -> tuple:
            m = _TARGET_N.search(k)
            return (self.doc_order.get(self.g.nodes[k].get("documentId"), -1), int(m.group(1)) if m else 0, k)

        rows = []
        for k in sorted(self.by_label.get("Target", []), key=order):
            t = self.g.nodes[k]
            did = t.get("documentId")
            indicator = [self.g.nodes[i].get("name") for i, _ in self._out(k, "FOR_INDICATOR")]
            rows.append({"target_id": k, **self._doc_fields(did), "indicator": indicator[0] if indicator else None,
                         "indicator_text": t.get("indicator"), "value": _num(t.get("value")),
                         "unit": t.get("unit"), "kind": t.get("kind"), "direction": t.get("direction"),
                         "comparator": t.get("comparator"), "year": t.get("year"),
                         "baseline_year": t.get("baselineYear"), "baseline_value": _num(t.get("baselineValue")),
                         "attribute": t.get("attribute"), "value_text": t.get("valueText"),
                         "section": t.get("section"), **self._measure_fields(did, t.get("measure")),
                         "task": t.get("task"), "page": t.get("page"), "paragraph": t.get("paragraph"),
                         "char_start": t.get("charStart"), "char_end": t.get("charEnd"),
                         "sentence": t.get("sentence")})
        return rows

    def targets(self) -> Iterable[dict[str, Any]]:
        return self._target_rows()

    def panel(self) -> Iterable[dict[str, Any]]:
        return panel_rows(self._target_rows())


_CELL = ("indicator", "region", "level", "year", "kind", "unit", "direction")


def stricter_sense(target: dict[str, Any]) -> Optional[str]:
    """``max`` if a higher value of this target asks more, ``min`` if a lower one does, else None
    (the reading of ``compare``: a change asks more the larger it is; a level's comparator, else
    its direction, says which way)."""
    if target.get("kind") == "change":
        return "max"
    comparator = target.get("comparator")
    if comparator in ("<=", "<"):
        return "min"
    if comparator in (">=", ">"):
        return "max"
    return {"up": "max", "down": "min"}.get(target.get("direction"))


def reduce_cell(targets: Sequence[dict[str, Any]]) -> tuple[Optional[float], str]:
    """The value of one panel cell and the rule that chose it (module docstring)."""
    values = [t["value"] for t in targets]
    if len(set(values)) == 1:
        return values[0], "same"
    senses = {stricter_sense(t) for t in targets}
    if senses == {"max"}:
        return max(values), "max"
    if senses == {"min"}:
        return min(values), "min"
    return None, "mixed"


def panel_rows(targets: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Target rows (as ``targets`` gives them) -> one row per panel cell, sorted by the cell."""
    cells: dict[tuple, list[dict[str, Any]]] = {}
    for t in targets:
        if not t.get("indicator") or not t.get("region") or t.get("year") is None or t.get("value") is None:
            continue
        cells.setdefault(tuple(t.get(c) for c in _CELL), []).append(t)
    rows = []
    for key in sorted(cells, key=lambda k: tuple((v is None, v if v is not None else "") for v in k)):
        group = cells[key]
        value, rule = reduce_cell(group)
        values = [t["value"] for t in group]
        docs = sorted({t["document_id"] for t in group})
        rows.append({**dict(zip(_CELL, key)), "value": value, "rule": rule, "value_min": min(values),
                     "value_max": max(values), "n_targets": len(group), "n_documents": len(docs),
                     "documents": LIST_SEP.join(docs)})
    return rows


def _pos(value: Optional[int]) -> int:
    return -1 if value is None else value
