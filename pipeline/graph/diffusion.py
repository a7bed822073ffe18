"""Amplification and lag down the hierarchy: each target against its nearest ancestor's.

Pure functions over typed rows (``DocInfo``, ``TargetInfo``); reading them from a store
is ``pipeline/graph/diffusion_read.py``, drawing them ``diffusion_plot.py``.

For every target of an indicator (the "child"), the **nearest ancestor target** is
looked for in two ways, in this order:

1. along ``IMPLEMENTS``: the documents the child's document implements, then theirs
   (``hops`` 1, 2, …) — the first hop count holding a comparable target wins;
2. along **region containment**, only when step 1 finds nothing (no parent named, a
   parent not ingested, or no parent target on the indicator): a district's city, then
   its province, then the national documents; a city's province, then the national
   documents; a province's national documents (``pipeline/data/places.tsv`` says which
   city is in which province; ``hops`` counts the levels up).

*Comparable* means the same Indicator (the normalised name), the same unit and kind, and
for a change (``kind`` change) the same direction. Among the comparable targets at the
nearest step, the one chosen is, in order: of the same year (``yearMatch`` same); else
one where either side gives no year (``unstated``); else the nearest year (``differs``,
the gap in years is ``yearGap``); then one issued on or before the child's document;
then the smallest target id. ``queries/targets-against-ancestors.cypher`` applies
the same order to step 1 in Cypher.

Per pair: ``ratio`` = child value / ancestor value (none when the ancestor's is 0),
``difference`` = child − ancestor (in the unit), ``lagDays`` = the child document's
issue date − the ancestor's (positive when the child came later), and a ``verdict``:
stricter, looser or equal, direction-aware (``sense``); unranked when the two targets
point opposite ways (<= against >=) or neither says which way is better; share when
the target is a total (``is_total``: 装机容量 in 千瓦, 个, 吨/日), since a smaller area's total is
a part of the larger one's, not a looser target.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Iterable, Mapping, Optional, Sequence

LEVELS: tuple[str, ...] = ("national", "provincial", "city", "district")
EPOCH = date(1970, 1, 1)

#: verdict -> what it means (``policykg diffusion --help`` and the README print these)
VERDICTS: dict[str, str] = {
    "stricter": "asks more than the ancestor: a lower ceiling (<=, or a level to bring down), "
                "a higher floor (>=, or a level to raise), a larger cut or rise (a change), "
                "or a smaller rise where the change is capped (<=)",
    "equal": "the same value as the ancestor's",
    "looser": "asks less than the ancestor",
    "unranked": "the two point opposite ways (<= against >=), or neither tells which way "
                "is better (= or ~ on a level with no direction)",
    "share": "a total (千瓦, 个, 吨, 公里 …, not a rate): a smaller area's total is a part of "
             "the larger one's, so the ratio is the child's share, not a strictness",
}

# A rate, not a total: these units, a unit per something other than time (微克/立方米, 吨/万元;
# 吨/日 is a capacity, a total), or an indicator named as a rate (…率, …比重, 人均…, 单位…).
RATE_UNITS: tuple[str, ...] = ("%", "‰", "百分点", "个百分点", "天", "岁", "倍")
PER_TIME: tuple[str, ...] = ("/日", "/天", "/年", "/月", "/小时", "/时")
RATE_WORDS: tuple[str, ...] = ("率", "比例", "比重", "占比", "强度", "浓度", "指数", "密度", "人均",
                               "单位", "每", "万元")


@dataclass(frozen=True)
class DocInfo:
    id: str
    title: str
    level: Optional[str]
    region: Optional[str]
    date: Optional[str]  # YYYY-MM-DD
    issuer: Optional[str] = None


@dataclass(frozen=True)
class TargetInfo:
    id: str
    document: str  # the document's id
    indicator: str  # the Indicator's (normalised) name
    wording: str  # the name as the document writes it
    value: Optional[float]
    unit: str
    kind: str  # level | change
    direction: Optional[str]  # up | down | None
    comparator: Optional[str]  # >= <= > < = ~
    year: Optional[int]
    value_text: str = ""
    page: Optional[int] = None
    paragraph: Optional[int] = None
    sentence: Optional[str] = None


@dataclass(frozen=True)
class Pair:
    """One child target beside its nearest ancestor target (field names are the columns)."""
    indicator: str
    unit: str
    kind: str
    direction: Optional[str]
    child: str
    childTitle: str
    childLevel: Optional[str]
    childRegion: Optional[str]
    childDate: Optional[str]
    childTarget: str
    childValue: Optional[float]
    childComparator: Optional[str]
    childYear: Optional[int]
    ancestor: str
    ancestorTitle: str
    ancestorLevel: Optional[str]
    ancestorRegion: Optional[str]
    ancestorDate: Optional[str]
    ancestorTarget: str
    ancestorValue: Optional[float]
    ancestorComparator: Optional[str]
    ancestorYear: Optional[int]
    via: str  # implements | region
    hops: int
    yearMatch: str  # same | unstated | differs
    yearGap: Optional[int]
    ratio: Optional[float]
    difference: Optional[float]
    verdict: str
    lagDays: Optional[int]
    childTargetId: str
    ancestorTargetId: str
    childPage: Optional[int] = None
    childParagraph: Optional[int] = None
    childSentence: Optional[str] = None

    def to_dict(self) -> dict:
        return asdict(self)


COLUMNS: tuple[str, ...] = tuple(Pair.__dataclass_fields__)


def date_days(text: Optional[str]) -> Optional[int]:
    """``2021-10-24`` -> days since 1970-01-01; None for no date or one that is not YYYY-MM-DD."""
    try:
        return (date.fromisoformat(text) - EPOCH).days if text else None
    except (TypeError, ValueError):
        return None


def lag_days(child_date: Optional[str], ancestor_date: Optional[str]) -> Optional[int]:
    """Days from the ancestor's issue date to the child's (negative: the child came first)."""
    a, b = date_days(ancestor_date), date_days(child_date)
    return None if a is None or b is None else b - a


def sense(kind: Optional[str], direction: Optional[str], comparator: Optional[str]) -> Optional[str]:
    """Which way of the value asks more: ``higher``, ``lower`` or None (cannot tell).

    A bound says it (<= a ceiling: lower asks more; >= a floor: higher); else a change
    asks more the larger it is (a bigger cut for ``down``, a bigger rise for ``up``), and a
    level by its direction (raise to: higher; bring down to: lower)."""
    if comparator in ("<=", "<"):
        return "lower"
    if comparator in (">=", ">"):
        return "higher"
    if kind == "change":
        return "higher"
    if direction == "up":
        return "higher"
    if direction == "down":
        return "lower"
    return None


def is_total(indicator: str, unit: str) -> bool:
    """Is a target an amount for its whole area (装机容量 in 千瓦, 个, 吨/日), not a rate?"""
    if unit in RATE_UNITS or any(w in (indicator or "") for w in RATE_WORDS):
        return False
    return "/" not in (unit or "") or (unit or "").endswith(PER_TIME)


def verdict(child: TargetInfo, ancestor: TargetInfo) -> str:
    """stricter, looser, equal, unranked or share: the child's target against the ancestor's."""
    if is_total(child.indicator, child.unit):
        return "share"
    a = sense(child.kind, child.direction, child.comparator)
    b = sense(ancestor.kind, ancestor.direction, ancestor.comparator)
    if a and b and a != b:
        return "unranked"
    if child.value is None or ancestor.value is None:
        return "unranked"
    if child.value == ancestor.value:
        return "equal"
    way = a or b
    if way is None:
        return "unranked"
    higher = child.value > ancestor.value
    return "stricter" if higher == (way == "higher") else "looser"


def ratio(child: Optional[float], ancestor: Optional[float]) -> Optional[float]:
    if child is None or ancestor is None or ancestor == 0:
        return None
    return child / ancestor


def difference(child: Optional[float], ancestor: Optional[float]) -> Optional[float]:
    return None if child is None or ancestor is None else child - ancestor


def comparable(child: TargetInfo, other: TargetInfo) -> bool:
    """Same indicator, unit and kind; for a change, the same direction too."""
    return (child.indicator == other.indicator and child.unit == other.unit
            and child.kind == other.kind
            and (child.kind != "change" or (child.direction or "") == (other.direction or "")))


def year_match(child: Optional[int], ancestor: Optional[int]) -> tuple[str, Optional[int]]:
    """(same | unstated | differs, the gap in years when both give one)."""
    if child is None or ancestor is None:
        return "unstated", None
    return ("same" if child == ancestor else "differs"), abs(child - ancestor)


_YEAR_RANK = {"same": 0, "unstated": 1, "differs": 2}


def choice_key(child: TargetInfo, child_doc: DocInfo, candidate: TargetInfo,
               candidate_doc: DocInfo) -> tuple:
    """How good a candidate at one step is (smaller is better; see the module docstring)."""
    match, gap = year_match(child.year, candidate.year)
    later = bool(candidate_doc.date and child_doc.date and candidate_doc.date > child_doc.date)
    return (_YEAR_RANK[match], gap or 0, int(later), candidate.id)


def implements_steps(doc_id: str, edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The documents ``doc_id`` implements, by hops: [[parents], [grandparents], …], each once."""
    seen, steps, frontier = {doc_id}, [], [doc_id]
    while frontier:
        nxt = sorted({p for d in frontier for p in edges.get(d, ()) if p not in seen})
        if not nxt:
            break
        seen.update(nxt)
        steps.append(nxt)
        frontier = nxt
    return steps


