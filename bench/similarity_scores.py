"""Best SIMILAR_TO scores for true parent/child document pairs against unrelated pairs.

    .venv/bin/python bench/similarity_scores.py RECORDS.jsonl [RECORDS.jsonl ...]
                     [--store DIR] [--unrelated N] [--seed S] [--ngram 3]

The records (``policykg parse DIR --format jsonl --workers 1``) are ingested into a fresh
embedded store (``--store``, default a temporary folder), so documents get the ids and the
IMPLEMENTS links ingest gives them. Then, for every measure of a document:

* **related**: its best score against each ingested ancestor (IMPLEMENTS followed
  transitively, as ``policykg similar`` does), split into direct parents and further ancestors;
* **siblings**: its best score against documents sharing an ingested ancestor with it
  (two provinces implementing one national plan), neither implementing the other;
* **unrelated**: its best score against documents linked to it by no IMPLEMENTS path either
  way and sharing no ingested ancestor (``--unrelated`` random such documents per document,
  default 3; seed fixed). Unlinked copies remain here (a city plan restating its province's
  without naming it): ``--show N`` prints the N best-scoring unrelated measures to see them.

It prints, for each set, the number of (measure, document) comparisons, percentiles of the
best score, and the share at or above each candidate threshold; then, per threshold, the
edges a document-ancestor pair gets on average against an unrelated pair. docs/similarity.md
holds the figures and the threshold chosen from them.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.graph.embedded import EmbeddedStore  # noqa: E402
from pipeline.graph.ingest import ingest_records, read_record_files  # noqa: E402
from pipeline.graph.similar_edges import (_DOCUMENTS, _IMPLEMENTS, _MEASURES, ancestors,  # noqa: E402
                                          measure_texts)
from pipeline.graph.similarity import jaccard, shingles  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def best_scores(child, parent, n):
    ps = [shingles(m.text, n) for m in parent]
    return [max((jaccard(shingles(m.text, n), p) for p in ps), default=0.0) for m in child]


def describe(name: str, scores: list[float], pairs: int) -> None:
    if not scores:
        print(f"{name}: none")
        return
    s = sorted(scores)
    pct = lambda q: s[min(len(s) - 1, int(q * len(s)))]  # noqa: E731
    share = "  ".join(f">={t:g}: {sum(x >= t for x in s) / len(s):6.1%}" for t in THRESHOLDS)
    print(f"{name}: {pairs} document pairs, {len(s)} measures; best score p50 {pct(.5):.3f} "
          f"p75 {pct(.75):.3f} p90 {pct(.9):.3f} p95 {pct(.95):.3f} p99 {pct(.99):.3f} max {s[-1]:.3f}")
    print(f"    {share}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("records", nargs="+")
    ap.add_argument("--store")
    ap.add_argument("--unrelated", type=int, default=3)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--ngram", type=int, default=3)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", metavar="LIST", help="count only documents whose source file is "
                    "listed in LIST (one name a line, # comments), e.g. bench/heldout.txt: their "
                    "ancestors and the documents compared with them may be any")
    a = ap.parse_args(argv)
    folder = Path(a.store) if a.store else Path(tempfile.mkdtemp(prefix="similarity-")) / "store"
    with EmbeddedStore(folder) as store:
        if not store.run(_DOCUMENTS).rows:
            ingest_records(store, read_record_files(a.records))
        docs = [r[0] for r in store.run(_DOCUMENTS).rows]
        implements = [(r[0], r[1]) for r in store.run(_IMPLEMENTS).rows]
        measures = measure_texts(store.run(_MEASURES).rows)
        sources = {r[0]: Path(r[1] or "").name for r in
                   store.run("MATCH (d:Document) RETURN d.id, d.source").rows}
    ingested = set(docs)
    counted = set(docs)
    if a.only:
        names = {l.strip() for l in Path(a.only).read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#")}
        counted = {d for d in docs if sources.get(d) in names}
    parents = defaultdict(set)
    for c, p in implements:
        parents[c].add(p)
    by_doc = defaultdict(list)
    for m in measures:
        by_doc[m.document].append(m)
    with_measures = sorted(d for d in ingested if by_doc[d])
    linked = defaultdict(set)
    direct, further, unrelated, siblings = [], [], [], []
    n_direct = n_further = n_unrelated = n_siblings = 0
    ups_of = {d: [u for u in ancestors(d, parents, ingested) if by_doc[u]] for d in with_measures}
    for d in with_measures:
        for u in ups_of[d]:
            if d not in counted:
                linked[d].add(u)
                linked[u].add(d)
                continue
            linked[d].add(u)
            linked[u].add(d)
            if u in parents[d]:
                direct += best_scores(by_doc[d], by_doc[u], a.ngram)
                n_direct += 1
            else:
                further += best_scores(by_doc[d], by_doc[u], a.ngram)
                n_further += 1
    rng = random.Random(a.seed)
    shown = []
    for d in with_measures:
        if d not in counted:
            continue
        others = [o for o in with_measures if o != d and o not in linked[d]]
        kin = [o for o in others if set(ups_of[d]) & set(ups_of[o])]
        for o in kin:
            siblings += best_scores(by_doc[d], by_doc[o], a.ngram)
            n_siblings += 1
        others = [o for o in others if o not in kin]
        for o in rng.sample(others, min(a.unrelated, len(others))):
            got = best_scores(by_doc[d], by_doc[o], a.ngram)
            unrelated += got
            n_unrelated += 1
            shown += [(s, m.text[:60], o) for s, m in zip(got, by_doc[d])]
    print(f"{len(ingested)} documents ingested ({len(counted)} counted), {len(with_measures)} with measures, "
          f"{len(measures)} measures, {len(implements)} IMPLEMENTS links from ingested documents; "
          f"character {a.ngram}-grams")
    describe("direct parent", direct, n_direct)
    describe("further ancestor", further, n_further)
    describe("siblings", siblings, n_siblings)
    describe("unrelated", unrelated, n_unrelated)
    for s, text, o in sorted(shown, reverse=True)[:a.show]:
        print(f"    {s:.3f} {text} | best in {o}")
    print("edges per document pair at each threshold (related = parent or further ancestor):")
    related = direct + further
    n_related = n_direct + n_further
    for t in THRESHOLDS:
        r = sum(x >= t for x in related) / max(n_related, 1)
        u = sum(x >= t for x in unrelated) / max(n_unrelated, 1)
        print(f"    >= {t:g}: related {r:5.2f}, unrelated {u:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
