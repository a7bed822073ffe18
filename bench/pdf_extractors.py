"""Compare pypdfium2 and pdfplumber on ../shared/corpus/*.pdf (reference: the hand-cleaned .txt beside each).

    .venv/bin/python bench/pdf_extractors.py        # prints a markdown table (docs/pdf-extractors.md)

Needs pdfplumber (test extras). Measures speed (better of 2 runs), similarity of the whitespace-free text to
the reference (difflib), reference characters missing, and paragraph-break F1.
"""
from __future__ import annotations

import difflib
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from pipeline.read.layout import join_pages  # noqa: E402
from pipeline.read.pdf import pdf_pages  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
ODD_GLYPHS = {"jinan-2021-eco-env-14fyp", "shandong-2021-eco-env-14fyp"}
WS = re.compile(r"\s+")


def pdfium_text_pages(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def plumber_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        out = []
        for page in pdf.pages:
            out.append(page.extract_text() or "")
            page.flush_cache()
        return out


def breaks(text: str) -> set[tuple[str, str]]:
    paras = [p for p in (WS.sub("", p) for p in text.split("\n")) if p]
    return {(a[-8:], b[:8]) for a, b in zip(paras, paras[1:])}


def metrics(text: str, ref: str) -> dict[str, float]:
    a, b = WS.sub("", text), WS.sub("", ref)
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    missing = sum((Counter(b) - Counter(a)).values()) / max(1, len(b))
    got, want = breaks(text), breaks(ref)
    tp = len(got & want)
    p, r = tp / max(1, len(got)), tp / max(1, len(want))
    return {"ratio": ratio, "missing": missing, "f1": 2 * p * r / max(1e-9, p + r)}


def main() -> None:
    extractors = {"pypdfium2 text": pdfium_text_pages, "pypdfium2 + indent": pdf_pages, "pdfplumber": plumber_pages}
    pdfs = sorted(CORPUS.glob("*.pdf"))
    print("| extractor | time | ms/page | similarity (normal fonts) | worst | missing | break F1 | Shandong / Jinan |")
    print("|---|---|---|---|---|---|---|---|")
    for name, fn in extractors.items():
        secs = pages = 0
        normal, odd = [], {}
        for path in pdfs:
            best = float("inf")
            for _ in range(2):
                t0 = time.perf_counter()
                page_texts = fn(path)
                best = min(best, time.perf_counter() - t0)
            secs += best
            pages += len(page_texts)
            m = metrics(join_pages(page_texts), path.with_suffix(".txt").read_text(encoding="utf-8"))
            if path.stem in ODD_GLYPHS:
                odd[path.stem] = m["ratio"]
            else:
                normal.append(m)
        n = len(normal)
        print(f"| {name} | {secs:.1f} s | {1000 * secs / pages:.1f} | {sum(m['ratio'] for m in normal) / n:.4f} | "
              f"{min(m['ratio'] for m in normal):.4f} | {100 * sum(m['missing'] for m in normal) / n:.4f}% | "
              f"{sum(m['f1'] for m in normal) / n:.3f} | "
              f"{odd.get('shandong-2021-eco-env-14fyp', 0):.3f} / {odd.get('jinan-2021-eco-env-14fyp', 0):.3f} |")


if __name__ == "__main__":
    main()
