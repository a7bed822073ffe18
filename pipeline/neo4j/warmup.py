"""Warm a freshly started server: what `policykg neo4j start` does before it returns.

A newly started JVM interprets Neo4j's write path until its JIT has compiled it, and
plans each statement the first time it sees it: a researcher's first load into a fresh
server ran at a third of a warm server's speed (bench/RESULTS.md). ``warm_up`` writes
synthetic documents through the very path ``policykg ingest --neo4j`` uses
(pipeline.graph.neo4j_batch: the same statements, so the same cached plans, commits
and index updates), then deletes every node it wrote, by id.

What it writes is shaped like the collection, so that the first real load meets
nothing new: every container a task or a target can hang from (measure, section,
document) and every relationship of the schema, so every statement ``ingest`` can send
(tests/test_neo4j_warmup.py checks that); texts of the collection's lengths with line
breaks (long strings go to the string store and through the fulltext index's CJK
analyzer); provenance on some nodes and not on others. It writes them as many small
transactions rather than a few large ones: the JIT compiles what is invoked often,
and a per-transaction or per-statement path invoked a few times stays interpreted.
The graphs are built once and written again each round (under the same ids, deleted
in between), so the warm-up spends its time in the server, not in building graphs.

Every id and name it writes holds ``policykg-warmup``, so it never meets a node of
the user's graph; what is left is nothing but the constraints and indexes of
graph_schema/constraints.cypher, which every write applies anyway.

``POLICYKG_NEO4J_WARMUP_ROWS`` (default 150000; 0 turns it off) sets how many nodes and
relationships it writes; it stops after ``POLICYKG_NEO4J_WARMUP_SECONDS`` (default 60)
whatever it has written.
"""
from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Optional

import networkx as nx

from pipeline.errors import StoreError
from pipeline.model import Record

MARK = "policykg-warmup"
ROWS_ENV = "POLICYKG_NEO4J_WARMUP_ROWS"
SECONDS_ENV = "POLICYKG_NEO4J_WARMUP_SECONDS"
DEFAULT_ROWS = 150_000
DEFAULT_SECONDS = 60.0
DOCUMENTS_PER_ROUND = 2  # one small transaction (about 1,000 nodes and relationships) per round
LARGE = 32  # documents in every eighth transaction
POOL = 2  # distinct synthetic documents, written in turn (building one costs about 0.3 s: jieba, captions)
_AGENCIES = 24  # few: each has hundreds of tasks in a large round (a dense node), as in the collection
_INDICATORS = 30
# Words of policy prose, for texts that segment and index as the collection's do.
_WORDS = ("加强 推进 建设 发展 完善 体系 机制 创新 服务 管理 保障 能力 水平 提升 实施 重点 项目 "
          "工作 落实 责任 推动 产业 绿色 低碳 能源 生态 环境 保护 治理 城市 农村 交通 设施 数字 "
          "经济 资源 利用 安全 监测 高质量 现代化 基础设施 公共服务 体制机制 示范 试点 标准 统筹 "
          "协调 监管 考核 评估 资金 政策 支持 引导 培育 壮大 优化 布局").split()


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


def _prose(rng: random.Random, chars: int, paragraphs: int = 1) -> str:
    """``MARK`` then about ``chars`` characters of sentences, in ``paragraphs`` lines."""
    lines = []
    for _ in range(paragraphs):
        words: list[str] = []
        while sum(map(len, words)) < chars // paragraphs:
            words.append("".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 8))))
            words.append(rng.choice("，，，。；、"))
        lines.append("".join(words) + "。")
    return f"{MARK} " + "\n".join(lines)


