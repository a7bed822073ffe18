"""The graph as CSV files for ``neo4j-admin database import full`` (the bulk path into Neo4j).

``write_import_dir(out, graph=…)`` writes a graph read from a store;
``write_import_dir(out, records=…)`` streams records straight to CSV with the ids and
links ``policykg ingest`` gives them (pipeline.graph.build.build_graph), holding only
the shared nodes (agencies, indicators, cited documents) and the citations in memory:
a document's own nodes and relationships go to disk as it is built.

The folder holds one node file per label (``nodes-Task.csv``: ``id:ID`` — one id space,
as node keys are unique across labels — ``:LABEL`` and the label's properties typed
as the schema says, ``position:long``, ``value:double``, ``stub:boolean``), one
relationship file per type (``rels-RESPONSIBLE_FOR.csv``: ``:START_ID``, ``:END_ID``,
``:TYPE`` and the type's properties) and ``policykg-import.json``, the manifest
``policykg neo4j import`` reads: the files, their row counts, and which hold a value
with a line break (given to ``--multiline-fields``, which is slower, only those).

CSV as neo4j-admin reads it: UTF-8, a comma between fields, ``"`` quotes a field and
``""`` is a quote inside one (no backslash escapes); an empty unquoted field is no
property (the stores keep no nulls or empty strings, pipeline.graph.build). Properties
are typed and filtered by the same functions the UNWIND path writes with
(pipeline.graph.neo4j_values), so both paths store the same values.
"""
from __future__ import annotations

import csv
import json
import math
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Optional

import networkx as nx

from pipeline.errors import InputError
from pipeline.graph.build import build_document_graph, stub_citations
from pipeline.graph.derived import ahead
from pipeline.graph.identity import Registry
from pipeline.graph.neo4j_values import node_row, rel_props
from pipeline.graph.schema import NODE_PROPERTIES, RELATIONSHIP_PROPERTIES, RELATIONSHIP_TYPES
from pipeline.model import Record

MANIFEST = "policykg-import.json"
FORMAT_VERSION = 1
_TYPES = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOLEAN": ":boolean"}
_CITES = ("IMPLEMENTS", "REFERENCES")
_SHARED = ("Agency", "Indicator")  # besides stub Documents: first seen wins, as in build_graph


def node_file(label: str) -> str:
    return f"nodes-{label}.csv"


def rel_file(rel_type: str) -> str:
    return f"rels-{rel_type}.csv"


def node_header(label: str) -> list[str]:
    cols = []
    for prop, typ in NODE_PROPERTIES[label]:
        cols.append("id:ID" if prop == "id" else prop + _TYPES[typ])
        if prop == "id":
            cols.append(":LABEL")
    return cols


def rel_header(rel_type: str) -> list[str]:
    return [":START_ID", ":END_ID", ":TYPE"] + [p + _TYPES[t] for p, t in RELATIONSHIP_PROPERTIES.get(rel_type, [])]


