"""Bulk import (neo4j-admin) beside batched UNWIND ingest, and a fresh server's first load.

    .venv/bin/python bench/neo4j_bulk.py [--records FILE.jsonl] [--repeat 1 4 16] [--first 4] [--out FILE.json]

On a local instance of its own (``--instance``, default ``bench-bulk``: that folder under
``instances/`` in the policykg cache; ports ``--bolt-port``/``--http-port``, else
POLICYKG_BENCH_BOLT_PORT/POLICYKG_BENCH_HTTP_PORT, else 27797/27497; its own password in
that folder), whose database it replaces. The 1-minute load average is sampled every
5 s during the run and reported with the figures (the machine may be shared).

1. Fresh against warm, before and after the warm-up of `policykg neo4j start`
   (pipeline/neo4j/warmup.py): the server is started without warm-up and loads
   ``--first``× the corpus (the first load), then loads it three more times (warm: the
   median of the last two); then it is restarted, warmed up, and does the same. The
   ratio first ÷ warm is the figure of issue 18 (goal ≤ 1.5).
2. At each ``--repeat`` scale (the corpus's records copied under distinct titles and
   sources): records → warm server by ``ingest_records`` (batched UNWIND, graphs and
   links built as `policykg ingest --records` builds them, timed), then the bulk path:
   records → CSV (``write_import_dir`` on ``--workers`` processes, default every core, as
   `policykg export --format neo4j-import` runs it; timed, and again on one process, whose
   files must be byte-identical) and ``run_import`` (stop, neo4j-admin, start, constraints
   and indexes), whose neo4j-admin step and whole command are timed.

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

from neo4j_load import CLEAR, batches, repeated  # noqa: E402

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


def bench_config(instance: str = "bench-bulk", bolt_port: Optional[int] = None, http_port: Optional[int] = None):
    base = load_config(instance=instance)
    return dataclasses.replace(base, bolt_port=bolt_port or port_from_env("POLICYKG_BENCH_BOLT_PORT", 27797),
                               http_port=http_port or port_from_env("POLICYKG_BENCH_HTTP_PORT", 27497),
                               credentials_file=base.home / "credentials.conf", use_password_env=False)


class LoadSampler:
    """The 1-minute load average every ``every`` seconds, in a daemon thread."""

    def __init__(self, every: float = 5.0):
        import os
        import threading

        self.samples: list[float] = [os.getloadavg()[0]]
        self._stop = threading.Event()

        def run():
            while not self._stop.wait(every):
                self.samples.append(os.getloadavg()[0])

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        s = self.samples
        return {"first": round(s[0], 2), "min": round(min(s), 2), "max": round(max(s), 2),
                "mean": round(sum(s) / len(s), 2), "samples": len(s)}


def load_records(path: Optional[Path]) -> list[Record]:
    if path is None:
        path = CACHE / "corpus.jsonl"
        if not path.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                subprocess.run([str(REPO / ".venv" / "bin" / "policykg"), "parse", str(REPO / "corpus"),
                                "--format", "jsonl", "--workers", "1"], stdout=fh, check=True)
    return [Record.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


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


def same_files(a: Path, b: Path) -> bool:
    """Two export folders byte for byte (their file names and contents)."""
    def files(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    return files(a) == files(b)


def admin_seconds(cfg) -> Optional[float]:
    m = _DONE.search((cfg.logs_dir / "import.log").read_text(encoding="utf-8", errors="replace"))
    if not m:
        return None
    return round(int(m.group(1) or 0) * 60 + int(m.group(2) or 0) + int(m.group(3)) / 1000, 3)


BEGIN, END = "<!-- bench/neo4j_bulk.py -->", "<!-- end bench/neo4j_bulk.py -->"


def render(result: dict) -> str:
    """The RESULTS.md section of a run (or of several runs' results merged)."""
    out = [BEGIN, "## Bulk import into Neo4j and a fresh server's first load", "",
           "Written by `bench/neo4j_bulk.py` (its docstring says how). Rows = nodes + relationships. "
           "UNWIND: `ingest_records` into a warm server (graphs, links and batched UNWIND "
           "transactions, as `policykg ingest --records --neo4j`). Bulk: records → CSV "
           "(`write_import_dir`, on N processes: `export --format neo4j-import --workers N`; the files "
           "byte-identical to one process's, checked) plus neo4j-admin (its JVM included); "
           "*neo4j-admin's own* is the time "
           "the tool reports (IMPORT DONE in …); *the whole command* adds stopping, restarting and "
           "the constraints and indexes. Marginal: the extra seconds from one scale to the next "
           "for the extra rows, i.e. the rate once fixed costs (JVM start, restart) are paid.", "",
           "| scale | documents | rows | UNWIND s | UNWIND rows/s | export s, 1 process | export s, N | "
           "neo4j-admin s (own) | bulk rows/s (export + neo4j-admin) | bulk ÷ UNWIND | neo4j-admin own rows/s "
           "| whole `neo4j import` s |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    rows = sorted(result.get("scales", []), key=lambda r: r["copies"])
    for r in rows:
        n = r["nodes"] + r["relationships"]
        one = r.get("export_one_worker_seconds", "—")
        many = f"{r['export_seconds']} ({r['export_workers']})" if "export_workers" in r else r["export_seconds"]
        if "export_workers" not in r:
            one, many = many, "—"
        ratio = r["bulk_rows_per_second"] / r["unwind_rows_per_second"]
        out.append(f"| {r['copies']}× | {r['documents']} | {n:,} | {r['unwind_seconds']} | "
                   f"{r['unwind_rows_per_second']:,} | {one} | {many} | {r['admin_seconds']} "
                   f"({round(r['admin_tool_seconds'], 3)}) | {r['bulk_rows_per_second']:,} | {ratio:.2f}× | "
                   f"{r['bulk_tool_rows_per_second']:,} | {r['command_seconds']} |")
    if len(rows) > 1:
        out += ["", "| from → to | UNWIND marginal rows/s | export marginal rows/s | neo4j-admin own marginal "
                "rows/s | neo4j-admin own ÷ UNWIND |", "| --- | ---: | ---: | ---: | ---: |"]
        for a, b in zip(rows, rows[1:]):
            extra = (b["nodes"] + b["relationships"]) - (a["nodes"] + a["relationships"])

            def rate(key):
                d = b[key] - a[key]
                return extra / d if d > 0 else float("inf")

            u, e, t = rate("unwind_seconds"), rate("export_seconds"), rate("admin_tool_seconds")
            shown = [f"{x:,.0f}" if x != float("inf") else "— (no extra time)" for x in (u, e, t)]
            ratio = f"{t / u:.1f}×" if t != float("inf") and u != float("inf") else "—"
            out.append(f"| {a['copies']}× → {b['copies']}× | {' | '.join(shown)} | {ratio} |")
    fresh = result.get("fresh")
    if fresh:
        b, a = fresh["before"], fresh["after"]
        out += ["", f"Fresh server against warm ({fresh['copies']}× the corpus, seconds; *warm* = median of "
                "loads 3 and 4 into the same server):", "",
                "| server | warm-up | load 1 (first) | loads 2–4 | warm | first ÷ warm |",
                "| --- | --- | ---: | --- | ---: | ---: |",
                f"| started without warm-up | — | {b['first']} | {', '.join(map(str, b['loads'][1:]))} | "
                f"{b['warm']} | **{b['ratio']}** |",
                f"| started and warmed up | {a.get('warm_up_rows', 0):,} rows in {a.get('warm_up_seconds')} s | "
                f"{a['first']} | {', '.join(map(str, a['loads'][1:]))} | {a['warm']} | **{a['ratio']}** |"]
    load = result.get("load")
    if load:
        out += ["", f"Load average (1 min) during the run: {load['first']} at its start, {load['min']}–"
                f"{load['max']} (mean {load['mean']}) over {load['samples']} samples, on 2 cores."]
    out += [f"\n{note}" for note in result.get("notes", [])]
    out += [END]
    return "\n".join(out) + "\n"


def splice(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=Path, default=None)
    ap.add_argument("--repeat", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--first", type=int, default=4, help="corpus copies of the fresh-server first load")
    ap.add_argument("--skip-fresh", action="store_true")
    ap.add_argument("--out", type=Path, default=CACHE / "neo4j_bulk.json")
    ap.add_argument("--render", type=Path, nargs="+", default=None,
                    help="only write the RESULTS.md section from these result files (merged)")
    ap.add_argument("--results", type=Path, default=REPO / "bench" / "RESULTS.md")
    ap.add_argument("--note", action="append", default=[], help="with --render: a paragraph to add")
    ap.add_argument("--instance", default="bench-bulk", help="the local instance to use (replaced)")
    ap.add_argument("--workers", type=int, default=None, help="export processes (default: every core)")
    ap.add_argument("--bolt-port", type=int, default=None)
    ap.add_argument("--http-port", type=int, default=None)
    args = ap.parse_args(argv)
    if args.render:
        merged: dict = {"scales": [], "notes": args.note}
        for f in args.render:
            data = json.loads(f.read_text(encoding="utf-8"))
            merged["scales"] += data.get("scales", [])
            if "load" in data:
                merged["load"] = data["load"]
            if "fresh" in data:
                merged["fresh"] = data["fresh"]
            elif "before" in data:
                merged["fresh"] = data
        splice(args.results, render(merged))
        return 0

    if args.workers is None:
        from pipeline.parallel import default_workers

        args.workers = default_workers()
    cfg = bench_config(args.instance, args.bolt_port, args.http_port)
    records = load_records(args.records)
    sampler = LoadSampler()
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
        folder = args.out.parent / f"import-{times}x"  # beside the results file
        began = time.perf_counter()
        write_import_dir(folder.with_name(folder.name + "-1w"), records=recs, workers=1)
        export_one = time.perf_counter() - began
        began = time.perf_counter()
        manifest = write_import_dir(folder, records=recs, workers=args.workers)
        export_seconds = time.perf_counter() - began
        assert same_files(folder, folder.with_name(folder.name + "-1w")), "N workers and one differ"
        imp = run_import(cfg, folder, force=True)
        assert (imp.nodes, imp.relationships) == (nodes, rels), "bulk import and UNWIND differ"
        tool = admin_seconds(cfg)
        row = {"copies": times, "documents": len(recs), "nodes": nodes, "relationships": rels,
               "unwind_seconds": round(seconds, 2), "export_seconds": round(export_seconds, 2),
               "export_one_worker_seconds": round(export_one, 2), "export_workers": args.workers,
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
    result["load"] = sampler.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    splice(args.results, render(result))
    stop(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
