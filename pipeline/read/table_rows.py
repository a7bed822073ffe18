"""Indicator tables in a PDF's layout: a table's lines made into rows, one per indicator (pure functions).

A row ends in its attribute (约束性); the lines read between two row ends (a wrapped name, the
other lines of a tall cell, a category label) each join the row they belong to. See
``pipeline.read.tables``.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.read.table_cells import _NUMERIC, Cell, Char, Column, _is_row_end
from pipeline.read.table_header import _CATEGORY, _YEAR_OR_TARGET, name_column
from pipeline.read.table_spans import (_LINE_SPACING, _NEARER, _centred, _join, _Line, _Mark, _parents,
                                       _side_parents, _spanning)


def _column_of(x: float, cols: list[Column]) -> int:
    return min(range(len(cols)), key=lambda k: abs(cols[k].center - x))


def _split_to_columns(cell: Cell, cols: list[Column]) -> list[tuple[int, str]]:
    """A run spanning several columns (1966.032075) is cut at its widest inner gaps."""
    first, last = _column_of(cell.left + 1, cols), _column_of(cell.right - 1, cols)
    spanned = [k for k in range(first, last + 1) if cell.left < cols[k].center < cell.right]
    if len(spanned) <= 1 or not cell.gaps:
        return [(_column_of(cell.center, cols), cell.text)]
    cuts = sorted(i for _, i in sorted(cell.gaps, reverse=True)[:len(spanned) - 1])
    pieces, start = [], 0
    for i in cuts + [len(cell.text)]:
        pieces.append(cell.text[start:i])
        start = i
    return list(zip(spanned, pieces)) if len(pieces) == len(spanned) else [(_column_of(cell.center, cols), cell.text)]


_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")  # a serial number (序号) holds no word, not even 米）


_STRAY = re.compile(r"\d{1,3}|[\u4e00-\u9fff]{1,2}")  # a serial number, a vertical label's letters


def _under(c: Cell, left: float, right: float) -> bool:
    return c.left < right and c.right > left


def column_extents(lines: list[list[Cell]], cols: list[Column]) -> list[tuple[float, float]]:
    """Where each column's cells stand: its header's span widened by the cells under it and under no
    other header word (a name left-aligned in a wide column reaches far right of 指标's centre)."""
    out = [(k.left, k.right) for k in cols]
    for line in lines:
        for c in line:
            hit = [k for k, col in enumerate(cols) if _under(c, col.left, col.right)]
            if len(hit) == 1:
                k = hit[0]
                out[k] = (min(out[k][0], c.left), max(out[k][1], c.right))
    return out


def _column_by_extent(c: Cell, cols: list[Column], extents: Optional[list[tuple[float, float]]]) -> Optional[int]:
    """The column of a cell under no header word: the one column whose cells it stands among, if one."""
    if extents is None or any(_under(c, k.left, k.right) for k in cols):
        return None
    hit = [k for k, (lo, hi) in enumerate(extents) if _under(c, lo, hi)]
    return hit[0] if len(hit) == 1 else None


def _placed(line: list[Cell], cols: list[Column],
            extents: Optional[list[tuple[float, float]]] = None) -> list[tuple[int, str, Cell]]:
    """(column, text, cell) of a line's pieces; words never stand in the 序号 column, and a serial or a
    label's letters left of the first column (a column the header does not name) stand in none. A cell
    under no header word stands in the column whose cells it stands among (``extents``), else the nearest."""
    out = []
    for c in line:
        own = _column_by_extent(c, cols, extents)
        for k, text in ([(own, c.text)] if own is not None else _split_to_columns(c, cols)):
            if "序号" in cols[k].name and _CJK_TEXT.search(text) and k + 1 < len(cols):
                k += 1
            if k == 0 and c.right < cols[0].left and _STRAY.fullmatch(text):
                continue
            out.append((k, text, c))
    # a label's letters or a serial drawn in the band of a row, left of its name (水 | 地表水…比例)
    names = [i for i, (k, _, _) in enumerate(out) if k == _name_of(cols)]
    if len(names) >= 2:
        _, text, c = out[names[0]]
        nxt = out[names[1]][2]
        if _STRAY.fullmatch(text) and nxt.left - c.right >= (c.right - c.left) / len(text):
            del out[names[0]]
    return out


def _name_of(cols: list[Column]) -> int:
    return name_column([c.name for c in cols])


def row_cells(line: list[Cell], cols: list[Column]) -> list[str]:
    """A row's text per header column; words never stand in the 序号 column (a name drawn left of 指标's centre)."""
    out = [""] * len(cols)
    for k, text, _ in _placed(line, cols):
        out[k] += text
    return out


def _middle(chars: list[Char]) -> Optional[float]:
    """A line's vertical middle (None: no vertical boxes)."""
    seen = [c for c in chars if c.top > c.bottom and not c.ch.isspace()]
    return (min(c.bottom for c in seen) + max(c.top for c in seen)) / 2 if seen else None


_HUG = 0.4  # a line with a name and values this share of the way to the next row is the last row's, not its own


def _line(line: list[Cell], cols: list[Column], name: int, y: Optional[float],
          extents: Optional[list[tuple[float, float]]] = None) -> _Line:
    out = [""] * len(cols)
    lefts, rights, pieces = [], [], []
    for k, text, c in _placed(line, cols, extents):
        out[k] += text
        if k == name:
            lefts.append(c.left)
            rights.append(c.right)
            pieces.append((text, c.left, c.right))
    return _Line(out, y, (min(lefts), max(rights)) if lefts else None, max((c.size for c in line), default=0.0),
                 pieces)


def _table_rows(lines: list[list[Cell]], first: int, last: int, cols: list[Column],
                middles: Optional[list[Optional[float]]] = None) -> list[list[str]]:
    """One row per indicator; lines between rows (a wrapped name, the upper part of a tall row) join a row.

    Lines above a row with no name of its own are its upper part: their cells join the row's
    top to bottom (完成国家 / 下达目标). Otherwise they end the row above: a wrapped name joins
    its name, and a line with a name and values is a row of its own (its attribute cell empty).
    A category heading between rows (（二）能源领域) is no part of either, nor is a label drawn
    left of the rows' names (（2）大气环 / 境质量 in a column the header does not name). Where the
    lines' heights are known (``middles``), each line between two rows joins the one it stands
    nearer (a tall cell read after its row's end: 完成国家 above 下达目标 | 约束性), above or below
    its text, and the lines are taken top to bottom.
    """
    name = name_column([c.name for c in cols])
    values = [k for k, c in enumerate(cols) if k != name and _YEAR_OR_TARGET.search(c.name)]
    rows: list[list[str]] = []
    row_y: list[Optional[float]] = []
    row_left: list[Optional[float]] = []  # where each row's name begins
    pending: list[_Line] = []

    def combined(ls: list[_Line]) -> list[str]:
        out = [""] * len(cols)
        _join(out, ls, above=False)
        return out

    def is_label(ln: _Line, ref: Optional[float]) -> bool:
        """A label left of the names: text in the name column only, ending before the row's name begins."""
        return ln.name_span is not None and ref is not None and ln.name_span[1] <= ref + 1 \
            and not any(x for k, x in enumerate(ln.cells) if k != name)

    def by_height(nxt: list[str], y_next: Optional[float], nearer: float = _NEARER) -> bool:
        y_last = row_y[-1] if rows else None
        if y_next is None or y_last is None or any(ln.y is None for ln in pending):
            return False
        _spanning(pending, rows[-1], y_last, nxt, y_next, values, table, ends)
        _centred(pending, rows[-1], y_last, nxt, y_next, values + [name], table, ends)
        to_next = [ln for ln in pending if abs(ln.y - y_next) <= nearer * abs(ln.y - y_last)]
        to_last = [ln for ln in pending if ln not in to_next]
        _join(nxt, [ln for ln in to_next if ln.y > y_next], above=True)
        _join(nxt, [ln for ln in to_next if ln.y <= y_next], above=False)
        _join(rows[-1], [ln for ln in to_last if ln.y > y_last], above=True)
        _join(rows[-1], [ln for ln in to_last if ln.y <= y_last], above=False)
        return True

    def hugs_last(y_next: Optional[float]) -> bool:
        """Whether every pending line stands close by the last row (a tall cell of it), not between two rows."""
        y_last = row_y[-1] if rows else None
        if y_next is None and len(row_y) >= 2 and y_last is not None and row_y[-2] is not None:
            y_next = 2 * y_last - row_y[-2]  # after the last row: a row's pitch below it
        if y_next is None or y_last is None or any(ln.y is None for ln in pending):
            return False
        return all(abs(ln.y - y_last) < _HUG * abs(y_next - y_last) for ln in pending)

    def upper_lines(nxt: list[str], y_next: Optional[float], left: Optional[float], size: float) -> None:
        """Lines of a name and values just above a row's end, a line's spacing apart and nearer it than the last
        row, their names beginning where the row's does: the upper lines of a tall row
        (单位地区生产总值能耗 | 5年下降 over 降低 | 19.4 | 约束性),
        joined to it top to bottom, not rows of their own."""
        y_last = row_y[-1] if rows else None
        if y_next is None or left is None or not nxt[name]:
            return
        near = y_next
        for ln in sorted((ln for ln in pending if ln.y is not None and ln.y > y_next), key=lambda ln: ln.y):
            if not (ln.name_span and abs(ln.name_span[0] - left) <= 1 and ln.cells[name]
                    and any(x for k, x in enumerate(ln.cells) if k != name)
                    and ln.y - near <= _LINE_SPACING * max(ln.size, size, 1.0)
                    and (y_last is None or abs(ln.y - y_next) <= _NEARER * abs(ln.y - y_last))):
                break
            _join(nxt, [ln], above=True)
            pending.remove(ln)
            near = ln.y

    def flush(nxt: Optional[list[str]], y_next: Optional[float] = None, left: Optional[float] = None,
              size: float = 0.0) -> None:
        ref = left if nxt is not None and nxt[name] else (row_left[-1] if rows else None)
        pending[:] = [ln for ln in pending if not is_label(ln, ref)]
        for ln in [ln for ln in pending if ln.sub]:  # a sub-indicator's line of values: a row of its own
            rows.append(ln.cells)
            row_y.append(None)
            row_left.append(None)
            pending.remove(ln)
        if nxt is not None:
            upper_lines(nxt, y_next, left, size)
        left = [ln for ln in pending if not any(ln.cells[name:])]  # a category or serial left of the names
        if left and nxt is not None:
            lab = combined(left)
            for k in range(name):
                if lab[k] and not nxt[k]:
                    nxt[k] = lab[k]
            pending[:] = [ln for ln in pending if any(ln.cells[name:])]
        if not pending:
            return
        p = combined(pending)
        # a row of its own: one of the lines holds a name and a value (a value read on another line, beside
        # a category, is another row's: a tall row's lower cell)
        own_row = any(ln.cells[name] and any(_NUMERIC.search(ln.cells[k]) for k in values) for ln in pending) \
            and not hugs_last(y_next)
        if nxt is None and not own_row and rows and row_y[-1] is not None and all(ln.y is not None for ln in pending) \
                and not any(p[k] for k in range(name)):
            # lines after a row's end, before a category or the table's end: that row's
            _join(rows[-1], [ln for ln in pending if ln.y > row_y[-1]], above=True)
            _join(rows[-1], [ln for ln in pending if ln.y <= row_y[-1]], above=False)
        elif nxt is not None and not nxt[name] and by_height(nxt, y_next, 1.0):
            pass  # a row whose name is read after its end (5 | % | 30 | 预期性, then 新建建筑… / 占比)
        elif nxt is not None and not nxt[name]:
            for k, x in enumerate(p):
                nxt[k] = x + nxt[k]
        elif own_row:
            each = [ln for ln in pending if ln.cells[name] and any(_NUMERIC.search(ln.cells[k]) for k in values)]
            for got in ([ln.cells for ln in each] if len(each) >= 2 and len(each) == len(pending) else [p]):
                rows.append(list(got))  # lines of a name and values each: rows of their own (sub-rows)
                row_y.append(None)
                row_left.append(None)
        elif nxt is not None and by_height(nxt, y_next):
            pass
        elif nxt is not None and p[name] and not rows:  # the first row's upper lines
            for k, x in enumerate(p):
                nxt[k] = x + nxt[k]
        else:
            if rows:
                rows[-1][name] += p[name]
            if nxt is not None:  # a label above a row of its own (a category centred over its rows)
                for k, x in enumerate(p):
                    if k != name and x and not nxt[k] and not _NUMERIC.search(x):
                        nxt[k] = x
        pending.clear()

    extents = column_extents([lines[i] for i in range(first, last + 1)], cols)
    order = [i for i in range(first, last + 1) if lines[i]]
    if middles and all(middles[i] is not None for i in order):
        order.sort(key=lambda i: -middles[i])  # top to bottom, whatever order the text layer read them in
    built = {i: _line(lines[i], cols, name, middles[i] if middles else None, extents) for i in order}
    # every line of the table as read (before any cell of it joins a row), for what a cell goes on over
    table = [_Mark(ln.y, ln.size, tuple(bool(x) for x in ln.cells)) for ln in built.values() if ln.y is not None]
    span = (min(min(c.left for ln in lines[first:last + 1] for c in ln), cols[0].left),
            max(max(c.right for ln in lines[first:last + 1] for c in ln), cols[-1].right))
    ends = [built[i].y for i in order if _is_row_end(lines[i]) and built[i].y is not None]
    heads = _parents([built[i] for i in order], name)
    _side_parents([built[i] for i in order], name, {id(built[i]) for i in order if _is_row_end(lines[i])})
    for i in order:
        line = lines[i]
        y = middles[i] if middles else None
        ln = built[i]
        if id(ln) in heads:
            continue
        if _is_row_end(line):
            flush(ln.cells, y, ln.name_span[0] if ln.name_span else None, ln.size)
            rows.append(ln.cells)
            row_y.append(y)
            row_left.append(ln.name_span[0] if ln.name_span else None)
        elif _CATEGORY.match(ln.cells[name]) or _across(line, cols, extents[name][0], span) \
                or _heading_row(ln, name, table):
            flush(None)
        else:
            pending.append(ln)
    flush(None)
    return _sub_rows(rows, name, values)


_ACROSS_CENTRE = 0.08  # a heading across the table is centred on it within this share of its width


def _across(line: list[Cell], cols: list[Column], names_left: float, span: tuple[float, float]) -> bool:
    """A heading drawn across the table between its rows (污染物排放总量, 环境风险): one cell of words, no
    figure, under no header word, centred on the table and clear of where the names begin."""
    if len(line) != 1 or _NUMERIC.search(line[0].text):
        return False
    c = line[0]
    lo, hi = span
    centred = abs(c.center - (lo + hi) / 2) <= _ACROSS_CENTRE * (hi - lo)
    return not any(_under(c, k.left, k.right) for k in cols) and centred \
        and c.left - names_left >= 2 * max(c.size, 1.0)


_HEADING_CHARS = 8  # a group's heading row is a short word or two
_BRACKET = re.compile(r"[()（）]")


def _heading_row(ln: _Line, name: int, table: list[_Mark]) -> bool:
    """A heading row over a group of rows (生态保护 over 森林覆盖率 …, in the name column with no category
    column): a short name with no figure, no bracket and no other cell, on a row band of its own (no line
    of the table within a line's spacing of it: no part of a wrapped name)."""
    text = ln.cells[name]
    if ln.y is None or not text or len(text) > _HEADING_CHARS or _NUMERIC.search(text) or _BRACKET.search(text) \
            or any(x for k, x in enumerate(ln.cells) if k != name):
        return False
    reach = _LINE_SPACING * max(ln.size, 1.0)
    return not any(0 < abs(m.y - ln.y) <= reach for m in table)


_UNIT_END = re.compile(r"[（(][^（）()]*[)）]$")


def _sub_rows(rows: list[list[str]], name: int, values: list[int]) -> list[list[str]]:
    """Rows of their own (no attribute) beside a row with a name and an attribute but no value (重点工程减排量
    （万吨）| 约束性 beside 氮氧化物 | 2.08) are its parts: its name before theirs, its other cells where theirs
    are empty."""
    attr = len(rows[0]) - 1 if rows else 0

    def valued(r: list[str]) -> bool:
        return any(_NUMERIC.search(r[k]) for k in values)

    def part(r: list[str]) -> bool:
        return bool(r[name]) and not r[attr] and valued(r)

    out = [list(r) for r in rows]
    for i, r in enumerate(rows):
        if not (r[name] and r[attr] and not any(r[k].strip() for k in values)) or attr in values:
            continue
        near = []
        j = i - 1
        while j >= 0 and part(rows[j]):
            near.append(j)
            j -= 1
        j = i + 1
        while j < len(rows) and part(rows[j]):
            near.append(j)
            j += 1
        for j in near:
            m = _UNIT_END.search(r[name])  # the parent's unit stays last: 减排量化学需氧量（万吨）
            out[j][name] = r[name][:m.start()] + rows[j][name] + m[0] if m else r[name] + rows[j][name]
            for k, x in enumerate(r):
                if k != name and k not in values and not out[j][k]:
                    out[j][k] = x
    return out
