"""Book-title marks: 《…》 spans, with nesting (《…〈…〉…》 and, as some texts write it, 《…《…》…》)."""
from __future__ import annotations

from typing import Iterator


def book_titles(text: str) -> Iterator[tuple[int, int, str]]:
    """Top-level 《…》 titles as (start, end, title without the outer marks)."""
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                title = text[start + 1:i].strip()
                if title:
                    yield start, i + 1, title
        elif ch == "\n":
            depth = 0
