"""Bulk import (neo4j-admin) beside batched UNWIND ingest, and a fresh server's first load.

    .venv/bin/python bench/neo4j_bulk.py [--records FILE.jsonl] [--repeat 1 4 16] [--first 4] [--out FILE.json]

On a local instance of its own (folder ``instances/bench-bulk`` in the policykg cache,
ports 27797/27497 or POLICYKG_BENCH_BOLT_PORT/POLICYKG_BENCH_HTTP_PORT, its own
password in that folder), whose database it replaces:

1. Fresh against warm, before and after the warm-up of `policykg neo4j start`
   (pipeline/neo4j/warmup.py): the server is started without warm-up and loads
   ``--first``× the corpus (the first load), then loads it three more times (warm: the
   median of the last two); then it is restarted, warmed up, and does the same. The
   ratio first ÷ warm is the figure of issue 18 (goal ≤ 1.5).
2. At each ``--repeat`` scale (the corpus's records copied under distinct titles and
   sources): records → warm server by ``ingest_records`` (batched UNWIND, graphs and
   links built as `policykg ingest --records` builds them, timed), then the bulk path:
   records → CSV (``write_import_dir``, timed) and ``run_import`` (stop, neo4j-admin,
   start, constraints and indexes), whose neo4j-admin step and whole command are timed.

Records come from ``--records`` (JSON lines of ``policykg parse``), else the corpus is
parsed once into /tmp/bulk/corpus.jsonl and reused.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from neo4j_load import CLEAR, batches  # noqa: E402

from pipeline.graph.build import build_document_graph, record_document_id  # noqa: E402
from pipeline.graph.ingest import ingest_records, write_batches  # noqa: E402
from pipeline.graph.neo4j_import import write_import_dir  # noqa: E402
from pipeline.graph.neo4j_store import open_neo4j  # noqa: E402
from pipeline.model import Record  # noqa: E402
from pipeline.neo4j.bulk import run_import  # noqa: E402
from pipeline.neo4j.config import load_config, port_from_env, resolve_password  # noqa: E402
from pipeline.neo4j.server import start, stop  # noqa: E402
from pipeline.neo4j.warmup import warm_up  # noqa: E402

CACHE = Path("/tmp/bulk")
_DONE = re.compile(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms")


def bench_config():
    base = load_config(instance="bench-bulk")
    return dataclasses.replace(base, bolt_port=port_from_env("POLICYKG_BENCH_BOLT_PORT", 27797),
                               http_port=port_from_env("POLICYKG_BENCH_HTTP_PORT", 27497),
                               credentials_file=base.home / "credentials.conf", use_password_env=False)


def load_records(path: Optional[Path]) -> list[Record]:
    if path is None:
        path = CACHE / "corpus.jsonl"
        if not path.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                subprocess.run([str(REPO / ".venv" / "bin" / "policykg"), "parse", str(REPO / "corpus"),
                                "--format", "jsonl", "--workers", "1"], stdout=fh, check=True)
    return [Record.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


def repeated(records: Sequence[Record], times: int) -> list[Record]:
    """``records`` ``times`` over, copy k > 0 under the title suffix （副本k） and its own source
    (ingest takes a record of a source it holds for a new version of that document)."""
    out = []
    for k in range(times):
        for r in records:
            if k == 0:
                out.append(r)
            else:
                doc = dataclasses.replace(r.document, title=f"{r.document.title}（副本{k}）",
                                          source=f"{r.document.source}#{k}")
                out.append(dataclasses.replace(r, document=doc))
    return out


def graphs(records: Sequence[Record]) -> list[list]:
    return batches([(record_document_id(r), build_document_graph(r)) for r in records])


def unwind_load(store, cut) -> float:
    store.run(CLEAR)
    store.ensure_schema()
    began = time.perf_counter()
    write_batches(store, cut)
    return time.perf_counter() - began


def first_against_warm(cfg, password: str, cut, warm: bool) -> dict:
    stop(cfg)
    start(cfg)
    out = {}
    if warm:
        done = warm_up(cfg.bolt_uri, "neo4j", password)
        out["warm_up_seconds"], out["warm_up_rows"] = round(done.seconds, 1), done.rows
    with open_neo4j(cfg.bolt_uri, password=password) as store:
        times = [unwind_load(store, cut) for _ in range(4)]
    out["first"] = round(times[0], 2)
    out["loads"] = [round(t, 2) for t in times]
    out["warm"] = round(statistics.median(times[2:]), 2)
    out["ratio"] = round(times[0] / out["warm"], 2)
    return out


def admin_seconds(cfg) -> Optional[float]:
    m = _DONE.search((cfg.logs_dir / "import.log").read_text(encoding="utf-8", errors="replace"))
    if not m:
        return None
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0) + int(m.group(3)) / 1000


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=Path, default=None)
    ap.add_argument("--repeat", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--first", type=int, default=4, help="corpus copies of the fresh-server first load")
    ap.add_argument("--skip-fresh", action="store_true")
    ap.add_argument("--out", type=Path, default=CACHE / "neo4j_bulk.json")
    args = ap.parse_args(argv)

    cfg = bench_config()
    records = load_records(args.records)
    start(cfg)
    password = resolve_password(cfg).value
    result: dict = {"documents_at_1x": len(records), "scales": []}
    if not args.skip_fresh:
        cut = graphs(repeated(records, args.first))
        result["fresh"] = {"copies": args.first,
                           "before": first_against_warm(cfg, password, cut, warm=False),
                           "after": first_against_warm(cfg, password, cut, warm=True)}
        print(json.dumps(result["fresh"]), flush=True)
    for times in args.repeat:
        recs = repeated(records, times)
        start(cfg)
        with open_neo4j(cfg.bolt_uri, password=password) as store:
            # the last import restarted the server: warm it (up to 16x the corpus) first
            unwind_load(store, graphs(repeated(records, min(times, 16))))
            store.run(CLEAR)
            began = time.perf_counter()
            ingest_records(store, recs)  # as `policykg ingest --records` does: graphs built, links
            seconds = time.perf_counter() - began
            stats = store.stats()
        nodes, rels = sum(stats["nodes"].values()), sum(stats["relationships"].values())
        folder = CACHE / f"import-{times}x"
        began = time.perf_counter()
        manifest = write_import_dir(folder, records=recs)
        export_seconds = time.perf_counter() - began
        imp = run_import(cfg, folder, force=True)
        assert (imp.nodes, imp.relationships) == (nodes, rels), "bulk import and UNWIND differ"
        tool = admin_seconds(cfg)
        row = {"copies": times, "documents": len(recs), "nodes": nodes, "relationships": rels,
               "unwind_seconds": round(seconds, 2), "export_seconds": round(export_seconds, 2),
               "admin_seconds": round(imp.import_seconds, 2), "admin_tool_seconds": tool,
               "schema_seconds": round(imp.schema_seconds, 2), "command_seconds": round(imp.seconds, 2),
               "csv_rows": manifest.total_nodes + manifest.total_relationships}
        for key, secs in (("unwind", seconds), ("bulk", export_seconds + imp.import_seconds),
                          ("bulk_tool", tool)):
            if secs:
                row[f"{key}_rows_per_second"] = round((nodes + rels) / secs)
                row[f"{key}_relationships_per_second"] = round(rels / secs)
        result["scales"].append(row)
        print(json.dumps(row), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    stop(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
