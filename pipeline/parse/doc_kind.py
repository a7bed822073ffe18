"""A document's kind (from its title) and its number (文号).

``kind_of``: the word the title ends with, bracketed qualifiers ((试行), (2021-2035年)) aside:
规划, 纲要 ``plan``; 方案, 计划, 措施, 要点, 安排 ``programme``; 意见, 决定 ``opinion``; 条例, 办法,
规定, 细则, 规则, 准则 ``regulation``; 通知, 公告 ``notice`` (the title of a notice that wraps a
plan is the plan's, so a notice title wraps none); 指南, 目录, 导则, 指引 ``guide``; else ``other``.

``number_of``: the 文号 printed on a line of its own in the head (甘政发 〔２０２１〕６２号,
(国发〔2021〕23号)) or in a web page's 发文字号 row, written in one form: half-width digits, no
spaces, the year in 〔〕 (﹝2021﹞, [2021], 【2021】 -> 〔2021〕): 甘政发〔2021〕62号.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold

_KINDS = (
    ("plan", ("规划", "纲要")),
    ("programme", ("方案", "计划", "措施", "要点", "安排")),
    ("opinion", ("意见", "决定")),
    ("regulation", ("条例", "办法", "规定", "细则", "规则", "准则")),
    ("notice", ("通知", "公告")),
    ("guide", ("指南", "目录", "导则", "指引")),
)
_QUALIFIERS = re.compile(r"(?:\s*\([^()]*\)|\s*》)+\s*$")


def kind_of(title: str) -> Optional[str]:
    if not title:
        return None
    t = _QUALIFIERS.sub("", fold(title).strip())
    for kind, words in _KINDS:
        if t.endswith(words):
            return kind
    return "other"


def normalise_number(no: str) -> str:
    t = rules.WHITESPACE.sub("", fold(no)).removeprefix("(").removesuffix(")")
    t = rules.DOCNO_OPEN.sub("〔", t, count=1)
    t = rules.DOCNO_CLOSE.sub("〕", t)
    return t


def number_of(head: list[str]) -> Optional[str]:
    for line in head[:15]:
        f = fold(line)
        if rules.DOCNO_ONLY.match(f):
            m = rules.DOCNO.search(f)
            if m:
                return normalise_number(m["no"])
        for m in rules.META_FIELD.finditer(f):
            if m["key"] == "发文字号":
                d = rules.DOCNO.search(m["value"])
                if d:
                    return normalise_number(d["no"])
    return None
