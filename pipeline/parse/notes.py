"""Responsibility notes: the bracketed assignments that close a task.

    (市生态环境局牵头)                         -> lead
    (A、B按职责分工负责)                        -> shared
    (A、B牵头,C、D按职责分工负责)               -> lead, lead, shared, shared
    (A牵头,B、C配合) / (A牵头,B等参与)          -> support for B, C
    〔…,各区(市)负责落实。以下各项任务…〕       -> implement; later sentences are comments
    〔牵头单位:A;配合单位:B、C〕                -> lead, support

    (责任单位:A,B、C)                          -> lead for all: a labelled group goes on
                                                 over , until the next label
    (责任单位:A牵头,B等按职责分工负责)          -> lead, shared (a role word inside a label wins)
    (责任单位:A;完成时限:2025年)                -> lead (a label naming no agency is skipped)
    (A牵头,B配合,各市、州、县人民政府)          -> the trailing group takes the role before it
    (A、B分别牵头) / (A等相关部门和B配合)       -> 分别 and 等+category are never in a mention

Groups without a role word take the role of the next group that has one
((A,B、C,D配合): all support); a last group without one, when it names agencies,
takes the role of the group before it. All functions take the original text and
work on its folded copy, so mentions keep their characters as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from pipeline.model import AgencyRole
from pipeline.parse import rules
from pipeline.parse.fold import fold

_PAIRS = {"(": ")", "〔": "〕", "[": "]", "【": "】"}
_LEAD = {"牵头", "牵头负责", "牵头单位", "责任单位", "主要责任单位", "主办单位",
         "牵头部门", "责任部门", "主要责任部门", "主办部门"}
_SHARED = {"按职责分工负责", "按职责分工落实", "按照职责分工负责", "按职能分工负责", "按职责负责", "分别负责", "共同负责"}
_SUPPORT = {"配合", "参与", "协助", "协同", "配合单位", "参与单位", "协办单位", "配合部门", "参与部门", "协办部门"}
_IMPLEMENT = {"负责落实", "具体落实", "组织实施", "抓好落实", "落实单位", "落实部门"}
_MAX_MENTION = 40


@dataclass
class Note:
    start: int  # offset of the opening bracket
    end: int  # offset after the closing bracket
    agencies: list[AgencyRole]


# split_top nests these too: 〈含开发区、风景区〉 and 《…、…》 never split a list.
_NEST_OPEN, _NEST_CLOSE = "([〔【〈《", ")]〕】〉》"
_BRACKET_MARKS = re.compile("[([〔【)\\]〕】\n]")  # the only characters bracket_spans acts on


def bracket_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Top-level balanced bracket groups (start, end) of a folded text."""
    stack: list[str] = []
    start = 0
    for m in _BRACKET_MARKS.finditer(folded):  # jumps from bracket to bracket
        i = m.start()
        ch = folded[i]
        if ch in _PAIRS:
            if not stack:
                start = i
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                yield start, i + 1
        elif ch in ")〕]】" and stack:
            # mismatched closer: treat as closing whatever is open
            stack.pop()
            if not stack:
                yield start, i + 1
        elif ch == "\n" and stack:
            stack.clear()


def split_top(folded: str, seps: str, lo: int = 0, hi: Optional[int] = None) -> list[tuple[int, int]]:
    """Split folded[lo:hi] at separators that stand outside nested brackets."""
    hi = len(folded) if hi is None else hi
    depth, start, out = 0, lo, []
    for i in range(lo, hi):
        ch = folded[i]
        if ch in _NEST_OPEN:
            depth += 1
        elif ch in _NEST_CLOSE and depth:
            depth -= 1
        elif depth == 0 and ch in seps:
            out.append((start, i))
            start = i + 1
    out.append((start, hi))
    return out


def _strip_span(folded: str, a: int, b: int) -> tuple[int, int]:
    while a < b and folded[a] in " \t\n":
        a += 1
    while b > a and folded[b - 1] in " \t\n":
        b -= 1
    return a, b


