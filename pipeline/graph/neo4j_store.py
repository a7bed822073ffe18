"""The Neo4j store: the same graph and the same replace semantics as the embedded one.

``open_neo4j(uri=None)`` connects with the official driver, where and as whom
pipeline.graph.neo4j_settings says (the ``uri`` argument, ``$NEO4J_URI`` or the
local server of ``policykg neo4j start``).

Any Bolt URI works (``bolt://``, ``neo4j://``, ``neo4j+s://`` for Aura or a
cluster, and their ``+s``/``+ssc`` forms): every unit of work is a managed
transaction function (``execute_write`` / ``execute_read``) in a session on that
database, so the driver routes writes to the leader and reads to any member, and
retries transient failures (``TransientError``, ``ServiceUnavailable``,
``SessionExpired``) with exponential backoff (1 s, 2 s, 4 s, … with jitter) for up
to ``POLICYKG_NEO4J_RETRY_SECONDS`` (default 30) seconds. Opening the store checks
the connection and the password at once, without retrying. Every failure becomes
one StoreError line (what failed, why, what to do), never with the password.

Writing (graph_schema/MODEL.md, "Replace semantics"): a batch of documents is one
transaction, planned by pipeline.graph.neo4j_plan and written by
pipeline.graph.neo4j_batch; the constraints and indexes of
graph_schema/constraints.cypher are created before the store's first write.

``read_only`` (``policykg query``, ``cypher --read-only``): every statement runs in
a READ transaction, which the server refuses to write in.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

import networkx as nx

from pipeline.errors import PolicykgError, StoreError
from pipeline.graph import neo4j_batch
from pipeline.graph.neo4j_plan import BatchPlan, diff_batch, plan_batch
from pipeline.graph.neo4j_settings import Neo4jSettings, is_local, resolve_settings, shown_uri
from pipeline.graph.neo4j_values import IDENTIFIER, plain, safe_label
from pipeline.graph.readonly import check_read_only
from pipeline.graph.schema import NODE_LABELS, RELATIONSHIP_TYPES
from pipeline.graph.store import GraphStore, QueryResult, WriteSummary

CONSTRAINTS_FILE = Path(__file__).resolve().parents[2] / "graph_schema" / "constraints.cypher"
CONNECTION_TIMEOUT = 10.0  # seconds to open a connection

# The driver logs retries and server notifications as warnings; without a handler of
# the application's, Python would print them to stderr between the CLI's lines.
_log = logging.getLogger("neo4j")
if not _log.handlers:
    _log.addHandler(logging.NullHandler())

_SCHEMA_NAME = re.compile(r"^CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b",
                          re.IGNORECASE)
_IMPLICIT_ONLY = "implicit transaction"  # CALL { … } IN TRANSACTIONS, USING PERIODIC COMMIT
_REASON = re.compile(r"\(reason (?:\[Errno -?\d+\] )?([^()]*)\)")


def open_neo4j(uri: Optional[str] = None, *, user: Optional[str] = None,
               password: Optional[str] = None, database: Optional[str] = None,
               read_only: bool = False) -> "Neo4jStore":
    """The Neo4j store at ``uri`` (pipeline.graph.neo4j_settings gives the defaults).

    ``read_only``: every statement runs in a READ transaction, which the server
    keeps from writing, and ``replace_documents`` is refused.
    """
    return Neo4jStore(resolve_settings(uri, user=user, password=password, database=database),
                      read_only=read_only)


# -- constraints ------------------------------------------------------------------------

def schema_statements(path: Path = CONSTRAINTS_FILE) -> list[tuple[str, str]]:
    """``(name, statement)`` of every CREATE … IF NOT EXISTS in constraints.cypher."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the Neo4j constraints: {exc.strerror}", path=str(path),
                         hint="run policykg from its source checkout") from None
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    out = []
    for stmt in (s.strip() for s in body.split(";")):
        if not stmt:
            continue
        m = _SCHEMA_NAME.match(stmt)
        if m is None:
            raise StoreError(f"not an idempotent CREATE … IF NOT EXISTS: {stmt.splitlines()[0]}",
                             path=str(path))
        out.append((m.group(1), stmt))
    return out


def _collect(tx, cypher: str, params: Mapping[str, Any]) -> QueryResult:
    result = tx.run(cypher, dict(params))
    columns = list(result.keys())
    rows = [[plain(v) for v in record.values()] for record in result]
    return QueryResult(columns=columns, rows=rows)


# -- the store --------------------------------------------------------------------------

