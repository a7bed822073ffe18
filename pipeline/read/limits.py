"""Size limits on input files, read from the environment.

``POLICYKG_MAX_BYTES`` (default 100 MB) caps any file; ``POLICYKG_MAX_PDF_PAGES``
(default 3000) caps the pages of a PDF; ``POLICYKG_MAX_CHARS`` (default 3 million)
caps the text handed to the parser, whatever the format; ``POLICYKG_MAX_OCR_PAGES``
(default 500) caps the scanned pages of one PDF that are read by OCR.  They keep a stray huge
file from exhausting memory or time; raise them for a file you know to be genuine.
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import InputError

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_PDF_PAGES = 3000
# ~3000 pages of text, 50x the largest document of the shared corpus; parsing that
# much takes minutes, and the parse time grows with the targets found.
DEFAULT_MAX_CHARS = 3_000_000
# OCR takes a few seconds a page on 2 cores: 500 pages is about half an hour.
DEFAULT_MAX_OCR_PAGES = 500
MAX_OCR_PAGES_ENV = "POLICYKG_MAX_OCR_PAGES"
MAX_BYTES_ENV = "POLICYKG_MAX_BYTES"
MAX_PDF_PAGES_ENV = "POLICYKG_MAX_PDF_PAGES"
MAX_CHARS_ENV = "POLICYKG_MAX_CHARS"


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise InputError(f"{name}={raw!r} is not a positive whole number",
                         hint=f"set {name} to a number such as {default} or unset it")
    return value


def max_bytes() -> int:
    """Largest file, in bytes, the readers accept."""
    return _positive_int(MAX_BYTES_ENV, DEFAULT_MAX_BYTES)


def max_pdf_pages() -> int:
    """Most pages a PDF may have."""
    return _positive_int(MAX_PDF_PAGES_ENV, DEFAULT_MAX_PDF_PAGES)


def max_chars() -> int:
    """Most characters of text the parser takes from one document."""
    return _positive_int(MAX_CHARS_ENV, DEFAULT_MAX_CHARS)


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}".replace(".0 ", " ")
        n /= 1024
    return f"{n} bytes"  # pragma: no cover


def check_bytes(path: str | Path, size: int) -> None:
    """Refuse a file (or unpacked content) larger than ``POLICYKG_MAX_BYTES``."""
    limit = max_bytes()
    if size > limit:
        raise InputError(
            f"file is too large ({_human(size)}; the limit is {_human(limit)})",
            path=str(path),
            hint=f"if it is genuine, raise the limit with {MAX_BYTES_ENV}={size} (bytes)",
        )


def check_pages(path: str | Path, pages: int) -> None:
    """Refuse a PDF with more pages than ``POLICYKG_MAX_PDF_PAGES``."""
    limit = max_pdf_pages()
    if pages > limit:
        raise InputError(
            f"PDF has {pages} pages, more than the limit of {limit}",
            path=str(path),
            hint=f"if it is genuine, raise the limit with {MAX_PDF_PAGES_ENV}={pages}",
        )


def check_chars(path: str | Path | None, chars: int) -> None:
    """Refuse a text longer than ``POLICYKG_MAX_CHARS`` characters before parsing it."""
    limit = max_chars()
    if chars > limit:
        raise InputError(
            f"text is too long to parse ({chars:,} characters; the limit is {limit:,})",
            path=str(path) if path else None,
            hint=f"if it is genuine, raise the limit with {MAX_CHARS_ENV}={chars}",
        )


def max_ocr_pages() -> int:
    """Most scanned pages of one PDF that OCR reads."""
    return _positive_int(MAX_OCR_PAGES_ENV, DEFAULT_MAX_OCR_PAGES)


def check_ocr_pages(path: str | Path, pages: int) -> None:
    """Refuse to OCR more than ``POLICYKG_MAX_OCR_PAGES`` scanned pages of one PDF."""
    limit = max_ocr_pages()
    if pages > limit:
        raise InputError(
            f"PDF has more than {limit} scanned pages to read by OCR",
            path=str(path),
            hint=f"if it is genuine, raise the limit with {MAX_OCR_PAGES_ENV} (OCR takes seconds a page)",
        )
