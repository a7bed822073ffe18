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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

ROW_MARK = "\u241e"  # ␞ opens a table line
CELL_SEP = "\u241f"  # ␟ separates its cells

_ATTRIBUTE = re.compile(r"^(?:约束性|预期性|导向性)[①-⑳*＊]?$")
_HEADER_WORD = re.compile(r"序号|指标|属性|性质|单位|类别|领域|现状|基准|目标|\d{4}|年")
_GATE = re.compile(r"约束性|预期性|导向性|属性")
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
        else:
            out.append(Cell(c.ch, c.left, c.right))
    return out


@dataclass
class Column:
    name: str
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def _join_spaced_letters(line: list[Cell]) -> list[Cell]:
    """A header word drawn letter-spaced (指　　标): single characters a few widths apart are one cell."""
    out: list[Cell] = []
    for c in line:
        prev = out[-1] if out else None
        if prev is not None and len(c.text) == 1 and _CJK_CHAR.match(c.text) and _CJK_CHAR.fullmatch(prev.text) \
                and 0 <= c.left - prev.right <= 3 * (c.right - c.left):
            out[-1] = Cell(prev.text + c.text, prev.left, c.right)
        else:
            out.append(Cell(c.text, c.left, c.right, list(c.gaps)))
    return out


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]+")


def header_columns(lines: list[list[Cell]]) -> list[Column]:
    """Columns from header lines: cells whose spans overlap are one column, their words joined top to bottom."""
    cols: list[Column] = []
    for line in lines:
        for c in _join_spaced_letters(line):
            hit = next((k for k in cols if c.left < k.right and c.right > k.left), None)
            if hit:
                hit.name += c.text
                hit.left, hit.right = min(hit.left, c.left), max(hit.right, c.right)
            else:
                cols.append(Column(c.text, c.left, c.right))
    return sorted(cols, key=lambda k: k.left)


def _is_row(line: list[Cell]) -> bool:
    """A row: at least three cells, the last an attribute (约束性); its values may be words (完成国家下达目标, —)."""
    return len(line) >= 3 and bool(_ATTRIBUTE.match(line[-1].text))


_TITLE = re.compile(r"^(?:表|专栏|附表)\s*\d")


def _is_header(line: list[Cell]) -> bool:
    """A line of a table's header: short words (序号, 指标, 2025年, 属性), no title (表1, 专栏1), no sentence."""
    return bool(line) and not _TITLE.match(line[0].text) and all(len(c.text) <= 12 for c in line) \
        and bool(_HEADER_WORD.search("".join(c.text for c in line))) and not any(c.text.endswith("。") for c in line)


def _is_short(line: list[Cell]) -> bool:
    """A line that may stand in a header: short words, no title, no sentence (累计, （基准值）)."""
    return bool(line) and not _TITLE.match(line[0].text) and all(len(c.text) <= 12 for c in line) \
        and not any(c.text.endswith(("。", "；", "：")) for c in line) and not _is_row(line)


_CATEGORY = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_SENTENCE_END = re.compile(r"[。；：]$")
_ANCHOR = re.compile(r"属性|性质|指标")
_HEADER_SEARCH = 14  # lines above a table's first row searched for its header


def header_block(lines: list[list[Cell]], first: int, floor: int) -> Optional[tuple[int, int]]:
    """(start, end) of the header above the first row ``first``, rows of the table from ``end`` on.

    The header holds the nearest line above the rows naming 属性 or 指标 (the anchor), the short
    lines above it and the short lines with header words (（目标值）) below it; lines between the
    header and the first row (a category 环境质量, a name wrapped above its values) are the table's.
    The search stops at a sentence, a title (表1) or ``floor`` (the end of the last table).
    """
    anchor = named = None  # the nearest line naming 属性 (or 性质), else the nearest naming 指标
    k = first - 1
    while k >= max(floor, first - _HEADER_SEARCH):
        ln = lines[k]
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
    end = anchor + 1
    while end < first and _is_short(lines[end]) and not _CATEGORY.match(lines[end][0].text) \
            and (_HEADER_WORD.search("".join(c.text for c in lines[end])) or _wrapped_words(lines[end], lines[end - 1])):
        end += 1
    return start, end


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


