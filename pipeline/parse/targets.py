"""Numeric targets: indicator, value, unit, comparator, kind, deadline and baseline.

Rules (see docs/annotation.md, which defines the annotation):

* a target is a number with a unit (or a Chinese numeral with a count unit, or
  百分之…) that the text commits to; numbers in 《》 titles and short “” names,
  after Latin letters (PM2.5, 5G), ordinals (第3) and qualifiers
  (35蒸吨/小时以上燃煤锅炉) are not targets; nor are sentences reviewing the past.
* 万/亿 are multiplied out; 个百分点 is the unit 百分点.
* year: the last deadline (到2025年, 2025年底前, 2021年到2023年 -> 2023, “十四五”时期
  -> 2025) before the number in its sentence (。 ends the scope; ; does not).
* baseline: 比/较2020年, 2020年基础上, in the same ;-clause before the number.
* 分别 distributes a list of values over a list of indicators; 均 keeps one.

The rules live in the modules this one composes: ``quantities`` (numbers, units,
lists), ``years`` (deadlines, baselines), ``indicator_names`` and ``comparators``.
"""
from __future__ import annotations

from typing import Optional

from pipeline.model import Target
from pipeline.parse import rules
from pipeline.parse.comparators import classify
from pipeline.parse.articles import article_number_spans
from pipeline.parse.fold import fold
from pipeline.parse.indicator_names import Segmenter, context, split_head, strip_indicator
from pipeline.parse.not_commitments import not_a_commitment
from pipeline.parse.quantities import (Quantity, clause_end, clause_start, counts_a_later_subject, group_lists, inside,
                                       masked_spans, quantities)
from pipeline.parse.structure import Block
from pipeline.parse.tasks import TaskSpan
from pipeline.parse.years import (PAST, DeadlineScope, after_years, baseline_year, continues_sentence, deadline_after,
                                  deadline_years, distributed_years, opening_deadline, plan_end_deadlines, review_heading,
                                  year_before)

_DEFAULT_SEGMENT: Segmenter = lambda s: list(s)  # noqa: E731 - replaced by jieba in the pipeline


