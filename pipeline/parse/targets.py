"""Numeric targets: indicator, value, unit, comparator, kind, deadline and baseline.

Rules (see ../shared/eval/README.md, which defines the annotation):

* a target is a number with a unit (or a Chinese numeral with a count unit, or
  百分之…) that the text commits to; numbers in 《》 titles and short “” names,
  after Latin letters (PM2.5, 5G), ordinals (第3) and qualifiers
  (35蒸吨/小时以上燃煤锅炉) are not targets; nor are sentences reviewing the past.
* 万/亿 are multiplied out; 个百分点 is the unit 百分点.
* year: the last deadline (到2025年, 2025年底前, 2021年到2023年 -> 2023, “十四五”时期
  -> 2025) before the number in its sentence (。 ends the scope; ; does not).
* baseline: 比/较2020年, 2020年基础上, in the same ;-clause before the number.
* 分别 distributes a list of values over a list of indicators; 均 keeps one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from pipeline.model import Target
from pipeline.parse import rules
from pipeline.parse.articles import article_number_spans
from pipeline.parse.fold import fold
from pipeline.parse.numbers import cn_number, scaled
from pipeline.parse.structure import Block
from pipeline.parse.tasks import TaskSpan

Segmenter = Callable[[str], list[str]]
_OPEN, _CLOSE = "([〔【", ")]〕】"
_DEFAULT_SEGMENT: Segmenter = lambda s: list(s)  # noqa: E731 - replaced by jieba in the pipeline


@dataclass
class Quantity:
    start: int
    end: int  # after the unit
    value: float
    unit: str
    text: str


def _unit(u: str) -> str:
    return "百分点" if u == "个百分点" else u


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
        out.append(Quantity(m.start(), m.end(), value, unit, orig[m.start():m.end()]))
    return out


def _masked(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rules.QUOTED.finditer(folded)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _clause_start(folded: str, pos: int, floor: int) -> int:
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


def _clause_end(folded: str, pos: int, ceil: int) -> int:
    m = rules.CLAUSE_SEP.search(folded, pos, ceil)
    return m.start() if m else ceil


def _years(folded: str, a: int, b: int) -> list[tuple[int, int]]:
    """Deadline years in folded[a:b] as (position, year)."""
    out = []
    for m in rules.YEAR.finditer(folded, a, b):
        if _is_baseline_year(folded, m):
            continue
        year = int(m["y2"] or m["y"])
        if not 1990 <= year <= 2100:
            continue
        out.append((m.start(), year))
    for m in rules.FYP.finditer(folded, a, b):
        out.append((m.start(), rules.FYP_END[m["plan"]]))
    return sorted(out)


def _is_baseline_year(folded: str, m) -> bool:
    before = folded[max(0, m.start() - 3):m.start()]
    after = folded[m.end():m.end() + 5]
    return before.endswith(("比", "较", "与", "同", "相比", "由")) or after.startswith(("基础上", "的基础上", "水平", "相比", "的水平"))


def _baseline(folded: str, a: int, b: int) -> Optional[int]:
    found = None
    for m in rules.BASELINE.finditer(folded, a, b):
        found = int(m["b1"] or m["b2"])
    return found


def _strip_indicator(s: str) -> str:
    s = rules.INDICATOR_ORDINAL.sub("", s.strip(" ,;:、"))
    while True:
        t = rules.INDICATOR_LEAD.sub("", s)
        m = rules.INDICATOR_CUT.match(t)
        t = t[m.end():] if m and m.end() else t
        if t == s:
            break
        s = t
    s = rules.INDICATOR_TRAIL.sub("", s)
    return s.strip(" ,;:、的")


@dataclass
class _Context:
    indicator: str
    zone: str  # the words between indicator and number (verbs, comparators)
    before: str  # the clause before the number, deadline phrase excluded
    chain: str  # the verb chain from the first verb after the indicator


def _context(folded: str, orig: str, cs: int, q: Quantity, ce: int) -> _Context:
    """Indicator and verb zone for a quantity whose clause starts at ``cs``."""
    a = cs
    for m in rules.YEAR.finditer(folded, cs, q.start):
        if not _is_baseline_year(folded, m):
            a = m.end()
    for m in rules.FYP.finditer(folded, cs, q.start):
        a = max(a, m.end())
    before = folded[a:q.start]
    # the indicator ends at the last comparator or verb before the number; the
    # verb chain from the first one tells the kind (在2020年基础上每年新增不少于)
    cut = first_cut = None
    for m in rules.INDICATOR_CUT.finditer(before):
        if len(_strip_indicator(before[:m.start()])) >= 2:
            cut = m.start()
            first_cut = m.start() if first_cut is None else first_cut
    if cut is None:
        # no verb after a name: the words before the number (less leading verbs)
        # name the thing; the verbs among them tell the comparator
        m = rules.INDICATOR_CUT.search(before)
        ind_f, zone = before, (before[m.start():] if m else "")
    else:
        ind_f, zone = before[:cut], before[cut:]
    indicator = orig[a:a + len(ind_f)]
    fm = rules.FROM_PHRASE.search(fold(indicator))
    if fm:
        indicator = indicator[:fm.start()]
    indicator = _strip_indicator(_drop_baseline(indicator))
    if len(indicator) <= 2:
        after = orig[q.end:ce]
        bound = rules.AFTER_BOUND.match(fold(after))
        if bound:
            after = after[bound.end():]
        named_after = _strip_indicator(after)
        if len(named_after) >= 2 or not indicator:
            indicator = named_after
    chain = before[first_cut:] if first_cut is not None else zone
    return _Context(indicator, zone, before, chain)


def _classify(zone: str, chain: str, before: str, after: str, unit: str) -> tuple[str, Optional[str], str]:
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
    if level_down:
        comparator = "<" if rules.STRICT_LT.search(z) else "<="
    elif level_up:
        comparator = ">" if rules.STRICT_GT.search(z) else ">="
    else:
        comparator = "="
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


def _split_head(items: list[str], segment: Segmenter) -> list[str]:
    """A、B使用比例 -> [A使用比例, B使用比例]: share the last item's head with the others."""
    last = items[-1]
    others = items[:-1]
    cut = fold(last).find("等")
    if 0 < cut < len(last) - 1:
        head = last[cut + 1:]
        return [x + head for x in others] + [last[:cut] + head]
    tokens = segment(last)
    # parallel items end alike: 京津冀及周边地区、长三角地区煤炭消费量 -> the head follows 地区
    first_tail = segment(others[0])[-1] if others[0] else ""
    if first_tail and first_tail in tokens[:-1]:
        k = len(tokens) - 1 - tokens[::-1].index(first_tail, 1)
        head = "".join(tokens[k + 1:])
        if len(head) >= 2:
            return [x + head for x in others] + [last]
    k = len(tokens)
    while k > 1 and tokens[k - 1] in rules.INDICATOR_HEADS:
        k -= 1
    if k < len(tokens) and sum(len(t) for t in tokens[k:]) >= 2:
        cut = sum(len(t) for t in tokens[:k])
        head = last[cut:]
        return [x + head for x in others] + [last]
    mean = sum(len(x) for x in others) / len(others)
    best, best_d = None, None
    pos = 0
    for t in tokens[:-1]:
        pos += len(t)
        d = abs(pos - mean)
        if best_d is None or d < best_d:
            best, best_d = pos, d
    if best is None:
        return items
    head = last[best:]
    return [x + head for x in others] + [last]


