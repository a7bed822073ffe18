"""Word .docx files, with python-docx: body paragraphs in order, table cells as lines.

Tables are read row by row, each cell's paragraphs as lines (a merged cell
once); nested tables are read where they stand.  Headers, footers, comments
and text boxes are not part of the body and are left out.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterator

from pipeline.errors import InputError
from pipeline.read.limits import check_bytes
from pipeline.read.tables import grid_lines


def _lines(container) -> Iterator[str]:
    """Lines of a document body or table cell, in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from block.text.splitlines()
        elif isinstance(block, Table):
            grid = grid_lines([[cell.text for cell in row.cells] for row in block.rows])
            if grid:
                yield from grid  # an indicator table (pipeline.read.tables)
                continue
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                        continue
                    seen.add(id(cell._tc))
                    yield from _lines(cell)


def read_docx(path: str | Path) -> str:
    """The text of a .docx file, one paragraph (or table cell line) a line."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_bytes(path, sum(info.file_size for info in zf.infolist()))
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable .docx (ZIP) file ({exc})", path=str(path),
                         hint="open it in Word or LibreOffice and save it again as .docx") from None
    try:
        import docx

        document = docx.Document(str(path))
        lines = [line.strip() for line in _lines(document)]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx, lxml and zipfile raise many kinds
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable Word document ({first})", path=str(path),
                         hint="open it in Word or LibreOffice and save it again as .docx") from None
    return "\n".join(line for line in lines if line)