class Neo4jStore(GraphStore):
    """A Neo4j database reached over Bolt (see the module docstring)."""

    def __init__(self, settings: Neo4jSettings, read_only: bool = False):
        from neo4j import GraphDatabase, NotificationMinimumSeverity

        self.settings = settings
        self.read_only = read_only
        self.uri = shown_uri(settings.uri)
        self._schema_ready = False
        self._driver = None
        try:
            self._driver = GraphDatabase.driver(
                settings.uri, auth=(settings.user, settings.password),
                max_transaction_retry_time=settings.retry_seconds,
                connection_timeout=CONNECTION_TIMEOUT,
                connection_acquisition_timeout=CONNECTION_TIMEOUT * 3,
                notifications_min_severity=NotificationMinimumSeverity.OFF,
                user_agent="policykg")
            # Fails fast (no retries) when the server is down or refuses the password.
            self._driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - every cause becomes one StoreError line
            self.close()
            raise self._error(exc, "connect") from None

    # -- errors ------------------------------------------------------------------------
    def _scrub(self, text: str) -> str:
        pw = self.settings.password
        return text.replace(pw, "***") if pw else text

    def _error(self, exc: BaseException, doing: str) -> PolicykgError:
        """One line: what failed, why, what to do — never the password."""
        from neo4j.exceptions import (
            AuthError, ClientError, ConfigurationError, DatabaseError, Forbidden, IncompleteCommit,
            ServiceUnavailable, SessionExpired, TransientError,
        )

        if isinstance(exc, PolicykgError):
            return exc
        s = self.settings
        where = f"Neo4j at {self.uri}"
        reason = self._scrub(_first_line(exc))
        local = is_local(s.uri)
        code = getattr(exc, "code", None) or ""
        writing = doing.startswith("writ")
        if isinstance(exc, AuthError):
            return StoreError(f"{where} refused user {s.user!r} with the password from "
                              f"{s.password_source}", hint="set NEO4J_PASSWORD (and NEO4J_USER) to "
                              "the right credentials")
        if isinstance(exc, IncompleteCommit):
            return StoreError(f"the connection to {where} was lost while committing ({doing}): it "
                              "may or may not have been written", hint="check the server, then run "
                              "the ingest again (re-ingesting a document changes nothing)")
        if isinstance(exc, (ServiceUnavailable, SessionExpired)):
            if doing == "connect":
                hint = ("start it with `policykg neo4j start` or set NEO4J_URI" if local else
                        "check that it runs and the URI (--neo4j-uri URI or NEO4J_URI)")
                found = _REASON.search(self._scrub(str(exc)))
                why = found.group(1).strip() if found else reason.rstrip(":")
                return StoreError(f"cannot reach {where} ({why})", hint=hint)
            retried = f", retried for {s.retry_seconds:g} s" if s.retry_seconds else ""
            done = "; nothing of it was written" if writing else ""  # a read says nothing of the store
            return StoreError(f"lost the connection to {where} while {doing}{retried}{done}",
                              hint="check that the server runs, then run the command again")
        if isinstance(exc, ConfigurationError) or isinstance(exc, ValueError):
            return StoreError(f"cannot use the Neo4j URI {self.uri}: {reason}",
                              hint="give bolt://, neo4j://, neo4j+s:// or bolt+s:// HOST[:PORT]")
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"{where} has no database {s.database!r}",
                              hint="check NEO4J_DATABASE (unset it for the server's default)")
        if code == "Neo.ClientError.Statement.AccessMode" or (
                isinstance(exc, DatabaseError) and _IMPLICIT_ONLY in reason and doing == "reading"):
            return StoreError(f"{where} refused the statement: it would change the graph, and this "
                              "command only reads", hint="use `policykg cypher` without --read-only "
                                                         "to change the graph")
        if isinstance(exc, Forbidden):
            return StoreError(f"{where} does not allow user {s.user!r} this ({reason})",
                              hint="ask the database's administrator for the privilege")
        if isinstance(exc, TransientError):
            return StoreError(f"{where} kept failing while {doing} (retried for "
                              f"{s.retry_seconds:g} s): {reason}",
                              hint="try again later, or raise POLICYKG_NEO4J_RETRY_SECONDS")
        if isinstance(exc, ClientError) and doing in ("reading", "running the query"):
            return StoreError(f"query failed: Neo4j Cypher error: {reason}",
                              hint="check the Cypher (Neo4j dialect) and its -p parameters")
        if writing:
            return StoreError(f"{doing} into {where} failed: {reason}", hint="nothing of it was written")
        return StoreError(f"{doing} on {where} failed: {reason}")

    # -- sessions ----------------------------------------------------------------------
    def _session(self, read_only: bool):
        from neo4j import READ_ACCESS, WRITE_ACCESS

        if self._driver is None:
            raise StoreError("the Neo4j store is closed")
        return self._driver.session(database=self.settings.database,
                                    default_access_mode=READ_ACCESS if read_only else WRITE_ACCESS)

    def _read(self, work, *args, doing: str = "reading"):
        try:
            with self._session(True) as session:
                return session.execute_read(work, *args)
        except Exception as exc:  # noqa: BLE001 - becomes one StoreError line
            raise self._error(exc, doing) from None

    def _write(self, work, *args, doing: str):
        try:
            with self._session(False) as session:
                return session.execute_write(work, *args)
        except Exception as exc:  # noqa: BLE001 - becomes one StoreError line
            raise self._error(exc, doing) from None

    def ensure_schema(self) -> None:
        """Create the missing constraints and indexes of constraints.cypher (once per store)."""
        if self._schema_ready:
            return
        statements = schema_statements()

        def names(tx):
            have = set()
            for show in ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"):
                have |= {r["name"] for r in tx.run(show)}
            return have

        have = self._read(names, doing="reading the schema")
        created = False
        for name, stmt in statements:
            if name not in have:
                self._write(neo4j_batch.execute, stmt, doing=f"creating {name}")
                created = True
        if created:  # new indexes fill in the background; wait until they serve
            self._write(neo4j_batch.execute, "CALL db.awaitIndexes(300)", doing="waiting for the indexes")
        self._schema_ready = True

    # -- GraphStore --------------------------------------------------------------------
    def replace_document(self, document_id: str, graph: nx.MultiDiGraph) -> WriteSummary:
        return self.replace_documents([(document_id, graph)])[0]

    def replace_documents(self, items: Sequence[tuple[str, nx.MultiDiGraph]]) -> list[WriteSummary]:
        """Replace several documents in one transaction: all of them or none (MODEL.md)."""
        return self.write_prepared(self.prepare(items))

    def prepare(self, items: Sequence[tuple[str, nx.MultiDiGraph]]) -> BatchPlan:
        """The batch's plan (``plan_batch``) and its writes into a store holding none of
        its documents (``diff_batch`` against nothing): client work only, no connection."""
        plan = plan_batch(items)
        plan.fresh = diff_batch(plan, {}, {})
        return plan

    def write_prepared(self, plan: BatchPlan) -> list[WriteSummary]:
        """Write a planned batch in one transaction: all of it or none."""
        if not plan.graphs:
            return []
        if self.read_only:
            raise StoreError(f"Neo4j at {self.uri} was opened read-only", hint="nothing was written")
        self.ensure_schema()
        which = next(iter(plan.graphs)) if len(plan.graphs) == 1 else f"{len(plan.graphs)} documents"
        written = self._write(neo4j_batch.write_batch, plan, doing=f"writing {which}")
        return [WriteSummary(document_id=d, nodes=written.get(d, 0),
                             relationships=plan.rel_counts.get(d, 0)) for d in plan.graphs]

    def run(self, cypher: str, params: Optional[Mapping[str, Any]] = None,
            read_only: bool = False) -> QueryResult:
        """Run one statement; ``read_only`` runs it in a READ transaction the server keeps from writing."""
        from neo4j.exceptions import DatabaseError

        params = dict(params or {})
        if read_only or self.read_only:
            check_read_only(cypher, "neo4j", f"Neo4j at {self.uri}")
            return self._read(_collect, cypher, params)
        try:
            with self._session(False) as session:
                try:
                    return session.execute_write(_collect, cypher, params)
                except DatabaseError as exc:
                    if _IMPLICIT_ONLY not in str(exc):
                        raise
                # CALL { … } IN TRANSACTIONS commits as it goes: only an auto-commit
                # transaction may run it (not retried by the driver).
                result = session.run(cypher, params)
                columns = list(result.keys())
                rows = [[plain(v) for v in record.values()] for record in result]
                return QueryResult(columns=columns, rows=rows)
        except Exception as exc:  # noqa: BLE001 - becomes one StoreError line
            raise self._error(exc, "running the query") from None

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of the schema's labels and types above zero, keys sorted (as the embedded store)."""
        parts = [f"MATCH (n:{safe_label(label)}) RETURN 'n' AS kind, '{label}' AS name, count(n) AS c"
                 for label in NODE_LABELS]
        parts += [f"MATCH ()-[r:{t}]->() RETURN 'r' AS kind, '{t}' AS name, count(r) AS c"
                  for t in RELATIONSHIP_TYPES if IDENTIFIER.match(t)]
        result = self._read(_collect, " UNION ALL ".join(parts), {}, doing="counting")
        nodes = {name: c for kind, name, c in result.rows if kind == "n" and c}
        rels = {name: c for kind, name, c in result.rows if kind == "r" and c}
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def document_ids(self, stub: Optional[bool] = False) -> list[str]:
        """Ids of the ingested documents (``stub=False``), the stubs, or all (``None``)."""
        if stub is None:
            res = self.run("MATCH (d:Document) RETURN d.id ORDER BY d.id", read_only=True)
        else:
            res = self.run("MATCH (d:Document) WHERE d.stub = $s RETURN d.id ORDER BY d.id",
                           {"s": stub}, read_only=True)
        return [r[0] for r in res.rows]

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()


def _first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc) or "").strip()
    return text.splitlines()[0] if text else type(exc).__name__
