"""Characters a PDF font draws with private glyphs, repaired where their meaning is certain.

(Its one pattern lives here, not in ``pipeline.parse.rules``: reading must not import the parser.)
"""
from __future__ import annotations

import re

# A private-use character between two digits (２􀆰５, 86\ue0017%). Symbol-font code points
# (U+F020-U+F0FF) stand for their low byte (U+F0B4 is ×), so of those only U+F02E is a point.
PRIVATE_DECIMAL_POINT = re.compile(
    r"(?<=[0-9０-９])(?:[\ue000-\uefff\uf100-\uf8ff\U000f0000-\U0010fffd]|\uf02e)(?=[0-9０-９])")


def repair_glyphs(text: str) -> str:
    """A private-use character between two digits is a decimal point: ２􀆰５ -> ２.５.

    Full-width digits stay full width (folding handles them); other private glyphs are kept.
    """
    return PRIVATE_DECIMAL_POINT.sub(".", text)
