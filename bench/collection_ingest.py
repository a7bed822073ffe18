"""A whole collection into a fresh embedded store: is every file one Document, and do the
citations between its documents resolve?

    .venv/bin/python bench/collection_ingest.py ../shared/corpus-wide [--workers 1]
        [--save-records /tmp/x.jsonl | --records /tmp/x.jsonl]

Parses every file of CORPUS_DIR (or reads records saved by an earlier run), ingests them
into a temporary embedded store as ``policykg ingest`` does, and prints: readable files,
full Document nodes (must equal readable files, unless two files hold one document),
stubs, IMPLEMENTS edges to ingested documents, citations resolved vs stubs, and the
notes of documents kept apart under a shared title. With a MANIFEST.tsv (file, number,
title) in CORPUS_DIR it also checks the parents that name a collection document by its
true title: how many IMPLEMENTS reach that very file. Files listed in bench/heldout.txt
are counted apart.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.cli.parse_cmd import expand_paths  # noqa: E402
from pipeline.graph.embedded import EmbeddedStore  # noqa: E402
from pipeline.graph.identity import without_issuer  # noqa: E402
from pipeline.graph.ingest import ingest_records, parse_files  # noqa: E402
from pipeline.model import Record  # noqa: E402
from pipeline.parse.titles import normalise_title  # noqa: E402


def keys(title: str) -> set[str]:
    k = normalise_title(title)
    return {x for x in (k, without_issuer(k)) if x}


def load_records(args, files: list[str]) -> tuple[list[Record], list[str]]:
    if args.records:
        data = [json.loads(line) for line in Path(args.records).read_text("utf-8").splitlines() if line]
        failed = [d["failed"] for d in data if "failed" in d]
        return [Record.from_dict(d) for d in data if "failed" not in d], failed
    failed: list[str] = []
    records = list(parse_files(files, workers=args.workers, on_error=lambda e: failed.append(e.path)))
    if args.save_records:
        with open(args.save_records, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            for f in failed:
                fh.write(json.dumps({"failed": f}, ensure_ascii=False) + "\n")
    return records, failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--save-records", help="write the parsed records here (JSON lines)")
    ap.add_argument("--records", help="read records saved by --save-records instead of parsing")
    ap.add_argument("--true-titles", action="store_true",
                    help="give each document its MANIFEST.tsv title instead of the parsed one: "
                         "measures linking apart from title parsing")
    args = ap.parse_args()

    files = expand_paths([str(args.corpus)])
    heldout = {line.strip() for line in (REPO / "bench" / "heldout.txt").read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    t0 = time.perf_counter()
    records, failed = load_records(args, files)
    t_parse = time.perf_counter() - t0
    manifest = args.corpus / "MANIFEST.tsv"
    if args.true_titles:
        with open(manifest, encoding="utf-8") as fh:
            true = {row["file"]: row["title"] for row in csv.DictReader(fh, delimiter="\t")}
        for r in records:
            r.document.title = true.get(Path(r.document.source).name, r.document.title)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="policykg-collection-") as tmp, \
            EmbeddedStore(Path(tmp) / "store") as store:
        t1 = time.perf_counter()
        summary = ingest_records(store, records, on_note=notes.append)
        t_ingest = time.perf_counter() - t1
        full = store.run("MATCH (d:Document) WHERE d.stub = false RETURN d.id, d.source").rows
        n_stubs = store.run("MATCH (d:Document) WHERE d.stub = true RETURN count(d)").rows[0][0]
        impl = store.run("MATCH (a:Document)-[:IMPLEMENTS]->(p:Document) "
                         "RETURN a.source, p.source, p.stub").rows

    readable = len(files) - len(failed)
    print(f"files: {len(files)}, readable: {readable}, unreadable: {len(failed)}"
          f" ({', '.join(Path(f).name for f in failed[:10])})")
    print(f"full Document nodes: {len(full)} (readable files: {readable})")
    sources = {r[1] for r in full}
    missing = [r.document.source for r in records if r.document.source not in sources]
    for subset, name in ((lambda s: Path(s).name not in heldout, "rest"),
                         (lambda s: Path(s).name in heldout, "held-out")):
        n = sum(1 for r in records if subset(r.document.source))
        m = sum(1 for s in missing if subset(s))
        print(f"  {name}: {n} readable files, {m} without a Document node of their own")
    for s in missing[:10]:
        print(f"    merged into another file's node: {s}")
    print(f"stubs: {n_stubs}")
    print(f"IMPLEMENTS edges: {len(impl)}, to ingested documents: {sum(1 for r in impl if not r[2])}")
    print(summary.links.line() if summary.links else "links: not counted")
    print(f"citations relinked from stubs after the run: {summary.relinked}")
    print(f"documents kept apart under a title already held: {len(notes)}")
    for line in notes[:5]:
        print(f"    {line}")

    if manifest.exists():
        by_key: dict[str, set[str]] = defaultdict(set)
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                for k in keys(row["title"]):
                    by_key[k].add(row["file"])
        reached = defaultdict(set)
        for a, p, stub in impl:
            if not stub and p:
                reached[a].add(Path(p).name)
        counts = {"rest": [0, 0], "held-out": [0, 0]}
        misses = []
        for r in records:
            own = Path(r.document.source).name
            part = counts["held-out" if own in heldout else "rest"]
            for p in r.parents:
                want = set().union(*(by_key.get(k, set()) for k in keys(p.title)))
                if len(want) != 1 or own in want:
                    continue
                (target,) = want
                if str(args.corpus / target) in failed:
                    continue
                part[0] += 1
                if target in reached[r.document.source]:
                    part[1] += 1
                else:
                    misses.append(f"{own} -> 《{p.title}》 ({target})")
        true_keys = {}
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                true_keys[row["file"]] = keys(row["title"])
        cited = {r.document.source: set().union(*(keys(p.title) for p in r.parents)) if r.parents else set()
                 for r in records}
        suspect = [(a, p) for a, p, stub in impl if not stub and p
                   and not (true_keys.get(Path(p).name, set()) & cited.get(a, set()))]
        print(f"IMPLEMENTS to an ingested document whose true title no parent of the citing "
              f"document names: {len(suspect)}")
        for a, p in suspect[:10]:
            print(f"    {Path(a).name} -> {Path(p).name}")
        for name, (total, right) in counts.items():
            print(f"parents naming one collection file by its true title, citing file {name}: "
                  f"{total}, IMPLEMENTS that file: {right}")
        for line in misses[:10]:
            print(f"    not reached: {line}")
    print(f"seconds: parse {t_parse:.0f}, ingest {t_ingest:.1f}")


if __name__ == "__main__":
    main()
