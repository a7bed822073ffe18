"""The Neo4j store: the same graph and the same replace semantics as the embedded one.

``open_neo4j(uri=None)`` connects with the official driver. Where it connects:

* the URI: the ``uri`` argument (``policykg … --neo4j-uri URI``), else ``$NEO4J_URI``,
  else the local server of ``policykg neo4j start`` (``bolt://127.0.0.1:7687``, or
  ``$NEO4J_BOLT_PORT``);
* the user: ``$NEO4J_USER`` (default ``neo4j``);
* the password: ``$NEO4J_PASSWORD``, else — for a server on this machine only —
  the local server's credentials file (``~/.config/policykg/neo4j.conf``);
* the database: ``$NEO4J_DATABASE``, else the server's default database.

Any Bolt URI works (``bolt://``, ``neo4j://``, ``neo4j+s://`` for Aura or a
cluster, and their ``+s``/``+ssc`` forms): every unit of work is a managed
transaction function (``execute_write`` / ``execute_read``) in a session on that
database, so the driver routes writes to the leader and reads to any member, and
retries transient failures (``TransientError``, ``ServiceUnavailable``,
``SessionExpired``) with exponential backoff (1 s, 2 s, 4 s, … with jitter) for up
to ``POLICYKG_NEO4J_RETRY_SECONDS`` (default 30) seconds. Opening the store checks
the connection and the password at once, without retrying.

Writing (graph_schema/MODEL.md, "Replace semantics"): a batch of documents is one
transaction; the constraints and indexes of graph_schema/constraints.cypher are
created before the store's first write. The transaction reads what the batch's
documents hold now and writes only the difference with their new subgraphs: the
result is exactly the delete-then-create of MODEL.md, but an unchanged document
costs reads, not writes. Rows go in as parameters of ``UNWIND $rows AS row``
statements, one per label and one per (relationship type, source label, target
label), each matching nodes on their indexed key; a new node comes with the
relationship from its container in one statement. Labels, relationship types and
property names in statements come only from pipeline/graph/schema.py; every value
is a parameter, never part of a statement.

``read_only`` (``policykg query``, ``cypher --read-only``): every statement runs in
a READ transaction, which the server refuses to write in.
"""
from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence
from urllib.parse import urlsplit

import networkx as nx

from pipeline.errors import PolicykgError, StoreError
from pipeline.graph.embedded import _check_graph
from pipeline.graph.schema import (
    DOCUMENT_LABELS, NODE_LABELS, NODE_PROPERTIES, RELATIONSHIP_PAIRS, RELATIONSHIP_PROPERTIES,
    RELATIONSHIP_TYPES,
)
from pipeline.graph.readonly import check_read_only
from pipeline.graph.store import GraphStore, QueryResult, WriteSummary

CONSTRAINTS_FILE = Path(__file__).resolve().parents[2] / "graph_schema" / "constraints.cypher"
DEFAULT_USER = "neo4j"
DEFAULT_RETRY_SECONDS = 30.0
RETRY_ENV = "POLICYKG_NEO4J_RETRY_SECONDS"
CONNECTION_TIMEOUT = 10.0  # seconds to open a connection
ROWS_PER_STATEMENT = 10_000  # UNWIND rows per statement (a batch may need several)

# The driver logs retries and server notifications as warnings; without a handler of
# the application's, Python would print them to stderr between the CLI's lines.
_log = logging.getLogger("neo4j")
if not _log.handlers:
    _log.addHandler(logging.NullHandler())

_ORPHANS = (
    "MATCH (n:Agency) WHERE NOT EXISTS { (n)--() } DELETE n",
    "MATCH (n:Indicator) WHERE NOT EXISTS { (n)--() } DELETE n",
    "MATCH (n:Document) WHERE n.stub = true AND NOT EXISTS { (n)--() } DELETE n",
)
_SCHEMA_NAME = re.compile(r"^CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b",
                          re.IGNORECASE)
_IDENT = re.compile(r"^[A-Z][A-Za-z_]*$")  # labels and relationship types
_PROP = re.compile(r"^[a-z][A-Za-z]*$")
_IMPLICIT_ONLY = "implicit transaction"  # CALL { … } IN TRANSACTIONS, USING PERIODIC COMMIT
_LOCAL_HOSTS = ("localhost",)
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_REASON = re.compile(r"\(reason (?:\[Errno -?\d+\] )?([^()]*)\)")


# -- connection settings ----------------------------------------------------------------

@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    password_source: str  # for messages: "NEO4J_PASSWORD", a file, or "the caller"
    database: Optional[str] = None
    retry_seconds: float = DEFAULT_RETRY_SECONDS

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return (f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, password='***', "
                f"password_source={self.password_source!r}, database={self.database!r})")


def is_local(uri: str) -> bool:
    """Does ``uri`` name a server on this machine (loopback address or localhost)?"""
    try:
        host = urlsplit(uri).hostname or ""
    except ValueError:
        return False
    if host.lower() in _LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shown_uri(uri: str) -> str:
    """``uri`` for messages: without any user:password@ part or query."""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the given URI"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}" if parts.scheme else "the given URI"