def synthetic_record(k: int, round_: int = 0) -> Record:
    """A plan-shaped document (sections, measures, tasks with agencies, targets, citations)
    holding every container and relationship shape the parser gives."""
    rng = random.Random(k * 7919 + round_)
    sections, measures, tasks, targets = [], [], [], []
    for s in range(1, 9):
        sections.append({"index": s, "number": f"{s}、", "title": f"{MARK} 部分{s}"})
    for m in range(1, 31):
        s = None if m == 30 else (m - 1) // 4 + 1  # the last measure hangs from the document
        paragraphs = 1 + (m % 3 == 0) * 2  # a third of the measures span several lines
        prov = {"page": 1 + m // 4, "paragraph": m * 3, "start": m * 500, "end": m * 500 + 400} if k % 2 else {}
        measures.append({"index": m, "section": s, "number": f"({m})", "title": f"{MARK} 措施{m}",
                         "text": _prose(rng, rng.choice((150, 400, 400, 900, 2500)), paragraphs), **prov})
        for t in range(1, 3 + m % 3):
            tasks.append({"measure": m, "index": t, "section": s, "text": _prose(rng, rng.choice((80, 200, 500))),
                          "agencies": [{"mention": f"{MARK}机构{(m * 7 + t * a) % _AGENCIES}",
                                        "name": f"{MARK}机构{(m * 7 + t * a) % _AGENCIES}",
                                        "role": ("lead", "shared", "support", "implement")[(a + t) % 4]}
                                       for a in range(1 + (m + t) % 3)], **prov})
    # tasks under a section (no measure) and under the document (neither)
    tasks.append({"measure": None, "index": 1, "section": 8, "text": _prose(rng, 150),
                  "agencies": [{"mention": f"{MARK}机构1", "name": f"{MARK}机构1", "role": "duty"}]})
    tasks.append({"measure": None, "index": 2, "section": None, "text": _prose(rng, 150), "agencies": []})
    holders = ([(m, 1, None) for m in range(1, 30, 2)] + [(m, None, None) for m in range(2, 30, 4)]
               + [(None, None, 3), (None, 1, 8), (None, 2, None), (None, None, None)])
    for n, (m, t, s) in enumerate(holders):
        section = s if m is None else (m - 1) // 4 + 1
        prov = {"page": 2, "paragraph": n, "start": n * 40, "end": n * 40 + 3} if n % 2 else {}
        targets.append({"measure": m, "task": t, "section": section,
                        "indicator": f"{MARK}指标{(n + k) % _INDICATORS}", "value": float(n) + 0.5,
                        "unit": "%", "value_text": f"{n}.5%", "kind": ("level", "change")[n % 2],
                        "direction": ("up", "down", None)[n % 3], "comparator": (">=", "<=", "~", "=")[n % 4],
                        "year": (2025, 2030, None)[n % 3], "baseline_year": 2020 if n % 2 else None,
                        "baseline_value": float(n) if n % 3 == 0 else None,
                        "attribute": ("binding", "expected", None)[n % 3],
                        "text": _prose(rng, 60), "sentence": _prose(rng, 120) if n % 2 else "", **prov})
    doc = {"title": f"{MARK} 文件{round_}-{k}", "issuer": f"{MARK}机关", "date": "2025-01-01",
           "region": None, "level": "city", "source": f"{MARK}-{round_}-{k}",
           "number": f"{MARK}〔2025〕{k}号", "kind": "plan"}
    return Record.from_dict({"document": doc, "sections": sections, "measures": measures, "tasks": tasks,
                             "targets": targets,
                             "parents": [{"title": f"{MARK} 上级文件{k % 5}", "level": "provincial"}],
                             "references": [{"title": f"{MARK} 引用文件{k % 7}", "measure": 1},
                                            {"title": f"{MARK} 引用文件{(k + 3) % 7}", "measure": None}]})


def _clone(did: str, graph: nx.MultiDiGraph, n: int) -> tuple[str, nx.MultiDiGraph]:
    """``graph`` as document ``did`` copy ``n``: its own nodes under new ids, the shared
    ones (agencies, indicators, cited documents) as they are. No jieba, no captions."""
    new = f"{did}-{n}"
    own = did + "/"

    def key(k: str) -> str:
        return new if k == did else new + k[len(did):] if k.startswith(own) else k

    g = nx.MultiDiGraph()
    for k, attrs in graph.nodes(data=True):
        a = dict(attrs)
        if k == did or k.startswith(own):
            a["id"] = key(k)
            if "documentId" in a:
                a["documentId"] = new
        g.add_node(key(k), **a)
    for u, v, attrs in graph.edges(data=True):
        g.add_edge(key(u), key(v), **attrs)
    return new, g


def _rounds(base: list[tuple[str, nx.MultiDiGraph]]):
    """Batches of (document id, graph) to write, endlessly: seven transactions of two
    documents (about 1,300 nodes and relationships), then one of LARGE (about 20,000,
    a first load's size: Lucene segments with long postings, agencies with hundreds of
    tasks, a grown heap)."""
    copies = [_clone(did, g, n) for n in range(LARGE // len(base)) for did, g in base]
    i = 0
    while True:
        for _ in range(7):
            yield [copies[(i + j) % len(copies)] for j in range(DOCUMENTS_PER_ROUND)]
            i += DOCUMENTS_PER_ROUND
        yield copies


def warm_up(uri: str, user: str, password: str, rows: Optional[int] = None, max_seconds: Optional[float] = None,
            echo: Optional[Callable[[str], None]] = None) -> WarmUp:
    """Write and delete synthetic documents on the server at ``uri`` until ``rows`` are done."""
    from pipeline.graph.build import build_document_graph, record_document_id
    from pipeline.graph.identity import STORE_DOCUMENTS, Registry
    from pipeline.graph.ingest import write_batches
    from pipeline.graph.links import count_links, relink_store
    from pipeline.graph.neo4j_store import open_neo4j
    from pipeline.graph.neo4j_values import safe_label

    rows = warmup_rows() if rows is None else rows
    max_seconds = _env_number(SECONDS_ENV, DEFAULT_SECONDS) if max_seconds is None else max_seconds
    began = time.monotonic()
    done = rounds = 0
    if rows <= 0:
        return WarmUp(0, 0.0, 0)
    if echo:
        echo(f"Warming up the write path ({rows:,} nodes and relationships written and deleted; "
             f"{ROWS_ENV}=0 skips it) …")
    base = []
    for k in range(POOL):
        record = synthetic_record(k)
        did, g = record_document_id(record), build_document_graph(record)
        for key, attrs in g.nodes(data=True):
            if not key.startswith(did + "/") and key != did \
                    and MARK not in str(attrs.get("name") or attrs.get("title") or ""):
                raise StoreError(f"warm-up node {key!r} is not marked {MARK}")  # never the user's
        base.append((did, g))
    with open_neo4j(uri, user=user, password=password) as store:
        store.ensure_schema()
        for batch in _rounds(base):
            if done >= rows or time.monotonic() - began >= max_seconds:
                break
            write_batches(store, [batch])
            if rounds == 0:  # the reads `ingest` makes before and after writing
                store.run(STORE_DOCUMENTS)
                relink_store(store, Registry())  # reads the stubs' citations; no document to move them to
                count_links(store)
            doomed: dict[str, set[str]] = defaultdict(set)
            for _, g in batch:
                for key, attrs in g.nodes(data=True):
                    doomed[safe_label(attrs["label"])].add(key)
                done += g.number_of_nodes() + g.number_of_edges()
            for label, keys in doomed.items():
                store.run(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", {"ids": sorted(keys)})
            rounds += 1
    return WarmUp(done, time.monotonic() - began, rounds)
