"""A real collection end to end: `parse DIR` and `ingest DIR` beside the floors of reading and segmenting.

    .venv/bin/python bench/collection_scale.py DIR [--repeat 1 4] [--workers 2] [--out FILE.md]

DIR is a folder of PDFs (e.g. ../shared/corpus-wide). Empty files are left out. In one
run, for each ``--repeat`` k, a scratch folder holding k symlinked copies of each PDF:

- floor of reading: pypdfium2's bare text extraction of every page (the library our
  PDF reader is built on), in this process;
- floor of segmenting: ``jieba.lcut`` of that text (dictionary loading timed apart);
- ``policykg parse DIR --format jsonl --workers N`` as a child process (its output to
  /dev/null), wall seconds and the peak resident memory of its processes;
- ``policykg ingest DIR --workers N`` into a new embedded store: copies of one file are the
  same document, so at k > 1 this is a first ingest followed by k - 1 re-ingests of each
  document (what a researcher who ingests a folder again gets), parsing included;
- ``policykg ingest --records FILE`` of the parse output into another new store, with copy
  i > 0 retitled （副本i）, so that k copies are k x distinct documents: the store's side at
  k times the collection.

Documents/s and MB/s (of PDF bytes) are printed side by side as a Markdown table, with
each command's time as a ratio of the floors measured in the same run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLICYKG = str(Path(sys.executable).with_name("policykg"))


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".pdf" and p.stat().st_size > 0)


def extract(files: list[Path]) -> tuple[float, list[str]]:
    import pypdfium2 as pdfium

    texts = []
    t0 = time.perf_counter()
    for f in files:
        try:
            doc = pdfium.PdfDocument(str(f))
        except pdfium.PdfiumError:
            texts.append("")
            continue
        parts = []
        for i in range(len(doc)):
            page = doc[i]
            parts.append(page.get_textpage().get_text_range())
        texts.append("\n".join(parts))
        doc.close()
    return time.perf_counter() - t0, texts


def segment(texts: list[str]) -> tuple[float, float]:
    import jieba

    t0 = time.perf_counter()
    jieba.initialize()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return load, time.perf_counter() - t0


def child(args: list[str], out: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a policykg command run to its end (its output to ``out``)."""
    code = ("import resource, subprocess, sys, time\n"
            "t0 = time.perf_counter()\n"
            "sink = open(sys.argv[1], 'wb') if sys.argv[1] else subprocess.DEVNULL\n"
            "rc = subprocess.call(sys.argv[2:], stdout=sink, stderr=subprocess.DEVNULL)\n"
            "print(rc, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code, str(out or ""), POLICYKG, *args], capture_output=True, text=True,
                         check=True).stdout.split()
    if out[0] != "0":
        raise SystemExit(f"policykg {' '.join(args)} exited {out[0]}")
    return float(out[1]), int(out[2]) / 1024


def retitled(records: Path, dest: Path) -> Path:
    """The parse output with each copy's title made its own: c{i}-… gets （副本i） for i > 0."""
    import json

    with records.open(encoding="utf-8") as src, dest.open("w", encoding="utf-8") as out:
        for line in src:
            rec = json.loads(line)
            doc = rec["document"]
            copy = Path(doc["source"]).name.split("-", 1)[0][1:]
            if copy != "0" and doc.get("title"):
                doc["title"] += f"（副本{copy}）"
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return dest


def copies(files: list[Path], k: int, where: Path) -> Path:
    folder = where / f"x{k}"
    folder.mkdir()
    for i in range(k):
        for f in files:
            (folder / f"c{i}-{f.name}").symlink_to(f.resolve())
    return folder


def table(rows: list[tuple], files: list[Path], a: argparse.Namespace) -> str:
    mb = sum(f.stat().st_size for f in files) / 1e6
    lines = [
        f"{len(files)} PDFs of {a.dir.name} ({mb:.1f} MB), {a.workers} workers; "
        "floors measured in this process, once per scale (times k for k copies).",
        "",
        "| scale | documents | MB | characters | pypdfium2 text s | jieba.lcut s | `parse DIR` s | docs/s | MB/s "
        "| parse ÷ pypdfium2 | parse ÷ jieba | parse peak MB | `ingest DIR` s | ingest peak MB "
        "| `ingest --records` (distinct) s | docs/s | records peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: |",
    ]
    for k, n, m, chars, ext_s, seg_s, parse_s, parse_mb, ingest, recs in rows:
        ing = f"{ingest[0]:.1f} | {ingest[1]:.0f}" if ingest else "— | —"
        lines.append(f"| {k}× | {n} | {m:.1f} | {chars:,} | {ext_s:.1f} | {seg_s:.1f} | {parse_s:.1f} | "
                     f"{n / parse_s:.2f} | {m / parse_s:.2f} | {parse_s / ext_s:.2f} | {parse_s / seg_s:.2f} | "
                     f"{parse_mb:.0f} | {ing} | {recs[0]:.1f} | {n / recs[0]:.1f} | {recs[1]:.0f} |")
    return "\n".join(lines) + "\n"


def write(rows: list[tuple], files: list[Path], a: argparse.Namespace) -> None:
    text = table(rows, files, a)
    print(text, flush=True)
    if a.out:
        a.out.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--repeat", type=int, nargs="+", default=[1])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--ingest-dir-max", type=int, default=None,
                    help="run `ingest DIR` only at scales up to this one (it parses again: the longest step)")
    a = ap.parse_args()
    files = pdfs(a.dir)
    if not files:
        raise SystemExit(f"no PDF in {a.dir}")
    mb = sum(f.stat().st_size for f in files) / 1e6
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in a.repeat:
            folder = copies(files, k, Path(tmp))  # the readable PDFs only (parse exits 2 on an empty one)
            ext_s, texts = extract(files)
            ext_s *= k
            _, seg_s = segment(texts)
            seg_s *= k
            chars = sum(map(len, texts)) * k
            jsonl = Path(tmp) / f"x{k}.jsonl"
            parse_s, parse_mb = child(["parse", str(folder), "--format", "jsonl", "--workers", str(a.workers)],
                                      out=jsonl)
            recs = child(["ingest", "--records", str(retitled(jsonl, Path(tmp) / f"x{k}-titled.jsonl")),
                          "--store", str(Path(tmp) / f"records{k}")])
            rows.append((k, len(files) * k, mb * k, chars, ext_s, seg_s, parse_s, parse_mb, None, recs))
            write(rows, files, a)  # after each step, so a long run's first figures are kept
            if a.ingest_dir_max is None or k <= a.ingest_dir_max:
                ingest = child(["ingest", str(folder), "--store", str(Path(tmp) / f"store{k}"),
                                "--workers", str(a.workers)])
                rows[-1] = rows[-1][:8] + (ingest, recs)
                write(rows, files, a)


if __name__ == "__main__":
    main()
