"""Targets: one-to-one matching on (measure, value, unit), then accuracies on the matched pairs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pipeline.evaluate.counting import prf
from pipeline.evaluate.normalise import accepts, close, norm, norm_unit, overlap

Target = dict[str, Any]


@dataclass
class TargetMatch:
    pairs: list[tuple[Target, Target]]  # (gold, predicted), in gold order
    absorbed: int  # predictions matched to an optional gold target: neither rewarded nor penalised
    n_pred: int
    n_gold: int  # gold targets that are not optional


def _same(gold: Target, pred: Target) -> bool:
    return (pred.get("measure") == gold["measure"] and close(pred.get("value"), gold["value"])
            and norm_unit(pred.get("unit")) == norm_unit(gold["unit"]))


def match_targets(gold: list[Target], pred: list[Target]) -> TargetMatch:
    """Required gold targets first, then optional ones; each takes the first unused prediction that fits."""
    used: set[int] = set()
    pairs: list[tuple[Target, Target]] = []
    absorbed = 0
    for want_optional in (False, True):
        for g in gold:
            if bool(g.get("optional")) != want_optional:
                continue
            for i, q in enumerate(pred):
                if i not in used and _same(g, q):
                    used.add(i)
                    if want_optional:
                        absorbed += 1
                    else:
                        pairs.append((g, q))
                    break
    return TargetMatch(pairs, absorbed, len(pred), sum(1 for g in gold if not g.get("optional")))


def _acc(pairs: list[tuple[Target, Target]], ok: Callable[[Target, Target], bool]) -> float:
    """Share of matched pairs where ``ok`` holds; 0.0 when nothing matched."""
    return sum(1 for g, q in pairs if ok(g, q)) / len(pairs) if pairs else 0.0


def _tight(g: Target, q: Target) -> bool:
    """Neither name carries more than a fifth of characters the other lacks."""
    return (overlap(g["indicator"], q.get("indicator")) >= 0.8
            and len(norm(q.get("indicator")) or "") <= 1.25 * len(norm(g["indicator"]) or "x"))


def target_metrics(gold: list[Target], pred: list[Target]) -> dict[str, float]:
    m = match_targets(gold, pred)
    out: dict[str, float] = {}
    out["targets.precision"], out["targets.recall"], out["targets.f1"] = prf(
        len(m.pairs), m.n_pred - m.absorbed, m.n_gold)
    pairs = m.pairs
    out["targets.year_acc"] = _acc(pairs, lambda g, q: accepts(g["year"], q.get("year")))
    out["targets.baseline_acc"] = _acc(pairs, lambda g, q: accepts(g["baseline_year"], q.get("baseline_year")))
    out["targets.kind_acc"] = _acc(pairs, lambda g, q: g["kind"] == q.get("kind")
                                   and g["direction"] == q.get("direction"))
    out["targets.comparator_acc"] = _acc(pairs, lambda g, q: g["comparator"] == q.get("comparator"))
    out["targets.task_acc"] = _acc(pairs, lambda g, q: g["task"] == q.get("task"))
    out["targets.indicator_acc"] = _acc(pairs, lambda g, q: overlap(g["indicator"], q.get("indicator")) >= 0.6)
    out["targets.indicator_tight_acc"] = _acc(pairs, _tight)
    # Fields of the second edition, scored only over the pairs whose gold states them.
    for field in ("attribute", "baseline_value"):
        stated = [(g, q) for g, q in pairs if field in g]
        if stated:
            out[f"targets.{field}_acc"] = _acc(stated, lambda g, q, f=field: accepts(g[f], q.get(f)))
    return out
