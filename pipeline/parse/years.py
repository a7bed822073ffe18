"""Deadline and baseline years of a clause.

* year: the last deadline (到2025年, 2025年底前, 2021年到2023年 -> 2023, “十四五”时期
  -> 2025) before the number in its sentence (。 ends the scope; ; does not). A bare
  2025年 is a deadline only at a clause head (2025年,… / 力争2025年…); a year inside a
  《》 title never is.
* a deadline stated after the value in its own clause (70%的单位2025年底前建成) is that clause's.
* a deadline that opens a paragraph governs the paragraph's later sentences that state
  no year of their own (and, when the paragraph ends with :, the items that follow).
* baseline: 比/较2020年, 2020年基础上, in the same ;-clause before the number.
* the document's own year (its date, else its title's year, else the first year of the
  plan period it names) tells past facts from targets.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.quantities import clause_start, inside

Spans = list[tuple[int, int]]


def _is_deadline(folded: str, m: re.Match, floor: int) -> bool:
    """A year match that sets a deadline: a range, a tail (底, 前, 末), a 到/截至 before it, or a clause head."""
    if m["y2"] or m["tail"]:
        return True
    if rules.DEADLINE_BEFORE.search(folded, max(floor, m.start() - 4), m.start()):
        return True
    if rules.DEADLINE_OUTLOOK.search(folded, max(floor, m.start() - 4), m.start()):
        return True  # 展望2035年
    head = folded[clause_start(folded, m.start(), floor):m.start()]
    return bool(rules.YEAR_AT_HEAD.match(head) or rules.YEAR_AFTER_PLACE_HEAD.match(head))


def deadline_years(folded: str, a: int, b: int, masked: Spans = ()) -> list[tuple[int, int]]:
    """Deadline years in folded[a:b] as (position, year)."""
    out = []
    for m in rules.YEAR.finditer(folded, a, b):
        if is_baseline_year(folded, m) or inside(m.start(), masked) or not _is_deadline(folded, m, a):
            continue
        year = int(m["y2"] or m["y"])
        if not 1990 <= year <= 2100:
            continue
        out.append((m.start(), year))
    for m in rules.FYP.finditer(folded, a, b):
        if not inside(m.start(), masked):
            out.append((m.start(), rules.FYP_END[m["plan"]]))
    return sorted(out)


def deadline_after(folded: str, pos: int, end: int, masked: Spans = ()) -> Optional[int]:
    """A deadline stated after the value, in the value's own clause (folded[pos:end]): 70%的单位2025年6月底前建成,
    80%的机关在2025年前达标. It is that clause's deadline. A bare year there (10个2025年度项目) is none, and so
    is one far from the value or past a full stop drawn as "." (a PDF that keeps ASCII punctuation)."""
    stop = rules.ASCII_FULL_STOP.search(folded, pos, end)
    end = min(end, stop.start() if stop else end, pos + rules.DEADLINE_AFTER_REACH)
    for m in rules.YEAR.finditer(folded, pos, end):
        if inside(m.start(), masked) or is_baseline_year(folded, m) or m["tail"] == "起":
            continue
        if m["y2"] or m["tail"] or rules.DEADLINE_BEFORE.search(folded, max(pos, m.start() - 4), m.start()):
            year = int(m["y2"] or m["y"])
            if 1990 <= year <= 2100:
                return year
    return None


def year_before(years: list[tuple[int, int]], pos: int) -> Optional[int]:
    """The last deadline stated before ``pos``."""
    year = None
    for p, y in years:
        if p < pos:
            year = y
    return year


PAST = 0  # the "year" of a paragraph that reviews a past plan period (“十三五”以来,…)


def opening_deadline(folded: str, a: int, b: int, years: list[tuple[int, int]]) -> Optional[int]:
    """The deadline a sentence opens with (到2025年,… / 2025年,…): its first clause states it.

    A sentence opening with a past plan period (“十三五”以来, 十三五期间) gives ``PAST``.
    """
    if rules.PAST_PLAN_HEAD.match(folded, a, b):
        return PAST
    label = rules.TARGET_LABEL.match(folded, a, b)
    head = label.end() if label else a  # 主要目标:到2025年,… opens with its deadline too
    for pos, y in years:
        if a <= pos < b and clause_start(folded, pos, a) in (a, head):
            return y
        break
    return None


def review_heading(title: Optional[str]) -> bool:
    """A heading over a review of the past (成效, 进展, 现状, 形势 …): its text holds facts, not targets.
    A heading that opens with a verb of action (加快科技成果转化, 巩固治理成效) sets tasks instead."""
    t = title or ""
    if not (rules.PAST_SECTION.search(fold(t)) or rules.PAST_TITLE.search(t)):
        return False
    return not rules.TASK_HEADING.match(fold(t))


def heading_deadline(title: Optional[str]) -> Optional[int]:
    """The deadline a heading opens with ((一)到2025年的目标, 二、“十四五”时期主要目标): it governs the
    text under the heading as a paragraph's opening deadline governs the paragraph. A past period gives None."""
    f = fold(title or "")
    years = deadline_years(f, 0, len(f), [(m.start(), m.end()) for m in rules.BOOK_TITLE.finditer(f)])
    year = opening_deadline(f, 0, len(f), years)
    return None if year == PAST else year


