"""Precision, recall and F1 over multisets of keys."""
from __future__ import annotations

from collections import Counter
from typing import Hashable, Iterable


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; nothing predicted scores 1.0 precision only when nothing was wanted."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def multiset_prf(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> tuple[float, float, float]:
    """Each key counts as often as it occurs: two gold copies need two predicted ones."""
    g, q = Counter(gold), Counter(pred)
    tp = sum((g & q).values())
    return prf(tp, sum(q.values()), sum(g.values()))


def multiset_f1(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> float:
    return multiset_prf(gold, pred)[2]
