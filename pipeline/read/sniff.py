"""Choose a reader by a file's content as well as its extension.

* ``%PDF-`` near the start → pdf (a file named .pdf without it is refused);
* a ZIP archive holding ``word/document.xml`` → docx (a .docx that is not one is
  refused, and so is any other ZIP, e.g. a renamed .xlsx);
* an old OLE2 Office file (.doc/.xls) → refused, save it as .docx;
* markup that starts like HTML (``<!DOCTYPE html``, ``<html``, ``<head``, ``<body``)
  → html, whatever the extension (a .txt saved from a browser);
* anything else named .htm/.html → html, else → text.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = tuple(sorted(TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES))

HEAD_BYTES = 8192
_PDF_MAGIC = b"%PDF-"
_PDF_MAGIC_WINDOW = 1024  # the spec lets junk precede the header
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                            re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE_RE = re.compile(rb"<html[\s>]|<body[\s>]", re.IGNORECASE)
_UTF8_BOM = b"\xef\xbb\xbf"


def looks_like_html(head: bytes) -> bool:
    """True if the bytes start like an HTML document (any ASCII-compatible or UTF-16 encoding)."""
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM):]
    if b"\x00" in head[:200]:  # UTF-16: drop the NUL halves of ASCII characters
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    return bool(_HTML_START_RE.match(head) or (head.lstrip()[:1] == b"<" and _HTML_ANYWHERE_RE.search(head)))


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "broken"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def sniff(path: str | Path, head: bytes) -> str:
    """The reader for a file: 'pdf', 'docx', 'html' or 'text'; raises InputError for a mismatch."""
    path = Path(path)
    suffix = path.suffix.lower()
    if _PDF_MAGIC in head[:_PDF_MAGIC_WINDOW]:
        return "pdf"
    if suffix in PDF_SUFFIXES:
        raise InputError("named .pdf but is not a PDF (no %PDF- header)", path=str(path),
                         hint="check the download; an HTML error page or a renamed file is common")
    if head.startswith(_ZIP_MAGIC):
        kind = _zip_kind(path)
        if kind == "docx":
            return "docx"
        what = {"xlsx": "an Excel workbook", "pptx": "a PowerPoint file", "broken": "a damaged ZIP archive"}.get(
            kind, "a ZIP archive without a Word document")
        raise InputError(f"is {what}, not a document policykg reads", path=str(path),
                         hint=f"save it as one of {', '.join(SUPPORTED_SUFFIXES)}")
    if suffix in DOCX_SUFFIXES:
        raise InputError("named .docx but is not a Word .docx (ZIP) file", path=str(path),
                         hint="open it in Word or LibreOffice and save it again as .docx")
    if head.startswith(_OLE_MAGIC):
        raise InputError("is an old binary Office file (.doc/.xls), not supported", path=str(path),
                         hint="open it in Word or LibreOffice and save it as .docx")
    if suffix in HTML_SUFFIXES or looks_like_html(head):
        return "html"
    return "text"
