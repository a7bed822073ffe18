"""How Neo4j Browser 5 lays a caption out in a node's circle, to choose captions that fit.

A port of Browser 5.24's ``fitCaptionIntoCircle`` (neo4j-arc graph visualisation): the
caption is split at spaces into words; for 1, 2, … lines (as many as the diameter
holds) the words are placed greedily, each line as wide as the circle at its height;
the first line count that places every word with no line left empty wins, else the
caption is cut with … . A caption whose words fit two to a line may thus be cut in a
large circle and fit in a smaller one, so captions.py tries word sizes until one fits.

Glyph widths are estimates: a Chinese character is one em in every CJK font; other
characters are taken between ``NARROW`` and ``WIDE`` em, and the curly quotes, dashes
and ellipsis between ``NARROW`` and one em (a Latin font may draw them before a CJK
font does); a caption fits only if it fits at both ends.
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

NARROW, WIDE = 0.55, 0.68   # em widths of a Latin letter or digit in common sans-serif fonts
SPACE = 0.32                # em width of a space (DejaVu Sans; Liberation and Arial 0.28)

# Mirrors graph_schema/style.grass (tests/test_browser_captions.py keeps them equal).
FONT_SIZE = 10.0
DIAMETERS: dict[str, float] = {"Document": 90, "Section": 75, "Measure": 70, "Task": 70, "Target": 84,
                               "Agency": 66, "Indicator": 80}


_SPACE, _WIDE, _PUNCT, _LATIN = range(4)


@lru_cache(maxsize=None)
def _kind(ch: str) -> int:
    if ch == " ":
        return _SPACE
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE
    if 0x2014 <= ord(ch) <= 0x2026:
        return _PUNCT
    return _LATIN


def _width(text: str, font: float, latin: float, punct: float) -> float:
    total = 0.0
    for ch in text:
        kind = _kind(ch)
        if kind == _SPACE:
            total += SPACE * font
        elif kind == _WIDE:
            total += font
        elif kind == _PUNCT:
            total += punct * font
        else:
            total += latin * font
    return total


def _fits(caption: str, diameter: float, font: float, latin: float, punct: float) -> bool:
    radius = diameter / 2
    if len(caption) > math.floor(radius ** 2 * math.pi / font ** 2):
        return False  # Browser cuts the text to this many characters first
    words = caption.split(" ")
    widths = [_width(w, font, latin, punct) for w in words]
    space = _width(" ", font, latin, punct)
    for count in range(1, int(2 * radius / font) + 1):
        placed, empty = 0, False
        for i in range(count):
            baseline = (1 + i - count / 2) * font
            offset = baseline - font / 2 if i < count / 2 else baseline + font / 2
            room = 2 * math.sqrt(max(0.0, radius ** 2 - offset ** 2))
            used = False
            while placed < len(words) and widths[placed] < room - space:
                room -= widths[placed] + space
                placed += 1
                used = True
            empty = empty or not used
        if not empty and placed >= len(words):
            return True
    return False


def fits(caption: str, label: str) -> bool:
    """True if Browser draws the whole ``caption`` in a node of ``label`` (at either glyph width)."""
    diameter = DIAMETERS.get(label)
    if diameter is None:
        return True
    return all(_fits(caption, diameter, FONT_SIZE, latin, punct)
               for latin, punct in ((NARROW, NARROW), (WIDE, 1.0)))
