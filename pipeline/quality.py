"""How well a folder of documents was read: shares of documents, targets and names that look right.

Pure functions over records (the dicts ``policykg parse`` prints); ``policykg quality`` prints them.

* documents with an outline (sections or measures), with tasks, with a date;
* targets with no year; with a year before the document's own year (its date, else the
  year in its title); that look like article numbers (第十二条 -> 12 条) or money ceilings
  (最高补助100万元);
* distinct indicator and agency names that look like fragments: list punctuation inside,
  a function word at an edge, unbalanced brackets, a verb or year inside, a generic word on
  its own, or (given a segmenter) an edge that falls inside a word of the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

Segmenter = Callable[[str], list[str]]

# The report's own patterns, on purpose apart from pipeline/parse/rules.py: a figure that reused the
# parser's rule could not show that rule failing.
_ARTICLE = re.compile(r"第[零〇一二两三四五六七八九十百千\d]+[条款项章节]")
_MONEY_CAP = re.compile(r"最高|最多|上限|封顶|不超过|不高于|以内")
_MONEY_GRANT = re.compile(r"补助|补贴|奖励|资助|扶持|支持|贴息|奖补|给予")
_MONEY_UP_TO = re.compile(r"(?:最高|最多)(?:可)?(?:给予|补助|奖励|资助|补贴)")
_TITLE_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年(?!以?前)")
_DATE_YEAR = re.compile(r"^(\d{4})")

_INNER_PUNCT = re.compile(r"[,，;；:：。!！?？\n]")
_EDGE_START = re.compile(r"^[的和及与或等并、且以为对在将把]")
_EDGE_END = re.compile(r"[的和及与或、等在对将把被其是]$")
_VERB_INSIDE = re.compile(r"(?:达到|不低于|不少于|不超过|不高于|控制在|保持在|稳定在|提高到|提升到|降低到|下降到|降至)$"
                          r"|\d{4}\s*年|违反|规定的|本条例|本办法|本规定")
_GENERIC = frozenset(
    "基准水平 水平 最高 最低 标准 规模 总量 比例 面积 数量 目标 任务 要求 以上 以下 左右 能力 单位 项目 企业 "
    "金额 资金 补助 奖励 总额 每年 年均 累计 其中 合计 一次性 每家 每个 每户 分别 均 达到 不超过".split())
_BRACKETS = ("()", "（）", "《》", "“”", "[]", "【】", "〔〕")

_AGENCY_BAD = re.compile(r"等$|分别|^[和及与、并或]|[和及与、]$|牵头|负责|配合|[,，;；。:：]")


def _balanced(s: str) -> bool:
    return all(s.count(a) == s.count(b) for a, b in _BRACKETS)


def _boundaries(tokens: list[str]) -> set[int]:
    out, pos = {0}, 0
    for t in tokens:
        pos += len(t)
        out.add(pos)
    return out


def indicator_fragment(name: str, text: str = "", segment: Optional[Segmenter] = None) -> Optional[str]:
    """Why an indicator name looks like a fragment (a short reason), or None if it looks whole.

    With ``segment`` and the sentence it came from, a name found in the sentence must start
    and end on word boundaries of that sentence.
    """
    s = "".join((name or "").split())
    if len(s) < 2:
        return "short"
    if _INNER_PUNCT.search(s):
        return "punctuation"
    if _EDGE_START.search(s) or _EDGE_END.search(s):
        return "edge"
    if not _balanced(s):
        return "brackets"
    if s in _GENERIC:
        return "generic"
    if _VERB_INSIDE.search(s):
        return "clause"
    if segment and text:
        at = text.find(s)
        if at >= 0:
            cuts = _boundaries(segment(text))
            if at not in cuts or at + len(s) not in cuts:
                return "word"
    return None


def agency_fragment(name: str) -> Optional[str]:
    """Why an agency mention looks like a fragment, or None."""
    s = "".join((name or "").split())
    if len(s) < 2:
        return "short"
    if _AGENCY_BAD.search(s):
        return "words"
    if not _balanced(s):
        return "brackets"
    return None


def document_year(record: dict) -> Optional[int]:
    """The document's own year: its date, else a year written in its title."""
    doc = record.get("document") or {}
    m = _DATE_YEAR.match(doc.get("date") or "")
    if m:
        return int(m[1])
    years = [int(y) for y in _TITLE_YEAR.findall(doc.get("title") or "")]
    return min(years) if years else None


def looks_like_article_number(t: dict) -> bool:
    """第二十二条 read as 22 条: a count of 条/款/项 whose text numbers articles."""
    return t.get("unit") in ("条", "款", "项", "章", "节") and bool(_ARTICLE.search(t.get("text") or ""))


def looks_like_money_ceiling(t: dict) -> bool:
    """最高补助200万元: an amount of money capped or granted, not a target."""
    if not str(t.get("unit") or "").endswith("元") or "/" in str(t.get("unit")):
        return False
    text = t.get("text") or ""
    return bool(_MONEY_CAP.search(text) and _MONEY_GRANT.search(text)) or bool(_MONEY_UP_TO.search(text))


