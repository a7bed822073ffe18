"""Warm a freshly started server: what `policykg neo4j start` does before it returns.

A newly started JVM interprets Neo4j's write path until its JIT has compiled it, which
takes a few hundred thousand rows: a researcher's first load into a fresh server ran at
a third of a warm server's speed (bench/RESULTS.md). ``warm_up`` writes synthetic
documents through the very path ``policykg ingest --neo4j`` uses (the same statements,
batches, commits and index updates: pipeline.graph.neo4j_store), then deletes every
node it wrote, by id. Every id and name it writes holds ``policykg-warmup``, so it never
meets a node of the user's graph; what is left is nothing but the constraints and indexes
of graph_schema/constraints.cypher, which every write applies anyway.

``POLICYKG_NEO4J_WARMUP_ROWS`` (default 300000; 0 turns it off) sets how many nodes and
relationships it writes; it stops after ``POLICYKG_NEO4J_WARMUP_SECONDS`` (default 90)
whatever it has written.
"""
from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Optional

from pipeline.errors import StoreError
from pipeline.model import Record

MARK = "policykg-warmup"
ROWS_ENV = "POLICYKG_NEO4J_WARMUP_ROWS"
SECONDS_ENV = "POLICYKG_NEO4J_WARMUP_SECONDS"
DEFAULT_ROWS = 300_000
DEFAULT_SECONDS = 90.0
DOCUMENTS_PER_ROUND = 64  # about 45,000 nodes and relationships: one ingest batch or two
_AGENCIES = 120
_INDICATORS = 60


@dataclass(frozen=True)
class WarmUp:
    rows: int  # nodes + relationships written (and deleted)
    seconds: float
    rounds: int


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise StoreError(f"{name}={raw!r} is not a number", hint="unset it or give a number (0 turns it off)") from None
    if value < 0:
        raise StoreError(f"{name}={raw!r} is negative", hint="give 0 or more")
    return value


def warmup_rows() -> int:
    return int(_env_number(ROWS_ENV, DEFAULT_ROWS))


def synthetic_record(k: int, round_: int) -> Record:
    """A plan-shaped document (sections, measures, tasks with agencies, targets, citations)."""
    sections, measures, tasks, targets = [], [], [], []
    for s in range(1, 9):
        sections.append({"index": s, "number": f"{s}、", "title": f"{MARK} 部分{s}"})
    for m in range(1, 41):
        s = (m - 1) // 5 + 1
        measures.append({"index": m, "section": s, "number": f"({m})", "title": f"{MARK} 措施{m}",
                         "text": f"{MARK} 措施正文{m}" * 4})
        for t in range(1, 4):
            tasks.append({"measure": m, "index": t, "section": s, "text": f"{MARK} 任务{m}-{t}" * 3,
                          "agencies": [{"mention": f"{MARK}机构{(m * 7 + t * a) % _AGENCIES}",
                                        "name": f"{MARK}机构{(m * 7 + t * a) % _AGENCIES}",
                                        "role": ("lead", "shared", "support")[a]} for a in range(2)]})
        if m % 2:
            targets.append({"measure": m, "task": 1, "section": s,
                            "indicator": f"{MARK}指标{(m + k) % _INDICATORS}", "value": float(m),
                            "unit": "%", "value_text": f"{m}%", "kind": "level", "direction": "up",
                            "comparator": ">=", "year": 2025, "baseline_year": 2020,
                            "text": f"{MARK} 指标{m}达到{m}%"})
    doc = {"title": f"{MARK} 文件{round_}-{k}", "issuer": f"{MARK}机关", "date": "2025-01-01",
           "region": None, "level": "city", "source": f"{MARK}-{round_}-{k}"}
    return Record.from_dict({"document": doc, "sections": sections, "measures": measures, "tasks": tasks,
                             "targets": targets, "parents": [{"title": f"{MARK} 上级文件{k % 5}", "level": "provincial"}],
                             "references": [{"title": f"{MARK} 引用文件{k % 7}", "measure": 1}]})


def warm_up(uri: str, user: str, password: str, rows: Optional[int] = None, max_seconds: Optional[float] = None,
            echo: Optional[Callable[[str], None]] = None) -> WarmUp:
    """Write and delete synthetic documents on the server at ``uri`` until ``rows`` are done."""
    from pipeline.graph.build import build_document_graph, record_document_id
    from pipeline.graph.ingest import batched, write_batches
    from pipeline.graph.neo4j_store import _label, open_neo4j

    rows = warmup_rows() if rows is None else rows
    max_seconds = _env_number(SECONDS_ENV, DEFAULT_SECONDS) if max_seconds is None else max_seconds
    began = time.monotonic()
    done = rounds = 0
    if rows <= 0:
        return WarmUp(0, 0.0, 0)
    if echo:
        echo(f"Warming up the write path ({rows:,} nodes and relationships written and deleted; "
             f"{ROWS_ENV}=0 skips it) …")
    with open_neo4j(uri, user=user, password=password) as store:
        store.ensure_schema()
        while done < rows and time.monotonic() - began < max_seconds:
            items = [(record_document_id(r), build_document_graph(r))
                     for r in (synthetic_record(k, rounds) for k in range(DOCUMENTS_PER_ROUND))]
            ids: dict[str, set[str]] = defaultdict(set)
            for did, g in items:
                for key, attrs in g.nodes(data=True):
                    own = key.startswith(did + "/")
                    if not own and MARK not in str(attrs.get("name") or attrs.get("title") or ""):
                        raise StoreError(f"warm-up node {key!r} is not marked {MARK}")  # never the user's
                    ids[attrs["label"]].add(key)
                done += g.number_of_nodes() + g.number_of_edges()
            write_batches(store, list(batched(items)))
            for label, keys in ids.items():
                store.run(f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) DETACH DELETE n",
                          {"ids": sorted(keys)})
            rounds += 1
    return WarmUp(done, time.monotonic() - began, rounds)
