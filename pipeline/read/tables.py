"""Indicator tables (表1 主要指标) read from a PDF page's layout (pure functions, no I/O).

A 十四五 plan's indicator table has a header (序号, 指标, 单位, 2020年, 2025年, 属性, the
header's words often spread over several text lines: 2025 / 年) and one row per
indicator ending in 约束性 or 预期性. The text layer runs a row's cells together
(``1966.032075`` for 1966.03 and 2075), so cells are cut where the characters' boxes
leave a gap, and a run that spans two header columns is cut at its widest inner gap.

The table is written into the page text as lines of their own, between blank lines:

    ␞序号␟指标␟2020年␟2025年␟属性          (the header, one cell per column)
    ␞1␟森林覆盖率（%）␟42␟42.5␟约束性     (each row, one cell per header column)

which ``pipeline.parse.tables`` reads back as a table; the paragraph logic never sees
the rows. A header at the foot of one page serves the rows at the top of the next.

Cells and bands of lines are in ``pipeline.read.table_cells``, the header in ``table_header``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.read.table_cells import (  # noqa: F401  (re-exported: Char, Cell, cells, merge_bands)
    _NUMERIC, _SENTENCE_END, Cell, Char, Column, _is_part_row, _is_row, _is_row_end, cells,
    merge_bands)
from pipeline.read.table_header import (  # noqa: F401  (re-exported: header_columns, name_column)
    _CATEGORY, _TITLE, _YEAR_OR_TARGET, _header_above, _is_header, _join_spaced_letters, _valid_header,
    _valid_layout_header, header_block,
    header_columns, name_column)
from pipeline.read.table_rows import _middle, _table_rows, row_cells  # noqa: F401  (re-exported: row_cells)

ROW_MARK = "\u241e"  # ␞ opens a table line
CELL_SEP = "\u241f"  # ␟ separates its cells
_GATE = re.compile(r"约束性|预期性|导向性|指导性|参考性|属性")


def _render(cols: list[Column], rows: list[list[str]]) -> list[str]:
    lines = [ROW_MARK + CELL_SEP.join(c.name for c in cols)]
    lines += [ROW_MARK + CELL_SEP.join(r) for r in rows]
    out: list[str] = []
    for ln in lines:
        out += ["", ln]
    return out + [""]


@dataclass
class PageLines:
    """A page's text lines and, for each, its characters with their boxes (None: not measured)."""

    lines: list[str]
    chars: Optional[list[list[Char]]] = None
    text: Optional[str] = None  # the page's text as read, kept verbatim when no table is found on it


def gated(text: str) -> bool:
    """Whether a page's text may hold an indicator table (worth measuring its characters)."""
    return bool(_GATE.search(text)) or ("性质" in text and "指标" in text)  # 指标 / 性质 for 属性


_PAGE_NO = re.compile(r"^[\s\-—–·]*\d{1,4}[\s\-—–·]*$")


def _is_continuation(line: list[Cell]) -> bool:
    """A line inside a table between rows: a wrapped name or unit (short, no sentence)."""
    return bool(line) and len(line) <= 2 and sum(len(c.text) for c in line) <= 30 \
        and not any(c.text.endswith("。") for c in line)


_MAX_BETWEEN = 10  # lines between two row ends: a tall row read cell by cell (完成国家 / 下达指标 …)


_ATTRIBUTE_HEADER = re.compile(r"(?:指标)?(?:属性|性质)")


def _new_table(line: list[Cell]) -> bool:
    """A line where another table begins: a title (表2) or a header line with a 属性 / 性质 cell (never a cell's
    words that hold 性质: 性质不改)."""
    if not line:
        return False
    return bool(_TITLE.match(line[0].text)) or (
        _is_header(line) and any(_ATTRIBUTE_HEADER.fullmatch(c.text) for c in _join_spaced_letters(line)))


_TAIL = 1.2  # a short line this many font sizes from a table's last row (its name's last line) is the row's


def _tail(lines: list[list[Cell]], last: int, bands: Optional[list[tuple[Optional[float], float]]]) -> int:
    """The last line of a table: its last row, or a line of that row read after its end (a wrapped name)."""
    if bands is None or bands[last][0] is None:
        return last
    y, size = bands[last]
    k = last + 1
    while k < len(lines) and not lines[k]:
        k += 1
    if k < len(lines) and _is_continuation(lines[k]) and not _new_table(lines[k]) and bands[k][0] is not None \
            and not _SENTENCE_END.search(lines[k][-1].text) and abs(bands[k][0] - y) <= _TAIL * size:
        return k
    return last


def _groups(lines: list[list[Cell]], bands: Optional[list[tuple[Optional[float], float]]] = None) -> list[tuple[int, int]]:
    """(first, last) line of each run of rows, the lines of tall rows between their ends included.

    A run begins at a row's end (its attribute, 约束性) and goes on over lines of short cells up to
    ``_MAX_BETWEEN`` between two ends; a title or another header ends it.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if not _is_row_end(lines[i]):
            i += 1
            continue
        first = last = i
        j = i + 1
        between = 0  # lines with text since the last row
        while j < n:
            if _is_row_end(lines[j]):
                last, between = j, 0
            elif lines[j]:
                between += 1
                if not (_is_continuation(lines[j]) or _is_part_row(lines[j])) or _new_table(lines[j]) \
                        or between > _MAX_BETWEEN:
                    break
            j += 1
        # continuation lines just above the first row belong to it (a name wrapped above its values)
        while first > 0 and _is_continuation(lines[first - 1]) and not _is_header(lines[first - 1]) \
                and first - 1 > (out[-1][1] if out else -1):
            first -= 1
        last = _tail(lines, last, bands)
        out.append((first, last))
        i = last + 1
    return out


def _foot_header(page: PageLines, lines: list[list[Cell]]) -> Optional[tuple[int, int]]:
    """Index of a header standing at the foot of a page (page number aside), if any."""
    k = len(lines)
    while k > 0 and (not lines[k - 1] or not page.lines[k - 1].strip() or _PAGE_NO.match(page.lines[k - 1])):
        k -= 1
    h = _header_above(lines, k, 0)
    if h < k and any("属性" in c.text or "指标" in c.text for ln in lines[h:k] for c in ln):
        return h, k
    return None


def page_texts(pages: list[PageLines]) -> list[str]:
    """Each page's text: as read, or with its indicator tables written as table lines."""
    marked = mark_tables(pages)
    return [("\n".join(new) if new != page.lines or page.text is None else page.text)
            for page, new in zip(pages, marked)]