def block_targets(block: Block, spans: list[TaskSpan], past: bool = False,
                  segment: Segmenter = _DEFAULT_SEGMENT) -> list[Target]:
    """Targets of one block of text (a measure, a section's own text)."""
    orig = block.text
    folded = fold(orig)
    masked = _masked(folded) + article_number_spans(folded)
    out: list[Target] = []
    if past:
        return out
    sent_start = 0
    for sm in list(rules.SENTENCE_SEP.finditer(folded)) + [None]:
        sent_end = sm.start() if sm else len(folded)
        a, b = sent_start, sent_end
        sent_start = sent_end + 1
        if b - a < 2:
            continue
        sentence = folded[a:b]
        if rules.PAST_SENTENCE.search(sentence) and not rules.FYP.search(sentence) and not _years(folded, a, b):
            continue
        years = _years(folded, a, b)
        qs = quantities(sentence, orig[a:b])
        for q in qs:
            q.start += a
            q.end += a
        qs = [q for q in qs if not _inside(q.start, masked)
              and not rules.NOT_VALUE_BEFORE.search(folded[max(a, q.start - 3):q.start])
              and not rules.FROM_VALUE_BEFORE.search(folded[max(a, q.start - 10):q.start])]
        qs = [q for q in qs if not _is_qualifier(folded, q)]
        qs = [q for i, q in enumerate(qs) if not _counts_a_later_subject(folded, q, qs[i + 1:])]
        groups = _group_lists(folded, a, qs)
        for group, distribute in groups:
            first = group[0]
            cs = _clause_start(folded, first.start, a)
            last = group[-1]
            ce = _clause_end(folded, last.end, b)
            ctx = _context(folded, orig, cs, first, ce)
            names = [ctx.indicator] * len(group)
            if distribute:
                subject = orig[cs:first.start]
                fsub = fold(subject)
                k = fsub.find("分别")
                subj = _strip_indicator(_after_years(subject[:k] if k >= 0 else subject))
                subj = rules.BASELINE.sub("", subj)
                items = [x for x in subj.split("、") if x]
                if len(items) < len(group):
                    items = items[:-1] + [x for x in re.split("[和及]", items[-1]) if x] if items else items
                if len(items) == len(group) and len(items) > 1:
                    names = _split_head(items, segment)
                    names = [_strip_indicator(rules.BASELINE.sub("", n)) for n in names]
            year = None
            for pos, y in years:
                if pos < first.start:
                    year = y
            semi = max(folded.rfind(";", a, first.start), a)
            baseline = _baseline(folded, semi, first.start)
            prev = next((t.indicator for t in reversed(out) if t.text and orig[a:b].find(t.text) >= 0), "")
            if not names[0] or (len(group) == 1 and prev and len(names[0]) < len(prev) and prev.endswith(names[0])):
                # 到2030年达到0.8亿吨 / 到2030年年利用量达到45亿吨: named earlier in the sentence
                names = [prev] * len(group)
            if not names[0]:
                continue  # a number with nothing it measures (a table cell)
            for q, name in zip(group, names):
                after = folded[q.end:q.end + 4]
                kind, direction, comparator = _classify(ctx.zone, ctx.chain, ctx.before, after, q.unit)
                task = next((s.task.index for s in spans if s.start <= q.start < s.end), None)
                out.append(Target(measure=block.measure, task=task, indicator=name, value=q.value, unit=q.unit,
                                  kind=kind, direction=direction, comparator=comparator, year=year,
                                  baseline_year=baseline, value_text=q.text, text=orig[cs:ce].strip(),
                                  section=block.section))
    return out


