"""Load speed of the embedded store (LadybugDB): synthetic documents, timed.

    .venv/bin/python bench/embedded_load.py [--docs 100] [--batch 32]

Each synthetic document has 5 sections, 20 measures, 40 tasks with 2 agencies
each (from a pool of 300), 20 targets over 150 indicators, 2 parents and 2
references: 106 own nodes and ~190 relationships. Prints nodes, relationships,
seconds and the rate, for a first load and for re-ingesting every document.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.model import AgencyRole, DocRef, DocumentMeta, Measure, Record, Section, Target, Task


def synthetic(i: int, n_docs: int, rng: random.Random) -> Record:
    sections = [Section(index=s, number=f"{s}、", title=f"第{s}部分") for s in range(1, 6)]
    measures = [Measure(index=m, section=(m - 1) // 4 + 1, number=f"（{m}）", title=f"措施{m}",
                        text="推进重点行业清洁化改造，" * 5) for m in range(1, 21)]
    tasks = [Task(measure=m, index=t, text=f"任务{m}-{t}：加强监管，完善机制。",
                  agencies=[AgencyRole(mention=f"市局{a}", name=f"测试市第{a}局", role=rng.choice(
                      ["lead", "shared", "support", "implement"])) for a in rng.sample(range(300), 2)])
             for m in range(1, 21) for t in (1, 2)]
    targets = [Target(measure=m, task=1, indicator=f"指标{rng.randrange(150)}（测试）", value=rng.random() * 100,
                      unit="%", kind="level", direction=None, comparator=">=", year=2025, baseline_year=None,
                      value_text="50%") for m in range(1, 21)]
    parents = [DocRef(title=f"合成文件第{p}号", level="provincial") for p in rng.sample(range(n_docs), 2) if p != i]
    refs = [DocRef(title=f"被引文件第{rng.randrange(50)}号", measure=rng.randint(1, 20)) for _ in range(2)]
    return Record(document=DocumentMeta(title=f"合成文件第{i}号", level="city", region="测试市",
                                        source=f"doc{i}.txt"),
                  parents=parents, references=refs, sections=sections, measures=measures, tasks=tasks,
                  targets=targets)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    rng = random.Random(1)
    items = [(record_document_id(r), build_document_graph(r))
             for r in (synthetic(i, args.docs, rng) for i in range(args.docs))]
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
        for label in ("first load", "re-ingest"):
            start = time.perf_counter()
            for k in range(0, len(items), args.batch):
                store.replace_documents(items[k:k + args.batch])
            store.checkpoint()
            secs = time.perf_counter() - start
            stats = store.stats()
            n = sum(stats["nodes"].values())
            r = sum(stats["relationships"].values())
            print(f"{label}: {args.docs} documents, {n} nodes, {r} relationships in {secs:.2f} s "
                  f"(batch {args.batch}: {args.docs / secs:.0f} documents/s, {(n + r) / secs:.0f} rows/s)")


if __name__ == "__main__":
    main()
