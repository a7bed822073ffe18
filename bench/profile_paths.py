"""Profile the parse or ingest path (cProfile, CPU time), to see where the time goes.

    .venv/bin/python bench/profile_paths.py parse  [--repeat 3] [--top 25] [--sort tottime]
    .venv/bin/python bench/profile_paths.py ingest [--repeat 4] [--top 25] [--sort tottime]
    .venv/bin/python bench/profile_paths.py ingest --memory [--repeat 64]
    .venv/bin/python bench/profile_paths.py ingest --memory --buffer-mb 0 256 [--records F.jsonl] [--repeat 16]

``parse``: ``parse_file`` of every corpus/*.txt, ``--repeat`` times, pipeline loaded
first. ``ingest``: the corpus's records (parsed first, not profiled) ``--repeat``
times under distinct titles into a new embedded store with ``ingest_records``. The
profiler's own overhead inflates functions called very often; bench/run.py gives
the real figures. ``ingest --memory`` profiles memory instead: the resident set and
the Python heap (tracemalloc) every quarter of the documents, to tell what grows
with the corpus (Python objects kept per document) from what grows with the store
(LadybugDB's own memory for a larger database). ``--buffer-mb A B …`` runs that
profile once per buffer-pool size (``POLICYKG_STORE_BUFFER_MB``; 0 = LadybugDB's default,
a share of the machine's memory), each in a child process of its own without tracemalloc, and prints their
peaks and ingest rates side by side (ratios to the first). ``--records F.jsonl`` takes
the records from ``policykg parse --format jsonl`` output instead of parsing corpus/
(copies k > 0 retitled （副本k） with a source of their own, so every copy is a distinct document).
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", choices=["parse", "ingest"])
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative, …)")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--memory", action="store_true", help="ingest: resident set and Python heap, not time")
    ap.add_argument("--buffer-mb", type=int, nargs="+", default=None,
                    help="ingest --memory: compare these POLICYKG_STORE_BUFFER_MB values (0 = library default)")
    ap.add_argument("--no-heap", action="store_true",
                    help="ingest --memory: no tracemalloc (which slows Python), resident set only")
    ap.add_argument("--records", type=Path, default=None, help="ingest: records (JSON lines) instead of corpus/")
    args = ap.parse_args()
    if args.buffer_mb:
        return _compare_buffers(args)
    from pipeline.parse import parse_file
    from pipeline.parse.nlp import load_nlp

    load_nlp().tokenizer("预热分词")
    files = sorted(args.corpus.glob("*.txt"))
    profiler = cProfile.Profile(time.process_time)
    if args.path == "parse":
        repeat = args.repeat or 3
        profiler.enable()
        for _ in range(repeat):
            for f in files:
                parse_file(f)
        profiler.disable()
    else:
        from pipeline.graph.embedded import EmbeddedStore
        from pipeline.graph.ingest import ingest_records

        repeat = args.repeat or 4
        base = _read_records(args.records) if args.records else [parse_file(f) for f in files]
        # copy k > 0 retitled and given a source of its own: a distinct document (bench/neo4j_load.py)
        records = [r if k == 0 else replace(r, document=replace(r.document, title=f"{r.document.title}（副本{k}）",
                                                                  source=f"{r.document.source}#{k}"))
                   for k in range(repeat) for r in base]
        with tempfile.TemporaryDirectory() as tmp:
            store = EmbeddedStore(Path(tmp) / "store")
            try:
                if args.memory:
                    return _memory(store, records, heap=not args.no_heap)
                profiler.enable()
                ingest_records(store, records)
                profiler.disable()
            finally:
                store.close()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


def _memory(store, records, heap: bool = True) -> int:
    import gc
    import tracemalloc

    import psutil

    from pipeline.graph.ingest import ingest_records

    proc = psutil.Process()
    quarter = max(1, len(records) // 4)
    seen = 0

    def done(_written) -> None:
        nonlocal seen
        seen += 1
        if seen % quarter == 0:
            rss = proc.memory_info().rss / 2**20
            if not heap:
                print(f"{seen:6d} documents: resident {rss:6.0f} MB", flush=True)
                return
            gc.collect()
            print(f"{seen:6d} documents: resident {rss:6.0f} MB, "
                  f"Python heap {tracemalloc.get_traced_memory()[0] / 2**20:6.1f} MB", flush=True)

    if heap:
        tracemalloc.start()
    began = time.perf_counter()
    summary = ingest_records(store, iter(records), on_document=done)
    rows = summary.nodes + summary.relationships
    seconds = time.perf_counter() - began
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"done: {len(records)} documents, {rows} rows in {seconds:.2f} s, peak resident {peak:.0f} MB",
          flush=True)
    return 0


def _read_records(path: Path) -> list:
    import json

    from pipeline.model import Record

    return [Record.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _compare_buffers(args) -> int:
    """``ingest --memory`` once per buffer-pool size, each in its own process; a table of the peaks."""
    import os
    import re
    import subprocess

    done = re.compile(r"done: (\d+) documents, (\d+) rows in ([\d.]+) s, peak resident (\d+) MB")
    cmd = [sys.executable, __file__, "ingest", "--memory", "--no-heap", "--repeat", str(args.repeat or 64),
           "--corpus", str(args.corpus)] + (["--records", str(args.records)] if args.records else [])
    results = []
    for mb in args.buffer_mb:
        env = dict(os.environ, POLICYKG_STORE_BUFFER_MB=str(mb))
        run = subprocess.run(cmd, env=env, capture_output=True, text=True)
        out = run.stdout
        print(out, end="", flush=True)
        quarters = [int(m) for m in re.findall(r"resident\s+(\d+) MB", out)]
        m = done.search(out)
        if run.returncode or not m:  # e.g. a pool too small for a batch: say so in the table
            why = (run.stderr.strip().splitlines() or ["no output"])[-1][:160]
            print(f"POLICYKG_STORE_BUFFER_MB={mb}: failed: {why}", flush=True)
            results.append((mb, 0, 0, 0.0, 0, quarters, why))
            continue
        results.append((mb, int(m.group(1)), int(m.group(2)), float(m.group(3)), int(m.group(4)), quarters, ""))
    ok = [r for r in results if r[3]]
    base_rate = ok[0][2] / ok[0][3] if ok else 1.0
    print("\n| POLICYKG_STORE_BUFFER_MB | documents | rows | seconds | rows/s | rate ÷ first | "
          "resident at each quarter, MB | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for mb, docs, rows, secs, peak, quarters, why in results:
        name = "0 (library default)" if mb == 0 else str(mb)
        if why:
            print(f"| {name} | — | — | — | — | — | failed: {why.replace('|', '/')} | — |")
            continue
        print(f"| {name} | {docs} | {rows:,} | {secs:.1f} | {rows / secs:,.0f} | {rows / secs / base_rate:.2f} | "
              f"{', '.join(map(str, quarters))} | {peak} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