def _valid_layout_header(cols: list[Column]) -> bool:
    """A header over rows that end in 约束性: a name column (指标, 项目, 名称), a year or target column, and
    a last column named 属性, 性质 or 类别 (指标类别 over the attribute cells)."""
    names = [c.name for c in cols]
    return _valid_header(cols) or (len(cols) >= 3 and any(re.search("指标|项目|名称", x) for x in names[:-1])
                                   and any(_YEAR_OR_TARGET.search(x) for x in names)
                                   and bool(re.search("属性|性质|类别", names[-1])))


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


def row_cells(line: list[Cell], cols: list[Column]) -> list[str]:
    """A row's text per header column; words never stand in the 序号 column (a name drawn left of 指标's centre)."""
    out = [""] * len(cols)
    for c in line:
        for k, text in _split_to_columns(c, cols):
            if "序号" in cols[k].name and _CJK_TEXT.search(text) and k + 1 < len(cols):
                k += 1
            out[k] += text
    return out


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
_MAX_HEADER_LINES = 10


def _is_continuation(line: list[Cell]) -> bool:
    """A line inside a table between rows: a wrapped name or unit (short, no sentence)."""
    return bool(line) and len(line) <= 2 and sum(len(c.text) for c in line) <= 30 \
        and not any(c.text.endswith("。") for c in line)


def _is_row_end(line: list[Cell]) -> bool:
    """Inside a table, a row's last line may hold only its lower cells (下达目标 | 约束性), or its attribute."""
    return len(line) >= 1 and bool(_ATTRIBUTE.match(line[-1].text))


def _is_part_row(line: list[Cell]) -> bool:
    """The upper part of a row drawn over several lines (8 | 单位GDP能耗降低（%） | — above 下达目标 | 约束性)."""
    return len(line) >= 2 and all(len(c.text) <= 30 for c in line) and not any(_SENTENCE_END.search(c.text) for c in line)