def _retry_seconds(env: Mapping[str, str]) -> float:
    raw = (env.get(RETRY_ENV) or "").strip()
    if not raw:
        return DEFAULT_RETRY_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise StoreError(f"{RETRY_ENV}={raw!r} is not a number of seconds",
                         hint="give a number such as 30, or unset it")
    return value


def resolve_settings(uri: Optional[str] = None, *, user: Optional[str] = None,
                     password: Optional[str] = None, database: Optional[str] = None,
                     env: Optional[Mapping[str, str]] = None) -> Neo4jSettings:
    """Where to connect and as whom: arguments first, then the environment, then the local server."""
    env = os.environ if env is None else env
    uri = (uri or env.get("NEO4J_URI") or "").strip()
    local_default = not uri
    if local_default:
        from pipeline.neo4j.config import load_config

        uri = load_config().bolt_uri
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        shown = shown_uri(uri) if scheme or "@" in uri else repr(uri)
        raise StoreError(f"{shown} is not a Neo4j Bolt URI",
                         hint="give bolt://HOST:7687, or neo4j+s://HOST for Aura or a cluster")
    user = user or (env.get("NEO4J_USER") or "").strip() or DEFAULT_USER
    database = database or (env.get("NEO4J_DATABASE") or "").strip() or None
    if password is not None:
        source = "the caller"
    elif env.get("NEO4J_PASSWORD"):
        password, source = env["NEO4J_PASSWORD"], "NEO4J_PASSWORD"
    elif local_default or is_local(uri):
        from pipeline.neo4j.config import load_config, resolve_password

        cfg = load_config()
        try:
            found = resolve_password(cfg, create=False)
        except StoreError as exc:
            raise StoreError(f"no password for Neo4j at {shown_uri(uri)}: {exc.bare}",
                             path=exc.path, hint="set NEO4J_PASSWORD, or run `policykg neo4j start` "
                                                 "once to create the local server and its password"
                             ) from None
        password, source = found.value, found.source
    else:
        raise StoreError(f"no password for Neo4j at {shown_uri(uri)}",
                         hint="set NEO4J_PASSWORD (and NEO4J_USER if it is not neo4j)")
    return Neo4jSettings(uri=uri, user=user, password=password, password_source=source,
                         database=database, retry_seconds=_retry_seconds(env))


def open_neo4j(uri: Optional[str] = None, *, user: Optional[str] = None,
               password: Optional[str] = None, database: Optional[str] = None,
               read_only: bool = False) -> "Neo4jStore":
    """The Neo4j store at ``uri`` (see the module docstring for the defaults).

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


# -- values -----------------------------------------------------------------------------

def _node_label(labels: Iterable[str]) -> str:
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
        return {"_label": _node_label(value.labels), **props}
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


def _node_row(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's stored properties: the schema's, typed as the schema says, nulls left out."""
    out = {}
    for prop, cast in _NODE_CASTS[attrs["label"]]:
        value = attrs.get(prop)
        if value is not None and value != "":
            out[prop] = value if type(value) is cast else cast(value)
    return out


