"""A document's outline: its main part and its annexes, each in its own layout.

``parse_outline(paragraphs) -> Structure``:

* inline headings of every level are split off (``五、切实加强组织领导 （十五）强化责任落实。…``
  is a section heading followed by a measure);
* an annex (a line ``附件`` / ``附件1`` of its own) is read as part of its document: its own
  sections and measures are numbered after the main ones (their number marked ``附件1``), an
  annex with measures but no sections gets one section for itself; an annex never replaces
  the main outline. When the text before the first annex has no outline at all (a cover
  notice wrapping the plan), that annex is the document's main part;
* each part is read in articles (``pipeline.parse.articles``) when it is written in them,
  else by ``pipeline.parse.structure``.

The table of contents (目录) is dropped earlier, in cleaning (``drop_toc``).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from pipeline.model import Section
from pipeline.parse import rules
from pipeline.parse.articles import is_articled, parse_articles, split_glued_articles
from pipeline.parse.fold import fold
from pipeline.parse.structure import Block, Structure, parse_structure

_LEVEL = (("章", 0), ("节", 1), ("、", 2), (")", 3), ("条", 4))


def _level(marker: str) -> int:
    m = marker.strip()
    for ch, lv in _LEVEL:
        if m.endswith(ch):
            return lv
    return 9


def split_inline_heads(paragraphs: list[str]) -> list[str]:
    """'五、组织领导 (十五)强化责任落实。…' -> ['五、组织领导', '(十五)强化责任落实。…'], at every level."""
    out: list[str] = []
    for p in paragraphs:
        while True:
            m = rules.HEAD_THEN_DEEPER.match(fold(p))
            if not m or _level(m["deeper"]) <= _level(m["head"]) or _level(m["deeper"]) == 4 and _level(m["head"]) > 1:
                break
            out.append(p[:m.end()].strip())
            p = p[m.end():].strip()
        out.append(p)
    return out


# ---------------------------------------------------------------- table of contents

def _toc_key(line: str) -> str:
    f = fold(line)
    f = f[: rules.TOC_TAIL.search(f).start()] if rules.TOC_TAIL.search(f) else f
    return "".join(f.split())


def _has_toc_tail(f: str) -> bool:
    """A contents line: dot leaders or a page number at its end."""
    return bool(rules.TOC_MARKS.search(f.rstrip()))


def _heading_like(f: str) -> bool:
    return any(r.match(f) for r in (rules.SECTION_HEAD, rules.MEASURE_HEAD, rules.CHAPTER_HEAD, rules.PART_HEAD))


def _toc_entry(f: str) -> bool:
    """A line a table of contents may hold: short once its dots and page number go, no sentence end."""
    key = _toc_key(f)
    return 0 < len(key) <= 60 and "。" not in key and not key.endswith((";", ":"))


def drop_toc(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): a table of contents is never the outline.

    With a 目录 line: the short lines after it up to the line that repeats the first
    entry (where the body starts) or the first sentence. Without one: a run of three or
    more heading lines whose first two come again, in order, later in the text.
    """
    folded = [fold(p) for p in paragraphs]
    keys = [_toc_key(p) for p in paragraphs]
    drop: set[int] = set()
    i = 0
    n = len(paragraphs)
    while i < n:
        if rules.TOC_HEAD.match(folded[i]):
            j = i + 1
            first = keys[j] if j < n else ""
            while j < n and _toc_entry(folded[j]) and not (j > i + 1 and keys[j] == first):
                j += 1
            if j < n and j > i + 1 and keys[j] == first:
                drop.update(range(i, j))  # the body starts where the first entry comes again
            else:
                # no entry comes again: only the header and the lines with dots or page numbers go
                drop.add(i)
                drop.update(k for k in range(i + 1, j) if _has_toc_tail(folded[k]))
            i = j
            continue
        elif _heading_like(folded[i]) and _toc_entry(folded[i]):
            j = i
            while j < n and _heading_like(folded[j]) and _toc_entry(folded[j]) and not (j > i and keys[j] == keys[i]):
                j += 1
            if j - i >= 3 and _repeats_later(keys, i, j):
                drop.update(range(i, j))
                i = j
                continue
        i += 1
    kept = [p for k, p in enumerate(paragraphs) if k not in drop]
    return kept, [p for k, p in enumerate(paragraphs) if k in drop]


