"""Readers: a document file (text, HTML, PDF, .docx) to a ``SourceText``.

``read_document(path)`` checks the path and size, chooses the reader by content
as well as extension (``sniff``), and turns every failure into a one-line
``InputError``: no library exception escapes it.  ``list_documents(folder)``
lists the files ``read_document`` accepts in a folder (not its sub-folders).

Limits: ``POLICYKG_MAX_BYTES`` (default 100 MB) for any file and
``POLICYKG_MAX_PDF_PAGES`` (default 3000) for PDFs; a PDF is read in a forked child
held to ``POLICYKG_MAX_MEMORY_MB`` and ``POLICYKG_MAX_READ_SECONDS`` (``limits``, ``bounded``).
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import InputError, PolicykgError
from pipeline.model import SourceText
from pipeline.read.limits import check_bytes
from pipeline.read.sniff import HEAD_BYTES, SUPPORTED_SUFFIXES, sniff

__all__ = ["read_document", "list_documents", "SUPPORTED_SUFFIXES"]

_SUPPORTED_HINT = "policykg reads " + ", ".join(SUPPORTED_SUFFIXES)


def _check_path(path: Path) -> int:
    """The size of a readable regular file, or an InputError saying what is wrong."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path), hint="check the path") from None
    except PermissionError:
        raise InputError("permission denied", path=str(path), hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be opened ({exc.strerror or exc})", path=str(path), hint="check the path") from None
    if path.is_dir():
        raise InputError("is a folder, not a file", path=str(path),
                         hint="give a document file, or use the command that reads a folder")
    if not path.is_file():
        raise InputError("is not a regular file", path=str(path), hint="give a document file")
    suffix = path.suffix.lower()
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"unsupported file type '{suffix}'", path=str(path),
                         hint=f"{_SUPPORTED_HINT}; convert or save it as one of those")
    if st.st_size == 0:
        raise InputError("file is empty", path=str(path), hint="check the download or export")
    check_bytes(path, st.st_size)
    return st.st_size


def _read(path: Path) -> SourceText:
    _check_path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=str(path),
                         hint="check the file's permissions") from None
    kind = sniff(path, head)
    encoding: str | None = None
    published: str | None = None
    page_starts: list[int] | None = None
    if kind == "pdf":
        from pipeline.read.pdf import read_pdf_paged

        text, page_starts = read_pdf_paged(path)
    elif kind == "docx":
        from pipeline.read.docx import read_docx

        text = read_docx(path)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror or exc})", path=str(path),
                             hint="check the file's permissions") from None
        if kind == "html":
            from pipeline.read.html import read_html

            text, encoding, published = read_html(path, data)
        else:
            from pipeline.read.text import read_text

            text, encoding = read_text(path, data)
    if not text.strip():
        raise InputError(f"no text found in this {kind} file", path=str(path),
                         hint="check it is the document you meant")
    return SourceText(path=str(path), text=text, format=kind, encoding=encoding, published=published,
                      page_starts=page_starts)


def read_document(path: str | os.PathLike[str]) -> SourceText:
    """Read one document file; raises ``InputError`` (one line: what, which file, what to do)."""
    p = Path(path)
    try:
        return _read(p)
    except PolicykgError:
        raise
    except MemoryError:
        raise InputError("ran out of memory reading the file", path=str(p),
                         hint="lower POLICYKG_MAX_BYTES / POLICYKG_MAX_PDF_PAGES or split the document") from None
    except Exception as exc:  # noqa: BLE001 - no library exception may reach the user
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise InputError(f"cannot be read: {type(exc).__name__}: {first}".rstrip(": "), path=str(p),
                         hint="check the file; if it opens elsewhere, report this with the file") from None


def list_documents(folder: str | os.PathLike[str]) -> list[Path]:
    """Supported files directly in ``folder`` (not sub-folders), sorted by file name.

    Hidden files, Office lock files (``~$…``) and other types (.json, .md, …) are skipped.
    """
    d = Path(folder)
    if not d.exists():
        raise InputError("no such folder", path=str(d), hint="check the path")
    if not d.is_dir():
        raise InputError("is not a folder", path=str(d), hint="give the folder that holds the documents")
    try:
        entries = list(d.iterdir())
    except OSError as exc:
        raise InputError(f"folder cannot be listed ({exc.strerror or exc})", path=str(d),
                         hint="check its permissions") from None
    docs = [
        p for p in entries
        if not p.name.startswith((".", "~$")) and p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
    ]
    return sorted(docs, key=lambda p: p.name)