def _rel_props(rel_type: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for prop, typ in RELATIONSHIP_PROPERTIES.get(rel_type, []):
        value = attrs.get(prop)
        if value is not None and value != "":
            out[prop] = _CASTS[typ](value)
    return out


_SAFE_LABELS = frozenset(label for label in NODE_LABELS if _IDENT.match(label))
_SAFE_PROPS = frozenset(p for props in (*NODE_PROPERTIES.values(), *RELATIONSHIP_PROPERTIES.values())
                        for p, _ in props if _PROP.match(p))


def _label(label: str) -> str:
    """``label`` if the schema has it (and it is a plain identifier): safe in a statement."""
    if label not in _SAFE_LABELS:
        raise StoreError(f"{label!r} is not a label of the graph schema")
    return label


def _prop(name: str) -> str:
    if name not in _SAFE_PROPS:
        raise StoreError(f"{name!r} is not a property name of the graph schema")
    return name


def _rel_type(rel_type: str, src: str, dst: str) -> str:
    """``rel_type`` if the schema has it from ``src`` to ``dst``: safe in a statement."""
    if (src, dst) not in RELATIONSHIP_PAIRS.get(rel_type, []) or not _IDENT.match(rel_type):
        raise StoreError(f"({src})-[:{rel_type}]->({dst}) is not in the graph schema")
    return rel_type


# -- the batch to write -----------------------------------------------------------------

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
            if label not in _SAFE_LABELS or (label in DOCUMENT_LABELS
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
                _rel_type(rel_type, src, dst)
                checked.add((rel_type, src, dst))
            props = tuple(sorted(_rel_props(rel_type, attrs).items())) \
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
        label = _label(attrs["label"])
        row = _node_row(attrs)
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


def _execute(tx, cypher: str, params: Optional[Mapping[str, Any]] = None):
    """Run one statement in ``tx``; return (records, summary). Every write goes through here."""
    result = tx.run(cypher, {k: _Rows(v) if type(v) is list else v for k, v in (params or {}).items()})
    records = list(result)
    return records, result.consume()


def _planned(tx, cypher: str, params: Optional[Mapping[str, Any]] = None):
    """``_execute`` for the writer's own statements, which keep their first plan.

    Neo4j plans a statement again whenever the graph's statistics have moved by
    more than 75% since it last did: while a store fills up that is every few
    batches, and 30 statements cost about 0.5 s to plan (bench/). These plans are
    seeks on unique keys and on the documentId indexes (named by hints where the
    planner could prefer a scan of a small store), whatever the statistics, so
    ``replan=skip`` loses nothing.
    """
    return _execute(tx, "CYPHER replan=skip " + cypher, params)


def _inline(label: str, row: str) -> str:
    """``{id: row.id, title: row.title, …}``: every property of ``label`` (a missing one is
    not stored). Properties written inline in CREATE, not by SET after it, spare the
    planner an Eager step that halves the speed."""
    return "{" + ", ".join(f"{_prop(p)}: {row}.{_prop(p)}" for p, _ in NODE_PROPERTIES[label]) + "}"


def _rel_inline(rel_type: str) -> str:
    props = [f"{_prop(p)}: row.p.{_prop(p)}" for p, _ in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
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
            rels[e] = (t, _node_label(sl), _node_label(dl), s, d, tuple(sorted(p.items())))

    returned = ("WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b "
                "RETURN collect([elementId(r), type(r), labels(a), a.id, labels(b), b.id, "
                "properties(r)]) AS rows")
    for label in DOCUMENT_LABELS:
        records, _ = _planned(tx, f"MATCH (n:{_label(label)}) USING INDEX n:{label}(documentId) "
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
            _planned(tx, f"UNWIND $rows AS key MATCH (n:{_label(label)} {{id: key}}) DETACH DELETE n",
                     {"rows": rows})
    for label, nodes in changes.update_nodes.items():
        for rows in _chunks(nodes):
            _planned(tx, f"UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}}) SET n = row",
                     {"rows": rows})

    # 4. Shared nodes: an existing one is left as it is, a missing one created. The
    #    seek on the unique key locks it, so a concurrent writer cannot create it meanwhile.
    for label, nodes in plan.shared.items():
        cypher = (f"UNWIND $rows AS row OPTIONAL MATCH (x:{_label(label)} {{id: row.id}}) "
                  f"WITH row WHERE x IS NULL CREATE (n:{label} {_inline(label, 'row')}) "
                  "RETURN n.id AS id")
        for rows in _chunks(nodes):
            records, _ = _planned(tx, cypher, {"rows": rows})
            for r in records:
                written[plan.owner[r["id"]]] += 1

    # 5. The documents' missing nodes (most with the relationship from their container),
    #    then the missing relationships.
    for label, nodes in changes.create_nodes.items():
        _create_all(tx, f"UNWIND $rows AS row CREATE (n:{_label(label)} {_inline(label, 'row')})",
                    nodes, "nodes")
    for (label, rel_type, src), nodes in sorted(changes.create_contained.items(),
                                                key=lambda kv: DOCUMENT_LABELS.index(kv[0][0])):
        cypher = (f"UNWIND $rows AS row MATCH (c:{_label(src)} {{id: row.parent}}) "
                  f"CREATE (c)-[:{_rel_type(rel_type, src, label)}]->"
                  f"(n:{_label(label)} {_inline(label, 'row.p')})")
        _create_all(tx, cypher, nodes, "nodes")
    for (rel_type, src, dst), edges in changes.create_relationships.items():
        cypher = (f"UNWIND $rows AS row MATCH (a:{_label(src)} {{id: row.s}}) "
                  f"MATCH (b:{_label(dst)} {{id: row.t}}) "
                  f"CREATE (a)-[:{_rel_type(rel_type, src, dst)}{_rel_inline(rel_type)}]->(b)")
        _create_all(tx, cypher, edges, "relationships")
    for key in plan.own:
        written[plan.owner[key]] += 1

    # 6. Orphans, over the whole graph.
    for stmt in _ORPHANS:
        _planned(tx, stmt)
    return dict(written)


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
                self._write(_execute, stmt, doing=f"creating {name}")
                created = True
        if created:  # new indexes fill in the background; wait until they serve
            self._write(_execute, "CALL db.awaitIndexes(300)", doing="waiting for the indexes")
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
        written = self._write(write_batch, plan, doing=f"writing {which}")
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
        parts = [f"MATCH (n:{_label(label)}) RETURN 'n' AS kind, '{label}' AS name, count(n) AS c"
                 for label in NODE_LABELS]
        parts += [f"MATCH ()-[r:{t}]->() RETURN 'r' AS kind, '{t}' AS name, count(r) AS c"
                  for t in RELATIONSHIP_TYPES if _IDENT.match(t)]
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
