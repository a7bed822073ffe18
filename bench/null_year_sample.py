"""A seeded sample of targets with no year, with the text round each, to classify by hand.

    policykg parse ../shared/corpus-wide --format jsonl --workers 1 > recs.jsonl
    python bench/null_year_sample.py recs.jsonl [--exclude bench/heldout.txt] [--n 220] [--per-doc 6] [--seed 15] [--all]

Draws from the records not listed in ``--exclude`` (the held-out set stays unread): every target
with ``year`` null, in file and target order, shuffled with ``random.Random(seed)``, taking at most
``--per-doc`` from one document until ``--n`` are drawn. For each it prints the document, its
section and measure headings, the two paragraphs before and the paragraph itself with the value
in 【】 (the record's ``text`` and the target's ``paragraph``/``start``/``end``), so that it can
be classified: (a) no year in force per the annotation rules, (b) a year in force that was lost,
(c) not a target. With ``--weights`` it prints, per document, how many null-year targets it has
and how many were drawn, for a share weighted back to the collection.

With ``--all`` every target is in the pool, dated or not (a precision sample: each target classed
true, not a target, or true with a wrong field); each line shows the year, comparator and kind too.

The classification of the sample drawn at 1213470 (220 targets, 70 documents) and the ceiling it
gives are in ``bench/PARSER_QUALITY.md`` ("Targets with no year: a sample").
"""
from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path


def listed(path: str) -> set[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def draw(records: list[dict], n: int, per_doc: int, seed: int, every: bool = False) -> list[tuple[int, int]]:
    """(record index, target index) of the sample: of the null-year targets, or of all with ``every``."""
    pool = [(i, k) for i, r in enumerate(records) for k, t in enumerate(r["targets"]) if every or t["year"] is None]
    random.Random(seed).shuffle(pool)
    taken, count = [], collections.Counter()
    for i, k in pool:
        if count[i] < per_doc:
            taken.append((i, k))
            count[i] += 1
        if len(taken) == n:
            break
    return taken


def show(no: int, r: dict, t: dict) -> str:
    lines = r["text"].split("\n")
    p = t["paragraph"]
    off = t["start"] - sum(len(x) + 1 for x in lines[:p])
    line = lines[p]
    size = t["end"] - t["start"]
    marked = line[:off] + "【" + line[off:off + size] + "】" + line[off + size:]
    heads = {("s", s["index"]): s["title"] for s in r["sections"]} | {("m", m["index"]): m["title"] for m in r["measures"]}
    out = [f"#{no} {Path(r['document']['source']).name} | date={r['document']['date']} | "
           f"section={heads.get(('s', t['section'])) or ''} | measure={heads.get(('m', t['measure'])) or ''} | "
           f"{t['indicator']} = {t['value']} {t['unit']} | year={t['year']} {t['comparator']} {t['kind']}"]
    out += ["   < " + lines[q][-160:] for q in range(max(0, p - 2), p)]
    out.append("   > " + marked[max(0, off - 300):off + 100])
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records")
    ap.add_argument("--exclude", default=None)
    ap.add_argument("--n", type=int, default=220)
    ap.add_argument("--per-doc", type=int, default=6)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--weights", action="store_true")
    ap.add_argument("--all", action="store_true", help="sample every target, not only those with no year")
    args = ap.parse_args()
    skip = listed(args.exclude) if args.exclude else set()
    records = [r for r in (json.loads(x) for x in open(args.records, encoding="utf-8"))
               if Path(r["document"]["source"]).name not in skip]
    taken = draw(records, args.n, args.per_doc, args.seed, args.all)
    if args.weights:
        drawn = collections.Counter(i for i, _ in taken)
        for i in sorted(drawn):
            nulls = sum(args.all or t["year"] is None for t in records[i]["targets"])
            print(f"{Path(records[i]['document']['source']).name}\t{nulls}\t{drawn[i]}")
        return
    for no, (i, k) in enumerate(taken):
        print(show(no, records[i], records[i]["targets"][k]))


if __name__ == "__main__":
    main()
