"""Width folding for matching, keeping offsets.

``fold(text)`` maps full-width ASCII variants (U+FF01–FF5E) and the ideographic
space to their half-width forms, character for character, so the folded text has
the same length as the original: a match found on the folded text is sliced out
of the original, which keeps the characters as written.
"""
from __future__ import annotations

_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE[0x3000] = 0x20
_TABLE[0x00A0] = 0x20
_TABLE[0xFE50] = ord(",")  # small comma
_TABLE[0xFF64] = ord("、")  # half-width ideographic comma
_TABLE[0x2027] = ord("·")


def fold(text: str) -> str:
    """Half-width, same length as ``text``."""
    return text.translate(_TABLE)
