"""Indicator tables in a PDF's layout: cells drawn over several lines or rows, and labels over rows (pure functions).

A table's lines (``_Line``: text per header column, height, where the name begins) are made into rows by
``pipeline.read.table_rows``; the rules here decide where the lines of a tall cell go: a value cell
merged over two rows is each row's (``_spanning``), a cell of several lines is centred on its row
(``_centred``), and a numbered label over indented sub-rows heads each of them (``_parents``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_LINE_SPACING = 1.5  # lines of one cell stand at most this many font sizes apart
_NEARER = 0.7  # a line this much nearer the next row than the last one is the next row's

@dataclass(frozen=True)
class _Mark:
    """Where a table line stands and which columns it holds text in, as read."""

    y: float
    size: float
    filled: tuple[bool, ...]


@dataclass
class _Line:
    cells: list[str]  # text per column
    y: Optional[float]  # the line's middle
    name_span: Optional[tuple[float, float]]  # left and right of its text in the name column
    size: float = 0.0  # its largest font size
    pieces: list[tuple[str, float, float]] = field(default_factory=list)  # its name column's cells: text, left, right
    sub: bool = False  # a sub-indicator's line beside its parent's (a row of its own)


def _join(into: list[str], lines: list[_Line], above: bool) -> None:
    """Lines' cells (given top to bottom) joined to a row's, before them (lines above the row) or after,
    keeping their order."""
    for ln in (reversed(lines) if above else lines):
        for k, x in enumerate(ln.cells):
            into[k] = x + into[k] if above else into[k] + x


_SPAN_MIDDLE = 0.15  # a cell's lines centred this share of a row's pitch from the middle between two rows span both


_ON_ROW = 0.25  # a line this share of a row's pitch from a row's end stands on that row


def _spanning(pending: list[_Line], upper: list[str], y_upper: float, lower: list[str], y_lower: float,
              columns: list[int], table: list[_Mark], ends: list[float]) -> None:
    """A value cell drawn over two rows' height (merged, centred on the line between them: 完成国家 / 下达任务
    beside two rows with no value of their own) is each row's: its lines, taken top to bottom, give both
    rows that cell, and leave the lines between them. A cell going on past the two rows (a line of it
    within a pitch beyond them, itself on no row's band) spans more rows than two and is left as it is."""
    pitch = abs(y_upper - y_lower)
    lo, hi = min(y_upper, y_lower), max(y_upper, y_lower)
    for k in columns:
        if upper[k].strip() or lower[k].strip():
            continue
        group = [ln for ln in pending if ln.cells[k] and ln.y is not None]
        if not group or not all(lo < ln.y < hi for ln in group):
            continue
        middle = sum(ln.y for ln in group) / len(group)
        if abs(middle - (y_upper + y_lower) / 2) > _SPAN_MIDDLE * pitch:
            continue
        if any(m.filled[k] and not lo <= m.y <= hi and min(abs(m.y - lo), abs(m.y - hi)) < pitch
               and not any(abs(m.y - e) <= _ON_ROW * pitch for e in ends) for m in table):
            continue
        text = "".join(ln.cells[k] for ln in sorted(group, key=lambda ln: -ln.y))
        upper[k] = lower[k] = text
        for ln in group:
            ln.cells[k] = ""


def _chain(col: list, y: float, down: bool, ends: list[float], stop: Optional[float]) -> list:
    """A column's lines going on from height ``y`` up or down at a line's spacing, up to a line on another row's
    end, or one clearly nearer ``stop`` (the other row's line, holding a cell of its own) than the line before it."""
    out: list = []
    cur = y
    for ln in sorted((ln for ln in col if (ln.y < y if down else ln.y > y)), key=lambda ln: -ln.y if down else ln.y):
        size = max(ln.size, 1.0)
        if abs(ln.y - y) <= 0.5 * size:
            continue  # on the row's own line
        nearer_stop = stop is not None and abs(ln.y - stop) < _NEARER * abs(ln.y - cur)
        if abs(ln.y - cur) > _LINE_SPACING * size or nearer_stop \
                or any(abs(ln.y - e) <= 0.5 * size for e in ends if abs(e - y) > 0.5 * size):
            break
        out.append(ln)
        cur = ln.y
    return out


def _centred(pending: list[_Line], upper: list[str], y_upper: float, lower: list[str], y_lower: float,
             columns: list[int], table: list[_Mark], ends: list[float]) -> None:
    """A value cell of several lines is drawn centred on its row: as many of its lines stand above the row's
    middle as below it. Where a row's cell goes on below its middle (100 / （21个国控断 / 面…）), as many
    lines of it just above (at a line's spacing) are its, though they stand nearer the row above; and
    where the row above has lines above its middle, as many just below it are that row's."""
    for k in columns:
        col = [m for m in table if m.filled[k]]
        between = [ln for ln in pending if ln.cells[k] and ln.y is not None and y_lower < ln.y < y_upper]
        if not between:
            continue
        need = len(_chain(col, y_lower, True, ends, None))
        took = _chain(between, y_lower, False, ends, y_upper if upper[k].strip() else None)[:need]
        if took:
            lower[k] = "".join(ln.cells[k] for ln in sorted(took, key=lambda ln: -ln.y)) + lower[k]
            for ln in took:
                ln.cells[k] = ""
        rest = [ln for ln in between if ln.cells[k]]
        need = len(_chain(col, y_upper, False, ends, None))
        took = _chain(rest, y_upper, True, ends, y_lower if lower[k].strip() else None)[:need]
        if took:
            upper[k] += "".join(ln.cells[k] for ln in sorted(took, key=lambda ln: -ln.y))
            for ln in took:
                ln.cells[k] = ""


_INDENT = 0.5  # rows whose names begin this many font sizes right of a label's are its sub-rows
_SERIAL_FORM = re.compile(r"^\s*(?:\d{1,2}\s*([.．、])|[(（]\d{1,2}[)）])")


def _serial(text: str) -> Optional[str]:
    """The form of a row's serial (1. / 1、 / （1）), None when it has none."""
    m = _SERIAL_FORM.match(text)
    return None if m is None else (m[1] or "()")


def _parents(seq: list[_Line], name: int) -> set[int]:
    """Labels over sub-rows (category / indicator / sub-indicator: 4.空气质量 over 优良天数比率 | 97.7 and
    PM2.5年均浓度 | 26): a line of a name only, numbered like the rows before and after it, over two or
    more unnumbered rows of values whose names begin further right, at one indent. Each sub-row's name is
    the label's and its own; the ids of the labels' lines (no row of theirs) are returned."""
    out: set[int] = set()
    named = [x for x in seq if x.name_span and x.cells[name]]
    for i, ln in enumerate(named):
        form = _serial(ln.cells[name])
        if form is None or i == 0 or any(x for k, x in enumerate(ln.cells) if k != name) \
                or _serial(named[i - 1].cells[name]) != form:
            continue
        kids = []
        for x in named[i + 1:]:
            if x.name_span[0] < ln.name_span[0] + _INDENT * max(ln.size, 1.0) \
                    or (kids and abs(x.name_span[0] - kids[0].name_span[0]) > 1):
                break
            kids.append(x)
        after = named[i + 1 + len(kids)] if i + 1 + len(kids) < len(named) else None
        if len(kids) < 2 or any(_serial(x.cells[name]) or not any(v for k, v in enumerate(x.cells) if k != name)
                                for x in kids) or after is None or _serial(after.cells[name]) != form:
            continue
        for x in kids:
            x.cells[name] = ln.cells[name] + x.cells[name]
        out.add(id(ln))
    return out


_SIDE_GAP = 1.5  # a parent's words and a sub-indicator's stand this many font sizes apart in the name column


def _side_parents(seq: list[_Line], name: int, ends: set[int]) -> None:
    """A parent indicator drawn in the name column left of its sub-indicators (地表水达到 / 或优于Ⅲ类 /
    水质的比例 beside 国考断面 | 80 and 省考及以上断面 | 92.2): the parent's lines, stacked at a line's
    spacing, name the row end among them (its attribute serves the sub-rows), and each sub-indicator's
    line of values is a row of its own (``sub``); ``_sub_rows`` then names them after the parent.
    ``ends`` holds the ids of the row ends' lines."""
    done: set[int] = set()
    for s in seq:
        ps = sorted(s.pieces, key=lambda p: p[1])
        if id(s) in done or s.y is None or len(ps) != 2 or ps[1][1] - ps[0][2] < _SIDE_GAP * max(s.size, 1.0):
            continue
        lo, hi = ps[0][1], ps[0][2]
        reach = _LINE_SPACING * max(s.size, 1.0)

        def parent_piece(ln: _Line) -> Optional[tuple[str, float, float]]:
            return next((p for p in ln.pieces if p[1] < hi and p[2] > lo and p[2] <= hi + max(ln.size, 1.0)), None)

        stack = [s]
        for direction in (1, -1):  # up, then down, at a line's spacing
            cur = s.y
            for ln in sorted((x for x in seq if x.y is not None and (x.y - s.y) * direction > 0),
                             key=lambda x: abs(x.y - s.y)):
                if abs(ln.y - cur) > reach or parent_piece(ln) is None:
                    break
                stack.append(ln)
                cur = ln.y
        stack.sort(key=lambda x: -x.y)
        kids = [x for x in stack if any(p[1] > hi for p in x.pieces)]
        heads = [x for x in stack if id(x) in ends]
        if len(kids) < 2 or len(heads) != 1 \
                or any(not any(v for k, v in enumerate(x.cells) if k != name) for x in kids):
            continue
        parent = "".join(parent_piece(x)[0] for x in stack)
        for x in stack:
            x.cells[name] = "".join(p[0] for p in x.pieces if p[1] > hi)
            x.sub = x in kids and x is not heads[0]
            done.add(id(x))
        heads[0].cells[name] = parent + heads[0].cells[name] if heads[0] not in kids else parent