def block_targets(block: Block, spans: list[TaskSpan], past: bool = False,
                  segment: Segmenter = _DEFAULT_SEGMENT, doc_year: Optional[int] = None,
                  dated_only: bool = False, words: Optional[Segmenter] = None,
                  lead_year: Optional[int] = None, plan_end: Optional[int] = None,
                  conditions: bool = False) -> list[Target]:
    """Targets of one block of text (a measure, a section's own text).

    ``doc_year`` is the document's own year: a value whose deadline falls before it is a past fact.
    ``dated_only`` keeps only values with a deadline (a white paper, which reports what was done).
    ``words`` splits text into dictionary words (no guessed new words): names and units never
    end or start inside one. ``lead_year`` is the deadline the block's heading opens with
    ((一)到2025年的目标): it leads the block's paragraphs as a lead-in paragraph would. ``plan_end``
    is the last year of the plan's period (到规划期末 is due then). ``conditions``: the block stands under a
    heading over the conditions of an application (申报条件): only sentences that state a deadline commit.
    """
    orig = block.text
    folded = fold(orig)
    masked = masked_spans(folded) + article_number_spans(folded)
    titles = [(m.start(), m.end()) for m in rules.BOOK_TITLE.finditer(folded)]  # no deadline inside
    out: list[Target] = []
    if past:
        return out
    scope = DeadlineScope()
    scope.lead_in = scope.item_lead = lead_year
    review = footnote = False  # under a heading of a review of the past; in a footnote
    sent_start = 0
    for sm in list(rules.SENTENCE_SEP.finditer(folded)) + [None]:
        sent_end = sm.start() if sm else len(folded)
        a, b = sent_start, sent_end
        sent_start = sent_end + 1
        at_paragraph_head = a == 0 or folded[a - 1] == "\n"
        if at_paragraph_head and a and continues_sentence(paragraph, _paragraph_at(folded, a)):
            at_paragraph_head = False  # the sentence a page break cut goes on
            paragraph += _paragraph_at(folded, a)
            scope.continue_paragraph()
        elif at_paragraph_head:
            paragraph = _paragraph_at(folded, a)
            scope.start_paragraph(paragraph)
            if rules.HEADING_LIKE.match(paragraph):
                review = review_heading(paragraph)  # a heading inside the block
                stated = deadline_years(folded, a, a + len(paragraph), titles)
                box = rules.BOX_CAPTION.match(paragraph) and stated and not review
                scope.heading(stated[-1][1] if box else None)
            footnote = bool(rules.FOOTNOTE_PARA.match(paragraph) or rules.FOOTNOTE_ASSUMPTION.match(paragraph)
                            or rules.GLOSSARY_ENTRY.match(paragraph))
        years = sorted(deadline_years(folded, a, b, titles) + plan_end_deadlines(folded, a, b, plan_end))
        scope.sentence(opening_deadline(folded, a, b, years), at_paragraph_head, years)
        if sm is None or (sm[0] == "\n" and not continues_sentence(paragraph, _paragraph_at(folded, b + 1))):
            scope.end_paragraph(paragraph)
        if b - a < 2:
            continue
        sentence = folded[a:b]
        if review or footnote:
            continue
        if conditions and not years:
            continue  # 申报条件: 申报企业年营业收入不低于5000万元 (到2027年,各区至少完成1个… still commits)
        if rules.PAST_SENTENCE.search(sentence) and not rules.FYP.search(sentence) and not years:
            continue
        qs = quantities(sentence, orig[a:b])
        for q in qs:
            q.start += a
            q.end += a
        qs = [q for q in qs if not inside(q.start, masked)
              and not rules.NOT_VALUE_BEFORE.search(folded[max(a, q.start - 3):q.start])
              and not rules.FROM_VALUE_BEFORE.search(folded[max(a, q.start - 10):q.start])]
        qs = [q for q in qs if not rules.PAST_FACT.search(folded, clause_start(folded, q.start, a), q.start)
              and not not_a_commitment(folded, a, b, q) and not _unit_inside_a_word(folded, q, words)]
        qs = [q for i, q in enumerate(qs) if not counts_a_later_subject(folded, q, qs[i + 1:])]
        groups = group_lists(folded, a, qs)
        prev_end = None
        list_ctx = None  # the context of a list's first item with a verb
        for group, distribute in groups:
            first = group[0]
            cs = clause_start(folded, first.start, a)
            last = group[-1]
            ce = clause_end(folded, last.end, b)
            floor = cs  # where this item's words begin (after the previous item of a list)
            if prev_end is not None and prev_end >= cs:
                boundary = rules.LIST_ITEM_BOUNDARY.search(folded, prev_end, first.start)
                if boundary:
                    floor = boundary.end()
            prev_end = last.end
            ctx = context(folded, orig, floor, first, ce, words)
            verb_ctx = ctx
            if floor == cs or rules.ITEM_VERB.search(folded, floor, first.start):
                list_ctx = ctx
            elif list_ctx is not None:
                verb_ctx = list_ctx  # one verb over the list: 新增绿色建筑5亿平方米、光伏装机200万千瓦
            names = [ctx.indicator] * len(group)
            if distribute:
                subject = orig[cs:first.start]
                fsub = fold(subject)
                k = fsub.find("分别")
                subj = strip_indicator(after_years(subject[:k] if k >= 0 else subject))
                subj = rules.BASELINE.sub("", subj)
                items = [x for x in subj.split("、") if x]
                if len(items) < len(group):
                    items = items[:-1] + [x for x in rules.LIST_AND_ITEMS.split(items[-1]) if x] if items else items
                if len(items) == len(group) and len(items) > 1:
                    names = split_head(items, segment)
                    names = [strip_indicator(rules.BASELINE.sub("", n)) for n in names]
            year = deadline_after(folded, last.end, ce, titles)  # 70%的单位2025年底前建成: the clause's own
            if year is None:
                year = year_before(years, first.start)
            if year is None:
                year = scope.carry
            if year == PAST or (year is not None and doc_year is not None and (year < doc_year or dated_only and year == doc_year)):
                continue  # a past fact (2020年,全市PM2.5浓度为35微克/立方米); a white paper's own year is reported
            if dated_only and year is None:
                continue  # a statement of a white paper
            per_year = distributed_years(folded, a, first.start, len(group), titles) if distribute else None
            semi = max(folded.rfind(";", a, first.start), a)
            baseline = baseline_year(folded, semi, first.start)
            prev = next((t.indicator for t in reversed(out) if t.text and orig[a:b].find(t.text) >= 0), "")
            if not names[0] or (len(group) == 1 and prev and len(names[0]) < len(prev) and prev.endswith(names[0])):
                # 到2030年达到0.8亿吨 / 到2030年年利用量达到45亿吨: named earlier in the sentence
                names = [prev] * len(group)
            if not names[0]:
                continue  # a number with nothing it measures (a table cell)
            for k, (q, name) in enumerate(zip(group, names)):
                after = folded[q.end:q.end + 4]
                kind, direction, comparator = classify(verb_ctx.zone, verb_ctx.chain, verb_ctx.before, after, q.unit)
                task = next((s.task.index for s in spans if s.start <= q.start < s.end), None)
                out.append(Target(measure=block.measure, task=task, indicator=name, value=q.value, unit=q.unit,
                                  kind=kind, direction=direction, comparator=comparator,
                                  year=per_year[k] if per_year else year,
                                  baseline_year=baseline, value_text=q.text, text=orig[cs:ce].strip(),
                                  section=block.section))
    return out



def _paragraph_at(folded: str, a: int) -> str:
    end = folded.find("\n", a)
    return folded[a:end if end >= 0 else len(folded)]


def _unit_inside_a_word(folded: str, q: Quantity, words: Optional[Segmenter]) -> bool:
    """6.2间接排放: a one-character unit that is the first character of a word is no unit."""
    if words is None or len(q.unit) != 1 or not ("\u4e00" <= q.unit <= "\u9fff") or folded[q.end - 1:q.end] != q.unit:
        return False
    tail = folded[q.end - 1:q.end + 3]
    if len(tail) < 2 or not ("\u4e00" <= tail[1] <= "\u9fff"):
        return False
    return len(words(tail)[0]) > 1