def _items(folded: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """The 、-items of folded[a:b], an item `X等部门和Y` split into X and Y."""
    for x, y in split_top(folded, "、", a, b):
        for m in rules.MENTION_CATEGORY_AND.finditer(folded, x, y):
            yield x, m.start()
            x = m.end()
        yield x, y


def _mentions(text: str, folded: str, a: int, b: int) -> list[str]:
    out = []
    after_category = False  # the item before ended with 等…部门
    for x, y in _items(folded, a, b):
        x, y = _strip_span(folded, x, y)
        if after_category and rules.MENTION_CATEGORY_REST.match(folded[x:y]):
            continue  # 省科技厅等省有关部门、单位: 单位 goes with the category
        m = rules.MENTION_ASIDE.search(folded, x, y)
        if m and m.end() == y and m.start() > x:
            y = m.start()
        m = rules.MENTION_CATEGORY_TRAIL.search(folded, x, y)
        after_category = bool(m and m.end() == y and "等" in folded[m.start():y])
        if m and m.end() == y and m.start() > x:
            y = m.start()
        x, y = _strip_span(folded, x, y)
        if folded.startswith("由", x):
            x += 1
        if y > x:
            out.append(text[x:y])
    return out


def _role(kw: str, n_mentions: int, each: bool = False) -> str:
    if kw in _LEAD:
        return "lead"
    if kw in _SHARED or kw.startswith("按") or (each and kw == "负责"):
        return "shared"
    if kw in _SUPPORT:
        return "support"
    if kw in _IMPLEMENT:
        return "implement"
    return "lead" if n_mentions == 1 else "shared"  # plain 负责


def _names_agencies(mentions: list[str]) -> bool:
    """A group without a role word is taken only when it ends with an agency's name."""
    return bool(mentions) and bool(rules.AGENCY_TAIL.search(fold(mentions[-1])))


def parse_note(text: str) -> Optional[list[AgencyRole]]:
    """Agencies and roles of a note's inner text, or None when it is not a note."""
    folded = fold(text)
    if not rules.NOTE_ROLE_WORD.search(folded) and not rules.NOTE_ROLE_WORD_MORE.search(folded):
        return None
    end = folded.find("。")
    hi = end if end >= 0 else len(folded)
    pending: list[str] = []
    out: list[AgencyRole] = []
    last_had_role = False
    label_role: Optional[str] = None  # the role of a labelled group still going on
    for a, b in split_top(folded, ",;", 0, hi):
        a, b = _strip_span(folded, a, b)
        if a == b:
            continue
        seg = folded[a:b]
        lab = rules.NOTE_LABELLED.match(seg)
        if lab:
            kw, each = lab[1], False
            x = a + lab.start(2)
            inner = rules.NOTE_GROUP_ROLE.match(folded[x:b])
            if inner and inner.end("who") > 0:  # 责任单位:A牵头
                kw, each = inner["kw"], bool(inner["resp"])
                who = _mentions(text, folded, x, x + inner.end("who"))
            else:
                who = _mentions(text, folded, x, b)
        elif rules.NOTE_OTHER_LABEL.match(seg):
            label_role = None  # 完成时限: … names no agency
            continue
        else:
            m = rules.NOTE_GROUP_ROLE.match(seg)
            if not m or (m.end("who") == 0 and not pending):
                group = _mentions(text, folded, a, b)
                if label_role and not pending:
                    if not _names_agencies(group):
                        label_role = None
                        continue
                    out.extend(AgencyRole(mention=w, role=label_role) for w in group)
                    continue
                pending.extend(group)
                last_had_role = False
                continue
            kw, each = m["kw"], bool(m["resp"])
            who = _mentions(text, folded, a, a + m.end("who"))
        group = pending + who
        pending = []
        if not group:
            return None
        role = _role(kw, len(group), each)
        out.extend(AgencyRole(mention=w, role=role) for w in group)
        label_role = role if lab else None
        last_had_role = True
    if pending and out and _names_agencies(pending):  # (A牵头,B配合,各市、州、县人民政府)
        out.extend(AgencyRole(mention=w, role=out[-1].role) for w in pending)
        last_had_role = True
    if not out or not last_had_role:
        return None
    if any(len(a.mention) > _MAX_MENTION or "。" in a.mention for a in out):
        return None
    return out


def find_notes(text: str) -> list[Note]:
    """Every responsibility note in a block of text, in order."""
    folded = fold(text)
    notes = []
    for a, b in bracket_spans(folded):
        agencies = parse_note(text[a + 1:b - 1])
        if agencies:
            notes.append(Note(a, b, agencies))
    return notes
