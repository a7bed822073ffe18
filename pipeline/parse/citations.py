"""Parents and references: the documents a text says it implements, and those it cites.

Pure functions over the preamble paragraphs and the structure's blocks.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.model import DocRef
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.metadata import level_of_title
from pipeline.parse.structure import Block
from pipeline.parse.titles import normalise_title
from pipeline.parse.titles_scan import book_titles


def extract_parents(preamble: list[str], own_title: str) -> list[DocRef]:
    """Documents the text says it implements: 贯彻落实《A》《B》, 根据《A》和《B》, 按照国务院《A》."""
    own = normalise_title(own_title)
    seen: set[str] = set()
    out: list[DocRef] = []
    for p in preamble:
        f = fold(p)
        titles = list(book_titles(p))
        for m in rules.PARENT_TRIGGER.finditer(f):
            pos = m.end()
            for a, b, t in titles:
                if a < pos:
                    continue
                gap = f[pos:a]
                if gap and not re.fullmatch(r"[、和及与以及\s]*", gap):
                    break
                key = normalise_title(t)
                if key and key != own and key not in seen:
                    seen.add(key)
                    out.append(DocRef(title=t, level=level_of_title(t, m["who"])))
                pos = b
    return out


def extract_references(blocks: list[Block], exclude: list[str]) -> list[DocRef]:
    """Documents cited inside measures (《…》), without the parents and the document itself."""
    skip = {normalise_title(t) for t in exclude}
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
