"""Profile the parse or ingest path (cProfile, CPU time), to see where the time goes.

    .venv/bin/python bench/profile_paths.py parse  [--repeat 3] [--top 25] [--sort tottime]
    .venv/bin/python bench/profile_paths.py ingest [--repeat 4] [--top 25] [--sort tottime]

``parse``: ``parse_file`` of every corpus/*.txt, ``--repeat`` times, pipeline loaded
first. ``ingest``: the corpus's records (parsed first, not profiled) ``--repeat``
times under distinct titles into a new embedded store with ``ingest_records``. The
profiler's own overhead inflates functions called very often; bench/run.py gives
the real figures.
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
                profiler.enable()
                ingest_records(store, records)
                profiler.disable()
            finally:
                store.close()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
