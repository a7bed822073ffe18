"""Compare the OCR engines (RapidOCR on onnxruntime, Tesseract chi_sim) on real policy PDFs.

    .venv/bin/python bench/ocr_engines.py CORPUS_DIR [--pages 24] [--out bench/OCR.md]

Accuracy needs a reference, and scans have none; so pages that DO have a text layer are rendered
to images exactly as a scan is (the reader's own render, grayscale, 144 dpi), read by each engine,
and compared with their text layer: character similarity of the white-space-free, NFKC-folded
texts (difflib ratio), and the share of the reference's characters recovered.  The sampled pages
are the first text page of evenly spaced files of CORPUS_DIR, never files of bench/heldout.txt.
Then the image-only pages of the collection (the pages the reader sends to OCR) are read by each
engine and timed.  Times are wall seconds per page on this machine, both engines in one run.
"""
from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from pipeline.read import ocr  # noqa: E402
from pipeline.read.pdf import _page_text, needs_ocr, ocr_page_text  # noqa: E402


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _heldout() -> set[str]:
    path = REPO / "bench" / "heldout.txt"
    return {ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")}


def _pdfs(corpus: Path) -> list[Path]:
    held = _heldout()
    return [p for p in sorted(corpus.glob("*.pdf")) if p.name not in held and p.stat().st_size > 0]


def _engines() -> dict[str, ocr.OcrEngine]:
    out: dict[str, ocr.OcrEngine] = {}
    try:
        out["rapidocr"] = ocr.RapidOcr()
    except ImportError as exc:
        print(f"rapidocr not installed ({exc}); pip install rapidocr-onnxruntime", file=sys.stderr)
    try:
        out["tesseract"] = ocr._engine("tesseract")
    except FileNotFoundError:
        print("tesseract not installed; apt-get install tesseract-ocr tesseract-ocr-chi-sim", file=sys.stderr)
    return out


def sample_text_pages(pdfs: list[Path], n: int) -> list[tuple[Path, int]]:
    step = max(1, len(pdfs) // n)
    picked = []
    for path in pdfs[::step][:n]:
        doc = pdfium.PdfDocument(str(path))
        try:
            for i in range(min(len(doc), 4)):
                tp = doc[i].get_textpage()
                text = tp.get_text_range()
                tp.close()
                if len(_fold(text)) >= 300:
                    picked.append((path, i))
                    break
        finally:
            doc.close()
    return picked


def scanned_pages(pdfs: list[Path], limit: int) -> list[tuple[Path, int]]:
    found = []
    for path in pdfs:
        doc = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                if needs_ocr(_page_text(tp), page):
                    found.append((path, i))
                tp.close()
                page.close()
        finally:
            doc.close()
        if len(found) >= limit:
            break
    return found


def _read(path: Path, index: int, engine: ocr.OcrEngine) -> tuple[str, float]:
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        start = time.perf_counter()
        text = ocr_page_text(page, engine)
        return text, time.perf_counter() - start
    finally:
        doc.close()


def _reference(path: Path, index: int) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        tp = doc[index].get_textpage()
        try:
            return tp.get_text_range()
        finally:
            tp.close()
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pages", type=int, default=24, help="text pages to score (default 24)")
    ap.add_argument("--scans", type=int, default=12, help="image-only pages to time (default 12)")
    ap.add_argument("--out", type=Path, help="also write the markdown report here")
    args = ap.parse_args(argv)
    engines = _engines()
    if not engines:
        return 1
    pdfs = _pdfs(args.corpus)
    pages = sample_text_pages(pdfs, args.pages)
    scores: dict[str, list[tuple[float, float, float]]] = {name: [] for name in engines}
    for path, index in pages:
        ref = _fold(_reference(path, index))
        for name, engine in engines.items():
            text, secs = _read(path, index, engine)
            got = _fold(text)
            matcher = difflib.SequenceMatcher(None, ref, got, autojunk=False)
            recovered = sum(b.size for b in matcher.get_matching_blocks()) / max(1, len(ref))
            scores[name].append((matcher.ratio(), recovered, secs))
    scans = scanned_pages(pdfs, args.scans)
    scan_times: dict[str, list[tuple[int, float]]] = {name: [] for name in engines}
    for path, index in scans:
        for name, engine in engines.items():
            text, secs = _read(path, index, engine)
            scan_times[name].append((len(_fold(text)), secs))
    lines = [
        f"# OCR engines on {args.corpus.name}",
        "",
        f"{len(pages)} text pages rendered as scans (144 dpi, grayscale) and scored against their text layer; "
        f"{len(scans)} image-only pages timed. Wall seconds per page, both engines in one run.",
        "",
        "| engine | similarity (median) | reference chars recovered (median) | s/page, text pages (median) "
        "| chars/page, image pages (median) | s/page, image pages (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in engines:
        s = scores[name]
        t = scan_times[name]
        lines.append(
            f"| {name} | {statistics.median(x[0] for x in s):.3f} | {statistics.median(x[1] for x in s):.3f} "
            f"| {statistics.median(x[2] for x in s):.2f} "
            f"| {statistics.median(x[0] for x in t) if t else 0:.0f} | {statistics.median(x[1] for x in t) if t else 0:.2f} |")
    if len(engines) == 2:
        a, b = (statistics.median(x[2] for x in scores[n]) for n in engines)
        lines += ["", f"Speed ratio rapidocr/tesseract on text pages: {a / b:.2f}× the time."]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