def _groups(lines: list[list[Cell]]) -> list[tuple[int, int]]:
    """(first, last) line of each run of rows, continuation lines between rows included."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if not _is_row(lines[i]):
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
                if not (_is_continuation(lines[j]) or _is_part_row(lines[j])) or between > 3:
                    break
            j += 1
        # continuation lines just above the first row belong to it (a name wrapped above its values)
        while first > 0 and _is_continuation(lines[first - 1]) and not _is_header(lines[first - 1]) \
                and first - 1 > (out[-1][1] if out else -1):
            first -= 1
        out.append((first, last))
        i = last + 1
    return out


def _header_above(lines: list[list[Cell]], first: int, floor: int) -> int:
    """Index of the first header line above line ``first`` (== first when there is none)."""
    h = first
    while h > floor and first - h < _MAX_HEADER_LINES and _is_header(lines[h - 1]):
        h -= 1
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


_BAND_SHIFT = 0.4  # a line whose middle lies this share of a line's height from a band's middle is in it


def _overlaps(chars: list[Char], others: list[Char]) -> bool:
    """Whether characters stand over or under others (two lines of one cell), not beside them."""
    return any(c.left < o.right - 0.5 and c.right > o.left + 0.5 for c in chars for o in others if not o.ch.isspace())


def merge_bands(chars: list[list[Char]]) -> list[list[Char]]:
    """Text lines drawn in one band (a row whose footnote marker ① or values the text layer put on
    lines of their own) joined into the first of them, left to right; the others left empty."""
    out: list[list[Char]] = []
    band: Optional[tuple[float, float]] = None
    for cs in chars:
        seen = [c for c in cs if c.top > c.bottom and not c.ch.isspace()]
        if not seen:
            out.append(cs)
            if cs and any(not c.ch.isspace() for c in cs):
                band = None
            continue
        lo, hi = min(c.bottom for c in seen), max(c.top for c in seen)
        k = len(out) - 1
        while k >= 0 and not any(not c.ch.isspace() for c in out[k]):
            k -= 1
        if band is not None and k >= 0 and abs((lo + hi) - (band[0] + band[1])) / 2 <= _BAND_SHIFT * max(hi - lo, band[1] - band[0]) \
                and not _overlaps(seen, out[k]):
            out[k] = sorted(out[k] + cs, key=lambda c: c.left)
            out.append([])
            band = (min(lo, band[0]), max(hi, band[1]))
        else:
            out.append(cs)
            band = (lo, hi)
    return out


def _table_rows(lines: list[list[Cell]], first: int, last: int, cols: list[Column]) -> list[list[str]]:
    """One row per indicator; lines between rows (a wrapped name, the upper part of a tall row) join a row.

    Lines above a row with no name of its own are its upper part: their cells join the row's
    top to bottom (完成国家 / 下达目标). Otherwise they end the row above: a wrapped name joins
    its name, and a line with a name and values is a row of its own (its attribute cell empty).
    A category heading between rows (（二）能源领域) is no part of either.
    """
    name = name_column([c.name for c in cols])
    rows: list[list[str]] = []
    pending = [""] * len(cols)

    def flush(nxt: Optional[list[str]]) -> None:
        if not any(pending):
            return
        if nxt is not None and not nxt[name]:
            for k, x in enumerate(pending):
                nxt[k] = x + nxt[k]
        elif pending[name] and any(x for k, x in enumerate(pending) if k != name and _NUMERIC.search(x)):
            rows.append(list(pending))
        else:
            if rows:
                rows[-1][name] += pending[name]
            if nxt is not None:  # a label above a row of its own (a category centred over its rows)
                for k, x in enumerate(pending):
                    if k != name and x and not nxt[k] and not _NUMERIC.search(x):
                        nxt[k] = x
        pending[:] = [""] * len(cols)

    for line in lines[first:last + 1]:
        if not line:
            continue
        r = row_cells(line, cols)
        if _is_row_end(line):
            flush(r)
            rows.append(r)
        elif _CATEGORY.match(r[name]):
            flush(None)
        else:
            for k, x in enumerate(r):
                pending[k] += x
    flush(None)
    return rows


def _foot_header(page: PageLines, lines: list[list[Cell]]) -> Optional[tuple[int, int]]:
    """Index of a header standing at the foot of a page (page number aside), if any."""
    k = len(lines)
    while k > 0 and (not page.lines[k - 1].strip() or _PAGE_NO.match(page.lines[k - 1])):
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


def _upper_part(lines: list[list[Cell]], row: int, floor: int) -> int:
    """The first of the table lines just above a page's first row (a tall row's upper lines: 综合指 / 标 / 1 …)."""
    top = next((k for k in range(floor, row) if lines[k]), row)  # a page number stands first on its page
    k = row
    while k > floor and lines[k - 1] and (_is_continuation(lines[k - 1]) or _is_part_row(lines[k - 1])) \
            and not _SENTENCE_END.search(lines[k - 1][-1].text) and not _TITLE.match(lines[k - 1][0].text) \
            and not (k - 1 == top and _PAGE_NO.match("".join(c.text for c in lines[k - 1]))):
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
        lines = [cells(cs) for cs in merge_bands(page.chars)]
        new: list[str] = []
        pos = 0
        table_cols: Optional[list[Column]] = None
        for first, last in _groups(lines):
            first = next(k for k in range(first, last + 1) if _is_row(lines[k]))
            block = header_block(lines, first, pos)
            cols, h = None, first
            if block is not None and _valid_layout_header(header_columns(lines[block[0]:block[1]])):
                cols = header_columns(lines[block[0]:block[1]])
                h, first = block
            if cols is None and carried is not None:
                row = next(k for k in range(first, last + 1) if _is_row(lines[k]))
                top = _upper_part(lines, row, pos)
                if _only_page_chrome(page.lines[pos:top]):
                    cp, cl, cols = carried
                    del out[cp][cl:]  # the header at the foot of the previous page is this table's
                    first = h = top  # a running header above the rows stays text
            if not cols or not _valid_layout_header(cols):
                continue
            new.extend(page.lines[pos:h])
            new.extend(_render(cols, _table_rows(lines, first, last, cols)))
            pos = last + 1
            table_cols = cols
        new.extend(page.lines[pos:])
        out.append(new)
        foot = _foot_header(page, lines)
        carried = None
        if table_cols is not None and _only_page_chrome(page.lines[pos:]):
            carried = (p, len(new) - (len(page.lines) - pos), table_cols)  # the table goes on over the page
        elif foot is not None and foot[0] >= pos:
            cols = header_columns(lines[foot[0]:foot[1]])
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
