"""Turn the per-page text of a PDF into paragraphs (pure functions, no I/O).

A PDF extractor gives one string per page, with a line break wherever the
typesetter wrapped a line, a page number and sometimes a running header or
footer on every page, and spaces between digits and Chinese characters that
were never in the source.  ``join_pages`` undoes that:

* page numbers ("- 3 -", "— 12 —", "3", "第3页", "3/20", full-width digits too)
  are dropped when they stand on one of the first or last lines of a page;
* running headers/footers (a short line, digits aside, repeated on one of the
  first or last two lines of at least 3 pages and 40% of them, never found
  elsewhere on a page, not ending a sentence) are dropped;
* wrapped lines are re-joined: a line that does not end a sentence (。；：！？ or a
  closing bracket) is joined to the next one unless the next one starts a
  numbered heading (一、 （一） (1) 1. 第一章 …), or the line is much shorter than
  the text width (a title or heading).  When the text marks paragraph starts by
  indenting them (the PDF reader marks the indents it sees in the page
  geometry with two leading spaces), the indent decides instead of the
  punctuation, since a wrapped line can end with 。 in mid-paragraph;
* spaces between digits/Latin letters and Chinese characters are removed, and
  lines of CJK text are joined without a space.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# --- character classes ---------------------------------------------------------
_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\ufeff\ufffe\uffff]")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_HSPACE_RE = re.compile(r"[ \t\u00a0\u3000]+")
_INDENT_RE = re.compile(r"^[ \t\u00a0\u3000]+")

# --- page numbers ----------------------------------------------------------------
_DIGITS = r"[0-9\uff10-\uff19]"
_DASHES = r"\-\u2010-\u2015\u2212\uff0d~\uff5e\u00b7\u2022\u30fb"
_PAGE_NUMBER_RE = re.compile(
    "|".join(
        [
            rf"[{_DASHES}\s]*{_DIGITS}{{1,4}}[{_DASHES}\s]*",  # 3, - 3 -, — 12 —, —2—, ·3·
            rf"第\s*{_DIGITS}{{1,4}}\s*页(?:\s*[,，/]?\s*共\s*{_DIGITS}{{1,4}}\s*页)?",  # 第3页, 第3页 共20页
            rf"{_DIGITS}{{1,4}}\s*[/／]\s*{_DIGITS}{{1,4}}",  # 3/20
            rf"[(（]\s*{_DIGITS}{{1,4}}\s*[)）]",  # (3)
            rf"(?i:page)\s*{_DIGITS}{{1,4}}(?:\s*(?i:of)\s*{_DIGITS}{{1,4}})?",  # Page 3 of 20
        ]
    )
)
_EDGE = 2  # page numbers are looked for on this many first and last lines of a page

# --- running headers -------------------------------------------------------------
_HEADER_EDGE = 2
_HEADER_MAX_WIDTH = 40  # display columns (a CJK character is 2)
_HEADER_MIN_PAGES = 3
_HEADER_MIN_SHARE = 0.4
_DIGIT_RUN_RE = re.compile(rf"{_DIGITS}+")
_SPACES_RE = re.compile(r"\s+")

# --- re-joining ------------------------------------------------------------------
_FINAL = frozenset("。；：！？;:!?…")
_SENTENCE_END = frozenset("。；！？;!?")  # a running header never ends a sentence
_CLOSING = frozenset("）)」』】〕》〉]｝}")
_QUOTE_CLOSE = frozenset("”’\"'")
_HEADING_RE = re.compile(
    r"^(?:"
    r"第[一二三四五六七八九十百千零〇0-9０-９]+[章节条部分篇编款]"
    r"|[一二三四五六七八九十百]+[、．.]"
    r"|[(（][一二三四五六七八九十百]+[)）]"
    r"|[(（][0-9０-９]{1,3}[)）]"
    r"|[0-9０-９]{1,3}(?:[.．][0-9０-９]{1,3})*[.．、](?![0-9０-９])"
    r"|[①-⑳⑴-⒇]"
    r"|——"
    r"|附件|附表|附录"
    r")"
)
_CJK_DOT_END_RE = re.compile(rf"[{_CJK}]\.$")  # "…的五年." (PDFs that map 。 to ".")
_SHORT_MIN_LINES = 12  # below this many lines the text width cannot be estimated
_SHORT_MIN_WIDTH = 30  # nor when lines are this narrow
_SHORT_SHARE = 0.8  # a line narrower than this share of the text width ends a paragraph
_INDENT_MIN_SHARE = 0.02
_INDENT_MAX_SHARE = 0.6
_FLUSH_START_MAX = 0.25  # flush-left paragraph starts tolerated, relative to indented lines

# --- spacing ----------------------------------------------------------------------
_SPACE_CJK_ALNUM_RE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[0-9A-Za-z%.])")
_SPACE_ALNUM_CJK_RE = re.compile(rf"(?<=[0-9A-Za-z%.])[ \t\u00a0]+(?=[{_CJK}])")
_ASCII_WORD_END_RE = re.compile(r"[A-Za-z]$")
_ASCII_WORD_START_RE = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True)
class Line:
    """One line of a page: its text without surrounding space, and whether it was indented."""

    text: str
    indented: bool = False


def display_width(s: str) -> int:
    """Columns the text takes in a CJK font: wide and ambiguous characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def page_lines(page: str) -> list[Line]:
    """Split one page's text into lines, dropping control characters; blank lines stay as ''."""
    page = _CONTROL_RE.sub("", _NEWLINE_RE.sub("\n", page))
    out = []
    for raw in page.split("\n"):
        text = _HSPACE_RE.sub(" ", raw).strip()
        out.append(Line(text, bool(text) and bool(_INDENT_RE.match(raw))))
    return out


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number: "3", "- 3 -", "— 12 —", "第3页", "3/20"."""
    return bool(_PAGE_NUMBER_RE.fullmatch(text.strip()))


def _edge_indexes(lines: list[Line], n: int) -> list[int]:
    idx = [i for i, ln in enumerate(lines) if ln.text]
    return sorted(set(idx[:n] + idx[-n:]))


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Drop page-number lines among the first and last non-blank lines of a page."""
    drop = {i for i in _edge_indexes(lines, _EDGE) if is_page_number(lines[i].text)}
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _header_key(text: str) -> str:
    return _DIGIT_RUN_RE.sub("#", _SPACES_RE.sub("", text))


