"""Dates of a document: when it was adopted or issued, and when it takes effect.

``issue_date`` looks, in order, for: an adoption note in the head ((2021年11月19日…会议通过),
(2021年12月11日…令第24号公布)); a date line in the head ((2022年3月24日), a signature's date);
a web page's 成文日期 row; a date in Chinese numerals in the head (二〇二二年二月十日); a date
right after a body's name inside a head line a page ran together; a page's
发布日期 / 印发时间 row; a date line at the end (the closing signature block, the imprint, a news agency's dateline); a
signature block further up (a body's name above a date line, before long annexes); a
month-only date in the head ((2020年12月), 二〇二二年二月), given as the **first day of that month**
(2020-12-01) so the field keeps its YYYY-MM-DD form; else the page's publication date.

``effective_date``: an 施行 date (自2022年2月8日起施行, the head's note or the closing article;
实施/执行/生效 alike); 自印发之日起施行 means the issue date; a page's 实施日期 row.
"""
from __future__ import annotations

from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold

_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def ymd(y: int, m: int, d: int) -> Optional[str]:
    if 1949 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def cn_number(s: str) -> int:
    """Chinese numerals: 二〇二二 -> 2022 (digit by digit), 十二 -> 12, 二十三 -> 23, 7 -> 7."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(_CN_VALUE.get(c, 0)) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)


def _date_line(line: str) -> Optional[str]:
    f = fold(line)
    m = rules.DATE_LINE.match(f)
    if m:
        return ymd(int(m[1]), int(m[2]), int(m[3]))
    m = rules.CN_DATE.match(f)
    if m:
        return ymd(cn_number(m[1]), cn_number(m[2]), cn_number(m[3]))
    return None


def _meta(head: list[str], keys: tuple[str, ...]) -> Optional[str]:
    for key in keys:
        for line in head[:15]:
            for m in rules.META_FIELD.finditer(fold(line)):
                if m["key"] == key:
                    d = rules.ANY_DATE.search(m["value"])
                    if d:
                        return ymd(int(d[1]), int(d[2]), int(d[3]))
    return None


def adopted(head: list[str]) -> Optional[str]:
    """(2021年12月2日…全体会议通过) in the head, over line breaks."""
    m = rules.ADOPTED.search(fold("".join(head[:12])))
    return ymd(int(m[1]), int(m[2]), int(m[3])) if m else None


def head_date(head: list[str]) -> tuple[Optional[str], Optional[int]]:
    """The first date line of the head, and its index."""
    for i, line in enumerate(head):
        f = fold(line)
        m = rules.DATE_LINE.match(f)
        if m:
            return ymd(int(m[1]), int(m[2]), int(m[3])), i
        m = rules.SIGNED_DATE.match(f) if len(line) <= 100 else None
        if m:
            return ymd(int(m[2]), int(m[3]), int(m[4])), i
    return None, None


def cn_head_date(head: list[str]) -> tuple[Optional[str], Optional[int]]:
    for i, line in enumerate(head[:20]):
        m = rules.CN_DATE.match(fold(line))
        if m:
            return ymd(cn_number(m[1]), cn_number(m[2]), cn_number(m[3])), i
    return None, None


def inline_signed_date(head: list[str]) -> Optional[str]:
    """A date straight after a body's name inside a head line (a page that ran its lines together)."""
    for line in head[:12]:
        m = rules.SIGNED_INLINE.search(fold(line))
        if m:
            return ymd(int(m[1]), int(m[2]), int(m[3]))
    return None


def tail_date(tail: list[str]) -> tuple[Optional[str], Optional[int]]:
    """The last date line of the closing lines, and its index in ``tail``: a date line (maybe broken
    before its 日), an imprint with its body (X人民政府办公厅2022年2月22日印发), a news agency's dateline."""
    for i in range(len(tail) - 1, -1, -1):
        d = _date_line(tail[i])
        if d is None and i + 1 < len(tail) and fold(tail[i + 1]).strip() == "日":
            d = _date_line(tail[i] + "日")
        if d is None:
            f = fold(tail[i])
            m = rules.IMPRINT.match(f) if len(f) <= 80 else None
            m = m or rules.DATELINE.match(f)
            if m:
                d = ymd(int(m[len(m.groups()) - 2]), int(m[len(m.groups()) - 1]), int(m[len(m.groups())]))
        if d:
            return d, i
    return None, None


def signed_date(paragraphs: list[str], looks_like_issuer) -> tuple[Optional[str], Optional[int]]:
    """The last date line anywhere with a body's name straight above it (a signature block that
    stands before long annexes), and its index."""
    for i in range(len(paragraphs) - 1, 0, -1):
        if len(paragraphs[i]) <= 24 and looks_like_issuer(paragraphs[i - 1]):
            d = _date_line(paragraphs[i])
            if d:
                return d, i
    return None, None


def month_date(head: list[str]) -> Optional[str]:
    for line in head[:10]:
        m = rules.MONTH_LINE.match(fold(line))
        if m:
            return ymd(cn_number(m[1]), cn_number(m[2]), 1)
    return None


def meta_issue_date(head: list[str]) -> Optional[str]:
    return _meta(head, ("成文日期",))


def meta_published(head: list[str]) -> Optional[str]:
    return _meta(head, ("发布日期", "印发时间", "发布时间"))


def effective_date(head: list[str], paragraphs: list[str], issued: Optional[str]) -> Optional[str]:
    m = rules.EFFECTIVE.search(fold("".join(head[:12])))
    if m:
        return ymd(int(m[1]), int(m[2]), int(m[3]))
    d = _meta(head, ("实施日期", "施行日期"))
    if d:
        return d
    for p in reversed(paragraphs):
        f = fold(p)
        found = list(rules.EFFECTIVE.finditer(f))
        if found:
            m = found[-1]
            return ymd(int(m[1]), int(m[2]), int(m[3]))
        if rules.EFFECTIVE_ON_ISSUE.search(f):
            return issued
    return None