def lead_in_after(text: str) -> Optional[int]:
    """The deadline a block's last paragraph hands to the blocks under it: 到2025年,主要目标如下: (a
    paragraph ending with :), or 到2025年,基本形成…格局。 (a paragraph opening with a deadline, with no values)."""
    paras = [p for p in fold(text or "").split("\n") if p.strip()]
    if not paras:
        return None
    p = paras[-1]
    years = deadline_years(p, 0, len(p), [(m.start(), m.end()) for m in rules.BOOK_TITLE.finditer(p)])
    if not years:
        return None
    if p.rstrip().endswith(":"):
        return years[-1][1]
    first = rules.SENTENCE_SEP.search(p)
    opening = opening_deadline(p, 0, first.start() if first else len(p), years)
    return opening if opening not in (None, PAST) and not rules.QUANTITY.search(p) else None


def continues_sentence(previous: str, paragraph: str) -> bool:
    """A paragraph that goes on with the sentence a page or line break cut (…到2025年,全省耕地质量等级提高0.2
    / 个等级,…): the previous paragraph is running text (it holds a , or 。) that ends on a word, number
    or comma, and neither is a heading or item."""
    if len(previous.strip()) < 20 or not rules.OPEN_PARAGRAPH_END.search(previous):
        return False
    if not rules.RUNNING_TEXT.search(previous):
        return False  # a title line (231004高效低碳能源管理平台技术集成示范): no clause of running text
    if rules.HEADING_LIKE.match(previous) or rules.BOX_CAPTION.match(previous):
        return False
    return not (rules.HEADING_LIKE.match(paragraph) or rules.LIST_ITEM_HEAD.match(paragraph)
                or rules.BOX_CAPTION.match(paragraph) or rules.INDICATOR_ORDINAL.match(paragraph.lstrip()))


