"""Indicator-table coverage of a folder of PDFs: tables the text shows, rows the reader found, targets they gave.

    python bench/table_coverage.py CORPUS_DIR [--files LIST] [--exclude bench/heldout.txt] [--only-listed]

For each PDF (page by page, raw pdfium text):

* ``expected``: lines that look like an indicator table's row — ending in 约束性 / 预期性 (a
  footnote marker aside) with a digit on the line — on pages that also name 指标 and 属性 (or
  a year / 目标值 column); a document with at least 2 such lines "has a table";
* ``rows``: table rows the reader wrote (``pipeline.read.tables``: lines opened by ␞, headers aside);
* ``targets``: targets ``pipeline.parse.tables.table_targets`` takes from those rows.

Prints one line per file and totals, files listed in ``--exclude`` (the held-out set) apart:
run it with ``--exclude`` for the figures to tune on and ``--only-listed`` for the held-out ones.

Figures (2 December, ``POLICYKG_OCR=off``, about 25 s for the 192 files not held out), before the
layout rules of h-tables2 (71f3bf4) → after:

* not held out (186 readable): 29 documents with a table; 13 → 27 detected; 481 row-like lines;
  rows read 127 → 404; targets from rows 79 → 210; documents without a table given rows: 0 → 0.
* held out (45 readable, measured only, totals only): 8 with a table; 3 → 4 detected; 118 row-like
  lines; rows read 20 → 81; targets from rows 9 → 52.

Then (2 December, same settings, about 35 s), after the row rules of h-tables (tall rows read cell by
cell, lines joined to the row they stand nearer, labels left of the names, spanning header headings,
sub-rows, 参考性) → figures from 1213470 → now:

* not held out: 27 → 28 of 29 detected; rows read 404 → 703; targets from rows 210 → 354; documents
  without a table given rows: 0 → 0.
* held out (measured only, totals only): 4 → 5 of 8 detected; rows read 81 → 97; targets from rows
  52 → 62; documents without a table given rows: 0 → 0.

Then (2 December, same settings), after the span rules of h-tables (cells merged over two rows, cells
and names centred on their rows, three levels, headings across the table, notes in cells, 达标情况 and
dated 完成情况 columns; ``bench/PARSER_QUALITY.md``, "Indicator tables") → bbc26fa → now:

* not held out: 28 of 29 detected; rows read 703 → 702; targets from rows 354 → 353 (19 of the 354 were
  十三五 targets of a 达标情况 review, now none: 335 → 353 for tables looking ahead); documents without
  a table given rows: 0 → 0.
* held out (measured only, totals only): 5 of 8 detected; rows read 97 → 97; targets from rows 62 → 63.

One document not held out still reads no table (its 3 row-like lines are a 十三五 review's, and its
十四五 table, on pages the measure does not count, has no header in the text layer); ``expected`` counts lines of every table ending in an attribute, review
tables (完成情况, no targets by the second edition) included, and ``rows`` counts sub-rows, so rows may
pass it.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2 as pdfium  # noqa: E402

from pipeline.errors import InputError  # noqa: E402
from pipeline.parse.tables import extract_tables, table_targets  # noqa: E402
from pipeline.read.pdf import read_pdf_text  # noqa: E402
from pipeline.read.tables import ROW_MARK  # noqa: E402

_ROW_END = re.compile(r"(?:约束性|预期性)\s*[①-⑳*＊]?\s*$")
_PAGE_GATE = re.compile(r"指标")
_PAGE_GATE2 = re.compile(r"属性|(?:19|20)\d{2}\s*年|目标值")


def expected_rows(path: Path) -> int:
    """Lines of the raw text that look like indicator-table rows (see the module doc)."""
    n = 0
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0  # read_pdf_text gives the one-line error
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            text = tp.get_text_range() or ""
            tp.close()
            page.close()
            if not (_PAGE_GATE.search(text) and _PAGE_GATE2.search(text)):
                continue
            n += sum(1 for ln in text.splitlines() if _ROW_END.search(ln) and re.search(r"\d", ln))
    finally:
        doc.close()
    return n


def measure(path: Path) -> tuple[int, int, int, int]:
    """(expected rows, tables read, rows read, targets from rows) of one PDF."""
    exp = expected_rows(path)
    pages = read_pdf_text(path).pages
    paragraphs = [p for page in pages for p in page.split("\n")]
    _, tables = extract_tables([p for p in paragraphs if p.strip()])
    rows = sum(len(t.rows) for t in tables)
    targets = sum(len(table_targets(t, None, None)) for t in tables)
    return exp, len(tables), rows, targets


def _names(path: str | None) -> set[str]:
    if not path:
        return set()
    return {ln.strip() for ln in Path(path).read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--files", help="a file of names (one a line) to measure, instead of every PDF")
    ap.add_argument("--exclude", help="a file of names (held-out) reported apart")
    ap.add_argument("--only-listed", action="store_true", help="measure only the files of --exclude")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    held = _names(a.exclude)
    wanted = _names(a.files)
    files = sorted(p for p in corpus.glob("*.pdf") if (not wanted or p.name in wanted))
    files = [p for p in files if (p.name in held) == a.only_listed] if held else files
    totals = {"docs": 0, "with_table": 0, "detected": 0, "expected": 0, "rows": 0, "targets": 0}
    print("expected\ttables\trows\ttargets\tfile")
    for p in files:
        try:
            exp, nt, rows, tg = measure(p)
        except InputError as exc:
            print(f"-\t-\t-\t-\t{p.name}\t({exc})")
            continue
        totals["docs"] += 1
        if exp >= 2:
            totals["with_table"] += 1
            totals["detected"] += rows > 0
        totals["expected"] += exp
        totals["rows"] += rows
        totals["targets"] += tg
        flag = "  MISSED" if exp >= 2 and rows == 0 else ""
        print(f"{exp}\t{nt}\t{rows}\t{tg}\t{p.name}{flag}", flush=True)
    part = "held-out" if a.only_listed else ("non-held-out" if held else "all")
    print(f"# {part}: {totals['docs']} documents, {totals['with_table']} with an indicator table, "
          f"{totals['detected']} of them detected; {totals['expected']} row-like lines, "
          f"{totals['rows']} rows read, {totals['targets']} targets from rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