@dataclass
class Quality:
    documents: int = 0
    with_outline: int = 0
    with_tasks: int = 0
    with_date: int = 0
    targets: int = 0
    no_year: int = 0
    dated_targets: int = 0  # targets with a year, in documents whose year is known
    before_document: int = 0
    article_numbers: int = 0
    money_ceilings: int = 0
    indicators: int = 0  # distinct names
    fragment_indicators: int = 0
    agencies: int = 0  # distinct mentions
    fragment_agencies: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def shares(self) -> dict[str, float]:
        def share(n: int, d: int) -> float:
            return round(n / d, 4) if d else 0.0

        return {
            "documents.with_outline": share(self.with_outline, self.documents),
            "documents.with_tasks": share(self.with_tasks, self.documents),
            "documents.with_date": share(self.with_date, self.documents),
            "targets.with_year": share(self.targets - self.no_year, self.targets),
            "targets.year_before_document": share(self.before_document, self.dated_targets),
            "targets.article_numbers": share(self.article_numbers, self.targets),
            "targets.money_ceilings": share(self.money_ceilings, self.targets),
            "indicators.fragments": share(self.fragment_indicators, self.indicators),
            "agencies.fragments": share(self.fragment_agencies, self.agencies),
        }


def _example(q: Quality, key: str, text: str, keep: int) -> None:
    xs = q.examples.setdefault(key, [])
    if len(xs) < keep:
        xs.append(text)


def measure(records: Iterable[dict], segment: Optional[Segmenter] = None, keep: int = 5) -> Quality:
    """The counts of ``Quality`` over records; ``keep`` examples of each kind of fault."""
    q = Quality()
    indicators: dict[str, str] = {}  # name -> a sentence it came from
    agencies: set[str] = set()
    for r in records:
        q.documents += 1
        q.with_outline += bool(r.get("sections") or r.get("measures"))
        q.with_tasks += bool(r.get("tasks"))
        q.with_date += bool((r.get("document") or {}).get("date"))
        own = document_year(r)
        title = (r.get("document") or {}).get("title") or ""
        for t in r.get("targets") or []:
            q.targets += 1
            year = t.get("year")
            if isinstance(year, list):
                year = max(year) if year else None
            if year is None:
                q.no_year += 1
            elif own is not None:
                q.dated_targets += 1
                if year < own:
                    q.before_document += 1
                    _example(q, "year_before_document", f"{year}<{own} {t.get('value_text')} {title[:20]}", keep)
            if looks_like_article_number(t):
                q.article_numbers += 1
                _example(q, "article_numbers", f"{t.get('value_text')} | {(t.get('text') or '')[:30]}", keep)
            if looks_like_money_ceiling(t):
                q.money_ceilings += 1
                _example(q, "money_ceilings", f"{t.get('value_text')} | {(t.get('text') or '')[:30]}", keep)
            name = t.get("indicator") or ""
            indicators.setdefault(name, t.get("text") or "")
        for task in r.get("tasks") or []:
            for a in task.get("agencies") or []:
                agencies.add(a.get("mention") or "")
    q.indicators = len(indicators)
    for name, text in indicators.items():
        why = indicator_fragment(name, text, segment)
        if why:
            q.fragment_indicators += 1
            _example(q, f"indicator:{why}", name, keep)
    q.agencies = len(agencies)
    for name in agencies:
        why = agency_fragment(name)
        if why:
            q.fragment_agencies += 1
            _example(q, f"agency:{why}", name, keep)
    return q


GOALS = {"targets.with_year": (">=", 0.70), "targets.year_before_document": ("<=", 0.02),
         "indicators.fragments": ("<=", 0.03), "targets.article_numbers": ("<=", 0.0)}


def report(columns: list[tuple[str, Quality]], examples: Iterable[tuple[str, Quality]] = ()) -> str:
    """A table: one row per share, one column per group of documents, the goal at the end;
    then the examples of the groups in ``examples``."""
    heads = [name for name, _ in columns]
    width = max(10, *(len(h) + 2 for h in heads))
    lines = ["".ljust(30) + "".join(h.rjust(width) for h in heads) + "  goal"]
    counts = [("documents", "documents"), ("targets", "targets"), ("indicators", "distinct indicators"),
              ("agencies", "distinct agency mentions")]
    for attr, label in counts:
        lines.append(label.ljust(30) + "".join(str(getattr(q, attr)).rjust(width) for _, q in columns))
    shares = [q.shares() for _, q in columns]
    for key in shares[0]:
        goal = GOALS.get(key)
        lines.append(key.ljust(30) + "".join(f"{s[key]:.1%}".rjust(width) for s in shares)
                     + (f"  {goal[0]} {goal[1]:.0%}" if goal else ""))
    for name, q in examples:
        for key, xs in sorted(q.examples.items()):
            lines.append(f"[{name}] {key}: " + " ‖ ".join(xs))
    return "\n".join(lines)
