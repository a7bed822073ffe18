"""The embedded default store: LadybugDB (``ladybug``, the maintained fork of Kùzu).

The store is a directory holding one database file (``graph.lbug``). LadybugDB
needs a declared schema (``pipeline.graph.schema.ladybug_ddl``), created on first
open. A document is written by ``COPY`` from CSV tables in a temporary folder,
inside one transaction with the delete of its previous version, so it is replaced
entirely or not at all (see graph_schema/MODEL.md, "Replace semantics").
"""
from __future__ import annotations

import csv
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import networkx as nx

from pipeline.errors import StoreError
from pipeline.graph.schema import (
    DOCUMENT_LABELS, NODE_LABELS, NODE_PROPERTIES, RELATIONSHIP_PAIRS, RELATIONSHIP_PROPERTIES,
    RELATIONSHIP_TYPES, ladybug_ddl,
)
from pipeline.graph.store import GraphStore, QueryResult, WriteSummary

DB_FILE = "graph.lbug"
_CSV_OPTIONS = "header=true, delim=',', quote='\"', escape='\"', auto_detect=false, parallel=false"

# Shared nodes left with no relationship at all after a write are deleted
# (full Documents stay: they were ingested).
_ORPHANS = (
    "MATCH (n:Agency) WHERE NOT EXISTS { MATCH (n)--() } DELETE n",
    "MATCH (n:Indicator) WHERE NOT EXISTS { MATCH (n)--() } DELETE n",
    "MATCH (n:Document) WHERE n.stub = true AND NOT EXISTS { MATCH (n)--() } DELETE n",
)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def plain(value: Any) -> Any:
    """LadybugDB values as plain Python: nodes and relationships become dicts.

    A node becomes ``{"_label": label, **properties}``, a relationship
    ``{"_type": type, **properties}``, a path ``{"nodes": [...], "relationships": [...]}``;
    null properties are left out (Neo4j does not store them). The Neo4j store
    gives the same shapes.
    """
    if isinstance(value, dict):
        if "_LABEL" in value and "_ID" in value:
            props = {k: plain(v) for k, v in value.items()
                     if not k.startswith("_") and v is not None}
            if "_SRC" in value and "_DST" in value:
                return {"_type": value["_LABEL"], **props}
            return {"_label": value["_LABEL"], **props}
        if "_nodes" in value and "_rels" in value:
            return {"nodes": [plain(n) for n in value["_nodes"]],
                    "relationships": [plain(r) for r in value["_rels"]]}
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


