"""Size limits on input files, read from the environment.

``POLICYKG_MAX_BYTES`` (default 100 MB) caps any file; ``POLICYKG_MAX_PDF_PAGES``
(default 3000) caps the pages of a PDF; ``POLICYKG_MAX_CHARS`` (default 3 million)
caps the text handed to the parser, whatever the format; ``POLICYKG_MAX_OCR_PAGES``
(default 500) caps the scanned pages of one PDF that are read by OCR.  They keep a stray huge
file from exhausting memory or time; raise them for a file you know to be genuine.

A PDF's text is read in a forked child process under two hard limits (``pipeline.read.bounded``),
because PDFium's own page load can neither be stopped nor bounded from inside the process:

* ``POLICYKG_MAX_MEMORY_MB`` (default 640): the memory the command's PDF readers may add, together.
  It is shared equally among the command's parser workers: ``parse DIR``/``ingest DIR`` with N
  workers gives each worker's reader ``total // N`` MB (``set_parser_workers`` in the pool's
  initializer, ``pipeline.parallel``), so N workers together stay within the one budget; one file,
  or ``--workers 1``, gets all of it.  The default number of workers is every core, but no more
  than leave each ``MIN_SHARE_MB`` (``default_workers``).
* ``POLICYKG_MAX_READ_SECONDS`` (default 20): the processor time reading one PDF may take
  (text extraction, character boxes, rendering scanned pages), per document and per worker,
  plus ``SCAN_SECONDS`` for each scanned page rendered for OCR (at most
  ``POLICYKG_MAX_OCR_PAGES`` of them).  The recognition itself runs in the parent and is not
  counted: it is seconds a page, and its own limit is ``POLICYKG_MAX_OCR_PAGES``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.env_numbers import env_whole_number
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
# bench/read_bounds.py: the hungriest PDF of corpus-wide adds about 96 MB in its reader (a page of a
# million characters about 260 MB); 640 leaves a worker of two 3 times that.
DEFAULT_MAX_MEMORY_MB = 640
# The slowest PDF of corpus-wide takes under 1 s of processor time to read (304 pages); a PDF of
# 3000 ordinary pages about 10 s.
DEFAULT_MAX_READ_SECONDS = 20
SCAN_SECONDS = 2  # more processor time for each scanned page rendered for OCR
MIN_SHARE_MB = 192  # the default number of workers leaves each reader at least this (2x the hungriest)
MAX_MEMORY_ENV = "POLICYKG_MAX_MEMORY_MB"
MAX_READ_SECONDS_ENV = "POLICYKG_MAX_READ_SECONDS"


def _positive_int(name: str, default: int) -> int:
    raw, value = env_whole_number(name)
    if value is None:
        return default
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


_parser_workers = 1  # how many parser processes share the memory budget (set in each worker)


def set_parser_workers(n: int) -> None:
    """Called in each of a command's ``n`` parser workers: each gets ``1/n`` of the memory budget."""
    global _parser_workers
    _parser_workers = max(1, int(n))


@dataclass(frozen=True)
class ReadBudget:
    """What one document's reader may use: its share of the command's memory, and processor time."""
    memory_mb: int
    seconds: int
    total_mb: int
    workers: int
    more_seconds: int = 0  # the most the processor-time limit may grow (SCAN_SECONDS a scanned page)

    @property
    def shared(self) -> str:
        """How the total is shared, for messages: '' or ', shared by 2 parser workers'."""
        return f", shared by {self.workers} parser workers" if self.workers > 1 else ""


def max_memory_mb() -> int:
    """The memory, in MB, the command's PDF readers may add, all workers together."""
    return _positive_int(MAX_MEMORY_ENV, DEFAULT_MAX_MEMORY_MB)


def read_budget() -> ReadBudget:
    """This process's budget for reading one document (its share of ``POLICYKG_MAX_MEMORY_MB``)."""
    total = max_memory_mb()
    return ReadBudget(memory_mb=max(1, total // _parser_workers),
                      seconds=_positive_int(MAX_READ_SECONDS_ENV, DEFAULT_MAX_READ_SECONDS),
                      total_mb=total, workers=_parser_workers, more_seconds=SCAN_SECONDS * max_ocr_pages())


def default_workers(cores: int) -> int:
    """Every core, but no more workers than leave each reader ``MIN_SHARE_MB`` of the memory budget."""
    return max(1, min(cores, max_memory_mb() // MIN_SHARE_MB))
