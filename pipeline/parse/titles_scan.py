"""Book-title marks: 《…》 spans, with nesting (《…〈…〉…》 and, as some texts write it, 《…《…》…》)."""
from __future__ import annotations

import re
from typing import Iterator

_MARKS = re.compile("[《》\n]")  # the only characters the scan acts on


def book_titles(text: str) -> Iterator[tuple[int, int, str]]:
    """Top-level 《…》 titles as (start, end, title without the outer marks)."""
    depth, start = 0, 0
    for m in _MARKS.finditer(text):  # jumps from mark to mark: a block has few
        i = m.start()
        ch = text[i]
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》":
            if depth:
                depth -= 1
                if depth == 0:
                    title = text[start + 1:i].strip()
                    if title:
                        yield start, i + 1, title
        else:  # newline
            depth = 0
