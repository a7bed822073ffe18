"""Cleaning: web-page chrome, repeated summaries, timestamps and navigation words.

``clean(text) -> Cleaned``: the body as a list of paragraphs (original characters),
plus what was dropped from the head (a news lead, a timestamp) because metadata
may still need it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.outline import drop_toc


@dataclass
class Cleaned:
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    published: Optional[str] = None  # date of a page timestamp line, YYYY-MM-DD


def _key(line: str) -> str:
    return rules.WS.sub("", fold(line))


def split_paragraphs(text: str) -> list[str]:
    text = rules.ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for raw in text.split("\n"):
        line = raw.strip(" \t\u3000\xa0")
        if line:
            out.append(line)
    return out


def _split_head_line(piece: str) -> list[str]:
    """'一、工作目标 到2030年,…' -> ['一、工作目标', '到2030年,…'] (a heading run into its text)."""
    m = rules.HEAD_THEN_TEXT.match(fold(piece))
    if m and any(r.match(m[1]) for r in (rules.SECTION_HEAD, rules.MEASURE_HEAD, rules.CHAPTER_HEAD, rules.PART_HEAD)):
        return [piece[: m.end(1)].strip(), piece[m.start(2):].strip()]
    return [piece]


def unglue_headings(paragraphs: list[str]) -> list[str]:
    """Split paragraphs that swallowed headings and paragraph breaks (texts scraped without line breaks)."""
    out: list[str] = []
    for p in paragraphs:
        if len(p) < 400:
            out.append(p)
            continue
        f = fold(p)
        cuts = sorted({m.start() for m in rules.INLINE_HEAD.finditer(f)}
                      | {m.end() for m in rules.SPACED_BREAK.finditer(f)})
        start = 0
        for c in cuts + [len(p)]:
            piece = p[start:c].strip()
            start = c
            if piece:
                out.extend(_split_head_line(piece))
    return out


def _is_head_repeat(i: int, keys: list[str]) -> bool:
    """A head line that repeats another line, or extends a shorter line it begins with."""
    k = keys[i]
    for j, other in enumerate(keys):
        if j == i or len(other) < 20:
            continue
        if other == k and j < i:
            return True
        if len(k) > len(other) and k.startswith(other):
            return True
    return False


def clean(text: str) -> Cleaned:
    paragraphs, dropped = drop_toc(unglue_headings(split_paragraphs(text)))
    published = None
    keep: list[str] = []
    for p in paragraphs:
        m = rules.TIMESTAMP_LINE.match(fold(p))
        if m:
            published = published or f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            dropped.append(p)
        elif rules.DISCLAIMER_LINE.match(fold(p)) or rules.TOC_LINE.search(fold(p)):
            dropped.append(p)
        else:
            keep.append(p)

    # Head: lines before the first heading. Drop exact repeats and lines that
    # are a shorter head line with more glued on (a summary printed twice).
    first_head = next((i for i, p in enumerate(keep)
                       if rules.SECTION_HEAD.match(fold(p)) or rules.CHAPTER_HEAD.match(fold(p))
                       or rules.MEASURE_HEAD.match(fold(p))), len(keep))
    keys = [_key(p) for p in keep[:first_head]]
    head = []
    for i, p in enumerate(keep[:first_head]):
        if _is_head_repeat(i, keys):
            dropped.append(p)
        else:
            head.append(p)
    body = head + keep[first_head:]

    # Tail: a run of two or more short lines without punctuation that name no
    # body (site navigation words such as 网站首页, 联系我们).
    run = 0
    while run < len(body):
        last = fold(body[-1 - run]).strip()
        if not rules.NAV_WORD.match(last) or rules.ISSUER_TAIL.search(last):
            break
        run += 1
    if run >= 2:
        dropped.extend(body[-run:])
        del body[-run:]
    # Duplicate paragraphs anywhere (pages that print a block twice): keep the first.
    seen: set[str] = set()
    out = []
    for p in body:
        k = _key(p)
        if len(k) >= 30 and k in seen:
            dropped.append(p)
            continue
        seen.add(k)
        out.append(p)
    return Cleaned(paragraphs=out, dropped=dropped, published=published)
