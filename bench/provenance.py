"""Provenance coverage and exactness on a folder of documents (docs/provenance.md).

    .venv/bin/python bench/provenance.py DIR [--sample N] [--split LIST] [--cache DIR]

Parses each document (one process, one core), then counts the targets, tasks and measures
that have provenance (start/end and, for a PDF, a page) and those whose offsets re-read
exactly in the kept cleaned text: a target's ``value_text``, a task's text (which has no
newlines). ``--sample N`` takes every k-th file in name order; ``--split LIST`` (a file of
names, e.g. bench/heldout.txt) reports those files apart. ``--cache DIR`` keeps each
record's JSON there and reuses it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import PolicykgError
from pipeline.model import Record


def record_of(path: Path, cache: Path | None) -> Record | None:
    from pipeline.parse import parse_file

    hit = cache / (path.name + ".json") if cache else None
    if hit and hit.exists():
        return Record.from_dict(json.loads(hit.read_text(encoding="utf-8")))
    try:
        rec = parse_file(path)
    except PolicykgError as exc:
        print(f"skip {path.name}: {exc}", file=sys.stderr)
        return None
    if hit:
        hit.write_text(json.dumps(rec.to_dict(), ensure_ascii=False), encoding="utf-8")
    return rec


def count(rec: Record, pdf: bool) -> dict[str, int]:
    t = rec.text
    c = dict.fromkeys(("targets", "targets_placed", "targets_exact", "tasks", "tasks_placed", "tasks_exact",
                       "measures", "measures_placed", "paged", "items"), 0)
    for tg in rec.targets:
        c["targets"] += 1
        if tg.start is not None:
            c["targets_placed"] += 1
            c["targets_exact"] += t[tg.start:tg.end] == tg.value_text
    for tk in rec.tasks:
        c["tasks"] += 1
        if tk.start is not None:
            c["tasks_placed"] += 1
            c["tasks_exact"] += t[tk.start:tk.end].replace("\n", "") == tk.text
    for m in rec.measures:
        c["measures"] += 1
        c["measures_placed"] += m.start is not None
    if pdf:
        for it in rec.targets + rec.tasks:
            c["items"] += 1
            c["paged"] += it.page is not None
    return c


def report(name: str, totals: dict[str, int], docs: int) -> None:
    def share(a: str, b: str) -> str:
        return f"{totals[a]}/{totals[b]} ({100 * totals[a] / totals[b]:.1f}%)" if totals[b] else "-"

    print(f"{name}: {docs} documents")
    print(f"  targets placed {share('targets_placed', 'targets')}, re-read exactly {share('targets_exact', 'targets')}")
    print(f"  tasks   placed {share('tasks_placed', 'tasks')}, re-read exactly {share('tasks_exact', 'tasks')}")
    print(f"  measures placed {share('measures_placed', 'measures')}; PDF items with a page {share('paged', 'items')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--split")
    ap.add_argument("--cache")
    args = ap.parse_args()
    from pipeline.read import list_documents

    files = list_documents(args.folder)
    split = set()
    if args.split:
        split = {ln.strip() for ln in Path(args.split).read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.startswith("#")}
    rest = [f for f in files if f.name not in split]
    held = [f for f in files if f.name in split]
    if args.sample:
        step = max(1, len(rest) // args.sample)
        rest = rest[::step][:args.sample]
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    for name, group in (("rest", rest), ("held-out", held)):
        if not group:
            continue
        totals: dict[str, int] = {}
        docs = 0
        for f in group:
            rec = record_of(f, cache)
            if rec is None:
                continue
            docs += 1
            for k, v in count(rec, f.suffix.lower() == ".pdf").items():
                totals[k] = totals.get(k, 0) + v
        report(name, totals, docs)


if __name__ == "__main__":
    main()
