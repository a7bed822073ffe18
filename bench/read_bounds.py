"""What reading each PDF of a folder costs in the bounded child: memory added and processor time.

    .venv/bin/python bench/read_bounds.py DIR [--exclude LIST | --only LIST] [--top N]

Each PDF is read as ``policykg parse`` reads it (``read_pdf_text``: a forked child per
document, ``pipeline.read.bounded``), with the limits raised far out of the way so that
nothing is refused, and scanned pages rendered but not recognised (a recogniser that
returns no lines stands in for OCR, which runs in the parent and is not bounded here).
It prints the largest memory added (peak resident memory of the child above its parent's
at the fork) and the longest processor time, and the ``--top`` files for each, beside
the defaults of ``POLICYKG_MAX_MEMORY_MB`` / ``POLICYKG_MAX_READ_SECONDS`` (the share of
one of two workers and the whole): the defaults must leave room over every genuine PDF.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.errors import PolicykgError  # noqa: E402
from pipeline.read import bounded, limits, ocr  # noqa: E402
from pipeline.read.pdf import read_pdf_text  # noqa: E402


class _Blind:
    name = "none"

    def lines(self, image):  # noqa: ARG002 - the page was rendered; recognising it is not measured
        return []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--exclude", help="a file of names (one a line) to leave out")
    ap.add_argument("--only", help="a file of names (one a line) to measure alone")
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()
    os.environ[limits.MAX_MEMORY_ENV] = "100000"
    os.environ[limits.MAX_READ_SECONDS_ENV] = "3600"
    ocr.get_engine = lambda path: _Blind()  # type: ignore[assignment]
    ocr.engine_choice = lambda: "rapidocr"  # type: ignore[assignment]

    def names(f):
        return {Path(x.strip()).name for x in Path(f).read_text(encoding="utf-8").splitlines() if x.strip()}

    files = sorted(Path(args.folder).glob("*.pdf"))
    if args.exclude:
        files = [f for f in files if f.name not in names(args.exclude)]
    if args.only:
        files = [f for f in files if f.name in names(args.only)]
    rows = []
    for f in files:
        if f.stat().st_size == 0:
            continue
        try:
            got = read_pdf_text(f)
        except PolicykgError as exc:
            print(f"refused: {exc}", file=sys.stderr)
            continue
        use = bounded.last_usage
        rows.append((use.added_mb, use.cpu_seconds, len(got.pages), got.ocr_pages, f.name))
    print(f"{len(rows)} PDFs read")
    budget = limits.DEFAULT_MAX_MEMORY_MB
    print(f"memory added: max {max(r[0] for r in rows):.0f} MB (default budget {budget} MB, "
          f"{budget // 2} MB each of 2 workers)")
    for r in sorted(rows, reverse=True)[:args.top]:
        print(f"  {r[0]:7.0f} MB {r[1]:6.1f} s {r[2]:4d} pages {r[3]:3d} scans  {r[4]}")
    print(f"processor time: max {max(r[1] for r in rows):.1f} s (default {limits.DEFAULT_MAX_READ_SECONDS} s)")
    for r in sorted(rows, key=lambda r: -r[1])[:args.top]:
        print(f"  {r[0]:7.0f} MB {r[1]:6.1f} s {r[2]:4d} pages {r[3]:3d} scans  {r[4]}")


if __name__ == "__main__":
    main()
