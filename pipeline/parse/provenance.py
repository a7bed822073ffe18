"""Provenance: where each measure, task and target stands in the document's cleaned text.

The cleaned text is the cleaned paragraphs joined with ``\\n`` (``cleaned_text``): the text
the parser reads, kept with the record (``Record.text``) and in the graph (the Document's
``text``). Offsets are ``[start, end)`` into it; ``paragraph`` is the 0-based index of the
line holding ``start``; ``page`` the 1-based PDF page of that character (None when the
document is not a PDF). See docs/provenance.md.

The extractors work on blocks whose text is not always a slice of the cleaned text (a
table's rows are replaced by a placeholder, headings split off, newlines dropped from a
task's text), so this post-pass locates each item, searching forward in reading order:

* a measure: its heading (number and title) preferably at a line start, after the previous
  measure's; its span runs to the end of its text (before the next measure's heading);
* a task: its text (which has no newlines) inside its measure's span, after the previous task;
* a target: its clause (``Target.text``) in its measure's span, then its ``value_text`` in
  the clause after the previous target's value (so 下降5%和5% place two values); a table
  target: the row whose cells it was read from, then its cell. ``sentence`` is the text
  from the previous 。；！？ (or line start) to the next one, included (or line end).

Everything here is a pure function over text and records.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional, Sequence

from pipeline.model import Measure, Record, Target, Task
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.read.tables import CELL_SEP, ROW_MARK


def cleaned_text(paragraphs: Sequence[str]) -> str:
    """The text provenance offsets point into: the cleaned paragraphs, one a line."""
    return "\n".join(paragraphs)


class TextIndex:
    """A text with some characters skipped (newlines; or all white space), for searching
    strings that lost them, and the map of each kept character back to its offset.

    The kept text is a list of runs: run ``r`` is ``text[at[r]:at[r] + size[r]]`` and begins
    at ``flat_at[r]`` in ``flat`` (the text without the skipped characters)."""

    def __init__(self, text: str, skip: str = "\n"):
        self.text = text
        self.skip = skip
        skipped = re.compile("[" + re.escape(skip) + "]+")
        self.at: list[int] = []
        self.size: list[int] = []
        self.flat_at: list[int] = []
        pos = flat = 0
        for m in list(skipped.finditer(text)) + [None]:
            stop = m.start() if m else len(text)
            if stop > pos:
                self.at.append(pos)
                self.size.append(stop - pos)
                self.flat_at.append(flat)
                flat += stop - pos
            pos = m.end() if m else pos
        self.flat = skipped.sub("", text)

    def _flat(self, offset: int) -> int:
        """Index in ``flat`` of the first kept character at or after ``offset``."""
        r = bisect_right(self.at, offset) - 1
        if r < 0:
            return 0
        return self.flat_at[r] + min(offset - self.at[r], self.size[r])

    def _offset(self, k: int) -> int:
        """Offset in the text of ``flat[k]``."""
        r = bisect_right(self.flat_at, k) - 1
        return self.at[r] + (k - self.flat_at[r])

    def find(self, needle: str, lo: int = 0, hi: Optional[int] = None) -> Optional[tuple[int, int]]:
        """[start, end) in the text of the first occurrence of ``needle`` (its skipped
        characters ignored) starting at or after ``lo`` and ending at or before ``hi``."""
        needle = "".join(c for c in needle if c not in self.skip)
        if not needle:
            return None
        hi = len(self.text) if hi is None else hi
        k = self.flat.find(needle, self._flat(lo), self._flat(hi))
        if k < 0:
            return None
        return self._offset(k), self._offset(k + len(needle) - 1) + 1


class Locator:
    """Searches in one cleaned text: exact, without newlines, without any white space."""

    def __init__(self, text: str):
        self.text = text
        self._lines: Optional[TextIndex] = None  # built on first need
        self._spaces: Optional[TextIndex] = None
        self._folded: Optional[str] = None
        self.line_starts = [0] + [m.end() for m in rules.NEWLINE.finditer(text)]

    @property
    def lines(self) -> TextIndex:
        if self._lines is None:
            self._lines = TextIndex(self.text, "\n")
        return self._lines

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def spaces(self) -> TextIndex:
        if self._spaces is None:
            self._spaces = TextIndex(self.text, " \t\n\u3000\xa0")
        return self._spaces

    def find(self, needle: str, lo: int = 0, hi: Optional[int] = None,
             loose: bool = True) -> Optional[tuple[int, int]]:
        """The first occurrence in [lo, hi); ``loose``: else with newlines, else all white space, ignored."""
        needle = needle.strip()
        if not needle:
            return None
        hi = len(self.text) if hi is None else hi
        k = self.text.find(needle, lo, hi)
        if k >= 0:
            return k, k + len(needle)
        if not loose:
            return None
        return self.lines.find(needle, lo, hi) or self.spaces.find(needle, lo, hi)

    def find_at_line_start(self, needle: str, lo: int = 0, hi: Optional[int] = None,
                           loose: bool = True) -> Optional[tuple[int, int]]:
        """The first occurrence that opens a line, else the first occurrence."""
        first = self.find(needle, lo, hi, loose)
        got = first
        while got is not None:
            if got[0] == 0 or self.text[got[0] - 1] == "\n":
                return got
            got = self.find(needle, got[0] + 1, hi, loose)
        return first

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def line_end(self, offset: int) -> int:
        k = self.text.find("\n", offset)
        return len(self.text) if k < 0 else k


def raw_offsets(raw: str, paragraphs: Sequence[str]) -> list[int]:
    """For each cleaned paragraph, its offset in the text as read (``raw``), found in order
    (a paragraph is a stripped line of it, or a piece of one); -1 when not found."""
    out: list[int] = []
    cursor = 0
    for p in paragraphs:
        k = _whole_line(raw, p, cursor)
        if k < 0:
            k = raw.find(p[:12], cursor) if len(p) >= 12 else -1
        out.append(k)
        if k >= 0:
            cursor = k + len(p)
    return out


def _whole_line(raw: str, p: str, cursor: int) -> int:
    """The first occurrence of ``p`` after ``cursor`` that is a whole line (so a heading is not
    found in a table of contents, where dot leaders and a page number follow it), else the first."""
    first = k = raw.find(p, cursor)
    while k >= 0:
        bol = raw.rfind("\n", 0, k) + 1
        eol = raw.find("\n", k + len(p))
        if not raw[bol:k].strip() and not raw[k + len(p):eol if eol >= 0 else len(raw)].strip():
            return k
        k = raw.find(p, k + 1)
    return first


@dataclass
class Pages:
    """Maps an offset of the cleaned text to its PDF page."""

    starts: Sequence[int]  # offset in the raw text where each page begins
    raw_of_paragraph: Sequence[int]  # offset in the raw text of each cleaned paragraph (-1: not found)
    paragraph_starts: Sequence[int]  # offset in the cleaned text of each paragraph

    @classmethod
    def of(cls, raw: str, page_starts: Optional[Sequence[int]], paragraphs: Sequence[str]) -> Optional["Pages"]:
        """The pages of a PDF's cleaned paragraphs (None when there are no page starts: not a PDF)."""
        if not page_starts:
            return None
        starts, pos = [], 0
        for p in paragraphs:
            starts.append(pos)
            pos += len(p) + 1
        return cls(list(page_starts), raw_offsets(raw, paragraphs), starts)

    def page(self, offset: int) -> Optional[int]:
        if not self.starts:
            return None
        k = bisect_right(self.paragraph_starts, offset) - 1
        while k >= 0 and self.raw_of_paragraph[k] < 0:
            k -= 1  # a paragraph not found as read: the page of the one before
            offset = self.paragraph_starts[k + 1] if k >= 0 else 0
        if k < 0:
            return max(1, bisect_right(self.starts, 0))
        raw = self.raw_of_paragraph[k] + (offset - self.paragraph_starts[k])
        return max(1, bisect_right(self.starts, raw))


