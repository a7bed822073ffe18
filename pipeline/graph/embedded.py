"""The embedded default store: LadybugDB (``ladybug``, the maintained fork of Kùzu).

The store is a directory holding one database file (``graph.lbug``). LadybugDB
needs a declared schema (``pipeline.graph.schema.ladybug_ddl``), created on first
open. A document is written by ``COPY`` from CSV tables in a temporary folder,
inside one transaction with the delete of its previous version, so it is replaced
entirely or not at all (see graph_schema/MODEL.md, "Replace semantics").

One process at a time may open a store: a second one waits on the store's lock
file (``pipeline.graph.lock``) up to ``$POLICYKG_LOCK_TIMEOUT`` seconds, saying
so on stderr, then fails with a one-line ``StoreError``.
"""
from __future__ import annotations

import csv
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

import networkx as nx

from pipeline.errors import StoreError
from pipeline.graph.schema import (
    DOCUMENT_LABELS, NODE_LABELS, NODE_PROPERTIES, RELATIONSHIP_PAIRS, RELATIONSHIP_PROPERTIES,
    RELATIONSHIP_TYPES, SHARED_LABELS, ladybug_ddl,
)
from pipeline.graph.lock import POLL_SECONDS, StoreLock
from pipeline.graph.readonly import check_read_only
from pipeline.graph.store import GraphStore, QueryResult, WriteSummary
from pipeline.graph.store_memory import (
    COMMITTED as _COMMITTED, POOL_FULL, Checkpointed as _Checkpointed, PoolFull as _PoolFull, database_options,
    grown, pool_full_hint,
)

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
        if "_NODES" in value and "_RELS" in value:  # a path (LadybugDB 0.22 keys)
            return {"nodes": [plain(n) for n in value["_NODES"]],
                    "relationships": [plain(r) for r in value["_RELS"]]}
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


DIALECT = "LadybugDB (embedded store)"
DIALECT_HINT = ("its Cypher differs from Neo4j's in places (substring from 1, label(r) for "
                "type(r), …): see README 'Cypher on the two stores'")