def _only_page_chrome(lines: list[str]) -> bool:
    """Nothing but a page number or a running header (at most two short lines) above a page's first rows."""
    text = [x.strip() for x in lines if x.strip() and not _PAGE_NO.match(x)]
    return len(text) <= 2 and all(len(x) <= 30 and "。" not in x for x in text)


def _texts(page: PageLines, lines: list[list[Cell]], start: int, end: int) -> list[str]:
    """A page's text lines from ``start`` to ``end``, those merge_bands joined to a line above aside."""
    return [page.lines[i] for i in range(start, end) if lines[i] or not page.lines[i].strip()]


def _running_header(line: list[Cell]) -> bool:
    """A page's first line that is a page number or a running title (one cell of five characters or more)."""
    text = "".join(c.text for c in line)
    return bool(_PAGE_NO.match(text)) or (len(line) == 1 and len(text) >= 5)


def _upper_part(lines: list[list[Cell]], row: int, floor: int) -> int:
    """The first of the table lines just above a page's first row (a tall row's upper lines: 综合指 / 标 / 1 …)."""
    top = next((k for k in range(floor, row) if lines[k]), row)  # a page number stands first on its page
    k = row
    while k > floor and lines[k - 1] and (_is_continuation(lines[k - 1]) or _is_part_row(lines[k - 1])) \
            and not _SENTENCE_END.search(lines[k - 1][-1].text) and not _TITLE.match(lines[k - 1][0].text) \
            and not (k - 1 == top and _running_header(lines[k - 1])):
        k -= 1
    return k


def mark_tables(pages: list[PageLines]) -> list[list[str]]:
    """Each page's lines with its indicator tables written as table lines (see the module doc)."""
    out: list[list[str]] = []
    carried: Optional[tuple[int, int, list[Column]]] = None  # (page, line, columns) of a foot header
    for p, page in enumerate(pages):
        if page.chars is None or len(page.chars) != len(page.lines):
            out.append(list(page.lines))
            carried = None
            continue
        banded = merge_bands(page.chars)
        lines = [cells(cs) for cs in banded]
        middles = [_middle(cs) for cs in banded]
        bands = [(m, max((c.size for c in cs), default=0.0)) for m, cs in zip(middles, banded)]
        new: list[str] = []
        pos = 0
        table_cols: Optional[list[Column]] = None
        for first, last in _groups(lines, bands):
            first = next(k for k in range(first, last + 1) if _is_row_end(lines[k]))
            block = header_block(lines, first, pos, middles)
            cols, h = None, first
            if block is not None and _valid_layout_header(header_columns(lines[block[0]:block[1]],
                                                                         middles[block[0]:block[1]])):
                cols = header_columns(lines[block[0]:block[1]], middles[block[0]:block[1]])
                h, first = block
            if cols is None and carried is not None:
                row = next(k for k in range(first, last + 1) if _is_row_end(lines[k]))
                top = _upper_part(lines, row, pos)
                if _only_page_chrome(_texts(page, lines, pos, top)):
                    cp, cl, cols = carried
                    del out[cp][cl:]  # the header at the foot of the previous page is this table's
                    first = h = top  # a running header above the rows stays text
            if not cols or not _valid_layout_header(cols):
                continue
            new.extend(page.lines[pos:h])
            new.extend(_render(cols, _table_rows(lines, first, last, cols, middles)))
            pos = last + 1
            table_cols = cols
        new.extend(page.lines[pos:])
        out.append(new)
        foot = _foot_header(page, lines)
        carried = None
        if table_cols is not None and _only_page_chrome(_texts(page, lines, pos, len(lines))):
            carried = (p, len(new) - (len(page.lines) - pos), table_cols)  # the table goes on over the page
        elif foot is not None and foot[0] >= pos:
            cols = header_columns(lines[foot[0]:foot[1]], middles[foot[0]:foot[1]])
            carried = (p, len(new) - (len(page.lines) - foot[0]), cols) if _valid_layout_header(cols) else None
    return out


# ---------------------------------------------------------------- HTML and Word tables

def grid_lines(rows: list[list[str]]) -> Optional[list[str]]:
    """Table lines for a table given as cells (HTML, Word), or None when it is no indicator table.

    The header is the first row naming a 指标, a year or target and an attribute (属性) column;
    the rows after it with as many cells are its rows.
    """
    norm = [[" ".join(c.split()) for c in r] for r in rows]
    for h, head in enumerate(norm):
        cols = [Column(x, 0.0, 0.0) for x in head]
        if not _valid_header(cols):
            continue
        body = [r for r in norm[h + 1:] if len(r) == len(head) and any(x for x in r)]
        if not body:
            return None
        return [ROW_MARK + CELL_SEP.join(head)] + [ROW_MARK + CELL_SEP.join(r) for r in body]
    return None