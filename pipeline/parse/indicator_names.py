"""Indicator names: the thing a number measures, from the words around it.

The name ends at the last comparator or verb before the number; a list before
分别 shares the last item's head (A、B排放总量 -> A排放总量, B排放总量).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.quantities import Quantity
from pipeline.parse.years import is_baseline_year

Segmenter = Callable[[str], list[str]]


def strip_indicator(s: str) -> str:
    s = rules.INDICATOR_ORDINAL.sub("", s.strip(" ,;:、"))
    while True:
        t = rules.INDICATOR_LEAD.sub("", s)
        m = rules.INDICATOR_CUT.match(t)
        t = t[m.end():] if m and m.end() else t
        if t == s:
            break
        s = t
    s = rules.INDICATOR_TRAIL.sub("", rules.INDICATOR_TRAIL_BOUND.sub("", s))
    s = rules.INDICATOR_LEAD_JOIN.sub("", rules.INDICATOR_QUALIFIER.sub("", s))
    return _balanced(s.strip(rules.INDICATOR_EDGE_SYMBOLS)).strip(rules.INDICATOR_EDGE_SYMBOLS)


_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕", "《": "》", "“": "”"}


def _balanced(s: str) -> str:
    """Drop a bracket left open at the end (变电站（扩容）（ -> 变电站（扩容）) or closed at the start."""
    stack: list[int] = []
    closes = {v: k for k, v in _PAIRS.items()}
    start = 0
    for i, ch in enumerate(s):
        if ch in _PAIRS:
            stack.append(i)
        elif ch in closes:
            if stack and s[stack[-1]] == closes[ch]:
                stack.pop()
            elif not stack:
                start = i + 1  # closed without an open: what came before belongs elsewhere
    end = stack[0] if stack else len(s)
    return s[start:end]


@dataclass
class Context:
    indicator: str
    zone: str  # the words between indicator and number (verbs, comparators)
    before: str  # the clause before the number, deadline phrase excluded
    chain: str  # the verb chain from the first verb after the indicator


def _word_start(text: str, pos: int, segment: Optional[Segmenter]) -> int:
    """``pos``, or the start of the word it falls inside (耕地基础地力平|均提高 -> before 平均)."""
    if segment is None or pos <= 0 or pos >= len(text):
        return pos
    at = 0
    for tok in segment(text):
        if at < pos < at + len(tok):
            return at
        at += len(tok)
        if at >= pos:
            break
    return pos


def _whole_first_word(span: str, name: str, segment: Optional[Segmenter]) -> str:
    """建成区人均公园绿地面积 stripped of 建成 to 区人均…: give the name back its first word."""
    if segment is None or not name:
        return name
    at = span.rfind(name)
    if at <= 0:
        return name
    start = _word_start(span, at, segment)
    if start < at and not rules.CLAUSE_SEP.search(fold(span[start:at])):
        return span[start:at] + name
    return name


def context(folded: str, orig: str, cs: int, q: Quantity, ce: int,
            segment: Optional[Segmenter] = None) -> Context:
    """Indicator and verb zone for a quantity whose clause starts at ``cs``.

    With ``segment``, the name never ends inside a word: a cut that falls inside one moves to its start.
    """
    a = cs
    for m in rules.YEAR.finditer(folded, cs, q.start):
        if not is_baseline_year(folded, m):
            a = m.end()
    for m in rules.FYP.finditer(folded, cs, q.start):
        a = max(a, m.end())
    before = folded[a:q.start]
    # the indicator ends at the last comparator or verb before the number; the
    # verb chain from the first one tells the kind (在2020年基础上每年新增不少于)
    cut = first_cut = None
    for m in rules.INDICATOR_CUT.finditer(before):
        if rules.INDICATOR_VERB_NOUN.match(before, m.end()) and not rules.INDICATOR_CUT.search(before, m.end()):
            continue  # 森林质量精准提升面积: the verb and the noun after it are one name
        if len(strip_indicator(before[:m.start()])) >= 2:
            cut = m.start()
            first_cut = m.start() if first_cut is None else first_cut
    if cut is None:
        # no verb after a name: the words before the number (less leading verbs)
        # name the thing; the verbs among them tell the comparator
        m = rules.INDICATOR_CUT.search(before)
        ind_f, zone = before, (before[m.start():] if m else "")
    else:
        cut = _word_start(before, cut, segment) or cut
        ind_f, zone = before[:cut], before[cut:]
    indicator = orig[a:a + len(ind_f)]
    fm = rules.FROM_PHRASE.search(fold(indicator))
    if fm:
        indicator = indicator[:fm.start()]
    indicator = _whole_first_word(orig[a:a + len(ind_f)], strip_indicator(drop_baseline(indicator)), segment)
    share_of = (q.unit == "%" and not zone.strip() and bool(rules.SHARE_OF_AFTER.match(folded, q.end))
                and not rules.INDICATOR_MEASURE_HEAD.search(indicator))
    if len(indicator) <= 2 or share_of or rules.INDICATOR_YIELDS.search(indicator) or rules.INDICATOR_ENDS_JOINED.search(indicator):
        after = orig[q.end:ce]
        bound = rules.AFTER_BOUND.match(fold(after))
        if bound:
            after = after[bound.end():]
        end = rules.AFTER_ITEM_END.search(fold(after))
        if end:
            after = after[:end.start()]
        named_after = strip_indicator(after)
        if len(named_after) >= 2 or not indicator:
            indicator = named_after
    indicator = _after_place(rules.INDICATOR_LEAD_DISPOSAL.sub("", rules.INDICATOR_DISPOSAL_INSIDE.sub("", indicator)))
    indicator = _trail_join(indicator, segment)  # 制修订地方能耗限额标准等20项 -> 制修订地方能耗限额标准
    chain = before[first_cut:] if first_cut is not None else zone
    return Context(indicator, zone, before, chain)


def _after_place(name: str) -> str:
    """在漳州古雷新建船舶溢油应急设备库 -> 船舶溢油应急设备库: a preposition and its place open no name."""
    m = rules.INDICATOR_PREP_PLACE.match(name)
    if m and len(name) - m.end() >= 3:
        rest = strip_indicator(name[m.end():])
        return rest if len(rest) >= 3 else name
    return name


def _trail_join(name: str, segment: Optional[Segmenter]) -> str:
    """A 等 or a conjunction left at the end is dropped, when it follows a whole word (碳中和 keeps its 和)."""
    m = rules.INDICATOR_TRAIL_JOIN.search(name)
    if not m or m.start() < 2:
        return name
    if segment is not None:
        tokens = segment(name)
        cut = len(name)
        while len(tokens) > 1 and rules.INDICATOR_TRAIL_JOIN.fullmatch(tokens[-1]) and len(tokens[-2]) > 1:
            cut -= len(tokens.pop())  # after a whole word (省直机关|和), not after a stray character (碳|中|和)
        return name[:cut] if cut >= 2 else name
    return name[:m.start()]


def split_head(items: list[str], segment: Segmenter) -> list[str]:
    """A、B使用比例 -> [A使用比例, B使用比例]: share the last item's head with the others."""
    last = items[-1]
    others = items[:-1]
    if all(len(x) == 1 for x in others) and len(last) > 2:
        return [x + last[1:] for x in others] + [last]  # 大、中、小型绿色矿山建设率: one-character items share the rest
    cut = fold(last).find("等")
    if 0 < cut < len(last) - 1:
        head = last[cut + 1:]
        return [x + head for x in others] + [last[:cut] + head]
    tokens = segment(last)
    def whole(x: str) -> bool:
        tail = segment(x)[-1] if x else ""
        return len(x) > len(tail) and (tail == tokens[-1] or tail in rules.INDICATOR_HEADS)

    if len(tokens) > 1 and all(whole(x) for x in others):
        return items  # each item is whole: 城市污水处理率、县城污水处理率; 单位面积能耗、人均用水量
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


def drop_baseline(s: str) -> str:
    f = fold(s)
    out, pos = [], 0
    for m in rules.BASELINE.finditer(f):
        out.append(s[pos:m.start()])
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)