def _drop_baseline(s: str) -> str:
    f = fold(s)
    out, pos = [], 0
    for m in rules.BASELINE.finditer(f):
        out.append(s[pos:m.start()])
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


def _is_qualifier(folded: str, q: Quantity) -> bool:
    """35蒸吨/小时以上燃煤锅炉: a bound followed by the noun it qualifies (shares excepted)."""
    if q.unit in ("%", "百分点", "‰"):
        return False
    return bool(rules.QUALIFIER_AFTER.match(folded, q.end))


def _counts_a_later_subject(folded: str, q: Quantity, later: list[Quantity]) -> bool:
    """等9种主要再生资源循环利用量达到4.5亿吨: a count before the noun of a clause that has its own target."""
    nxt = folded[q.end:q.end + 1]
    if not nxt or not ("\u4e00" <= nxt <= "\u9fff") or rules.AFTER_BOUND.match(folded, q.end):
        return False
    return any(not rules.CLAUSE_SEP.search(folded, q.end, r.start) for r in later)


def _after_years(s: str) -> str:
    """The text after the last deadline year (a baseline year such as 较2020年 stays)."""
    f = fold(s)
    cut = 0
    for m in rules.YEAR.finditer(f):
        if not _is_baseline_year(f, m):
            cut = m.end()
    return s[cut:]


def _group_lists(folded: str, floor: int, qs: list[Quantity]) -> list[tuple[list[Quantity], bool]]:
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
        cs = _clause_start(folded, group[0].start, floor)
        distribute = "分别" in folded[cs:group[0].start]
        marked.append((group, distribute))
    return marked
