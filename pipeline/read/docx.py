"""Word .docx files: body paragraphs in order, table cells as lines, read as a stream.

The main document part (``word/document.xml``, or wherever the package's relationships
say) is inflated and parsed as a stream (lxml ``iterparse``): bytes are counted while
they are inflated, whatever the ZIP directory claims, and characters while they are
extracted, so ``POLICYKG_MAX_BYTES`` and ``POLICYKG_MAX_CHARS`` stop a bomb early; each
paragraph's elements are dropped once read, so memory holds one paragraph, not the tree.
Entities are never expanded and no DTD or network resource is loaded.

Paragraphs give their runs' text (``w:br`` a line break, ``w:tab`` a tab); tables are read
row by row, cell by cell, each cell's paragraphs as lines, nested tables where they stand;
a merged cell appears once (its continuation cells are empty).  An indicator table (a
top-level table ``pipeline.read.tables.grid_lines`` recognises, cells spanning several grid
columns repeated across them) is written as table lines instead; a table's lines are held
until it ends, so they count against the character limit like the rest.  Headers, footers,
comments, deleted text and text boxes are not part of the body and are left out.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
import zipfile
import zlib
from pathlib import Path
from typing import IO, Iterator

from lxml import etree

from pipeline.errors import InputError
from pipeline.read.limits import check_bytes, check_chars, max_bytes
from pipeline.read.tables import grid_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_P, _T, _TAB, _BR, _CR = _W + "p", _W + "t", _W + "tab", _W + "br", _W + "cr"
_TBL, _TR, _TC = _W + "tbl", _W + "tr", _W + "tc"
_GRID_SPAN = f"{_W}tcPr/{_W}gridSpan"
_VAL = _W + "val"
# Subtrees whose text is not body text.
_SKIPPED = {_W + "txbxContent", _W + "del", _W + "moveFrom", _MC + "Fallback", _W + "instrText"}
_CHUNK = 64 * 1024
_BROKEN_HINT = "open it in Word or LibreOffice and save it again as .docx"


class _Counted:
    """A read-only stream over a ZIP member that counts inflated bytes against a limit."""

    def __init__(self, raw: IO[bytes], path: str | Path, limit: int) -> None:
        self._raw = raw
        self._path = path
        self._limit = limit
        self.count = 0

    def read(self, n: int = _CHUNK) -> bytes:
        data = self._raw.read(min(n if n and n > 0 else _CHUNK, _CHUNK))
        self.count += len(data)
        if self.count > self._limit:
            check_bytes(self._path, self.count)  # raises: the part inflates past the limit
        return data


def main_part(zf: zipfile.ZipFile) -> str:
    """The name of the package's main document part."""
    try:
        with zf.open("_rels/.rels") as fh:
            root = etree.fromstring(fh.read(1024 * 1024), _safe_parser())
        for rel in root.iter(_REL + "Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "").lstrip("/")
                return posixpath.normpath(target)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        pass
    return "word/document.xml"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class _Table:
    rows: list[list[list[str]]] = field(default_factory=list)  # row -> cell -> its lines
    lines: list[str] = field(default_factory=list)  # every line, in reading order


def _table_lines(table: _Table, top: bool) -> list[str]:
    if top:
        grid = grid_lines([["\n".join(cell) for cell in row] for row in table.rows])
        if grid:
            return grid
    return table.lines


def body_lines(stream: IO[bytes], path: str | Path) -> Iterator[str]:
    """The body's lines, in reading order, from a document part read as a stream."""
    chars = 0
    skip = 0  # depth inside skipped subtrees
    parts: list[str] = []  # the current paragraph's text
    tables: list[_Table] = []  # the tables the parser is inside, outermost first

    def emit(lines: list[str]) -> list[str]:
        """Lines to yield now, or none while inside a table (held in it)."""
        if not tables:
            return lines
        table = tables[-1]
        table.lines.extend(lines)
        if table.rows and table.rows[-1]:
            table.rows[-1][-1].extend(lines)
        return []

    events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    for event, el in events:
        tag = el.tag
        if tag in _SKIPPED:
            skip += 1 if event == "start" else -1
            continue
        if skip:
            continue
        if event == "start":
            if tag == _TBL:
                tables.append(_Table())
            elif tag == _TR and tables:
                tables[-1].rows.append([])
            elif tag == _TC and tables and tables[-1].rows:
                tables[-1].rows[-1].append([])
            continue
        if tag == _T:
            text = el.text or ""
            chars += len(text)
            check_chars(path, chars)
            parts.append(text)
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _TC and tables and tables[-1].rows and tables[-1].rows[-1]:
            span = el.find(_GRID_SPAN)
            try:
                extra = int(span.get(_VAL, "1")) - 1 if span is not None else 0
            except ValueError:
                extra = 0
            row = tables[-1].rows[-1]
            row.extend([list(row[-1]) for _ in range(min(max(extra, 0), 64))])
        elif tag == _TBL and tables:
            table = tables.pop()
            yield from emit(_table_lines(table, top=not tables))
            _drop_read(el)
        elif tag == _P:
            text = "".join(parts)
            parts.clear()
            yield from emit(text.splitlines())
            if tables:
                el.clear(keep_tail=False)  # its cell's properties (gridSpan) stay until the cell ends
            else:
                _drop_read(el)


def _drop_read(el) -> None:
    """Free an element that has been read, and the siblings before it."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def read_docx(path: str | Path) -> str:
    """The text of a .docx file, one paragraph (or table cell line) a line."""
    try:
        with zipfile.ZipFile(path) as zf:
            name = main_part(zf)
            try:
                info = zf.getinfo(name)
            except KeyError:
                raise InputError("not a readable Word document (it has no main document part)", path=str(path),
                                 hint=_BROKEN_HINT) from None
            check_bytes(path, info.file_size)
            with zf.open(info) as raw:
                lines = [line.strip() for line in body_lines(_Counted(raw, path, max_bytes()), path)]
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise InputError(f"not a readable .docx (ZIP) file ({_first(exc)})", path=str(path),
                         hint=_BROKEN_HINT) from None
    except (etree.XMLSyntaxError, etree.LxmlError, ValueError, RuntimeError) as exc:
        raise InputError(f"not a readable Word document ({_first(exc)})", path=str(path),
                         hint=_BROKEN_HINT) from None
    return "\n".join(line for line in lines if line)


def _first(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
