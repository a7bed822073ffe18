"""Indicator tables in a PDF's layout: the header above the rows and its columns (pure functions).

The header is found from its 属性 / 性质 line (else its 指标 line) above the first row, with the
short lines above it and the header words below it; its words are joined by column, top to
bottom. See ``pipeline.read.tables``.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.read.table_cells import _SENTENCE_END, Cell, Column, _is_row
_HEADER_WORD = re.compile(r"序号|指标|属性|性质|单位|类别|领域|现状|基准|目标|\d{4}|年")


def _join_spaced_letters(line: list[Cell]) -> list[Cell]:
    """A header word drawn letter-spaced (指　　标): single characters a few widths apart are one cell."""
    out: list[Cell] = []
    for c in line:
        prev = out[-1] if out else None
        if prev is not None and len(c.text) == 1 and _CJK_CHAR.match(c.text) and _CJK_CHAR.fullmatch(prev.text) \
                and (0 <= c.left - prev.right <= 3 * (c.right - c.left)
                     or (len(prev.text) == 1 and c.left > prev.right and bool(_SPACED_WORD.fullmatch(prev.text + c.text)))):
            out[-1] = Cell(prev.text + c.text, prev.left, c.right)
        else:
            out.append(Cell(c.text, c.left, c.right, list(c.gaps)))
    return out


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]+")
_SPACED_WORD = re.compile(r"序号|指标|属性|性质|单位|类别|领域|项目|名称")  # spread over a wide cell: 指 … 标


def header_columns(lines: list[list[Cell]], middles: Optional[list[Optional[float]]] = None) -> list[Column]:
    """Columns from header lines: cells whose spans overlap are one column, their words joined top to bottom
    (by the lines' heights when known: ``middles``, one per line)."""
    cols: list[Column] = []
    if middles is not None and len(middles) == len(lines) and all(m is not None for m, ln in zip(middles, lines) if ln):
        lines = [ln for _, ln in sorted(((m, ln) for m, ln in zip(middles, lines) if ln), key=lambda x: -x[0])]
    for line in lines:
        under: dict[int, list[Cell]] = {}  # cells of this line under each column so far
        for c in _join_spaced_letters(line):
            hit = next((i for i, k in enumerate(cols) if c.left < k.right and c.right > k.left), None)
            if hit is None:
                cols.append(Column(c.text, c.left, c.right))
            else:
                under.setdefault(hit, []).append(c)
        split: list[Column] = []
        for i, k in enumerate(cols):
            got = under.get(i, [])
            if len(got) >= 2:  # a heading spanning several columns (利用规模 over 2020年 | 2025年)
                split += [Column(k.name + c.text, c.left, c.right) for c in got]
            elif got:
                split.append(Column(k.name + got[0].text, min(k.left, got[0].left), max(k.right, got[0].right)))
            else:
                split.append(k)
        cols = split
    return sorted(cols, key=lambda k: k.left)


_TITLE = re.compile(r"^(?:表|专栏|附表)\s*\d")


def _is_header(line: list[Cell]) -> bool:
    """A line of a table's header: short words (序号, 指标, 2025年, 属性), no title (表1, 专栏1), no sentence."""
    return bool(line) and not _TITLE.match(line[0].text) and all(len(c.text) <= 12 for c in line) \
        and bool(_HEADER_WORD.search("".join(c.text for c in line))) and not any(c.text.endswith("。") for c in line)


def _is_short(line: list[Cell]) -> bool:
    """A line that may stand in a header: short words, no title, no sentence (累计, （基准值）)."""
    return bool(line) and not _TITLE.match(line[0].text) and all(len(c.text) <= 12 for c in line) \
        and not any(c.text.endswith(("。", "；", "：")) for c in line) and not _is_row(line)


_SERIAL = re.compile(r"\d{1,3}")  # a row's serial number (1, 12): a first row's upper line, never the header
_CATEGORY = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_ANCHOR = re.compile(r"属性|性质|指标")
_HEADER_SEARCH = 20  # lines with text above a table's first row searched for its header


def header_block(lines: list[list[Cell]], first: int, floor: int,
                 middles: Optional[list[Optional[float]]] = None) -> Optional[tuple[int, int]]:
    """(start, end) of the header above the first row ``first``, rows of the table from ``end`` on.

    The header holds the nearest line above the rows naming 属性 or 指标 (the anchor), the short
    lines above it and the short lines with header words (（目标值）) below it; lines between the
    header and the first row (a category 环境质量, a name wrapped above its values) are the table's.
    The search stops at a sentence, a title (表1) or ``floor`` (the end of the last table). Where the
    lines' heights are known (``middles``), no header line stands below the first row's end.
    """
    anchor = named = None  # the nearest line naming 属性 (or 性质), else the nearest naming 指标
    k = first - 1
    seen = 0  # lines with text searched (lines merge_bands emptied are not counted)
    while k >= floor and seen < _HEADER_SEARCH:
        ln = lines[k]
        seen += bool(ln)
        if ln and (_TITLE.match(ln[0].text) or _SENTENCE_END.search(ln[-1].text) or _is_row(ln)):
            break
        text = "".join(c.text for c in ln)
        if ln and all(len(c.text) <= 12 for c in _join_spaced_letters(ln)) and _ANCHOR.search(text):
            anchor = k if anchor is None else anchor
            if "属性" in text or "性质" in text:
                named = k
                break
        k -= 1
    anchor = named if named is not None else anchor
    if anchor is None:
        return None
    start = anchor
    while start > floor and anchor - start < _MAX_HEADER_LINES and (_is_short(lines[start - 1]) or not lines[start - 1]):
        start -= 1
    while start < anchor and not (lines[start] and _HEADER_WORD.search("".join(c.text for c in lines[start]))):
        start += 1
    end = j = anchor + 1
    above = lines[anchor]
    while j < first:
        if not lines[j]:  # left empty by merge_bands
            j += 1
            continue
        if not _header_like(lines[j]) or (middles is not None and middles[j] is not None
                                          and middles[first] is not None and middles[j] <= middles[first]):
            break
        if _HEADER_WORD.search("".join(c.text for c in lines[j])) or _wrapped_words(lines[j], above):
            end = j + 1
        else:  # a heading over several columns (利用规模), if header words follow it
            k = next((x for x in range(j + 1, first) if lines[x]), first)
            if not (k < first and _header_like(lines[k]) and _HEADER_WORD.search("".join(c.text for c in lines[k]))
                    and (_spans(lines[j], lines[k]) or (len(lines[j]) <= 2 and _over(lines[j], lines[k])))):
                break
        above = lines[j]
        j += 1
    return start, end


def _spans(line: list[Cell], below: list[Cell]) -> bool:
    """Whether each cell of a line stands over two or more cells of the line below (a heading over columns)."""
    return all(sum(1 for b in below if b.left < c.right and b.right > c.left) >= 2 for c in line)


def _over(line: list[Cell], below: list[Cell]) -> bool:
    """Whether each cell of a line stands over a cell of the line below (“十四 over 目标值)."""
    return all(any(b.left < c.right and b.right > c.left for b in below) for c in line)


def _header_like(line: list[Cell]) -> bool:
    """A line that may stand below a header's anchor: short words, no category heading, no serial number."""
    return _is_short(line) and not _CATEGORY.match(line[0].text) and not any(_SERIAL.fullmatch(c.text) for c in line)


def _wrapped_words(line: list[Cell], above: list[Cell]) -> bool:
    """Header words wrapped onto a line of their own (指标属 / 性): short, each under a cell of the line above."""
    return all(len(c.text) <= 2 and any(c.left < a.right and c.right > a.left and len(a.text) >= 3 for a in above)
               for c in line)


_YEAR_OR_TARGET = re.compile(r"(?:19|20)\d{2}|目标")


def _valid_header(cols: list[Column]) -> bool:
    """An indicator table's header: a name column, a year or target column and an attribute column."""
    names = [c.name for c in cols]
    return len(cols) >= 3 and any("指标" in x for x in names) and any(_YEAR_OR_TARGET.search(x) for x in names) \
        and any(("属性" in x or "性质" in x) for x in names)


_NAME_HEAD = re.compile("指标|项目|名称")
_ATTRIBUTE_HEAD = re.compile("属性|性质|类别")


def _valid_layout_header(cols: list[Column]) -> bool:
    """A header over rows that end in 约束性: a name column (指标, 项目, 名称), a year or target column, and
    a last column named 属性, 性质 or 类别 (指标类别 over the attribute cells)."""
    names = [c.name for c in cols]
    return _valid_header(cols) or (len(cols) >= 3 and any(_NAME_HEAD.search(x) for x in names[:-1])
                                   and any(_YEAR_OR_TARGET.search(x) for x in names)
                                   and bool(_ATTRIBUTE_HEAD.search(names[-1])))


_MAX_HEADER_LINES = 10


def _header_above(lines: list[list[Cell]], first: int, floor: int) -> int:
    """Index of the first header line above line ``first`` (== first when there is none)."""
    h = k = first
    while k > floor and first - k < _MAX_HEADER_LINES:
        if lines[k - 1] and not _is_header(lines[k - 1]):
            break
        k -= 1
        if lines[k]:  # a line left empty by merge_bands (its text joined a line above) is passed over
            h = k
    return h


def rules_year(x: str) -> bool:
    return bool(_YEAR_OR_TARGET.search(x))


def name_column(names: list[str]) -> int:
    """The indicator-name column: 指标 / 指标名称, never 指标类别, 指标属性 or 序号."""
    for k, x in enumerate(names):
        if "指标" in x and not any(w in x for w in ("属性", "类别", "序号", "性质")):
            return k
    for k, x in enumerate(names):
        if ("项目" in x or "名称" in x) and not rules_year(x):
            return k
    return next((k for k, x in enumerate(names) if "指标" in x and "属性" not in x), min(1, len(names) - 1))
