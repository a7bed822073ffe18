"""Provenance coverage and exactness on a folder of documents (docs/provenance.md).

    .venv/bin/python bench/provenance.py DIR [--sample N] [--split LIST] [--cache DIR]

Parses each document (one process, one core), then counts the targets, tasks and measures
that have provenance (start/end and, for a PDF, a page) and those whose offsets re-read
exactly in the kept cleaned text: a target's ``value_text``, a task's text (which has no
newlines). Then the checks that a repeated value landed on its own occurrence: a target's
span lies inside an occurrence of its clause (``text``; a table target, inside its row), and
a task's target inside its task's span. For a PDF, that the first characters of each target,
task and measure are printed on the page given (the PDF's own page texts, white space ignored;
``printed_on``). ``--sample N`` takes every k-th file in name order; ``--split LIST`` (a
file of names, e.g. bench/heldout.txt) reports those files apart. ``--cache DIR`` keeps
each record's JSON there and reuses it.
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


def in_clause(text: str, start: int, end: int, clause: str) -> bool:
    """[start, end) lies inside an occurrence of ``clause`` (newlines ignored), or inside a table row."""
    from pipeline.parse.provenance import TextIndex
    from pipeline.read.tables import ROW_MARK

    line = text.rfind("\n", 0, start) + 1
    if text.startswith(ROW_MARK, line):
        return True
    idx = TextIndex(text[max(0, start - len(clause) - 50):end + len(clause) + 50])
    base = max(0, start - len(clause) - 50)
    got = idx.find(clause)
    while got is not None:
        if got[0] + base <= start and end <= got[1] + base:
            return True
        got = idx.find(clause, got[0] + 1)
    return False


def on_page(rec: Record, pages: list[str]) -> tuple[int, int]:
    squeezed = ["".join(p.split()).replace("\ufffe", "") for p in pages]  # U+FFFE: a glyph the reader drops
    ok = n = 0
    for it in rec.targets + rec.tasks + rec.measures:
        if it.page is None or it.start is None:
            continue
        n += 1
        ok += 0 < it.page <= len(squeezed) and printed_on(squeezed[it.page - 1], rec.text, it.start)
    return ok, n


def printed_on(page: str, text: str, start: int) -> bool:
    """The first characters at ``start`` (up to 8, within their line) are on ``page`` (white
    space taken out of both), or a page break falls inside them and the page ends with their head."""
    end = text.find("\n", start)
    probe = "".join(text[start:min(start + 8, len(text) if end < 0 else end)].split())
    return probe in page or any(page.endswith(probe[:k]) for k in range(2, len(probe)))


def count(rec: Record, pdf: bool) -> dict[str, int]:
    t = rec.text
    c = dict.fromkeys(("targets", "targets_placed", "targets_exact", "targets_in_clause", "tasks", "tasks_placed",
                       "tasks_exact", "measures", "measures_placed", "paged", "items", "page_ok", "page_checked",
                       "targets_in_task", "targets_in_task_ok"), 0)
    task_span = {(tk.measure, tk.section, tk.index): (tk.start, tk.end) for tk in rec.tasks if tk.start is not None}
    for tg in rec.targets:
        c["targets"] += 1
        if tg.task is not None and tg.start is not None:
            span = task_span.get((tg.measure, tg.section, tg.task))
            c["targets_in_task"] += 1
            c["targets_in_task_ok"] += bool(span and span[0] <= tg.start and tg.end <= span[1])
        if tg.start is not None:
            c["targets_placed"] += 1
            c["targets_exact"] += t[tg.start:tg.end] == tg.value_text
            c["targets_in_clause"] += in_clause(t, tg.start, tg.end, tg.text)
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
    print(f"  targets placed {share('targets_placed', 'targets')}, re-read exactly {share('targets_exact', 'targets')}, "
          f"inside their clause {share('targets_in_clause', 'targets')}; "
          f"a task's target inside the task {share('targets_in_task_ok', 'targets_in_task')}")
    print(f"  tasks   placed {share('tasks_placed', 'tasks')}, re-read exactly {share('tasks_exact', 'tasks')}")
    print(f"  measures placed {share('measures_placed', 'measures')}; PDF items with a page {share('paged', 'items')}, "
          f"printed on that page {share('page_ok', 'page_checked')}")


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
            pdf = f.suffix.lower() == ".pdf"
            got = count(rec, pdf)
            if pdf:
                from pipeline.read.pdf import pdf_pages

                got["page_ok"], got["page_checked"] = on_page(rec, pdf_pages(f))
            for k, v in got.items():
                totals[k] = totals.get(k, 0) + v
        report(name, totals, docs)


if __name__ == "__main__":
    main()