def csv_value(value: Any) -> Any:
    """A typed value as neo4j-admin parses it: true/false, digits, Java's double syntax."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return value


@dataclass
class ImportManifest:
    nodes: dict[str, int] = field(default_factory=dict)  # label -> rows
    relationships: dict[str, int] = field(default_factory=dict)  # type -> rows
    multiline: list[str] = field(default_factory=list)  # files with a line break inside a value

    def to_json(self) -> dict[str, Any]:
        return {"format": "policykg neo4j-import", "version": FORMAT_VERSION,
                "nodes": {k: {"file": node_file(k), "rows": v} for k, v in self.nodes.items()},
                "relationships": {k: {"file": rel_file(k), "rows": v} for k, v in self.relationships.items()},
                "multiline": sorted(self.multiline)}

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


class _Writer:
    """Streams rows into the per-label and per-type files of one folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._files: dict[str, IO[str]] = {}
        self._csv: dict[str, Any] = {}
        self.manifest = ImportManifest()
        self.rows: dict[str, int] = {}  # file -> data rows written so far
        self._drop: dict[str, list[tuple[int, int]]] = {}  # file -> [start, end) row spans to leave out
        self._kind: dict[str, tuple[dict[str, int], str]] = {}  # file -> (manifest counts, label or type)

    def _out(self, name: str, header: list[str]):
        w = self._csv.get(name)
        if w is None:
            fh = open(self.folder / name, "w", encoding="utf-8", newline="")
            self._files[name] = fh
            w = self._csv[name] = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            w.writerow(header)
            self.rows[name] = 0
        return w

    def _row(self, name: str, header: list[str], row: list[Any]) -> None:
        if name not in self.manifest.multiline and any(
                isinstance(v, str) and ("\n" in v or "\r" in v) for v in row):
            self.manifest.multiline.append(name)
        self._out(name, header).writerow(row)
        self.rows[name] += 1

    def node(self, attrs: dict[str, Any]) -> None:
        label = attrs["label"]
        if label not in NODE_PROPERTIES:
            raise InputError(f"node {attrs.get('id')!r} has label {label!r}, which the schema lacks")
        props = node_row(attrs)
        row = []
        for prop, _ in NODE_PROPERTIES[label]:
            row.append(csv_value(props.get(prop)))
            if prop == "id":
                row.append(label)
        self._row(node_file(label), node_header(label), row)
        self.manifest.nodes[label] = self.manifest.nodes.get(label, 0) + 1
        self._kind.setdefault(node_file(label), (self.manifest.nodes, label))

    def rel(self, source: str, target: str, rel_type: str, attrs: dict[str, Any]) -> None:
        if rel_type not in RELATIONSHIP_TYPES:
            raise InputError(f"relationship {rel_type!r} is not in the graph schema")
        props = rel_props(rel_type, attrs)
        row = [source, target, rel_type] + [csv_value(props.get(p))
                                           for p, _ in RELATIONSHIP_PROPERTIES.get(rel_type, [])]
        self._row(rel_file(rel_type), rel_header(rel_type), row)
        self.manifest.relationships[rel_type] = self.manifest.relationships.get(rel_type, 0) + 1
        self._kind.setdefault(rel_file(rel_type), (self.manifest.relationships, rel_type))

    def mark(self) -> dict[str, int]:
        """Where each file stands now (for ``drop``)."""
        return dict(self.rows)

    def drop(self, since: dict[str, int], until: dict[str, int]) -> None:
        """Leave out of the files the rows written between two marks (at ``close``)."""
        for name, end in until.items():
            start = since.get(name, 0)
            if end > start:
                self._drop.setdefault(name, []).append((start, end))
                counts, key = self._kind[name]
                counts[key] -= end - start

    def _rewrite(self, name: str, spans: list[tuple[int, int]]) -> None:
        """``name`` without the rows of ``spans`` (read back as the csv module wrote them)."""
        path = self.folder / name
        kept = path.with_name(path.name + ".kept")
        with open(path, encoding="utf-8", newline="") as src, \
                open(kept, "w", encoding="utf-8", newline="") as dst:
            rows, out = csv.reader(src), csv.writer(dst, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            out.writerow(next(rows))
            for n, row in enumerate(rows):
                if not any(a <= n < b for a, b in spans):
                    out.writerow(row)
        os.replace(kept, path)

    def close(self) -> ImportManifest:
        for fh in self._files.values():
            fh.close()
        for name, spans in self._drop.items():
            self._rewrite(name, spans)
        (self.folder / MANIFEST).write_text(
            json.dumps(self.manifest.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return self.manifest


def write_graph(graph: nx.MultiDiGraph, w: _Writer) -> None:
    for _, attrs in graph.nodes(data=True):
        w.node(attrs)
    for u, v, attrs in graph.edges(data=True):
        w.rel(u, v, attrs["type"], attrs)


def write_records(records: Iterable[Record], w: _Writer,
                  on_note: Optional[Callable[[str], None]] = None, workers: int = 1) -> int:
    """Stream ``records`` as ``build_graph(records)`` would compose them; the documents written.

    A document given twice (the same file, the same content, or the same title with the
    same issuer and date: pipeline.graph.identity) is written in its last version, as
    ``policykg ingest`` replaces it, and ``on_note`` told: the rows of the earlier one are
    left out of the files when they are closed (rewritten only then), its citations
    forgotten, and agencies, indicators and cited documents that only it named dropped. A
    shared node it named first takes the attributes of the next document naming it (as
    ingest of one batch, which writes the document at its last place, would); past a
    second replaced document in that chain, the earlier attributes are kept.

    With ``workers`` > 1 the captions and searchText of the documents' nodes are computed
    ahead in that many processes (pipeline.graph.derived); the files are the same."""
    registry = Registry()
    spans: dict[str, tuple[dict[str, int], dict[str, int]]] = {}  # document -> its rows (marks)
    uses: dict[str, set[str]] = {}  # document -> the shared nodes its relationships name
    shared: dict[str, dict[str, Any]] = {}  # agencies, indicators, stub documents not yet replaced
    owner: dict[str, str] = {}  # shared node -> the document whose attributes it has
    runner_up: dict[str, tuple[str, dict[str, Any]]] = {}  # shared node -> the next document naming it
    citing: dict[str, dict[str, Any]] = {}  # citing node -> its attributes (label, documentId)
    cites: dict[tuple[str, str, str], None] = {}  # (source, target, type), in order
    replaced = False
    for record, derived in ahead(records, workers):
        identity = registry.assign(record, derived.fingerprint if derived else None)
        did = identity.id
        if did in spans:
            if on_note is not None:
                on_note(f"policykg: note: {record.document.source or record.document.title}: the same "
                        f"document as one given before ({did}); the last is kept")
            w.drop(*spans.pop(did))
            uses.pop(did, None)
            own = did + "/"
            for key in [k for k in cites if k[0] == did or k[0].startswith(own)]:
                del cites[key]
            # a shared node first named by the earlier version: ingest writes the batch in
            # order with this document last, so the next document naming it gives it
            for key in [k for k, d in owner.items() if d == did and k in runner_up]:
                owner[key], shared[key] = runner_up.pop(key)
            replaced = True
        region = record.document.region
        sub = build_document_graph(record, identity, lambda t: registry.link(t, region), derived)
        began = w.mark()
        used: set[str] = set()
        for key, attrs in sub.nodes(data=True):
            label = attrs["label"]
            if key == did:
                shared.pop(key, None)  # a stub of this id becomes the document
                w.node(attrs)
            elif label in _SHARED or label == "Document":
                used.add(key)
                if key not in shared and key not in spans:
                    shared[key], owner[key] = attrs, did
                elif key in shared and owner.get(key) != did and key not in runner_up:
                    runner_up[key] = (did, attrs)
            else:
                w.node(attrs)
        for u, v, attrs in sub.edges(data=True):
            if attrs["type"] in _CITES:
                cites[(u, v, attrs["type"])] = None
                citing.setdefault(u, {"label": sub.nodes[u]["label"],
                                      "documentId": sub.nodes[u].get("documentId")})
            else:
                w.rel(u, v, attrs["type"], attrs)
        spans[did] = (began, w.mark())
        uses[did] = used
    _relink(registry, shared, citing, cites)
    if replaced:  # what only a replaced version named goes, as ingest's orphans do
        named = set().union(*uses.values()) if uses else set()
        cited = {v for _, v, _ in cites}
        for key in [k for k, a in shared.items() if k not in named and k not in cited]:
            del shared[key]
    for attrs in shared.values():
        w.node(attrs)
    for u, v, t in cites:
        w.rel(u, v, t, {})
    return len(spans)


def _relink(registry: Registry, shared: dict, citing: dict, cites: dict) -> None:
    """pipeline.graph.build.relink_graph on the citations held: stubs' citations move to
    the document they now name; a stub left with none is dropped."""
    view = nx.MultiDiGraph()
    for key, attrs in citing.items():
        view.add_node(key, **attrs)
    for u, v, t in cites:
        if v in shared:
            view.add_node(v, **shared[v])
            view.add_edge(u, v, type=t)
    relinks = registry.relinks(stub_citations(view))
    for r in relinks:
        for u in r.documents + r.measures:
            for t in _CITES:
                if (u, r.stub, t) in cites:
                    del cites[(u, r.stub, t)]
                    cites[(u, r.target, t)] = None
    cited = {v for _, v, _ in cites}
    for r in relinks:
        if r.stub in shared and shared[r.stub].get("stub") and r.stub not in cited:
            del shared[r.stub]


def _prepare(out: Path) -> Path:
    """A fresh temporary folder beside ``out``; ``out`` must be new, empty or an earlier export."""
    if out.exists():
        if not out.is_dir():
            raise InputError("is a file, not a folder", path=str(out),
                             hint="give a new folder for the neo4j-admin CSV files")
        entries = [p for p in out.iterdir()]
        if entries and not (out / MANIFEST).is_file():
            raise InputError("the folder is not empty and holds no earlier export", path=str(out),
                             hint="give a new or empty folder")
    tmp = out.with_name(f".{out.name}.part{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder: {exc.strerror}", path=str(out),
                         hint="check the parent folder exists and is writable") from None
    return tmp


def write_import_dir(out: Path, graph: Optional[nx.MultiDiGraph] = None,
                     records: Optional[Iterable[Record]] = None,
                     on_note: Optional[Callable[[str], None]] = None, workers: int = 1) -> ImportManifest:
    """Write the import folder ``out`` from a graph or from records (all or nothing); from
    records, on ``workers`` processes (the files are byte for byte those of one)."""
    tmp = _prepare(out)
    w = _Writer(tmp)
    try:
        if graph is not None:
            write_graph(graph, w)
        else:
            write_records(records or [], w, on_note, workers)
        manifest = w.close()
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except OSError as exc:
        raise InputError(f"cannot write the import files: {exc.strerror}", path=str(out),
                         hint="check the disk has room and the folder is writable") from None
    finally:
        for fh in w._files.values():
            fh.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an import folder, its files checked; a one-line InputError otherwise."""
    if not folder.is_dir():
        raise InputError("no such folder" if not folder.exists() else "is not a folder", path=str(folder),
                         hint="give the folder `policykg export --format neo4j-import DIR` wrote")
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except OSError:
        raise InputError(f"holds no {MANIFEST}: not a folder written by `policykg export --format "
                         "neo4j-import`", path=str(folder), hint="export the graph into it first") from None
    except ValueError:
        raise InputError(f"{MANIFEST} is not valid JSON", path=str(folder),
                         hint="export the graph again") from None
    if not isinstance(data, dict) or data.get("format") != "policykg neo4j-import" \
            or data.get("version") != FORMAT_VERSION:
        raise InputError(f"{MANIFEST} is not a policykg neo4j-import manifest of version {FORMAT_VERSION}",
                         path=str(folder), hint="export the graph again with this policykg")
    for kind in ("nodes", "relationships"):
        for name, entry in data.get(kind, {}).items():
            f = folder / str(entry.get("file", ""))
            if not f.is_file() or f.parent != folder:
                raise InputError(f"the {kind[:-1] if kind == 'nodes' else 'relationship'} file of {name} "
                                 f"({entry.get('file')}) is missing", path=str(folder),
                                 hint="export the graph again")
    if not data.get("nodes"):
        raise InputError("the export holds no nodes", path=str(folder), hint="export a graph that has some")
    return data
