"""Research tables (pipeline/graph/tables.py) to files: CSV for Stata and R, xlsx for Excel.

* CSV: one ``<table>.csv`` per table in a folder, UTF-8 with a BOM (Excel then reads
  Chinese right; Stata's ``import delimited, encoding(utf-8)`` and R's
  ``read.csv(fileEncoding = "UTF-8-BOM")`` / readr skip it), RFC 4180 (comma, CRLF,
  a field quoted when it holds a comma, quote or line break, quotes doubled), a header
  row. A number is written without ``.0`` when whole, an empty field is a missing value.
* xlsx: one workbook, one sheet per table, the header row bold and frozen; numbers
  are numeric cells, dates ISO text (YYYY-MM-DD: no Excel date serials to convert
  back), 0/1 columns numbers. Reading a sheet back with openpyxl gives the CSV's cells.

Each file is written beside its final name and moved into place, so a failed export
leaves no half-written table.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, Sequence

from pipeline.errors import InputError
from pipeline.graph.tables import Table

XLSX_MAX_CELL = 32767  # Excel's limit on the characters of one cell


def csv_cell(value: Any) -> str:
    """A table cell as CSV text (and as the CSV reads back)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _replace(tmp: Path, final: Path) -> None:
    os.replace(tmp, final)


def _cannot_write(exc: OSError, path: Path) -> InputError:
    return InputError(f"cannot write: {exc.strerror or exc}", path=str(path),
                      hint="check the folder exists and is writable")


def write_csv_tables(tables: Sequence[Table], folder: Path) -> list[Path]:
    """``<folder>/<table>.csv`` for each table (the folder is made if missing); the files written."""
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file, not a folder", path=str(folder),
                         hint="give -o a folder for the CSV tables (one file per table)")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table in tables:
            final = folder / f"{table.name}.csv"
            tmp = final.with_name(final.name + ".part")
            try:
                with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                    w = csv.writer(fh, dialect="excel")  # RFC 4180: comma, CRLF, minimal quoting
                    w.writerow(table.columns)
                    for row in table.rows:
                        w.writerow([csv_cell(v) for v in row])
                _replace(tmp, final)
            except OSError:
                tmp.unlink(missing_ok=True)
                raise
            written.append(final)
    except OSError as exc:
        raise _cannot_write(exc, folder) from None
    return written


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and len(value) > XLSX_MAX_CELL:
        return value[:XLSX_MAX_CELL - 1] + "…"
    return value


def write_xlsx_tables(tables: Sequence[Table], path: Path) -> Path:
    """One workbook at ``path``, a sheet per table (written streaming: openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if path.is_dir():
        raise InputError("is a folder", path=str(path), hint="give -o the .xlsx file to write")
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        ws = wb.create_sheet(table.name)
        ws.freeze_panes = "A2"  # the header row stays in view
        header = []
        for name in table.columns:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in table.rows:
            values = [_xlsx_value(v) for v in row]
            for i, v in enumerate(values):
                if isinstance(v, str) and v.startswith("="):  # text that begins with = is text, not a formula
                    cell = WriteOnlyCell(ws, value=v)
                    cell.data_type = "s"
                    values[i] = cell
            ws.append(values)
    buf = io.BytesIO()  # saved in memory first: a file that cannot be written fails cleanly, after
    wb.save(buf)        # the workbook is closed (write-only sheets are one-shot streams)
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(buf.getbuffer())
        _replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(exc, path) from None
    return path
