"""The key two mentions of one indicator share.

``normalise_indicator`` is the one place indicator names are normalised; the
Target keeps the surface form (``indicator``), the Indicator node the key.
"""
from __future__ import annotations

import re
import unicodedata

# Brackets of every width and shape (NFKC has already folded the full-width ones),
# quotation marks and white space: they vary between documents, the name does not.
_NOISE = re.compile(r"[\s()\[\]{}<>（）【】〔〕［］｛｝〈〉《》「」『』“”\"'‘’]")
# Dash variants between numerals (Ⅰ—Ⅲ类, Ⅰ-Ⅲ类) read as one.
_DASHES = re.compile(r"[‐‑‒–—―－~～〜]")


def normalise_indicator(name: str) -> str:
    """细颗粒物（PM2.5）浓度 and 细颗粒物 (PM2.5) 浓度 -> 细颗粒物PM2.5浓度."""
    t = unicodedata.normalize("NFKC", name or "")
    t = _NOISE.sub("", t)
    t = _DASHES.sub("-", t)
    return t