def running_lines(pages: list[list[Line]]) -> set[str]:
    """Keys of short lines found at the top or bottom of many pages (running headers/footers)."""
    if len(pages) < _HEADER_MIN_PAGES:
        return set()
    seen: dict[str, int] = {}
    inside: set[str] = set()  # text found away from the edges is content, not a running line
    for lines in pages:
        edge = _edge_indexes(lines, _HEADER_EDGE)
        keys = {
            _header_key(lines[i].text)
            for i in edge
            if display_width(lines[i].text) <= _HEADER_MAX_WIDTH and lines[i].text[-1] not in _SENTENCE_END
        }
        for k in keys:
            seen[k] = seen.get(k, 0) + 1
        edge_set = set(edge)
        inside.update(_header_key(ln.text) for i, ln in enumerate(lines) if ln.text and i not in edge_set)
    need = max(_HEADER_MIN_PAGES, math.ceil(_HEADER_MIN_SHARE * len(pages)))
    return {k for k, n in seen.items() if n >= need and k and k not in inside}


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove running headers/footers from the edges of every page."""
    keys = running_lines(pages)
    if not keys:
        return pages
    out = []
    for lines in pages:
        edge = set(_edge_indexes(lines, _HEADER_EDGE))
        out.append([ln for i, ln in enumerate(lines) if not (i in edge and _header_key(ln.text) in keys)])
    return out


def ends_paragraph(text: str) -> bool:
    """True if a line ends with sentence-final punctuation or a closing bracket."""
    if not text:
        return True
    last = text[-1]
    if last in _FINAL or last in _CLOSING:
        return True
    if last in _QUOTE_CLOSE and len(text) > 1 and text[-2] in _FINAL:
        return True
    return bool(_CJK_DOT_END_RE.search(text))


def starts_heading(text: str) -> bool:
    """True if a line starts a numbered heading or list item (一、 （一） (1) 1. 第一章 ——)."""
    return bool(_HEADING_RE.match(text))


def text_width(lines: list[Line]) -> int | None:
    """The usual width of a full line of body text, or None if it cannot be told."""
    widths = sorted(display_width(ln.text) for ln in lines if ln.text)
    if len(widths) < _SHORT_MIN_LINES:
        return None
    w = widths[int(0.8 * (len(widths) - 1))]
    return w if w >= _SHORT_MIN_WIDTH else None


def uses_indent(lines: list[Line], width: int | None = None) -> bool:
    """True if indented lines mark the paragraph starts of this text.

    Some lines must be indented, but not most; and paragraphs must not often
    start flush left after a short line that ends a sentence (a layout with
    block paragraphs and a few centred headings).
    """
    body = [ln for ln in lines if ln.text]
    if not body:
        return False
    indented = sum(ln.indented for ln in body)
    if not _INDENT_MIN_SHARE <= indented / len(body) <= _INDENT_MAX_SHARE:
        return False
    if width is None:
        return True
    flush_starts = sum(
        1
        for cur, nxt in zip(body, body[1:])
        if not nxt.indented
        and ends_paragraph(cur.text)
        and display_width(cur.text) < _SHORT_SHARE * width
        and not starts_heading(nxt.text)
    )
    return flush_starts <= _FLUSH_START_MAX * indented


def _glue(left: str, right: str) -> str:
    if _ASCII_WORD_END_RE.search(left) and _ASCII_WORD_START_RE.match(right):
        return left + " " + right
    return left + right


def join_lines(lines: list[Line], starts: list[tuple[int, int]] | None = None) -> list[str]:
    """Re-join wrapped lines into paragraphs; a blank line always ends a paragraph.

    ``starts``, when given, receives for each non-blank line (in order) the index of its
    paragraph and its offset inside it (before ``tidy_spacing``)."""
    width = text_width(lines)
    indent = uses_indent(lines, width)
    paragraphs: list[str] = []
    current = ""
    current_short = False
    for ln in lines:
        if not ln.text:
            if current:
                paragraphs.append(current)
            current, current_short = "", False
            continue
        if indent:
            # the page marks paragraph starts by indenting them: trust that over punctuation
            ends = current_short or ln.indented or starts_heading(ln.text)
        else:
            ends = ends_paragraph(current) or current_short or starts_heading(ln.text)
        if current and not ends:
            glued = _glue(current, ln.text)
            if starts is not None:
                starts.append((len(paragraphs), len(glued) - len(ln.text)))
            current = glued
        else:
            if current:
                paragraphs.append(current)
            if starts is not None:
                starts.append((len(paragraphs), 0))
            current = ln.text
        current_short = width is not None and display_width(ln.text) < _SHORT_SHARE * width
    if current:
        paragraphs.append(current)
    return paragraphs


def tidy_spacing(text: str) -> str:
    """Remove the spaces extraction puts between digits/Latin letters and CJK characters."""
    return _SPACE_ALNUM_CJK_RE.sub("", _SPACE_CJK_ALNUM_RE.sub("", text))


def join_pages(pages: list[str]) -> str:
    """The text of a document from the text of its pages, one paragraph a line."""
    return join_pages_with_starts(pages)[0]


def join_pages_with_starts(pages: list[str]) -> tuple[str, list[int]]:
    """``join_pages``'s text, and the offset in it where each page's text begins (a page
    with no text left begins where the next one does): page of offset ``i`` is
    ``bisect_right(starts, i)`` (1-based)."""
    split = [drop_page_numbers(page_lines(p)) for p in pages]
    split = drop_running_lines(split)
    # a page break is not a paragraph break: drop the blank lines at page edges
    flat: list[Line] = []
    first_line: list[int] = []  # index in ``flat`` of the page's first line
    for lines in split:
        lo, hi = 0, len(lines)
        while lo < hi and not lines[lo].text:
            lo += 1
        while hi > lo and not lines[hi - 1].text:
            hi -= 1
        first_line.append(len(flat))
        flat.extend(lines[lo:hi])
    line_starts: list[tuple[int, int]] = []
    raw = join_lines(flat, line_starts)
    tidy = [tidy_spacing(p) for p in raw]
    para_start, pos = [], 0
    for p in tidy:
        para_start.append(pos)
        pos += len(p) + 1
    nonblank = [i for i, ln in enumerate(flat) if ln.text]  # flat index of each entry of line_starts
    text = "\n".join(tidy)
    starts: list[int] = []
    k = 0
    for first in first_line:
        while k < len(nonblank) and nonblank[k] < first:
            k += 1
        if k < len(nonblank):
            para, off = line_starts[k]
            starts.append(para_start[para] + len(tidy_spacing(raw[para][:off])))
        else:
            starts.append(len(text))
    return text, starts
