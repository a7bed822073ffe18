"""PDF files, with pypdfium2 (PDFium; Apache-2.0 / BSD-3-Clause).

Pages are read one at a time and closed, so memory stays bounded by one page
plus the text so far; and they are read in a forked child process that the
kernel holds to a memory and processor-time budget (``pipeline.read.bounded``,
``POLICYKG_MAX_MEMORY_MB``, ``POLICYKG_MAX_READ_SECONDS``), since PDFium's own
load of a hostile page can be neither bounded nor interrupted in-process.  Each page's text comes with its lines; a line whose
first character stands clearly right of the page's left text edge (a
paragraph indent or a centred title) is marked by two leading spaces, which
``pipeline.read.layout.join_pages`` uses to re-join wrapped lines into
paragraphs (see docs/pdf-extractors.md for why pypdfium2).

Pages without a text layer that hold an image covering much of the page (a
scan, or a table pasted as a picture) are read by OCR (``pipeline.read.ocr``):
the page is rendered at ``_OCR_SCALE`` and the engine's lines are marked for
indents like a text layer's.  With no OCR engine installed such pages are left
empty, and a PDF with no text at all is refused with the install step.

Fonts are not repaired: PDFs whose fonts map glyphs to unusual code points
(e.g. the Shandong and Jinan plans, which yield ASCII "," and "." for "，" and
"。" and full-width digits) are read as their text layer says.
"""
from __future__ import annotations

import re
import subprocess
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from pipeline.errors import InputError
from pipeline.read import ocr
from pipeline.read.bounded import allow_more_time, in_child
from pipeline.read.glyphs import repair_pages
from pipeline.read.layout import join_pages_with_starts
from pipeline.read.limits import SCAN_SECONDS, check_chars, check_ocr_pages, check_pages
from pipeline.read.table_breaks import LineBox, insert_breaks, line_count, table_breaks
from pipeline.read.tables import Char, PageLines, gated, page_texts

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

_LINE_RE = re.compile(r"[^\r\n]+")
_INDENT_CHARS = 1.0  # an indent of at least this many character widths marks a paragraph start
_MARGIN_MIN_SHARE = 0.15  # the left text edge is the leftmost x shared by this share of the lines
_INDENT_MARK = "  "
_OCR_MAX_TEXT = 20  # a page with fewer visible characters than this has no real text layer
_OCR_MIN_IMAGE_SHARE = 0.25  # ... and is OCR'd when images cover at least this share of it
_OCR_SCALE = 2.0  # render scans at 144 dpi: small print stays legible to the recogniser
_REOPEN_PAGES = 16  # pages read before the document is opened again (frees PDFium's page caches)


def _left_edge(xs: list[float]) -> float:
    buckets = Counter(round(x / 2) for x in xs)
    need = _MARGIN_MIN_SHARE * len(xs)
    common = [b for b, n in buckets.items() if n >= need]
    return (min(common) if common else min(buckets)) * 2