def _repeats_later(keys: list[str], i: int, j: int) -> bool:
    """The first two entries of the run keys[i:j] come again, in order, after it."""
    try:
        a = keys.index(keys[i], j)
        keys.index(keys[i + 1], a + 1)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- annexes

def _parts(paragraphs: list[str]) -> list[tuple[Optional[str], list[str]]]:
    """(annex marker or None, paragraphs) of the main part and each annex."""
    parts: list[tuple[Optional[str], list[str]]] = [(None, [])]
    for p in paragraphs:
        if rules.ANNEX_LINE.match(fold(p)):
            parts.append(("".join(p.split()).rstrip(":："), []))
        else:
            parts[-1][1].append(p)
    return parts


def _read(paragraphs: list[str]) -> Structure:
    glued = split_glued_articles(paragraphs)
    if is_articled(glued):
        return parse_articles(glued)
    return parse_structure(paragraphs)


def _has_outline(st: Structure) -> bool:
    return bool(st.sections or st.measures)


def _only_a_list(st: Structure) -> bool:
    """Headings with no text under most of them: a list of titles (附件：1.… 2.…), no outline."""
    return not st.sections and sum(1 for m in st.measures if not m.text.strip()) * 2 >= len(st.measures)


def parse_outline(paragraphs: list[str]) -> Structure:
    paragraphs = split_inline_heads(paragraphs)
    parts = _parts(paragraphs)
    # the main part: the text before the first annex, or, when that has no outline
    # (a cover notice), the cover with the first annex that has one
    main_marker, main = parts[0]
    st = _read(main)
    k = 1
    while not _has_outline(st) and k < len(parts):
        main = main + ([parts[k][0]] if parts[k][0] else []) + parts[k][1]
        st = _read(main)
        k += 1
    for marker, body in parts[k:]:
        annex = _read(body)
        if not _has_outline(annex) or _only_a_list(annex):
            # an annex without headings (a table, a list) stays with the text before it
            text = "\n".join([marker or ""] + body).strip()
            if st.blocks and text:
                last = st.blocks[-1]
                st.blocks[-1] = replace(last, text=last.text + "\n" + text)
            elif text:
                st.blocks.append(Block(None, None, text))
            continue
        _append_annex(st, annex, marker or "附件", body)
    return st


def _append_annex(st: Structure, annex: Structure, marker: str, body: list[str]) -> None:
    """Add an annex's outline after the main one: sections and measures numbered on."""
    s_off, m_off = len(st.sections), len(st.measures)
    own: Optional[int] = None
    if not annex.sections:
        title = next((p.strip() for p in annex.preamble if p.strip()), "")
        own = s_off + 1
        st.sections.append(Section(index=own, title=title, number=marker))
    for s in annex.sections:
        st.sections.append(Section(index=s.index + s_off, title=s.title, number=f"{marker} {s.number}".strip()))
    for m in annex.measures:
        sec = own if own is not None else (m.section + s_off if m.section is not None else None)
        st.measures.append(replace(m, index=m.index + m_off, section=sec))
    for b in annex.blocks:
        if b.section is None and b.measure is None:
            # the annex's own heading lines: text of the annex, not the preamble
            if own is not None:
                st.blocks.append(replace(b, section=own))
            continue
        sec = own if own is not None else (b.section + s_off if b.section is not None else None)
        st.blocks.append(replace(b, section=sec, measure=b.measure + m_off if b.measure is not None else None))