class EmbeddedStore(GraphStore):
    """A LadybugDB database in ``path`` (a directory)."""

    def __init__(self, path: str | os.PathLike, create: bool = True):
        import ladybug

        self.path = Path(path)
        self.db_file = self.path / DB_FILE
        if self.path.exists() and not self.path.is_dir():
            raise StoreError("is not a directory", path=str(self.path),
                             hint="pass a folder to --store (it is created if missing)")
        if not self.db_file.exists():
            if not create:
                raise StoreError("no graph store here", path=str(self.path),
                                 hint="run `policykg ingest` first or pass --store / $POLICYKG_STORE")
            self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(self.db_file))
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            msg = _first_line(exc)
            if "lock" in msg.lower():
                raise StoreError("the store is in use by another process", path=str(self.path),
                                 hint="wait for it to finish, or use another --store") from None
            raise StoreError(f"cannot open the store: {msg}", path=str(self.path),
                             hint="is it a policykg store? use another --store") from None
        self._ensure_schema()

    # -- low level -------------------------------------------------------------------
    def _exec(self, cypher: str, params: Optional[Mapping[str, Any]] = None) -> QueryResult:
        result = self._conn.execute(cypher, dict(params or {}))
        if isinstance(result, list):  # several statements: the last one's rows
            result = result[-1]
        columns = list(result.get_column_names())
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return QueryResult(columns=columns, rows=rows)

    def _tables(self) -> dict[str, str]:
        return {r[1]: r[2] for r in self._exec("CALL show_tables() RETURN *").rows}

    def _ensure_schema(self) -> None:
        tables = self._tables()
        if not tables:
            self._exec("BEGIN TRANSACTION")
            try:
                for stmt in ladybug_ddl():
                    self._exec(stmt)
                self._exec("COMMIT")
            except Exception as exc:
                self._rollback()
                raise StoreError(f"cannot create the schema: {_first_line(exc)}",
                                 path=str(self.path)) from None
            return
        for label, props in NODE_PROPERTIES.items():
            have = [r[1] for r in self._exec(f"CALL table_info('{label}') RETURN *").rows] \
                if label in tables else []
            if have != [p for p, _ in props]:
                raise StoreError(f"the store's schema differs from this policykg's ({label})",
                                 path=str(self.path),
                                 hint="it was made by another version: ingest into a new --store")
        missing = [t for t in RELATIONSHIP_TYPES if t not in tables]
        if missing:
            raise StoreError(f"the store lacks relationship tables {', '.join(missing)}",
                             path=str(self.path), hint="ingest into a new --store")

    def _rollback(self) -> None:
        try:
            self._exec("ROLLBACK")
        except Exception:  # noqa: BLE001 - LadybugDB may already have rolled back
            pass

    # -- GraphStore ------------------------------------------------------------------
    def run(self, cypher: str, params: Optional[Mapping[str, Any]] = None,
            read_only: bool = False) -> QueryResult:
        try:
            if read_only:
                self._exec("BEGIN TRANSACTION READ ONLY")
                try:
                    res = self._exec(cypher, params)
                finally:
                    self._rollback()
            else:
                res = self._exec(cypher, params)
        except RuntimeError as exc:
            raise StoreError(f"query failed: {_first_line(exc)}",
                             hint="check the Cypher (LadybugDB dialect) and its -p parameters") from None
        return QueryResult(columns=res.columns, rows=[plain(r) for r in res.rows])

    def stats(self) -> dict[str, dict[str, int]]:
        nodes = {}
        for label in NODE_LABELS:
            n = self._exec(f"MATCH (n:{label}) RETURN count(n)").rows[0][0]
            if n:
                nodes[label] = n
        rels = {}
        for rel_type in RELATIONSHIP_TYPES:
            n = self._exec(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)").rows[0][0]
            if n:
                rels[rel_type] = n
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def document_ids(self, stub: Optional[bool] = False) -> list[str]:
        """Ids of the ingested documents (``stub=False``), the stubs, or all (``None``)."""
        if stub is None:
            res = self._exec("MATCH (d:Document) RETURN d.id ORDER BY d.id")
        else:
            res = self._exec("MATCH (d:Document) WHERE d.stub = $s RETURN d.id ORDER BY d.id",
                             {"s": stub})
        return [r[0] for r in res.rows]

    def replace_document(self, document_id: str, graph: nx.MultiDiGraph) -> WriteSummary:
        _check_graph(document_id, graph)
        with tempfile.TemporaryDirectory(prefix="policykg-copy-") as tmp:
            if "'" in tmp:
                raise StoreError("the temporary folder's path holds a quote", path=tmp,
                                 hint="set TMPDIR to a plain path")
            try:
                self._exec("BEGIN TRANSACTION")
                self._delete_document(document_id)
                summary = self._write_document(document_id, graph, Path(tmp))
                for stmt in _ORPHANS:
                    self._exec(stmt)
                self._exec("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, (KeyboardInterrupt, StoreError)):
                    raise
                if isinstance(exc, RuntimeError):
                    raise StoreError(f"writing document {document_id} failed: {_first_line(exc)}",
                                     hint="the store is unchanged") from None
                raise
        return summary

    # -- replace, step by step (one transaction; see MODEL.md) ------------------------
    def _delete_document(self, document_id: str) -> None:
        params = {"id": document_id}
        for label in DOCUMENT_LABELS:
            self._exec(f"MATCH (n:{label}) WHERE n.documentId = $id DETACH DELETE n", params)
        for rel_type in ("IMPLEMENTS", "REFERENCES"):
            self._exec(f"MATCH (d:Document {{id: $id}})-[r:{rel_type}]->() DELETE r", params)

    def _write_document(self, document_id: str, graph: nx.MultiDiGraph, tmp: Path) -> WriteSummary:
        # The document's node: updated in place if it exists (as a stub or an earlier
        # version), so links into it from documents that implement or cite it survive;
        # else created with the other new nodes below. (Nodes are only ever created by
        # COPY: LadybugDB 0.22 corrupts its primary-key index when a transaction mixes
        # CREATE/MERGE and COPY into one table; see MODEL.md.)
        attrs = graph.nodes[document_id]
        exists = self._exec("MATCH (d:Document {id: $id}) RETURN count(d)",
                            {"id": document_id}).rows[0][0]
        if exists:
            sets = ", ".join(f"d.{p} = ${p}" for p, _ in NODE_PROPERTIES["Document"] if p != "id")
            self._exec(f"MATCH (d:Document {{id: $id}}) SET {sets}",
                       {p: attrs.get(p) for p, _ in NODE_PROPERTIES["Document"]})
        written = 1 if exists else 0

        # Other nodes: the document's own are new (the old ones were deleted);
        # shared ones (Agency, Indicator, stub Documents) are created only if missing.
        by_label: dict[str, list[dict]] = defaultdict(list)
        for key, a in graph.nodes(data=True):
            if key != document_id or not exists:
                by_label[a["label"]].append(a)
        for label, nodes in by_label.items():
            if label not in DOCUMENT_LABELS:
                ids = [n["id"] for n in nodes if n["id"] != document_id]
                have = {r[0] for r in self._exec(
                    f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id", {"ids": ids}).rows}
                nodes = [n for n in nodes if n["id"] not in have]
            if nodes:
                cols = [p for p, _ in NODE_PROPERTIES[label]]
                self._copy(tmp / f"{label}.csv", label, cols, ([n.get(c) for c in cols] for n in nodes))
                written += len(nodes)

        by_pair: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for u, v, a in graph.edges(data=True):
            by_pair[(a["type"], graph.nodes[u]["label"], graph.nodes[v]["label"])].append(
                {**a, "_from": u, "_to": v})
        count = 0
        for (rel_type, src, dst), edges in by_pair.items():
            cols = [p for p, _ in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
            rows = ([e["_from"], e["_to"], *[e.get(c) for c in cols]] for e in edges)
            self._copy(tmp / f"{rel_type}-{src}-{dst}.csv", rel_type, ["from", "to", *cols], rows,
                       pair=(src, dst))
            count += len(edges)
        return WriteSummary(document_id=document_id, nodes=written, relationships=count)

    def _copy(self, file: Path, table: str, header: list[str], rows: Iterable[list[Any]],
              pair: Optional[tuple[str, str]] = None) -> None:
        with open(file, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for row in rows:
                w.writerow([_csv_cell(v) for v in row])
        opts = _CSV_OPTIONS
        if pair and len(RELATIONSHIP_PAIRS[table]) > 1:
            opts = f"from='{pair[0]}', to='{pair[1]}', " + opts
        self._exec(f"COPY {table} FROM '{file.as_posix()}' ({opts})")


def _check_graph(document_id: str, graph: nx.MultiDiGraph) -> None:
    """The graph must be one document's subgraph as ``build_document_graph`` makes it."""
    a = graph.nodes.get(document_id)
    if a is None or a.get("label") != "Document" or a.get("stub"):
        raise StoreError(f"the graph given for {document_id} lacks its full Document node",
                         hint="build it with pipeline.graph.build.build_document_graph")
    for key, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in NODE_PROPERTIES:
            raise StoreError(f"node {key} has no known label ({label!r})")
        if label in DOCUMENT_LABELS and attrs.get("documentId") != document_id:
            raise StoreError(f"node {key} belongs to another document ({attrs.get('documentId')})")
    for u, v, attrs in graph.edges(data=True):
        pair = (graph.nodes[u]["label"], graph.nodes[v]["label"])
        if pair not in RELATIONSHIP_PAIRS.get(attrs.get("type"), []):
            raise StoreError(f"relationship {u}-[:{attrs.get('type')}]->{v} is not in the schema")