def mark_indents(text: str, starts: list[tuple[float, float] | None]) -> str:
    """Re-write a page's lines: indented ones get two leading spaces, others none.

    ``starts`` holds, for each non-empty line of ``text`` (split on line breaks),
    the left x and width of its first visible character, or None if unknown.
    """
    lines = _LINE_RE.findall(text)
    known = [s for s in starts if s is not None]
    if len(known) < 3 or len(starts) != len(lines):
        return "\n".join(lines)
    edge = _left_edge([x for x, _ in known])
    widths = sorted(w for _, w in known if w > 0)
    width = widths[len(widths) // 2] if widths else 0.0
    out = []
    for line, start in zip(lines, starts):
        stripped = line.strip()
        if start is not None and width > 0 and start[0] - edge >= _INDENT_CHARS * width:
            out.append(_INDENT_MARK + stripped)
        else:
            out.append(stripped)
    return "\n".join(out)


def _page_text(textpage: pdfium.PdfTextPage, text: str | None = None) -> str:
    """A page's text with indents marked; ``text`` is its raw text if already extracted."""
    if text is None:
        text = textpage.get_text_range()
    if not text or textpage.count_chars() != len(text):
        return text  # characters do not map one to one: no geometry
    starts: list[tuple[float, float] | None] = []
    for m in _LINE_RE.finditer(text):
        k = m.start()
        while k < m.end() and text[k].isspace():
            k += 1
        if k == m.end():
            starts.append(None)
            continue
        left, _bottom, right, _top = textpage.get_charbox(k, loose=True)
        starts.append((left, right - left))
    return mark_indents(text, starts)


def _line_boxes(textpage: pdfium.PdfTextPage, raw: str) -> list[LineBox | None]:
    """Each raw text line's box, from its first and last visible characters (None: spaces only)."""
    out: list[LineBox | None] = []
    for m in _LINE_RE.finditer(raw):
        ks = [k for k in range(m.start(), m.end()) if not raw[k].isspace()]
        if not ks:
            out.append(None)
            continue
        a, b = textpage.get_charbox(ks[0], loose=True), textpage.get_charbox(ks[-1], loose=True)
        out.append(LineBox(min(a[0], b[0]), max(a[2], b[2]), min(a[1], b[1]), max(a[3], b[3])))
    return out


def _break_before_tables(textpage: pdfium.PdfTextPage, raw: str, text: str) -> str:
    """The page's text with a paragraph break between a line standing alone and a table drawn cell by cell
    under it (``pipeline.read.table_breaks``)."""
    if not raw or textpage.count_chars() != len(raw):
        return text
    boxes = _line_boxes(textpage, raw)
    breaks = table_breaks(boxes)
    kept = [i for i, b in enumerate(boxes) if b is not None]  # the raw lines the indent-marked text keeps
    if not breaks or line_count(text) != len(kept):
        return text
    index = {i: n for n, i in enumerate(kept)}
    return insert_breaks(text, [index[i] for i in breaks])


def _page_lines(textpage: pdfium.PdfTextPage) -> PageLines:
    """A page's (indent-marked) lines, with character boxes when it may hold an indicator table."""
    raw = textpage.get_text_range()
    text = _break_before_tables(textpage, raw, _page_text(textpage, raw))
    lines = _LINE_RE.findall(text)
    if not raw or not gated(raw) or textpage.count_chars() != len(raw):
        return PageLines(lines, None, text)
    chars: list[list[Char]] = []
    for m in _LINE_RE.finditer(raw):
        line = []
        for k in range(m.start(), m.end()):
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
            line.append(Char(raw[k], left, right, top - bottom, bottom, top))
        chars.append(line)
    if len(chars) != len(lines):  # lines of nothing but spaces, dropped from the indent-marked text
        chars = [cs for cs in chars if any(not c.ch.isspace() for c in cs)]
    return PageLines(lines, chars if len(chars) == len(lines) else None, text)


def _image_share(page: pdfium.PdfPage) -> float:
    """The share of the page's area covered by image objects (at any depth)."""
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return 0.0
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return min(1.0, covered / (width * height))


def needs_ocr(text: str, page: pdfium.PdfPage) -> bool:
    """A page whose text layer is (nearly) empty while images cover much of it."""
    visible = sum(1 for c in text if not c.isspace())
    return visible < _OCR_MAX_TEXT and _image_share(page) >= _OCR_MIN_IMAGE_SHARE


def ocr_page_text(page: pdfium.PdfPage, engine: ocr.OcrEngine) -> str:
    """A scanned page's text, one recognised line a line, indents marked."""
    return ocr_image_text(_render(page), engine)


def ocr_image_text(image: "Image.Image", engine: ocr.OcrEngine) -> str:
    """A rendered scan's text, one recognised line a line, indents marked."""
    lines = engine.lines(image)
    return mark_indents("\n".join(ln.text for ln in lines), [(ln.left, ln.char_width) for ln in lines])


@dataclass
class PdfText:
    """A PDF's pages of text, and how many scanned pages were OCR'd or left unread."""
    pages: list[str] = field(default_factory=list)
    ocr_pages: int = 0
    unread_scans: int = 0  # scanned pages left empty because no OCR engine is configured


def pdf_pages(path: str | Path) -> list[str]:
    """The text of each page of a PDF, page by page; scanned pages by OCR."""
    return read_pdf_text(path).pages


def read_pdf_text(path: str | Path) -> PdfText:
    """Read a PDF page by page (each page closed before the next is opened), in a forked child
    bounded in memory and processor time (``pipeline.read.bounded``); scanned pages are rendered
    there and recognised here, so OCR's seconds a page do not count against the child's time."""
    use_ocr = ocr.engine_choice() != "off"
    out = PdfText()
    read: list[PageLines] = []
    with closing(in_child(str(path), lambda send: _send_pages(path, use_ocr, send))) as pages:
        for kind, index, got in pages:  # an error here (OCR) closes the child at once
            if kind == _SCAN:
                out.ocr_pages += 1
                text = _ocr(path, index, got, ocr.get_engine(str(path)))
                read.append(PageLines(_LINE_RE.findall(text), None, text))
            else:
                out.unread_scans += kind == _UNREAD
                read.append(got)
    out.pages = repair_pages(page_texts(read))
    return out


_TEXT, _SCAN, _UNREAD = "text", "scan", "unread"  # what the child sends for each page


def _open(path: str | Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("PDF is encrypted with a password", path=str(path),
                             hint="save an unencrypted copy (e.g. qpdf --decrypt) and read that") from None
        raise InputError(f"not a readable PDF, damaged or truncated ({exc})", path=str(path),
                         hint="download or export the PDF again") from None


def _send_pages(path: str | Path, use_ocr: bool, send) -> None:
    """In the child: each page's ``(kind, index, PageLines or a rendered scan image)``, in order.

    The document is opened again every ``_REOPEN_PAGES`` pages: PDFium keeps what it parsed
    for each page (fonts above all, megabytes a page in some PDFs) until the document closes."""
    doc = _open(path)
    try:
        n = len(doc)
        check_pages(path, n)
        if n == 0:
            raise InputError("PDF has no pages", path=str(path), hint="check the file is the document you meant")
        chars = 0
        scans = 0
        for i in range(n):
            if i and i % _REOPEN_PAGES == 0:
                doc.close()
                doc = _open(path)
            try:
                page = doc[i]
            except pdfium.PdfiumError as exc:
                raise InputError(f"page {i + 1} of the PDF cannot be read ({exc})", path=str(path),
                                 hint="download or export the PDF again") from None
            try:
                textpage = page.get_textpage()
                try:
                    # characters are counted before a page's text is extracted, so a page
                    # holding millions of them is refused before it costs memory
                    chars += textpage.count_chars()
                    check_chars(path, chars)
                    lines = _page_lines(textpage)
                finally:
                    textpage.close()
                if not needs_ocr(lines.text or "", page):
                    send((_TEXT, i, lines))
                elif use_ocr:
                    scans += 1
                    check_ocr_pages(path, scans)
                    allow_more_time(SCAN_SECONDS)
                    send((_SCAN, i, _render(page)))
                else:
                    send((_UNREAD, i, lines))
            except pdfium.PdfiumError as exc:
                raise InputError(f"text of page {i + 1} cannot be extracted ({exc})", path=str(path),
                                 hint="download or export the PDF again") from None
            finally:
                page.close()
    finally:
        doc.close()


def _render(page: pdfium.PdfPage) -> "Image.Image":
    """A scanned page as a greyscale image at ``_OCR_SCALE``, for the recogniser."""
    bitmap = page.render(scale=_OCR_SCALE, grayscale=True)
    try:
        return bitmap.to_pil().copy()  # its own pixels: the bitmap's buffer is freed on close
    finally:
        bitmap.close()


def _ocr(path: str | Path, index: int, image: "Image.Image", engine: ocr.OcrEngine) -> str:
    try:
        return ocr_image_text(image, engine)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"OCR of page {index + 1} failed ({exc})", path=str(path),
                         hint="check the OCR engine works (POLICYKG_OCR), or set POLICYKG_OCR=off to skip scans") from None


def read_pdf(path: str | Path) -> str:
    """The text of a PDF as paragraphs, one a line.  A PDF that is all scan with no OCR engine
    configured is refused with the install step; one with nothing to read at all, as such."""
    return read_pdf_paged(path)[0]


def read_pdf_paged(path: str | Path) -> tuple[str, list[int]]:
    """``read_pdf``'s text and the offset in it where each page begins (``join_pages_with_starts``)."""
    got = read_pdf_text(path)
    text, starts = join_pages_with_starts(got.pages)
    if not text.strip():
        if got.unread_scans:
            ocr.get_engine(str(path))  # raises the one-line error naming the install step
        raise InputError("PDF has no text layer (a scanned image?) and no text could be recognised on its pages",
                         path=str(path), hint="check it is the document you meant: it holds no text or scan to read")
    return text, starts
