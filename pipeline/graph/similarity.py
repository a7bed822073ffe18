"""How much of one measure's text another restates: character n-gram similarity.

Pure functions over text. ``fold`` makes two wordings of one clause comparable
(NFKC, lower case, numbers to ``#``, punctuation and spaces dropped: 30微克/立方米 and
38 微克／立方米 fold alike), ``shingles`` cuts the folded text into overlapping
character n-grams (trigrams by default), and ``similarity`` is the Jaccard index of
two texts' n-gram sets: 1 for the same clause, 0 for nothing in common. A clause
restated with another place name (全省 for 全国, 青岛市 for 山东省) keeps most of its
trigrams. Why trigrams, Jaccard, and the default threshold: docs/similarity.md.
"""
from __future__ import annotations

import unicodedata
from typing import AbstractSet

from pipeline.parse.rules import SIMILAR_DROP, SIMILAR_NUMBER

NGRAM = 3  # characters per shingle
DEFAULT_MIN_SCORE = 0.3  # docs/similarity.md: measured on corpus/ and corpus-wide/


def fold(text: str) -> str:
    """``text`` in the form n-grams are taken from."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return SIMILAR_DROP.sub("", SIMILAR_NUMBER.sub("#", text))


def shingles(text: str, n: int = NGRAM) -> frozenset[str]:
    """The set of ``n``-character substrings of the folded ``text``; a folded text
    shorter than ``n`` is its own single shingle (none if it is empty)."""
    folded = fold(text)
    if len(folded) <= n:
        return frozenset([folded]) if folded else frozenset()
    return frozenset(folded[i:i + n] for i in range(len(folded) - n + 1))


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when either is empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def similarity(a: str, b: str, n: int = NGRAM) -> float:
    """Jaccard similarity of the character ``n``-grams of two texts (0..1)."""
    return jaccard(shingles(a, n), shingles(b, n))
