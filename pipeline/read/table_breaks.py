"""A line standing alone above a table drawn cell by cell is never joined to the table's lines (pure functions).

The text layer reads a table's cells one after another, each as lines of its own (序 / 号 / 所 / 属 …),
and in indent mode the paragraph joiner glues them to the line above them: a document's title
printed over a table (交通运输行业节能低碳技术推广目录（2021年度）) became one paragraph with the
header's words. Geometry tells the two apart: a table's lines stand side by side in one band, several
to a band with a gap between them, while a title stands alone in its band above them. ``table_breaks``
finds the lines where such a table begins right under a line of its own, and ``insert_breaks`` puts a
blank line (a paragraph break) before each in the page's text, so no paragraph spans the two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_LINE = re.compile(r"[^\r\n]+")
_SEPARATOR = re.compile(r"([\r\n]+)")
_LOOK = 12  # lines after (and around) a line searched for the lines drawn in its band
_MIN_BESIDE = 3  # a table's band holds at least this many lines side by side
_GAP = 1.0  # lines of one band this many line heights apart (or more) stand side by side, as cells do
_OVERLAP = 0.5  # two lines share a band when their boxes overlap by this share of the lower one's height


@dataclass(frozen=True)
class LineBox:
    """Where a text line's visible characters stand on the page (PDF points, y upwards)."""

    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.0)


def _same_band(a: LineBox, b: LineBox) -> bool:
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return overlap > 0 and overlap >= _OVERLAP * min(a.height, b.height)


def _beside(a: LineBox, b: LineBox) -> bool:
    """Two lines of one band parted by a gap of a line's height or more (cells of a table's row)."""
    gap = max(b.left - a.right, a.left - b.right)
    return _same_band(a, b) and gap >= _GAP * max(a.height, b.height)


def _table_line(boxes: list[Optional[LineBox]], i: int) -> bool:
    """Whether line ``i`` stands side by side with at least two other lines of its band (a table's cells)."""
    me = boxes[i]
    if me is None or me.height <= 0:
        return False
    band = [me]
    for b in boxes[i + 1:i + 1 + _LOOK]:
        if b is not None and b.height > 0 and all(_beside(b, x) for x in band):
            band.append(b)
    return len(band) >= _MIN_BESIDE


def _alone(boxes: list[Optional[LineBox]], i: int) -> bool:
    """Whether no other line near line ``i`` is drawn in its band."""
    me = boxes[i]
    if me is None or me.height <= 0:
        return False
    near = boxes[max(0, i - _LOOK):i] + boxes[i + 1:i + 1 + _LOOK]
    return not any(b is not None and _same_band(me, b) for b in near)


def table_breaks(boxes: list[Optional[LineBox]]) -> list[int]:
    """Indexes of lines where a table's cell lines begin right under a line standing alone in its band
    (wholly above them): a paragraph break goes before each."""
    out = []
    for i in range(1, len(boxes)):
        above, me = boxes[i - 1], boxes[i]
        if above is None or me is None or above.bottom < me.top:
            continue
        if _table_line(boxes, i) and _alone(boxes, i - 1):
            out.append(i)
    return out


def insert_breaks(text: str, breaks: list[int]) -> str:
    """A page's text with a blank line before each line (counted as ``[^\\r\\n]+`` runs) in ``breaks``."""
    if not breaks:
        return text
    wanted = set(breaks)
    out: list[str] = []
    k = 0
    for piece in _SEPARATOR.split(text):
        if piece and piece[0] not in "\r\n":
            if k in wanted:
                out.append("\n")
            k += 1
        out.append(piece)
    return "".join(out)


def line_count(text: str) -> int:
    return len(_LINE.findall(text))
