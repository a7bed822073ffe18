"""Kind, direction and comparator of a target, from the words round its number."""
from __future__ import annotations

from typing import Optional

from pipeline.parse import rules


def classify(zone: str, chain: str, before: str, after: str, unit: str) -> tuple[str, Optional[str], str]:
    """kind, direction, comparator from the words before and after the number.

    提高/提升 by an amount is a change only for shares (%, 百分点); 新增 anywhere in
    the clause makes a change (新增清洁取暖改造户数不低于24万户).
    """
    z = zone.rstrip()
    c = chain.rstrip()
    kind, direction = "level", None
    share = unit in ("%", "百分点", "‰")
    new = rules.CLAUSE_NEW.search(before.lstrip())
    up = (rules.CHANGE_UP if share else rules.CHANGE_UP_ANY_UNIT).search(c) or new
    down = rules.CHANGE_DOWN.search(c)
    level_up, level_down = rules.LEVEL_UP.search(z), rules.LEVEL_DOWN.search(z)
    comparator = bound_comparator(z)
    if (up or down) and not ((level_up or level_down) and not (new or "每年" in c)):
        kind = "change"
        if down and (not up or down.start() > up.start()):
            direction = "down"
        else:
            direction = "up"
        if comparator == "=":
            comparator = ">="
    if unit == "百分点" and kind == "level":
        kind, direction = "change", ("down" if down else "up")
        if comparator == "=":
            comparator = ">="
    bound = rules.AFTER_BOUND.match(after)
    if bound:
        w = bound[1]
        comparator = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "左右": "~", "上下": "~"}[w]
    return kind, direction, comparator



_COMPARATORS = {"le": "<=", "ge": ">=", "hold": "=", "gt": ">", "lt": "<"}


def bound_comparator(zone: str) -> str:
    """The comparator of the bound word nearest the number (不得超过 <=, 稳定在 =), else =."""
    last = None
    for last in rules.COMPARATOR.finditer(zone):
        pass
    return _COMPARATORS[last.lastgroup] if last else "="
