"""PDF files, with pypdfium2 (PDFium; Apache-2.0 / BSD-3-Clause).

Pages are read one at a time and closed, so memory stays bounded by one page
plus the text so far.  Each page's text comes with its lines; a line whose
first character stands clearly right of the page's left text edge (a
paragraph indent or a centred title) is marked by two leading spaces, which
``pipeline.read.layout.join_pages`` uses to re-join wrapped lines into
paragraphs (see docs/pdf-extractors.md for why pypdfium2).

Fonts are not repaired: PDFs whose fonts map glyphs to unusual code points
(e.g. the Shandong and Jinan plans, which yield ASCII "," and "." for "，" and
"。" and full-width digits) are read as their text layer says.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.errors import InputError
from pipeline.read.glyphs import repair_pages
from pipeline.read.layout import join_pages
from pipeline.read.tables import Char, PageLines, gated, page_texts
from pipeline.read.limits import check_pages

_LINE_RE = re.compile(r"[^\r\n]+")
_INDENT_CHARS = 1.0  # an indent of at least this many character widths marks a paragraph start
_MARGIN_MIN_SHARE = 0.15  # the left text edge is the leftmost x shared by this share of the lines
_INDENT_MARK = "  "


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


def _page_text(textpage: pdfium.PdfTextPage) -> str:
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


def _page_lines(textpage: pdfium.PdfTextPage) -> PageLines:
    """A page's (indent-marked) lines, with character boxes when it may hold an indicator table."""
    text = _page_text(textpage)
    lines = _LINE_RE.findall(text)
    raw = textpage.get_text_range()
    if not raw or not gated(raw) or textpage.count_chars() != len(raw):
        return PageLines(lines, None, text)
    chars: list[list[Char]] = []
    for m in _LINE_RE.finditer(raw):
        line = []
        for k in range(m.start(), m.end()):
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
            line.append(Char(raw[k], left, right, top - bottom))
        chars.append(line)
    return PageLines(lines, chars if len(chars) == len(lines) else None, text)


def pdf_pages(path: str | Path) -> list[str]:
    """The text of each page of a PDF, page by page."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("PDF is encrypted with a password", path=str(path),
                             hint="save an unencrypted copy (e.g. qpdf --decrypt) and read that") from None
        raise InputError(f"not a readable PDF, damaged or truncated ({exc})", path=str(path),
                         hint="download or export the PDF again") from None
    try:
        n = len(doc)
        check_pages(path, n)
        if n == 0:
            raise InputError("PDF has no pages", path=str(path), hint="check the file is the document you meant")
        pages: list[PageLines] = []
        for i in range(n):
            try:
                page = doc[i]
            except pdfium.PdfiumError as exc:
                raise InputError(f"page {i + 1} of the PDF cannot be read ({exc})", path=str(path),
                                 hint="download or export the PDF again") from None
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage))
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                raise InputError(f"text of page {i + 1} cannot be extracted ({exc})", path=str(path),
                                 hint="download or export the PDF again") from None
            finally:
                page.close()
        return repair_pages(page_texts(pages))
    finally:
        doc.close()


def read_pdf(path: str | Path) -> str:
    """The text of a PDF as paragraphs, one a line."""
    text = join_pages(pdf_pages(path))
    if not text.strip():
        raise InputError("PDF has no text layer (a scanned image?)", path=str(path),
                         hint="run OCR on it first (e.g. ocrmypdf -l chi_sim) and read the result")
    return text
