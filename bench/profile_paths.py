"""Profile the parse or ingest path (cProfile, CPU time), to see where the time goes.

    .venv/bin/python bench/profile_paths.py parse  [--repeat 3] [--top 25] [--sort tottime]
    .venv/bin/python bench/profile_paths.py ingest [--repeat 4] [--top 25] [--sort tottime]
    .venv/bin/python bench/profile_paths.py ingest --memory [--repeat 64]

``parse``: ``parse_file`` of every corpus/*.txt, ``--repeat`` times, pipeline loaded
first. ``ingest``: the corpus's records (parsed first, not profiled) ``--repeat``
times under distinct titles into a new embedded store with ``ingest_records``. The
profiler's own overhead inflates functions called very often; bench/run.py gives
the real figures. ``ingest --memory`` profiles memory instead: the resident set and
the Python heap (tracemalloc) every quarter of the documents, to tell what grows
with the corpus (Python objects kept per document) from what grows with the store
(LadybugDB's own memory for a larger database).
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
    args = ap.parse_args()
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
        base = [parse_file(f) for f in files]
        records = [r if k == 0 else replace(r, document=replace(r.document, title=f"{r.document.title}（副本{k}）"))
                   for k in range(repeat) for r in base]
        with tempfile.TemporaryDirectory() as tmp:
            store = EmbeddedStore(Path(tmp) / "store")
            try:
                if args.memory:
                    return _memory(store, records)
                profiler.enable()
                ingest_records(store, records)
                profiler.disable()
            finally:
                store.close()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


def _memory(store, records) -> int:
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
            gc.collect()
            heap = tracemalloc.get_traced_memory()[0]
            print(f"{seen:6d} documents: resident {proc.memory_info().rss / 2**20:6.0f} MB, "
                  f"Python heap {heap / 2**20:6.1f} MB", flush=True)

    tracemalloc.start()
    ingest_records(store, iter(records), on_document=done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