class DeadlineScope:
    """The deadline in force, sentence by sentence, across the paragraphs of one block.

    A paragraph's opening deadline governs its later sentences until a sentence opens with
    a new one; a paragraph ending with :, or one that opens with a deadline and states no value
    (力争到2025年,基本形成…格局。), hands its deadline to the paragraphs after it, and
    list items (——, 1., (1)) take the last deadline stated in the paragraph before them
    (锚定…,到2025年,…主要目标如下 / ——环境质量明显改善。PM2.5浓度达到35微克/立方米).
    """

    def __init__(self) -> None:
        self.carry: Optional[int] = None
        self.lead_in: Optional[int] = None
        self.item_lead: Optional[int] = None
        self.last_opening: Optional[int] = None
        self.last_stated: Optional[int] = None
        self.in_item = False
        self.sentence_year: Optional[int] = None  # the last deadline the latest sentence stated
        self.restore: Optional[tuple[Optional[int]]] = None  # the paragraph's carry, after a run-on fragment
        self.run_on = False  # in the first sentence of a run-on fragment

    def continue_paragraph(self) -> None:
        """The paragraph goes on with the sentence the break cut: its first sentence keeps the deadline
        in force where the break fell; its later sentences keep the paragraph's."""
        self.restore = (self.carry,)
        self.run_on = True
        if self.sentence_year is not None:
            self.carry = self.sentence_year

    def start_paragraph(self, paragraph: str) -> None:
        self.restore, self.run_on = None, False
        self.in_item = bool(rules.LIST_ITEM_HEAD.match(paragraph))
        self.carry = self.item_lead if self.in_item and self.item_lead is not None else self.lead_in
        self.last_opening = self.last_stated = None

    def sentence(self, opening: Optional[int], at_paragraph_head: bool, years: list[tuple[int, int]]) -> None:
        if self.run_on:
            self.run_on = False
        elif self.restore is not None:
            self.carry, = self.restore
            self.restore = None
        self.sentence_year = years[-1][1] if years else None
        if years:
            self.last_stated = years[-1][1]
        if opening is None:
            return
        self.last_opening = opening
        if at_paragraph_head or self.carry is not None:
            self.carry = opening
            if at_paragraph_head:
                self.lead_in = None

    def heading(self, box_year: Optional[int]) -> None:
        """A heading inside the block: a box caption (专栏1 “十四五”时期主要指标) hands its period
        to the box's paragraphs; any other heading ends a box."""
        self.lead_in = self.item_lead = self.carry = box_year

    def end_paragraph(self, paragraph: str) -> None:
        said = self.carry if self.carry is not None else self.last_opening
        if said is not None and (paragraph.rstrip().endswith(":") or
                                 (self.carry is not None and not rules.QUANTITY.search(paragraph))):
            self.lead_in = said  # 到2025年,主要目标如下: / 力争到2025年,基本形成…格局。 (no values of its own)
        if not self.in_item:
            stated = self.last_opening if self.last_opening is not None else self.last_stated
            self.item_lead = stated if stated is not None else self.lead_in


def distributed_years(folded: str, a: int, pos: int, n: int, masked: Spans = ()) -> Optional[list[int]]:
    """2022至2025年…分别 over n values: one year each (2022, 2023, 2024, 2025), or None.

    So do n years listed one after another (2023年、2024年和2025年).
    """
    found = None
    for m in rules.YEAR.finditer(folded, a, pos):
        if inside(m.start(), masked) or is_baseline_year(folded, m):
            continue
        if m["y1"] and m["y2"]:
            y1, y2 = int(m["y1"]), int(m["y2"])
            if y2 - y1 + 1 == n:
                found = list(range(y1, y2 + 1))
    listed = [int(y) for y in rules.YEAR_LIST_ITEM.findall(_year_list(folded, a, pos))]
    if len(listed) == n and n > 1:
        found = listed
    return found


def _year_list(folded: str, a: int, pos: int) -> str:
    m = None
    for m in rules.YEAR_LIST.finditer(folded, a, pos):
        pass
    return m[0] if m else ""


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


def plan_end_year(title: Optional[str]) -> Optional[int]:
    """The last year of the period a plan's title names: “十四五” -> 2025, (2021-2025年) -> 2025."""
    f = fold(title or "")
    m = rules.TITLE_PERIOD.search(f)
    if m and int(m["y1"]) < int(m["y2"]):
        return int(m["y2"])
    m = rules.FYP_NAME.search(f)
    return rules.FYP_END[m["plan"]] if m else None


def plan_end_deadlines(folded: str, a: int, b: int, plan_end: Optional[int]) -> list[tuple[int, int]]:
    """到规划期末 in folded[a:b] as (position, the plan's last year)."""
    if plan_end is None:
        return []
    return [(m.end(), plan_end) for m in rules.PLAN_PERIOD_END.finditer(folded, a, b)]


def document_year(date: Optional[str], title: str) -> Optional[int]:
    """The year a document was written: its date, else a year in its title (not 2030年前),
    else the first year of the plan period its title names (“十四五” -> 2021)."""
    if date and date[:4].isdigit():
        return int(date[:4])
    f = fold(title or "")
    years = [int(m["y1"] or m["y"]) for m in rules.YEAR.finditer(f) if "前" not in (m["tail"] or "")]
    if years:
        return min(years)
    m = rules.FYP_NAME.search(f)
    return rules.FYP_END[m["plan"]] - 4 if m else None
