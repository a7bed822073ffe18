"""Deadline and baseline years of a clause.

* year: the last deadline (到2025年, 2025年底前, 2021年到2023年 -> 2023, “十四五”时期
  -> 2025) before the number in its sentence (。 ends the scope; ; does not).
* baseline: 比/较2020年, 2020年基础上, in the same ;-clause before the number.
"""
from __future__ import annotations

from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold


def deadline_years(folded: str, a: int, b: int) -> list[tuple[int, int]]:
    """Deadline years in folded[a:b] as (position, year)."""
    out = []
    for m in rules.YEAR.finditer(folded, a, b):
        if is_baseline_year(folded, m):
            continue
        year = int(m["y2"] or m["y"])
        if not 1990 <= year <= 2100:
            continue
        out.append((m.start(), year))
    for m in rules.FYP.finditer(folded, a, b):
        out.append((m.start(), rules.FYP_END[m["plan"]]))
    return sorted(out)


def is_baseline_year(folded: str, m) -> bool:
    before = folded[max(0, m.start() - 3):m.start()]
    after = folded[m.end():m.end() + 5]
    return before.endswith(("比", "较", "与", "同", "相比", "由")) or after.startswith(("基础上", "的基础上", "水平", "相比", "的水平"))


def baseline_year(folded: str, a: int, b: int) -> Optional[int]:
    found = None
    for m in rules.BASELINE.finditer(folded, a, b):
        found = int(m["b1"] or m["b2"])
    return found


def after_years(s: str) -> str:
    """The text after the last deadline year (a baseline year such as 较2020年 stays)."""
    f = fold(s)
    cut = 0
    for m in rules.YEAR.finditer(f):
        if not is_baseline_year(f, m):
            cut = m.end()
    return s[cut:]

