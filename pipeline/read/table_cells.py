"""Indicator tables in a PDF's layout: characters, the cells they form, and table lines (pure functions).

A text line's characters (with their boxes) make cells where they leave a gap; lines drawn in one
band are joined first (a footnote marker or a row's values the text layer puts on lines of their
own). A row ends in its attribute (约束性, 预期性, 导向性, 指导性, 参考性). See ``pipeline.read.tables``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_SENTENCE_END = re.compile(r"[。；：]$")
_ATTRIBUTE = re.compile(r"^(?:约束性|预期性|导向性|指导性|参考性)[①-⑳*＊]?$")
_NUMERIC = re.compile(r"\d")
_GAP_SHARE = 0.45  # a gap of this share of the font size parts two cells
_MIN_INNER_GAP = 0.5  # points: the least gap a run of touching cells is cut at


@dataclass
class Char:
    ch: str
    left: float
    right: float
    size: float  # font size (the loose box height)
    bottom: float = 0.0  # the loose box's bottom and top (0, 0: not measured)
    top: float = 0.0


@dataclass
class Cell:
    text: str
    left: float
    right: float
    gaps: list[tuple[float, int]] = field(default_factory=list)  # (gap, index in text) inside the run
    size: float = 0.0  # the largest font size of its characters (0: not known)

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def cells(chars: list[Char]) -> list[Cell]:
    """A line's cells: runs of characters parted by gaps wider than about half the font size.

    A character drawn left of the run it follows in the text (a category cell centred
    beside the row) starts a cell of its own.
    """
    out: list[Cell] = []
    for c in chars:
        if c.ch.isspace():
            continue
        if out and -_GAP_SHARE * max(c.size, 1.0) <= c.left - out[-1].right <= _GAP_SHARE * max(c.size, 1.0):
            cur = out[-1]
            gap = c.left - cur.right
            if gap >= _MIN_INNER_GAP:
                cur.gaps.append((gap, len(cur.text)))
            cur.text += c.ch
            cur.right = max(cur.right, c.right)
            cur.size = max(cur.size, c.size)
        else:
            out.append(Cell(c.ch, c.left, c.right, size=c.size))
    return out


@dataclass
class Column:
    name: str
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def _is_row(line: list[Cell]) -> bool:
    """A row: at least three cells, the last an attribute (约束性); its values may be words (完成国家下达目标, —)."""
    return len(line) >= 3 and bool(_ATTRIBUTE.match(line[-1].text))


def _is_row_end(line: list[Cell]) -> bool:
    """Inside a table, a row's last line may hold only its lower cells (下达目标 | 约束性), or its attribute."""
    return len(line) >= 1 and bool(_ATTRIBUTE.match(line[-1].text))


def _is_part_row(line: list[Cell]) -> bool:
    """The upper part of a row drawn over several lines (8 | 单位GDP能耗降低（%） | — above 下达目标 | 约束性)."""
    return len(line) >= 2 and all(len(c.text) <= 30 for c in line) and not any(_SENTENCE_END.search(c.text) for c in line)


_BAND_SHIFT = 0.4  # a line whose middle lies this share of a line's height from a band's middle is in it


def _overlaps(chars: list[Char], others: list[Char]) -> bool:
    """Whether characters stand over or under others (two lines of one cell), not beside them."""
    return any(c.left < o.right - 0.5 and c.right > o.left + 0.5 for c in chars for o in others if not o.ch.isspace())


_BAND_LOOK_BACK = 6  # a line may join the band of one of this many lines before it (cells read one by one)


def merge_bands(chars: list[list[Char]]) -> list[list[Char]]:
    """Text lines drawn in one band (a row whose footnote marker ① or values the text layer put on
    lines of their own) joined into the first of them, left to right; the others left empty.

    The band may be that of one of the last few lines: where the text layer reads a tall row cell
    by cell (a cell's two lines, then the next cell's two), each line joins the band it stands in.
    """
    out: list[list[Char]] = []
    bands: list[tuple[int, float, float]] = []  # (line, bottom, top) of the last lines read
    for cs in chars:
        seen = [c for c in cs if c.top > c.bottom and not c.ch.isspace()]
        if not seen:
            out.append(cs)
            if cs and any(not c.ch.isspace() for c in cs):
                bands = []
            continue
        lo, hi = min(c.bottom for c in seen), max(c.top for c in seen)
        hit = next((b for b in reversed(bands)
                    if abs((lo + hi) - (b[1] + b[2])) / 2 <= _BAND_SHIFT * max(hi - lo, b[2] - b[1])
                    and not _overlaps(seen, out[b[0]])), None)
        if hit is not None:
            k = hit[0]
            out[k] = sorted(out[k] + cs, key=lambda c: c.left)
            out.append([])
            bands[bands.index(hit)] = (k, min(lo, hit[1]), max(hi, hit[2]))
        else:
            out.append(cs)
            bands = (bands + [(len(out) - 1, lo, hi)])[-_BAND_LOOK_BACK:]
    return out