def containing_places(doc: DocInfo) -> list[tuple[str, Optional[str]]]:
    """(level, region) of each area containing the document's, nearest first; region None
    for national (any national document contains every place)."""
    from pipeline.parse.places import table

    places = table()
    level, region = doc.level, doc.region or ""
    if level == "provincial":
        return [("national", None)]
    if level == "city":
        province = places.city_province.get(region)
        return ([("provincial", province)] if province else []) + [("national", None)]
    if level == "district":
        out: list[tuple[str, Optional[str]]] = []
        for where in (region, doc.issuer or ""):
            city = max((c for c in places.city_province if where.startswith(c) and len(where) > len(c)),
                       key=len, default=None)
            if city:
                province = places.city_province[city]
                if city != province:
                    out.append(("city", city))
                out.append(("provincial", province))
                break
        return out + [("national", None)]
    return []


def region_steps(doc: DocInfo, docs: Iterable[DocInfo]) -> list[list[str]]:
    """The ingested documents of each containing area, nearest first (``containing_places``;
    a step may be empty, so that its position counts the levels up)."""
    docs = list(docs)
    return [sorted(d.id for d in docs if d.id != doc.id and d.level == level
                   and (region is None or d.region == region))
            for level, region in containing_places(doc)]


def nearest_ancestor(child: TargetInfo, docs: Mapping[str, DocInfo],
                     edges: Mapping[str, Sequence[str]],
                     by_document: Mapping[str, Sequence[TargetInfo]]
                     ) -> Optional[tuple[TargetInfo, str, int]]:
    """(ancestor target, via, hops) for ``child``, or None (see the module docstring)."""
    child_doc = docs[child.document]
    for via, steps in (("implements", implements_steps(child.document, edges)),
                       ("region", region_steps(child_doc, docs.values()))):
        for hops, ids in enumerate(steps, 1):
            found = [t for d in ids if d in docs for t in by_document.get(d, ()) if comparable(child, t)]
            if found:
                best = min(found, key=lambda t: choice_key(child, child_doc, t, docs[t.document]))
                return best, via, hops
    return None