class EmbeddedStore(GraphStore):
    """A LadybugDB database in ``path`` (a directory)."""

    def __init__(self, path: str | os.PathLike, create: bool = True,
                 lock_timeout: Optional[float] = None,
                 on_wait: Optional[Callable[[str], None]] = None, read_only: bool = False):
        """Open (``create``: or make) the store in ``path``.

        ``read_only`` opens the database read-only: LadybugDB then refuses every
        write, whatever the statement (``policykg query``, ``cypher --read-only``).

        If another process has the store open, wait for it up to ``lock_timeout``
        seconds (default ``$POLICYKG_LOCK_TIMEOUT`` or 600), telling ``on_wait``
        (default: stderr) once, then fail with a one-line ``StoreError``.
        """
        self.path = Path(path)
        self.db_file = self.path / DB_FILE
        self._conn = self._db = None
        self.read_only = read_only
        try:
            self._open(create, lock_timeout, on_wait)
        except OSError as exc:  # permissions, read-only media, a symlink loop, a full disk
            self.close()
            raise StoreError(f"cannot open the store ({exc.strerror or exc})", path=str(self.path),
                             hint="check the folder exists and you may write to it, or use another --store") from None

    def _open(self, create: bool, lock_timeout: Optional[float],
              on_wait: Optional[Callable[[str], None]]) -> None:
        read_only = self.read_only
        self._options = database_options()  # $POLICYKG_STORE_BUFFER_MB, checked before any wait
        if self.path.is_symlink() and not self.path.exists():
            raise StoreError("is a broken or looping symbolic link", path=str(self.path),
                             hint="point --store at a real folder")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError("is not a directory", path=str(self.path),
                             hint="pass a folder to --store (it is created if missing)")
        if self.db_file.exists() and self.db_file.stat().st_size == 0:
            raise StoreError("the store's database file is empty (damaged, or not made by policykg)",
                             path=str(self.db_file),
                             hint="move the folder aside and ingest again, or use another --store")
        if not self.db_file.exists():
            if not create or read_only:
                raise StoreError("no graph store here", path=str(self.path),
                                 hint="run `policykg ingest` first or pass --store / $POLICYKG_STORE")
            self.path.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        self._lock = StoreLock(self.path, timeout=lock_timeout, on_wait=on_wait,
                               shared=read_only).acquire()
        try:
            self._open_database(started)
            self._ensure_schema()
        except BaseException:
            self.close()
            raise

    def _open_database(self, started: float) -> None:
        """Open LadybugDB; while another process (not queued on our lock) holds it, wait."""
        import ladybug

        told = self._lock.waited
        recovered = False
        while True:
            try:
                # Keep LadybugDB's automatic checkpoints: without them (auto_checkpoint=False)
                # 0.22 corrupts memory after a rolled-back COPY (see MODEL.md). They make
                # a commit after a COPY cost ~0.4 s, hence batches of documents.
                # A writer replays the write-ahead log up to its first torn record: a process
                # killed while writing leaves the tail of an uncommitted transaction there,
                # which LadybugDB would otherwise refuse as a corrupted WAL (store unopenable).
                # The buffer pool is capped (store_memory.py): the library's default, a share of
                # the machine's memory, let a process grow with the database.
                self._db = ladybug.Database(str(self.db_file), read_only=self.read_only,
                                            throw_on_wal_replay_failure=self.read_only, **self._options)
                self._conn = ladybug.Connection(self._db)
                return
            except RuntimeError as exc:
                msg = _first_line(exc)
                if self.read_only and _needs_recovery(msg) and not recovered:
                    self._recover(started)
                    recovered = True
                    continue
                if "lock" not in msg.lower():
                    raise StoreError(f"cannot open the store: {msg}", path=str(self.path),
                                     hint="is it a policykg store? use another --store") from None
            if self._lock.remaining(started) <= 0:
                raise self._lock.busy_error() from None
            if not told:
                self._lock.on_wait(self._lock.waiting_message("another process"))
                told = True
            time.sleep(POLL_SECONDS)

    def _grow_pool(self) -> bool:
        """Reopen the database on twice the buffer pool, for a statement the pool could not
        hold (store_memory.grown: the library's default at most); False if it is that already."""
        size = grown(self._options["buffer_pool_size"])
        if size is None:
            return False
        self._options = {**self._options, "buffer_pool_size": size}
        self._reopen()
        return True

    def _reopen(self) -> None:
        """Open the database afresh (our lock kept): after a COPY the buffer pool could not
        hold, LadybugDB 0.22's in-memory primary-key index may be left damaged although the
        transaction rolled back, so it is read again from the file."""
        import ladybug

        conn, db, self._conn, self._db = self._conn, self._db, None, None
        conn.close()
        db.close()
        self._db = ladybug.Database(str(self.db_file), read_only=self.read_only,
                                    throw_on_wal_replay_failure=self.read_only, **self._options)
        self._conn = ladybug.Connection(self._db)

    def _recover(self, started: float) -> None:
        """A read-only open met a write-ahead log left by a killed writer: recover the store as a
        writer would (waiting for the exclusive lock), then go on reading."""
        import ladybug

        if not os.access(self.path, os.W_OK):
            raise StoreError("the store was left mid-write by a process that was killed, and recovering it "
                             "needs write access to its folder", path=str(self.path),
                             hint="run `policykg stats` once as a user who may write there")
        self._lock.release()
        writer = StoreLock(self.path, timeout=self._lock.remaining(started), on_wait=self._lock.on_wait).acquire()
        try:
            db = ladybug.Database(str(self.db_file), throw_on_wal_replay_failure=False, **self._options)
            db.close()
        except RuntimeError as exc:
            raise StoreError(f"cannot recover the store: {_first_line(exc)}", path=str(self.path),
                             hint="move the folder aside and ingest again") from None
        finally:
            writer.release()
        self._lock = StoreLock(self.path, timeout=self._lock.remaining(started), on_wait=self._lock.on_wait,
                               shared=True).acquire()

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
        if not tables and self.read_only:
            raise StoreError("the store holds no graph yet", path=str(self.path),
                             hint="run `policykg ingest` first")
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
        if read_only or self.read_only:
            check_read_only(cypher, "embedded", "embedded store")
        while True:
            try:
                if read_only:
                    self._exec("BEGIN TRANSACTION READ ONLY")
                    try:
                        res = self._exec(cypher, params)
                    finally:
                        self._rollback()
                else:
                    res = self._exec(cypher, params)
                break
            except RuntimeError as exc:
                msg = _first_line(exc)
                # a read whose result the pool cannot hold (a whole-graph export of a large
                # store) runs again on a larger pool: reading twice changes nothing
                if POOL_FULL in msg and (read_only or self.read_only) and self._grow_pool():
                    continue
                raise StoreError(f"query failed: {DIALECT} Cypher error: {msg}",
                                 hint=pool_full_hint() if POOL_FULL in msg else DIALECT_HINT) from None
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
        try:
            if conn is not None:
                conn.close()
            if db is not None:
                db.close()
        finally:
            lock, self._lock = getattr(self, "_lock", None), None
            if lock is not None:
                lock.release()  # only once LadybugDB has let go of the file

    def document_ids(self, stub: Optional[bool] = False) -> list[str]:
        """Ids of the ingested documents (``stub=False``), the stubs, or all (``None``)."""
        if stub is None:
            res = self._exec("MATCH (d:Document) RETURN d.id ORDER BY d.id")
        else:
            res = self._exec("MATCH (d:Document) WHERE d.stub = $s RETURN d.id ORDER BY d.id",
                             {"s": stub})
        return [r[0] for r in res.rows]

    def replace_document(self, document_id: str, graph: nx.MultiDiGraph) -> WriteSummary:
        return self.replace_documents([(document_id, graph)])[0]

    def replace_documents(self, items: Sequence[tuple[str, nx.MultiDiGraph]]) -> list[WriteSummary]:
        """Replace several documents in one transaction: all of them or none.

        The same as ``replace_document`` on each in turn (a document given twice:
        the last one counts), but one COPY per table for the whole batch, which is
        what makes LadybugDB fast. A batch the buffer pool cannot hold
        (``POLICYKG_STORE_BUFFER_MB``, store_memory.py) is rolled back and written in
        halves, each in a transaction of its own (every document still whole); a single
        document (or the checkpoint after a commit) too large for it reopens the store on a
        larger pool (``_grow_pool``).
        """
        latest: dict[str, nx.MultiDiGraph] = {}
        for document_id, graph in items:
            _check_graph(document_id, graph)
            latest.pop(document_id, None)
            latest[document_id] = graph
        if not latest:
            return []
        return self._replace_fitting(list(latest.items()))

    def _replace_fitting(self, items: list[tuple[str, nx.MultiDiGraph]]) -> list[WriteSummary]:
        """``items`` in one transaction, or, if the pool is too small for them, in halves."""
        try:
            return self._replace_batch(dict(items))
        except _Checkpointed as done:  # written; the checkpoint after it needed a larger pool
            if not self._grow_pool():
                raise done.error from None
            return done.summaries
        except _PoolFull as full:
            if len(items) == 1:  # one document the pool cannot hold: a larger pool, for it
                if not self._grow_pool():
                    raise full.error from None
                return self._replace_fitting(items)
            self._reopen()
            half = len(items) // 2
            return self._replace_fitting(items[:half]) + self._replace_fitting(items[half:])

    def _replace_batch(self, latest: dict[str, nx.MultiDiGraph]) -> list[WriteSummary]:
        with tempfile.TemporaryDirectory(prefix="policykg-copy-") as tmp:
            committing = False
            try:
                self._exec("BEGIN TRANSACTION")
                self._delete_documents(list(latest))
                summaries = self._write_documents(latest, Path(tmp))
                for stmt in _ORPHANS:
                    self._exec(stmt)
                committing = True
                self._exec("COMMIT")
            except BaseException as exc:
                if not committing:
                    self._rollback()
                if isinstance(exc, RuntimeError):
                    which = next(iter(latest)) if len(latest) == 1 else f"{len(latest)} documents"
                    msg = _first_line(exc)
                    if committing:
                        # LadybugDB may fail after the commit is durable (a full disk at the
                        # checkpoint): what the store holds is not known from here.
                        error = StoreError(f"writing {which} failed at the commit: {msg}",
                                           hint="whether the batch was written is unknown: free the cause "
                                                "(e.g. disk space), check with `policykg stats`, and run the "
                                                "ingest again (re-ingesting replaces, never duplicates)")
                        if POOL_FULL in msg and _COMMITTED in msg:  # durable: replayed on reopening
                            raise _Checkpointed(error, summaries) from None
                        raise error from None
                    hint = "the store is unchanged (the batch's transaction was rolled back)"
                    if POOL_FULL in msg:
                        raise _PoolFull(StoreError(f"writing {which} failed: {msg}",
                                                   hint=f"{hint}; {pool_full_hint()}")) from None
                    raise StoreError(f"writing {which} failed: {msg}", hint=hint) from None
                raise
        return summaries

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file."""
        self._exec("CHECKPOINT")

    # -- replace, step by step (one transaction; see MODEL.md) ------------------------
    def _delete_documents(self, ids: list[str]) -> None:
        params = {"ids": ids}
        for label in DOCUMENT_LABELS:
            self._exec(f"MATCH (n:{label}) WHERE n.documentId IN $ids DETACH DELETE n", params)
        for rel_type in ("IMPLEMENTS", "REFERENCES"):
            self._exec(f"MATCH (d:Document)-[r:{rel_type}]->(:Document) WHERE d.id IN $ids DELETE r",
                       params)

    def _write_documents(self, graphs: dict[str, nx.MultiDiGraph], tmp: Path) -> list[WriteSummary]:
        # One graph for the batch; a document's full node wins over another's stub of it.
        merged = nx.MultiDiGraph()
        owner: dict[str, str] = {}  # node key -> the document that brings it first
        for document_id, graph in graphs.items():
            for key, attrs in graph.nodes(data=True):
                if key in graphs and key != document_id:
                    continue  # a stub of a document in this batch
                if key not in merged:
                    merged.add_node(key, **attrs)
                    owner[key] = document_id

        # Which shared nodes (Documents included) exist already.
        by_label: dict[str, list[dict]] = defaultdict(list)
        for key, attrs in merged.nodes(data=True):
            by_label[attrs["label"]].append(attrs)
        existing: set[str] = set()
        for label in SHARED_LABELS:
            ids = [a["id"] for a in by_label.get(label, [])]
            if ids:
                existing |= {r[0] for r in self._exec(
                    f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id", {"ids": ids}).rows}

        # A document's own node is updated in place if it exists (as a stub or an
        # earlier version), so links into it from documents that implement or cite
        # it survive. Every other node is new or, if shared and existing, left as
        # it is. Nodes are created only by COPY: LadybugDB 0.22 corrupts its
        # primary-key index when one transaction mixes CREATE/MERGE and COPY into a
        # table (see MODEL.md).
        doc_props = [p for p, _ in NODE_PROPERTIES["Document"]]
        sets = ", ".join(f"d.{p} = ${p}" for p in doc_props if p != "id")
        written: dict[str, int] = defaultdict(int)
        for document_id in graphs:
            if document_id in existing:
                attrs = merged.nodes[document_id]
                self._exec(f"MATCH (d:Document {{id: $id}}) SET {sets}",
                           {p: attrs.get(p) for p in doc_props})
                written[document_id] += 1
        # A batch that replaces documents already stored writes with CREATE, not COPY: a COPY
        # in the transaction that deletes the old version is lost if the process is killed
        # during the commit's checkpoint, leaving the document emptied (LadybugDB 0.22; see
        # MODEL.md). CREATE is logged in the WAL with the delete, and replayed with it. (Never
        # both in one transaction: mixing them corrupts the primary-key index.)
        # (A stub that becomes its document counts too: its SET would survive such a kill
        # without its copied rows, leaving a full-looking document with nothing in it.)
        replacing = any(d in existing for d in graphs)
        for label, nodes in by_label.items():
            new = [a for a in nodes if a["id"] not in existing]
            if not new:
                continue
            cols = [p for p, _ in NODE_PROPERTIES[label]]
            if replacing:
                self._create_nodes(label, new)
            else:
                self._copy(tmp / f"{label}.csv", label, cols, ([a.get(c) for c in cols] for a in new))
            for a in new:
                written[owner[a["id"]]] += 1

        by_pair: dict[tuple[str, str, str], list[tuple[str, str, dict]]] = defaultdict(list)
        rels: dict[str, int] = defaultdict(int)
        for document_id, graph in graphs.items():
            for u, v, a in graph.edges(data=True):
                by_pair[(a["type"], merged.nodes[u]["label"], merged.nodes[v]["label"])].append(
                    (u, v, a))
                rels[document_id] += 1
        for (rel_type, src, dst), edges in by_pair.items():
            cols = [p for p, _ in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
            if replacing:
                self._create_relationships(rel_type, src, dst, cols, edges)
                continue
            rows = ([u, v, *[a.get(c) for c in cols]] for u, v, a in edges)
            self._copy(tmp / f"{rel_type}-{src}-{dst}.csv", rel_type, ["from", "to", *cols], rows,
                       pair=(src, dst))
        return [WriteSummary(document_id=d, nodes=written[d], relationships=rels[d]) for d in graphs]

    def _create_nodes(self, label: str, nodes: list[dict]) -> None:
        props = NODE_PROPERTIES[label]
        sets = ", ".join(f"{p}: r.{p}" for p, _ in props)
        for chunk in _chunks([{p: _typed(a.get(p), t) for p, t in props} for a in nodes]):
            self._exec(f"UNWIND $rows AS r CREATE (:{label} {{{sets}}})", {"rows": chunk})

    def _create_relationships(self, rel_type: str, src: str, dst: str, cols: list[str],
                              edges: list[tuple[str, str, dict]]) -> None:
        types = dict(RELATIONSHIP_PROPERTIES.get(rel_type, []))
        props = ", ".join(f"{c}: r.{c}" for c in cols)
        body = f" {{{props}}}" if props else ""
        rows = [{"f": u, "t": v, **{c: _typed(a.get(c), types[c]) for c in cols}} for u, v, a in edges]
        for chunk in _chunks(rows):
            # two MATCH clauses, not one with two patterns: LadybugDB 0.22 plans the comma form
            # as a join over both tables (~600 rows/s) and this one as two index seeks (~50k/s)
            self._exec(f"UNWIND $rows AS r MATCH (a:{src} {{id: r.f}}) MATCH (b:{dst} {{id: r.t}}) "
                       f"CREATE (a)-[:{rel_type}{body}]->(b)", {"rows": chunk})

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
        self._exec(f"COPY {table} FROM {_string_literal(file.as_posix())} ({opts})")


_RECOVERY_WORDS = ("wal", "recovery", "checkpoint", "replay")


def _needs_recovery(message: str) -> bool:
    """Whether LadybugDB refused a read-only open for a write-ahead log left to replay."""
    low = message.lower()
    return any(w in low for w in _RECOVERY_WORDS)


_CREATE_CHUNK = 5000


def _chunks(rows: list[dict]) -> Iterable[list[dict]]:
    for i in range(0, len(rows), _CREATE_CHUNK):
        yield rows[i:i + _CREATE_CHUNK]


def _typed(value: Any, kind: str) -> Any:
    """A property value as its column's type (CREATE takes parameters as given)."""
    if value is None:
        return None
    if kind == "DOUBLE":
        return float(value)
    if kind == "INT64":
        return int(value)
    if kind == "BOOLEAN":
        return bool(value)
    return str(value) if kind == "STRING" else value


def _string_literal(text: str) -> str:
    """``text`` as a LadybugDB string literal, escaped completely (COPY takes no parameter for
    its file): backslashes and quotes escaped, so a TMPDIR holding either still works."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


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
