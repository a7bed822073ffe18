"""``--min METRIC=VALUE`` floors: parsed once, then checked against a score."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.evaluate.score import METRICS, OPTIONAL_METRICS


@dataclass(frozen=True)
class Floor:
    metric: str
    value: float


def parse_floor(spec: str) -> Floor:
    """``targets.f1=0.95`` -> Floor; ValueError with a one-line reason otherwise."""
    name, sep, value = spec.partition("=")
    name = name.strip()
    if not sep:
        raise ValueError(f"{spec!r} is not METRIC=VALUE (e.g. targets.f1=0.95)")
    if name not in METRICS:
        raise ValueError(f"unknown metric {name!r}; the metrics are: {', '.join(METRICS)}")
    try:
        floor = float(value)
    except ValueError:
        raise ValueError(f"{spec!r}: {value!r} is not a number") from None
    if not 0.0 <= floor <= 1.0:
        raise ValueError(f"{spec!r}: a floor lies between 0 and 1")
    return Floor(name, floor)


def below_floors(metrics: dict[str, float], floors: list[Floor]) -> list[str]:
    """One phrase per floor not met; a metric the gold does not allow (e.g. no attributes stated) is 0."""
    short = []
    for f in floors:
        got = metrics.get(f.metric)
        if got is None:
            why = "not scored: the gold states none" if f.metric in OPTIONAL_METRICS else "not scored"
            short.append(f"{f.metric} {why} (floor {f.value:g})")
        elif got < f.value:
            short.append(f"{f.metric}={got:.3f}<{f.value:g}")
    return short
