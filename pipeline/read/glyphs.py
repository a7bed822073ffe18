"""Characters a PDF font draws with private glyphs, repaired where their meaning is certain.

(Its patterns live here, not in ``pipeline.parse.rules``: reading must not import the parser.)
"""
from __future__ import annotations

import re

# A private-use character between two digits (２􀆰５, 86\ue0017%). Symbol-font code points
# (U+F020-U+F0FF) stand for their low byte (U+F0B4 is ×), so of those only U+F02E is a point.
_PRIVATE = r"(?:[\ue000-\uefff\uf100-\uf8ff\U000f0000-\U0010fffd]|\uf02e)"
PRIVATE_DECIMAL_POINT = re.compile(rf"(?<=[0-9０-９]){_PRIVATE}(?=[0-9０-９])")


def repair_pages(pages: list[str]) -> list[str]:
    """A private-use character between two digits is a decimal point: ２􀆰５ -> ２.５; and the
    glyph a document so uses for its point is a point after any digit too (３􀆰 污染源 -> ３. 污染源).

    Full-width digits stay full width (folding handles them); other private glyphs are kept.
    """
    points = {m.group() for page in pages for m in PRIVATE_DECIMAL_POINT.finditer(page)}
    if not points:
        return pages
    after_digit = re.compile("(?<=[0-9０-９])[" + "".join(re.escape(p) for p in sorted(points)) + "]")
    return [after_digit.sub(".", page) for page in pages]


def repair_glyphs(text: str) -> str:
    """``repair_pages`` for one text."""
    return repair_pages([text])[0]
