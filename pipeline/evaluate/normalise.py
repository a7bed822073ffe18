"""How strings, units and numbers are compared (``docs/eval.md``, "How things are matched")."""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import Any, Optional

# Unit spellings that are one unit.
UNIT_ALIASES = {"个百分点": "百分点", "percentage points": "百分点", "pp": "百分点", "％": "%"}


def norm(value: Any) -> Optional[str]:
    """NFKC-fold (full-width digits and brackets become ASCII), drop white space and 《》."""
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value))
    return "".join(s.split()).replace("《", "").replace("》", "")


def norm_unit(unit: Any) -> str:
    u = norm(unit) or ""
    return UNIT_ALIASES.get(u, u)


def key(value: Any) -> Any:
    """``value`` usable in a multiset: a list or object from a malformed record becomes its JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def close(a: Any, b: Any) -> bool:
    """Two numbers equal to one part in a million (absolute below 1)."""
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def accepts(gold_value: Any, pred_value: Any) -> bool:
    """The prediction is the gold value, or one of them when the gold gives a list."""
    options = gold_value if isinstance(gold_value, list) else [gold_value]
    return any(o == pred_value or (o is not None and close(o, pred_value)) for o in options)


def overlap(a: Any, b: Any) -> float:
    """Share of the shorter name's characters (with repeats) found in the longer one."""
    a, b = norm(a) or "", norm(b) or ""
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    have = Counter(long_)
    hits = sum(min(c, have[ch]) for ch, c in Counter(short).items())
    return hits / len(short)
