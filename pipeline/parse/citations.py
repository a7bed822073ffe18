"""Parents and references: the documents a text says it implements, and those it cites.

Pure functions over the preamble paragraphs and the structure's blocks.
"""
from __future__ import annotations

from typing import Optional

from pipeline.model import DocRef
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.metadata import level_of_title
from pipeline.parse.structure import Block
from pipeline.parse.titles import normalise_title
from pipeline.parse.titles_scan import book_titles


def extract_parents(preamble: list[str], own_title: str) -> list[DocRef]:
    """Documents the text says it implements: every title of the list after 贯彻落实, 按照,
    根据, 依据, 全面落实, 认真执行, 全面实施 … — 《A》《B》, 《A》、《B》和《C》,
    《A》（国发〔2021〕4号）及《B》, 按照国务院《A》 — but not a short name (（以下简称《条例》）)."""
    own = normalise_title(own_title)
    seen: set[str] = short_names(preamble)
    out: list[DocRef] = []
    for p in preamble:
        f = fold(p)
        titles = list(book_titles(p))
        for m in rules.PARENT_LIST_TRIGGER.finditer(f):
            pos = m.end()
            for a, b, t in titles:
                if a < pos:
                    continue
                if not rules.PARENT_LIST_GAP.fullmatch(f, pos, a):
                    break
                key = normalise_title(t)
                if key and key != own and key not in seen:
                    seen.add(key)
                    out.append(DocRef(title=t, level=level_of_title(t, m["who"])))
                pos = b
    return out


def short_names(texts: list[str]) -> set[str]:
    """Normalised short names the text defines: 《X条例》（以下简称《条例》） gives 条例."""
    out: set[str] = set()
    for text in texts:
        f = fold(text)
        for a, _, t in book_titles(text):
            if rules.SHORT_NAME_BEFORE.search(f, max(0, a - 8), a):
                out.add(normalise_title(t))
    return out


def extract_references(blocks: list[Block], exclude: list[str]) -> list[DocRef]:
    """Documents cited inside measures (《…》), without the parents, the document itself and
    the short names it defines (（以下简称《条例》）, and every later 《条例》)."""
    skip = {normalise_title(t) for t in exclude} | short_names([b.text for b in blocks])
    seen: set[tuple[str, Optional[int]]] = set()
    out: list[DocRef] = []
    for block in blocks:
        if block.section is None and block.measure is None:
            continue
        for _, _, t in book_titles(block.text):
            key = normalise_title(t)
            if not key or key in skip or (key, block.measure) in seen:
                continue
            seen.add((key, block.measure))
            out.append(DocRef(title=t, level=level_of_title(t), measure=block.measure))
    return out
