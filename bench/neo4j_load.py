"""Load speed of the Neo4j store: the corpus, repeated under distinct titles, timed.

    .venv/bin/python bench/neo4j_load.py --clear [--repeat 4 16] [--batch 0 32] [--uri URI]

The URI and credentials come as for ``policykg ingest --neo4j`` (``--uri``, else
NEO4J_URI, else the local server of ``policykg neo4j start``; NEO4J_USER,
NEO4J_PASSWORD or the local credentials file). The benchmark empties the database
first, so it refuses to run on a database holding anything unless ``--clear`` is given.

``measure_neo4j_load(records, uri, user, password)`` is the timed part, for a bench
runner: it empties the database, writes every record (batched as ``policykg
ingest`` batches them, or ``batch`` documents per transaction; graphs built
beforehand, so only the store is timed), then writes them all again (re-ingest),
and returns counts, seconds and rates (relationships per second, and nodes plus
relationships per second).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.neo4j_settings import resolve_settings
from pipeline.graph.neo4j_store import Neo4jStore, open_neo4j
from pipeline.model import Record

REPO = Path(__file__).resolve().parents[1]
CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def corpus_records(folder: Path = REPO / "corpus") -> list[Record]:
    """The corpus's documents, parsed."""
    from pipeline.parse import parse_file

    return [parse_file(str(p)) for p in sorted(folder.glob("*.txt"))]


def repeated(records: Sequence[Record], times: int) -> list[Record]:
    """``records`` ``times`` over; copy k > 0 gets the title suffix （副本k）, so a new document id,
    and a source of its own (ingest takes a record of a source it holds for a new version of
    that document).

    Parents, citations, agencies and indicators stay the same: copies share them, as
    documents of one corpus do.
    """
    out = []
    for k in range(times):
        for r in records:
            if k == 0:
                out.append(r)
            else:
                doc = replace(r.document, title=f"{r.document.title}（副本{k}）",
                              source=f"{r.document.source}#{k}")
                out.append(replace(r, document=doc))
    return out


def batches(items, batch: Optional[int] = None) -> list[list]:
    """``items`` cut as ``policykg ingest`` cuts them (pipeline.graph.ingest.batched),
    or in runs of ``batch`` documents."""
    if batch:
        return [items[k:k + batch] for k in range(0, len(items), batch)]
    from pipeline.graph.ingest import batched

    return list(batched(items))


def _cpu(pid: Optional[int]) -> float:
    if pid is None:
        return 0.0
    import psutil

    t = psutil.Process(pid).cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def _load(store: Neo4jStore, cut: list[list], server_pid: Optional[int]) -> tuple[float, float, float]:
    """Wall seconds, this process's CPU seconds and the server's CPU seconds (0 if unknown)."""
    from pipeline.graph.ingest import write_batches

    start, cpu, server = time.perf_counter(), time.process_time(), _cpu(server_pid)
    write_batches(store, cut)  # as `policykg ingest` writes: the next batch planned meanwhile
    return (time.perf_counter() - start, time.process_time() - cpu, _cpu(server_pid) - server)


def measure_neo4j_load(records: Sequence[Record], uri: str, user: str, password: str,
                       batch: Optional[int] = None, database: Optional[str] = None,
                       server_pid: Optional[int] = None, loads: int = 1) -> dict:
    """Empty the database at ``uri``, load ``records``, load them again; counts, seconds, rates.

    ``batch``: documents per transaction (default: as ``policykg ingest`` batches).
    ``server_pid``: a local server's process, whose CPU time is then reported too
    (on a busy machine, relationships per CPU second vary less than per wall second).
    ``loads``: how many times to do it all (empty, load, re-ingest); the rates are
    those of the median run of each phase and ``seconds_each`` lists every run, since
    on a shared 2-core machine one run can be 15% off the next.
    """
    started = time.perf_counter()
    items = [(record_document_id(r), build_document_graph(r)) for r in records]
    cut = batches(items, batch)
    build_seconds = time.perf_counter() - started
    firsts, agains = [], []
    with open_neo4j(uri, user=user, password=password, database=database) as store:
        for _ in range(max(1, loads)):
            store.run(CLEAR)
            store.ensure_schema()
            firsts.append(_load(store, cut, server_pid))
            stats = store.stats()
            agains.append(_load(store, cut, server_pid))
            if store.stats() != stats:
                raise AssertionError("re-ingesting changed the graph")
    nodes = sum(stats["nodes"].values())
    rels = sum(stats["relationships"].values())

    def rates(timings: list[tuple[float, float, float]]) -> dict:
        seconds, client_cpu, server_cpu = sorted(timings)[len(timings) // 2]  # the median run
        out = {"seconds": round(seconds, 3), "seconds_each": [round(t[0], 3) for t in timings],
               "relationships_per_second": round(rels / seconds),
               "rows_per_second": round((nodes + rels) / seconds),
               "documents_per_second": round(len(items) / seconds, 1),
               "client_cpu_seconds": round(client_cpu, 3)}
        if server_pid is not None:
            out["server_cpu_seconds"] = round(server_cpu, 3)
            out["relationships_per_cpu_second"] = round(rels / (client_cpu + server_cpu))
        return out

    return {"documents": len(items), "transactions": len(cut), "nodes": nodes, "relationships": rels,
            "build_seconds": round(build_seconds, 3), "first_load": rates(firsts),
            "reingest": rates(agains)}


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--uri", default=None, help="bolt/neo4j URI (default: NEO4J_URI or the local server)")
    ap.add_argument("--repeat", type=int, nargs="+", default=[4, 16],
                    help="corpus copies per run (default: 4 16)")
    ap.add_argument("--batch", type=int, nargs="+", default=[0],
                    help="documents per transaction (0: as `policykg ingest` batches)")
    ap.add_argument("--clear", action="store_true", help="allow emptying a database that holds data")
    ap.add_argument("--json", action="store_true", help="print the results as JSON lines")
    ap.add_argument("--loads", type=int, default=1,
                    help="runs of each (empty, load, re-ingest); the median is reported")
    ap.add_argument("--server-pid", type=int, default=None,
                    help="a local server's pid: report its CPU time too")
    args = ap.parse_args(argv)
    settings = resolve_settings(args.uri)
    with open_neo4j(settings.uri, user=settings.user, password=settings.password,
                    database=settings.database) as store:
        held = store.run("MATCH (n) RETURN count(n) AS n", read_only=True).rows[0][0]
    if held and not args.clear:
        print(f"the database at {store.uri} holds {held} nodes; the benchmark deletes them: "
              "rerun with --clear to allow it", file=sys.stderr)
        return 2
    base = corpus_records()
    for times in args.repeat:
        records = repeated(base, times)
        for batch in args.batch:
            res = measure_neo4j_load(records, settings.uri, settings.user, settings.password,
                                     batch=batch or None, database=settings.database,
                                     server_pid=args.server_pid, loads=args.loads)
            if args.json:
                print(json.dumps({"repeat": times, **res}))
                continue
            for phase in ("first_load", "reingest"):
                r = res[phase]
                print(f"{times}x corpus, {phase}: {res['documents']} documents, {res['nodes']} nodes, "
                      f"{res['relationships']} relationships in {r['seconds']:.2f} s "
                      f"({res['transactions']} transactions): "
                      f"{r['relationships_per_second']} rel/s, {r['rows_per_second']} nodes+rels/s"
                      + (f"; CPU: client {r['client_cpu_seconds']:.2f} s, server "
                         f"{r['server_cpu_seconds']:.2f} s, {r['relationships_per_cpu_second']} "
                         "rel/CPU-s" if "server_cpu_seconds" in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
