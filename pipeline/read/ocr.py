"""OCR for PDF pages that carry no text layer (scans), offline.

Two engines are supported; both run locally with nothing downloaded at run time:

* ``rapidocr`` — RapidOCR on onnxruntime (PaddleOCR's PP-OCRv4 Chinese models,
  which ship inside the ``rapidocr-onnxruntime`` wheel).  The default: on the
  pages of corpus-wide it reads Chinese text far more accurately than
  Tesseract (``bench/ocr_engines.py``, README "Scanned PDFs").
* ``tesseract`` — Debian's ``tesseract-ocr`` with ``tesseract-ocr-chi-sim``,
  run as a subprocess.

``POLICYKG_OCR`` chooses: ``auto`` (default: rapidocr if installed, else
tesseract if on PATH), ``rapidocr``, ``tesseract`` or ``off`` (scanned pages are
then refused as before).  An engine turns a page image into lines of text,
top to bottom; each line keeps the left x of its first box so that the PDF
reader can mark paragraph indents as it does for text layers.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from pipeline.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

ENGINES = ("rapidocr", "tesseract")
INSTALL_HINT = ("install an OCR engine: pip install rapidocr-onnxruntime (recommended), or "
                "apt-get install tesseract-ocr tesseract-ocr-chi-sim; or set POLICYKG_OCR=off to refuse scans")

_CJK_GAP_RE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


@dataclass(frozen=True)
class OcrLine:
    """One line of recognised text and where it starts on the page image (pixels)."""
    text: str
    left: float
    char_width: float


@dataclass(frozen=True)
class _Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


class OcrEngine(Protocol):
    name: str

    def lines(self, image: "Image.Image") -> list[OcrLine]:
        """The lines of text on a page image, top to bottom."""


def group_lines(boxes: list[_Box]) -> list[OcrLine]:
    """Group recognised boxes into lines: boxes whose vertical middles lie within half a box
    height of a line's middle join that line, left to right; a gap wider than one character
    between two boxes of a line becomes a space (table cells stay apart)."""
    rows: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if rows:
            row = rows[-1]
            middle = sum(b.middle for b in row) / len(row)
            height = max(b.height for b in row)
            if abs(box.middle - middle) <= 0.5 * max(height, box.height):
                row.append(box)
                continue
        rows.append([box])
    out: list[OcrLine] = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        widths = [(b.x1 - b.x0) / max(1, len(b.text)) for b in row]
        char_width = sorted(widths)[len(widths) // 2]
        parts = [row[0].text]
        for prev, box in zip(row, row[1:]):
            parts.append(" " if box.x0 - prev.x1 > char_width else "")
            parts.append(box.text)
        text = "".join(parts).strip()
        if text:
            out.append(OcrLine(text, row[0].x0, char_width))
    return out


class RapidOcr:
    name = "rapidocr"

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR  # imported only when a scan is met

        threads = int(os.environ.get("POLICYKG_OCR_THREADS", "-1"))
        self._ocr = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)

    def lines(self, image: "Image.Image") -> list[OcrLine]:
        import numpy as np

        result, _ = self._ocr(np.asarray(image.convert("RGB")))
        boxes = []
        for points, text, _score in result or []:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            boxes.append(_Box(str(text), min(xs), min(ys), max(xs), max(ys)))
        return group_lines(boxes)


class TesseractOcr:
    name = "tesseract"

    def __init__(self, binary: str) -> None:
        self._binary = binary

    def lines(self, image: "Image.Image") -> list[OcrLine]:
        import io

        buf = io.BytesIO()
        image.convert("L").save(buf, format="PNG")
        proc = subprocess.run([self._binary, "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                              input=buf.getvalue(), capture_output=True, timeout=600)
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"tesseract failed: {detail[0]}")
        return _tesseract_lines(proc.stdout.decode("utf-8", "replace"))


def _tesseract_lines(tsv: str) -> list[OcrLine]:
    """Lines from tesseract's TSV output (level 5 rows are words, grouped by block/par/line)."""
    words: dict[tuple[str, str, str], list[_Box]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (float(c) for c in cols[6:10])
        words.setdefault((cols[2], cols[3], cols[4]), []).append(
            _Box(cols[11].strip(), left, top, left + width, top + height))
    boxes = [_Box("".join(b.text for b in ws), min(b.x0 for b in ws), min(b.y0 for b in ws),
                  max(b.x1 for b in ws), max(b.y1 for b in ws)) for ws in words.values()]
    lines = group_lines(boxes)
    return [OcrLine(_CJK_GAP_RE.sub("", unicodedata.normalize("NFC", ln.text)), ln.left, ln.char_width)
            for ln in lines]


def _rapidocr_installed() -> bool:
    try:
        import importlib.util

        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    except (ImportError, ValueError):
        return False


def _requested() -> str:
    return os.environ.get("POLICYKG_OCR", "auto").strip().lower() or "auto"


def engine_choice() -> str:
    """The engine ``POLICYKG_OCR`` asks for, resolved: rapidocr, tesseract or off."""
    choice = _requested()
    if choice not in ("auto", "off") + ENGINES:
        raise InputError(f"POLICYKG_OCR={choice!r} is not an OCR engine",
                         hint="set it to auto, rapidocr, tesseract or off")
    if choice == "auto":
        if _rapidocr_installed():
            return "rapidocr"
        return "tesseract" if shutil.which("tesseract") else "off"
    return choice


@lru_cache(maxsize=None)
def _engine(name: str) -> OcrEngine:
    if name == "rapidocr":
        return RapidOcr()
    binary = shutil.which("tesseract")
    if binary is None:
        raise FileNotFoundError("tesseract")
    return TesseractOcr(binary)


def get_engine(path: str) -> OcrEngine:
    """The configured engine, loaded once per process; a one-line error naming the install
    step when none is installed (``path`` is the file that needed it)."""
    name = engine_choice()
    if name == "off":
        if _requested() == "off":
            raise InputError("PDF page has no text layer (a scanned image) and OCR is off (POLICYKG_OCR=off)",
                             path=path, hint="unset POLICYKG_OCR to read scans with the installed OCR engine")
        raise InputError("PDF page has no text layer (a scanned image) and no OCR engine is installed",
                         path=path, hint=INSTALL_HINT)
    try:
        return _engine(name)
    except (ImportError, FileNotFoundError, OSError) as exc:
        raise InputError(f"the OCR engine {name} cannot be loaded ({exc.__class__.__name__}: {exc})",
                         path=path, hint=INSTALL_HINT) from None
