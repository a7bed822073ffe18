"""Numbers with units in a sentence, and how they group into lists.

* a target is a number with a unit (or a Chinese numeral with a count unit, or
  百分之…); 万/亿 are multiplied out; 个百分点 is the unit 百分点.
* numbers in 《》 titles and short “” names, after Latin letters (PM2.5, 5G) and
  ordinals (第3) are not targets (qualifiers, grants and conditions:
  ``pipeline.parse.not_commitments``).
* 20、15个百分点 is a list of two quantities sharing the last one's unit.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.parse import rules
from pipeline.parse.numbers import cn_number, scaled

_OPEN, _CLOSE = "([〔【", ")]〕】"


@dataclass
class Quantity:
    start: int
    end: int  # after the unit
    value: float
    unit: str
    text: str


def _unit(u: str) -> str:
    return rules.UNIT_ALIASES.get(u, u)


def quantities(folded: str, orig: str) -> list[Quantity]:
    """Every number-with-unit in a (folded) sentence, before any filtering by context."""
    out = []
    for m in rules.QUANTITY.finditer(folded):
        if m["num"]:
            value, unit = scaled(m["num"], m["mult"]), _unit(m["unit"])
        elif m["pct"]:
            v = cn_number(m["pct"])
            if v is None:
                continue
            value, unit = v, "%"
        else:
            cn, mult, u = (m["cn"], m["cnmult"], m["cnunit"]) if m["cn"] else (m["cn2"], m["cnmult2"], m["cnunit2"])
            if not (rules.CN_VALUE_BEFORE.search(folded, 0, m.start()) or rules.CN_VALUE_AFTER.match(folded, m.end())):
                continue
            v = cn_number(cn)
            if v is None or v == 0:
                continue
            value, unit = scaled(str(v), mult), _unit(u)
        end = m.end()
        den = rules.UNIT_DENOMINATOR.match(folded, end) if unit not in ("%", "百分点", "‰") and "/" not in unit else None
        if den:
            end = den.end()
            unit = unit + "/" + "".join(folded[m.end():end].split()).lstrip("/")
        out.append(Quantity(m.start(), end, value, unit, orig[m.start():end]))
    return out


def masked_spans(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rules.QUOTED.finditer(folded)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def clause_start(folded: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last , ; : 。 outside brackets."""
    depth = 0
    for i in range(pos - 1, floor - 1, -1):
        ch = folded[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth:
                depth -= 1
        elif depth == 0 and rules.CLAUSE_SEP.match(ch):
            return i + 1
    return floor


def clause_end(folded: str, pos: int, ceil: int) -> int:
    m = rules.CLAUSE_SEP.search(folded, pos, ceil)
    return m.start() if m else ceil


def counts_a_later_subject(folded: str, q: Quantity, later: list[Quantity]) -> bool:
    """等9种主要再生资源循环利用量达到4.5亿吨: a count before the noun of a clause that has its own target."""
    nxt = folded[q.end:q.end + 1]
    if not nxt or not ("\u4e00" <= nxt <= "\u9fff") or nxt in "、和及与" or rules.AFTER_BOUND.match(folded, q.end):
        return False
    # 培育150家龙头企业、20个联合体: a list item (count and noun), not the count of a subject
    return any(not rules.CLAUSE_SEP.search(folded, q.end, r.start) and not rules.LIST_ITEM_BOUNDARY.search(folded, q.end, r.start)
               for r in later)


def group_lists(folded: str, floor: int, qs: list[Quantity]) -> list[tuple[list[Quantity], bool]]:
    """Group quantities written as one list (20、15个百分点; 8%、10%) and mark 分别 lists.

    Bare numbers before a unit-bearing one (20、 in 20、15个百分点) are added as
    quantities of the same unit and multiplier.
    """
    out: list[tuple[list[Quantity], bool]] = []
    for q in qs:
        group = [q]
        pos = q.start
        while True:
            m = rules.NUM_LIST_ITEM.search(folded, floor, pos)
            if not m or m.end() != pos:
                break
            mult = "万" if "万" in q.text else ("亿" if "亿" in q.text else None)
            group.insert(0, Quantity(m.start(1), m.end(1), scaled(m[1], mult), q.unit, m[1]))
            pos = m.start()
        if out and out[-1][0][-1].end <= group[0].start and rules.LIST_JOIN.match(folded[out[-1][0][-1].end:group[0].start]):
            out[-1][0].extend(group)
        else:
            out.append((group, False))
    marked = []
    for group, _ in out:
        cs = clause_start(folded, group[0].start, floor)
        distribute = "分别" in folded[cs:group[0].start]
        marked.append((group, distribute))
    return marked
