"""Sections, measures and the blocks of text they hold.

Two layouts are recognised:

* numbered: sections 一、 and measures (一)/（一） (numbers may restart in each
  section; measures are indexed in reading order). A document with only one
  numbered level has those items as measures and no sections.
* chaptered: 第一章 sections and 第一节 measures; 一、 and (一) inside are deeper
  items, part of their measure's text.

A heading is accepted only when its number follows the previous heading of its
kind (or restarts at 一), which keeps enumerations inside running text out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.model import Measure, Section
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.numbers import cn_int


@dataclass
class Block:
    """A run of text held by one container: the preamble, a section's own text, or a measure."""

    section: Optional[int]
    measure: Optional[int]
    text: str  # original characters; paragraphs joined with "\n"
    articled: bool = False  # an article of a document in articles: its tasks are duties


@dataclass
class Structure:
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # paragraphs before the first heading
    articled: bool = False  # a document in articles (第一条 …): its tasks are duties
    tables: list = field(default_factory=list)  # indicator tables (pipeline.parse.tables.Table), by placeholder


def _title_and_rest(line: str) -> tuple[str, str]:
    """Heading sentence (without its 。) and what follows it on the line."""
    f = fold(line)
    cut = f.find("。")
    if cut < 0:
        return line.strip().rstrip(":;,").strip(), ""
    return line[:cut].strip(), line[cut + 1:].strip()


def _table_row(title: str) -> bool:
    """A table's row numbered like a heading (二、可再生能源949.2 9.94% 3477.6 …): figures side by side
    in what would be its title, before any 。."""
    return bool(rules.TABLE_ROW_HEAD.search(title.split("。", 1)[0]))


def _heads(paragraphs: list[str], chaptered: bool):
    """Yield (kind, number_text, number, paragraph_index, line) for accepted headings."""
    sec_re, mea_re = (rules.CHAPTER_HEAD, rules.PART_HEAD) if chaptered else (rules.SECTION_HEAD, rules.MEASURE_HEAD)
    last_sec = 0
    last_mea_in_sec = 0
    last_mea = 0
    out = []
    for i, p in enumerate(paragraphs):
        f = fold(p)
        m = sec_re.match(f)
        if m and _table_row(m[2]):
            continue
        if m:
            n = cn_int(m[1])
            if n is not None and n == last_sec + 1 and (chaptered or len(m[2]) > 0):
                out.append(("section", m, n, i))
                last_sec, last_mea_in_sec = n, 0
                continue
        m = mea_re.match(f)
        if m and not _table_row(m[2]):
            n = cn_int(m[1])
            if n is not None and (n == last_mea_in_sec + 1 or n == last_mea + 1 or (n == 1 and last_mea_in_sec == 0)):
                out.append(("measure", m, n, i))
                last_mea_in_sec, last_mea = n, n
    return out


def _arabic_heads(paragraphs: list[str]):
    out, last = [], 0
    for i, p in enumerate(paragraphs):
        m = rules.ARABIC_HEAD.match(fold(p))
        if m and int(m[1]) == last + 1:
            out.append(("measure", m, int(m[1]), i))
            last = int(m[1])
    return out if len(out) >= 2 else []


def parse_structure(paragraphs: list[str]) -> Structure:
    folded = [fold(p) for p in paragraphs]
    chaptered = any(rules.CHAPTER_HEAD.match(f) and rules.CHAPTER_HEAD.match(f)[2] for f in folded)
    heads = _heads(paragraphs, chaptered)
    kinds = {h[0] for h in heads}
    if "measure" not in kinds and "section" in kinds:
        # only one numbered level: its items are the measures
        heads = [("measure", m, n, i) for (_, m, n, i) in heads]
        single_level = True
    else:
        single_level = False
    if not heads:
        # no 一、, (一) or 第一章 at all: Arabic items (1. 2. …) are the measures
        heads = _arabic_heads(paragraphs)
        single_level = True

    st = Structure()
    first = heads[0][3] if heads else len(paragraphs)
    st.preamble = paragraphs[:first]
    if st.preamble:
        st.blocks.append(Block(None, None, "\n".join(st.preamble)))
    sec_idx: Optional[int] = None
    for k, (kind, m, n, i) in enumerate(heads):
        end = heads[k + 1][3] if k + 1 < len(heads) else len(paragraphs)
        line = paragraphs[i]
        label = line[: m.start(2)].strip() if m[2] else line.strip()
        title, rest = _title_and_rest(line[m.start(2):]) if m[2] else ("", "")
        body = "\n".join(([rest] if rest else []) + paragraphs[i + 1:end])
        if kind == "section":
            sec_idx = len(st.sections) + 1
            st.sections.append(Section(index=sec_idx, title=title, number=label))
            if body:
                st.blocks.append(Block(sec_idx, None, body))
        else:
            idx = len(st.measures) + 1
            st.measures.append(Measure(index=idx, section=None if single_level else sec_idx,
                                       title=title, number=label, text=body))
            st.blocks.append(Block(None if single_level else sec_idx, idx, body))
    return st