_ENDS = "。;!?"  # folded: 。；！？


def sentence_bounds(text: str, start: int, end: int, folded: Optional[str] = None) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous 。；！？ or line start to the
    next one (included) or line end. ``folded``: ``fold(text)``, when the caller has it."""
    f = folded if folded is not None else fold(text)
    a = start
    while a > 0 and f[a - 1] not in _ENDS and f[a - 1] != "\n":
        a -= 1
    b = end
    while b < len(f) and f[b] != "\n":
        b += 1
        if f[b - 1] in _ENDS:
            break
    while a < b and f[a] in " \t":
        a += 1
    return a, b


def _measure_spans(loc: Locator, measures: list[Measure]) -> dict[int, tuple[int, int]]:
    starts: dict[int, tuple[int, int]] = {}  # index -> (start of heading, end of heading line)
    cursor = 0
    for m in measures:
        got = None
        heading, title = m.number + m.title, m.title if len(m.title) >= 4 else ""
        # the heading as written, then with white space ignored; only then its title alone
        for needle, loose in ((heading, False), (m.number + " " + m.title, False), (heading, True),
                              (title, False), (title, True)):
            got = loc.find_at_line_start(needle, cursor, loose=loose) if needle.strip() else None
            if got:
                break
        if got is None and m.text.strip():
            got = loc.find(m.text.strip()[:20], cursor)
        if got is None:
            continue
        starts[m.index] = got
        cursor = got[0] + 1
    spans: dict[int, tuple[int, int]] = {}
    located = [m for m in measures if m.index in starts]
    for k, m in enumerate(located):
        a, head_end = starts[m.index]
        nxt = starts[located[k + 1].index][0] if k + 1 < len(located) else len(loc.text)
        end = max(head_end, nxt)
        tail = m.text.strip()[-20:]
        if tail and not rules.TABLE_PLACEHOLDER.search(tail):
            got = loc.find(tail, a, nxt)
            end = got[1] if got else end
        while end > a and loc.text[end - 1] in "\n \t":
            end -= 1
        spans[m.index] = (a, end)
    return spans


def _window(spans: dict[int, tuple[int, int]], measure: Optional[int], size: int) -> tuple[int, int]:
    return spans.get(measure, (0, size)) if measure is not None else (0, size)


def _find_in(loc: Locator, needle: str, cursor: int, window: tuple[int, int]) -> Optional[tuple[int, int]]:
    """Forward from the cursor inside the window, else anywhere in the window, else after the cursor."""
    a, b = window
    return (loc.find(needle, max(a, cursor), b) or loc.find(needle, a, b)
            or loc.find(needle, cursor) or loc.find(needle))


def _row_cells(line: str) -> list[str]:
    return line[len(ROW_MARK):].split(CELL_SEP)


def _table_value(loc: Locator, tg: Target, cursor: int, window: tuple[int, int]) -> Optional[tuple[int, int]]:
    """The cell of a table target: in the row whose cells joined by spaces are its text."""
    want = tg.value_text.strip()
    if not want:
        return None
    for lo, hi in ((max(window[0], cursor), window[1]), window, (cursor, len(loc.text)), (0, len(loc.text))):
        k = loc.paragraph(lo)
        while k < len(loc.line_starts) and loc.line_starts[k] < hi:
            s = loc.line_starts[k]
            line = loc.text[s:loc.line_end(s)]
            k += 1
            if not line.startswith(ROW_MARK) or " ".join(c for c in _row_cells(line) if c).strip() != tg.text:
                continue
            pos = s + len(ROW_MARK)
            for cell in _row_cells(line):
                lead = len(cell) - len(cell.lstrip())
                if cell.strip() == want and pos + lead >= lo:
                    return pos + lead, pos + lead + len(want)
                pos += len(cell) + len(CELL_SEP)
    return None


def _place(item, span: Optional[tuple[int, int]], loc: Locator, pages: Optional[Pages]) -> None:
    if span is None:
        return
    item.start, item.end = span
    item.paragraph = loc.paragraph(span[0])
    item.page = pages.page(span[0]) if pages else None


def place(record: Record, text: str, pages: Optional[Pages] = None) -> Record:
    """Fill page, paragraph, start/end (and a target's sentence) of the record's measures,
    tasks and targets from the cleaned ``text``; items not found keep None."""
    loc = Locator(text)
    spans = _measure_spans(loc, record.measures)
    for m in record.measures:
        _place(m, spans.get(m.index), loc, pages)
    cursor = 0
    for t in record.tasks:
        got = _find_in(loc, t.text, cursor, _window(spans, t.measure, len(text)))
        _place(t, got, loc, pages)
        if got:
            cursor = got[1]
    _place_targets(record.targets, loc, spans, pages)
    return record


def _place_targets(targets: list[Target], loc: Locator, spans: dict[int, tuple[int, int]],
                   pages: Optional[Pages]) -> None:
    value_end = 0  # end of the previous value, in reading order
    clause_at = 0  # start of the previous clause
    table_end = 0
    size = len(loc.text)
    for tg in targets:
        window = _window(spans, tg.measure, size)
        got = None
        clause = None
        if tg.text.strip():
            lo = clause_at
            while got is None:
                clause = _find_in(loc, tg.text, lo, window)
                if clause is None or clause[0] < lo and lo > window[0]:
                    clause = None
                    break
                floor = max(clause[0], value_end)  # a value repeated in its clause: the next one
                got = loc.find(tg.value_text, floor, clause[1]) if tg.value_text.strip() else None
                if got is None:
                    lo = clause[0] + 1
            if got is not None:
                clause_at, value_end = clause[0], got[1]
        if got is None:
            got = _table_value(loc, tg, table_end, window)
            if got is not None:
                table_end = got[1]
                _place(tg, got, loc, pages)
                tg.sentence = tg.text  # a table row: its cells
                continue
        if got is None and tg.value_text.strip():
            got = _find_in(loc, tg.value_text, value_end, window)
            if got is not None:
                value_end = got[1]
        if got is None:
            continue
        _place(tg, got, loc, pages)
        a, b = sentence_bounds(loc.text, got[0], got[1], loc.folded)
        tg.sentence = loc.text[a:b]