def pair(child: TargetInfo, ancestor: TargetInfo, docs: Mapping[str, DocInfo], via: str,
         hops: int) -> Pair:
    c, a = docs[child.document], docs[ancestor.document]
    match, gap = year_match(child.year, ancestor.year)
    return Pair(
        indicator=child.indicator, unit=child.unit, kind=child.kind, direction=child.direction,
        child=c.id, childTitle=c.title, childLevel=c.level, childRegion=c.region, childDate=c.date,
        childTarget=child.value_text, childValue=child.value, childComparator=child.comparator,
        childYear=child.year,
        ancestor=a.id, ancestorTitle=a.title, ancestorLevel=a.level, ancestorRegion=a.region,
        ancestorDate=a.date, ancestorTarget=ancestor.value_text, ancestorValue=ancestor.value,
        ancestorComparator=ancestor.comparator, ancestorYear=ancestor.year,
        via=via, hops=hops, yearMatch=match, yearGap=gap,
        ratio=ratio(child.value, ancestor.value), difference=difference(child.value, ancestor.value),
        verdict=verdict(child, ancestor), lagDays=lag_days(c.date, a.date),
        childTargetId=child.id, ancestorTargetId=ancestor.id,
        childPage=child.page, childParagraph=child.paragraph, childSentence=child.sentence)


def pairs(targets: Sequence[TargetInfo], docs: Mapping[str, DocInfo],
          edges: Mapping[str, Sequence[str]]) -> list[Pair]:
    """Every target with a nearest ancestor target, as a ``Pair``, in a stable order:
    by indicator, the child's level (national first), region, date, year and id."""
    by_document: dict[str, list[TargetInfo]] = {}
    for t in targets:
        by_document.setdefault(t.document, []).append(t)
    out = []
    for t in targets:
        if t.document not in docs:
            continue
        found = nearest_ancestor(t, docs, edges, by_document)
        if found:
            out.append(pair(t, found[0], docs, found[1], found[2]))
    return sorted(out, key=lambda p: (p.indicator, _level_rank(p.childLevel), p.childRegion or "",
                                      p.childDate or "", p.childYear or 0, p.childTargetId))


def _level_rank(level: Optional[str]) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
