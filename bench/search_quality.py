"""How well and how fast `policykg search` finds a known task, on the embedded store (or Neo4j).

    python bench/search_quality.py RECORDS.jsonl [--tasks 200] [--neo4j-uri URI]

RECORDS.jsonl is what `policykg parse DIR --format jsonl` printed. The records are ingested
into a fresh embedded store in a temporary folder (or, with --neo4j-uri, into that Neo4j
server, EMPTIED first: a scratch server only; NEO4J_USER/NEO4J_PASSWORD as for the CLI).
Then, for every k-th task (up to --tasks), a query is made from its own text: three
consecutive jieba words of two or more characters from its middle, separated by spaces,
as a researcher who remembers a phrase would type it. Reported: the share of those tasks
found first (success@1), found first or after its own measure, whose text holds the
task's (task_or_its_measure_at_1), and among the first 10 hits (success@10), the median and 95th
percentile time of one search, and the time to build the graphs of the records with and
without ``searchText`` (the indexing cost at ingest).

Figures (embedded store; 2 cores shared with seven other jobs, so times are loose; 2 December
2026). Sample: every 6th corpus-wide PDF not held out (31 files, 30 parsed: one is empty).
Held-out: the 47 PDFs of bench/heldout.txt (45 parsed), used to measure only.

    store     set       records  tasks=queries  @1     task|measure@1  @10    search ms median/p95  build s without/with searchText
    embedded  sample    30       162            0.636  0.710           0.951  301 / 520             0.9 / 5.1
    embedded  held-out  45       189            0.646  0.725           0.963  274 / 491             0.7 / 6.1
    neo4j     sample    30       162            0.556  0.710           0.944  122 / 247             (the same graphs)
    neo4j     held-out  45       189            0.524  0.735           0.952   41 / 157

(Neo4j before its title and indicator fields were weighted a tenth of the text, on the sample:
0.352, 0.506, 0.852; the weight was chosen on the sample only.)

A miss at 1 is mostly the task's own measure ranked first (its text holds the task's) or a
sibling task repeating the same phrase; the cost at ingest is jieba cutting every sentence of
every measure once (``pipeline/graph/search_text.py`` remembers the words of each sentence, so a
task's sentences, repeated in its measure and targets, are cut once).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.graph import build as build_mod  # noqa: E402
from pipeline.graph.build import build_graph  # noqa: E402
from pipeline.graph.ingest import ingest_records  # noqa: E402
from pipeline.graph.search import search  # noqa: E402
from pipeline.graph.search_text import _jieba  # noqa: E402
from pipeline.model import Record  # noqa: E402


def load(path: Path) -> list[Record]:
    return [Record.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def phrase(text: str, n: int = 3) -> str | None:
    """``n`` consecutive words of two or more characters from the middle of ``text``."""
    words = [w for w in _jieba().cut(text, HMM=False) if len(w) >= 2 and w.strip() and w.isalnum()]
    if len(words) < n:
        return None
    mid = max(0, len(words) // 2 - n // 2)
    return " ".join(words[mid:mid + n])


def build_seconds(records: list[Record], with_search: bool) -> float:
    keep = build_mod.search_text
    if not with_search:
        build_mod.search_text = lambda *parts: None
    try:
        t = time.perf_counter()
        build_graph(records)
        return time.perf_counter() - t
    finally:
        build_mod.search_text = keep


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", type=Path)
    ap.add_argument("--tasks", type=int, default=200)
    ap.add_argument("--neo4j-uri", default=None)
    args = ap.parse_args()
    records = load(args.records)
    build_seconds(records[:1], True)  # load jieba's dictionary outside the timings
    plain, indexed = build_seconds(records, False), build_seconds(records, True)
    with tempfile.TemporaryDirectory(prefix="policykg-search-bench-") as tmp:
        if args.neo4j_uri:
            from pipeline.graph.neo4j_store import open_neo4j

            store = open_neo4j(args.neo4j_uri)
            store.run("MATCH (n) DETACH DELETE n")
        else:
            from pipeline.graph.embedded import EmbeddedStore

            store = EmbeddedStore(Path(tmp) / "store")
        with store:
            ingest_records(store, records)
            tasks = store.run("MATCH (t:Task) RETURN t.id AS id, t.text AS text ORDER BY id",
                              read_only=True).as_dicts()
            # the measure holding a task (…/m3/t2 -> …/m3) repeats its text: finding it counts too
            measure_of = {t["id"]: t["id"].rsplit("/", 1)[0] for t in tasks}
            step = max(1, len(tasks) // args.tasks)
            picked = [(t["id"], phrase(t["text"] or "")) for t in tasks[::step]][:args.tasks]
            picked = [(i, q) for i, q in picked if q]
            at1 = at10 = held1 = 0
            times = []
            for task_id, query in picked:
                t = time.perf_counter()
                hits = search(store, query, limit=10)
                times.append(time.perf_counter() - t)
                ids = [h.id for h in hits]
                at1 += bool(ids) and ids[0] == task_id
                held1 += bool(ids) and ids[0] in (task_id, measure_of[task_id])
                at10 += task_id in ids
    n = len(picked)
    times.sort()
    print(json.dumps({
        "records": len(records), "tasks_in_store": len(tasks), "queries": n,
        "success_at_1": round(at1 / n, 3) if n else None,
        "task_or_its_measure_at_1": round(held1 / n, 3) if n else None, "success_at_10": round(at10 / n, 3) if n else None,
        "search_ms_median": round(1000 * statistics.median(times), 1) if times else None,
        "search_ms_p95": round(1000 * times[int(0.95 * (len(times) - 1))], 1) if times else None,
        "build_s_without_searchText": round(plain, 2), "build_s_with_searchText": round(indexed, 2),
        "store": "neo4j" if args.neo4j_uri else "embedded",
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
