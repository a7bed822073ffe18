"""How far `policykg diffusion` reaches on a collection: targets paired with an ancestor.

    python bench/diffusion_coverage.py RECORDS.jsonl [--split LIST] [--json]
    python bench/diffusion_coverage.py --store DIR

Ingests the records (`policykg parse DIR --format jsonl`) into a scratch embedded store (or
reads an existing store), pairs every target with its nearest ancestor's
(pipeline/graph/diffusion.py) and prints: targets, targets below national level, pairs, the
share found along IMPLEMENTS and by region, verdicts, year matches, and pairs whose ratio is
beyond 10× either way (most often a parse fault or two different measures under one name).
``--split LIST`` (a file of file names, e.g. bench/heldout.txt) counts the pairs whose child
document's source is listed apart from the rest.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.graph.diffusion import pairs  # noqa: E402
from pipeline.graph.diffusion_read import read_rows  # noqa: E402
from pipeline.graph.embedded import EmbeddedStore  # noqa: E402


def figures(targets, docs, found) -> dict:
    below = [t for t in targets if docs[t.document].level in ("provincial", "city", "district")]
    n = len(found)
    return {
        "documents": len(docs), "targets": len(targets), "targets below national": len(below),
        "pairs": n, "pairs / targets below national": round(n / len(below), 3) if below else None,
        "via": dict(Counter(p.via for p in found)),
        "verdicts": dict(Counter(p.verdict for p in found)),
        "yearMatch": dict(Counter(p.yearMatch for p in found)),
        "with a lag": sum(p.lagDays is not None for p in found),
        "ratio beyond 10x": sum(p.ratio is not None and not 0.1 <= p.ratio <= 10 for p in found),
        "level steps": dict(Counter(f"{p.childLevel}<-{p.ancestorLevel}" for p in found)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", nargs="?", type=Path)
    ap.add_argument("--store", type=Path)
    ap.add_argument("--split", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.store and not args.records:
        ap.error("give RECORDS.jsonl or --store DIR")
    if args.store:
        store = EmbeddedStore(args.store, read_only=True)
    else:
        from pipeline.graph.ingest import ingest_records
        from pipeline.model import Record

        store = EmbeddedStore(Path(tempfile.mkdtemp(prefix="diffusion-bench-")) / "store")
        lines = args.records.read_text(encoding="utf-8").splitlines()
        ingest_records(store, [Record.from_dict(json.loads(line)) for line in lines if line.strip()])
    with store:
        targets, docs, edges = read_rows(store, None)
        sources = {r[0]: r[1] for r in store.run(
            "MATCH (d:Document) RETURN d.id AS id, d.source AS source", read_only=True).rows}
    found = pairs(targets, docs, edges)
    out = {"all": figures(targets, docs, found)}
    if args.split:
        listed = {line.strip() for line in args.split.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")}
        held = {d for d, s in sources.items() if s and Path(s).name in listed}
        for name, keep in (("listed", lambda d: d in held), ("rest", lambda d: d not in held)):
            out[name] = figures([t for t in targets if keep(t.document)],
                                {d: v for d, v in docs.items() if keep(d)},
                                [p for p in found if keep(p.child)])
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for part, figs in out.items():
        print(f"[{part}]")
        for k, v in figs.items():
            print(f"  {k}: {json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v}")


if __name__ == "__main__":
    main()
