"""A document's own title, found in the lines at its head.

A PDF breaks a heading over lines (中共中央、国务院关于完整准确全面贯彻新 / 发展理念…的意见) and
prints a masthead (X文件), a document number, page marks, 附件1 or a standard's codes round it.
``head_lines`` tidies the head (letter spacing closed up: 甘 肃 省 -> 甘肃省; a title glued to
its salutation cut off) and sorts each line into noise, a heading candidate or running text;
``heading_blocks`` joins consecutive candidates into headings: a block grows until it ends like a
title (方案, 规划, 意见, 通知 …, then bracketed qualifiers such as (试行) or (2021-2035年) on a line
of their own), or while the next line plainly continues it (a line opening with 的 or 》).

``find_title`` takes a news lead paragraph opening the page (X印发《T》,…): T; else, in order of
the head's blocks:
* a cover notice (X关于印发T的通知, X印发T的通知): the plan's own heading further down when
  the page prints it (the same title, perhaps without 的 or a bracketed period), else T;
* a news lead (X印发《T》): T;
* the first block that ends like a title.
Failing those: a cover notice's body (现将《T》印发…, 《T》已经…同意), a news lead anywhere in
the first lines (6月5日，我市印发《T》), the first heading candidate, the first short line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.issuers import clean_issuer
from pipeline.parse.places import place_of
from pipeline.parse.titles import normalise_title

_BLOCK_LINES = 6
_BLOCK_CHARS = 240
_CANDIDATE_CHARS = 60
_SCAN_LINES = 16


@dataclass
class HeadLine:
    text: str  # as written, letter spacing closed up
    kind: str  # noise | candidate | text


@dataclass
class Heading:
    text: str
    start: int  # index of its first line in the head lines
    end: int  # index after its last line


@dataclass
class TitleFound:
    title: str
    issuer: Optional[str] = None  # the body a notice or news lead names before its verb


def close_letter_spacing(line: str) -> str:
    """甘 肃 省 人 民 政 府 -> 甘肃省人民政府; words separated by single spaces stay apart."""
    parts = line.split()
    if len(parts) >= 3 and sum(len(p) <= 2 for p in parts) >= 0.6 * len(parts):
        return "".join(parts)
    return line.strip()


def _book(s: str) -> str:
    return s.replace("«", "《").replace("»", "》")


def is_noise(line: str) -> bool:
    f = fold(line).strip()
    return bool(rules.MASTHEAD.match(f) or rules.DOCNO_ONLY.match(f) or rules.PAGE_MARK.match(f)
                or rules.ANNEX_MARK.match(f) or rules.PUBLIC_NOTE.match(f) or rules.META_ROW.match(f)
                or rules.STANDARD_CODE.match(f) or rules.DATE_LINE.match(f) or rules.MONTH_LINE.match(f)
                or rules.CN_DATE.match(f) or rules.TOC_WORD.fullmatch(f))


def head_lines(head: list[str]) -> list[HeadLine]:
    out: list[HeadLine] = []
    for i, raw in enumerate(head):
        line = _book(close_letter_spacing(raw))
        line = rules.ANNEX_PREFIX.sub("", line) if len(line) > 4 else line
        pieces = [line]
        if i < 6:
            m = rules.GLUED_TITLE.match(fold(line))
            if m and len(m["title"]) < len(line):
                pieces = [line[: m.end("title")], line[m.end("title"):]]
        for p in pieces:
            f = fold(p).strip()
            if not f:
                continue
            if is_noise(p):
                kind = "noise"
            elif not rules.RUNNING.search(f) and not f.endswith(":") and (
                    len(f) <= _CANDIDATE_CHARS
                    or (len(f) <= _BLOCK_CHARS + 60 and (rules.NOTICE.match(f) or rules.NOTICE_OPENING.search(f)))):
                kind = "candidate"  # a long line of joint issuers opening a notice is one too
            else:
                kind = "text"
            out.append(HeadLine(p.strip(), kind))
    return out


def _joiner(prev: str, nxt: str) -> str:
    """A line naming a body keeps a space before the next body or the 关于 / 《 it heads; a wrapped line
    joins directly."""
    p, n = fold(prev).strip(), fold(nxt).strip()
    if looks_like_body(p) and (n.startswith(("关于", "《")) or looks_like_body(n)):
        return " "
    return ""


def _open_notice(f: str) -> bool:
    """印发/转发/发布 named but the notice not yet closed by 的通知 (its title wraps onto the next line)."""
    return (bool(rules.NOTICE_VERB.search(f)) and not f.endswith(("的通知", "的函", "通知", "函", "》"))
            and "》" not in f[rules.NOTICE_VERB.search(f).end():])


def heading_blocks(lines: list[HeadLine]) -> list[Heading]:
    out: list[Heading] = []
    i = 0
    n = min(len(lines), _SCAN_LINES)
    while i < n:
        if lines[i].kind != "candidate":
            i += 1
            continue
        text, j = lines[i].text, i + 1
        while j < len(lines) and lines[j].kind == "candidate" and j - i < _BLOCK_LINES:
            nxt = lines[j].text
            f = fold(text)
            ended = bool(rules.TITLE_END.search(f))
            continues = (fold(nxt).startswith(("的", "》", ")")) or (ended and rules.BRACKET_LINE.match(fold(nxt)))
                         or f.count("《") > f.count("》") or _open_notice(f))
            if (ended and not continues) or len(text) + len(nxt) > _BLOCK_CHARS:
                break
            if all(looks_like_body(x.text) for x in lines[i:j]) and not looks_like_body(nxt) \
                    and not rules.BODY_THEN.match(fold(nxt)) and rules.TITLE_END.search(fold(nxt)):
                break  # a signatory above a heading that does not go on from it (X办公室 / X市…规划)
            text += _joiner(lines[j - 1].text, nxt) + nxt
            j += 1
        out.append(Heading(text.strip(), i, j))
        i = j
    return out


def _key(t: str) -> str:
    return normalise_title(t).replace("的", "")


def _inner(t: str) -> str:
    return t.strip().strip("《》<>〈〉~～ ").strip()


def _news_lead(text: str):
    """X印发《T》 where X is a body, not the opening of a sentence that cites T (为贯彻落实国务院印发《T》…)."""
    m = rules.NEWS_LEAD.match(fold(text))
    return m if m and not rules.CITING_OPENING.search(m["issuer"]) else None


def _notice_of(b: Heading) -> Optional[tuple[str, Optional[str]]]:
    """(inner title, issuer as written) of a heading that is a cover notice, else None."""
    f = fold(b.text)
    m = rules.NOTICE.match(f)
    if m is None and not f.startswith("关于"):
        m = rules.NOTICE_PLAIN.match(f)
    if m and (f.endswith(("的通知", "的函")) or m.end() == len(f)):
        inner = _inner(b.text[m.start("title"): m.end("title")])
        if inner:
            return inner, b.text[: m.end("issuer")].strip() or None
    return None


def _own_heading(blocks: list[Heading], after: int, inner: str) -> Optional[str]:
    """The plan's own heading after a cover notice: the notice's title, maybe without 的 or its (period)."""
    want = _key(inner)
    about = fold(inner).find("关于")
    bare = _key(inner[about:]) if about > 0 and rules.ISSUER_END.search(fold(inner[:about]).strip()) else want
    core = _key(rules.BRACKETED.sub("", fold(inner)))
    for b in blocks:
        if b.start < after or _notice_of(b) is not None:
            continue
        k = _key(b.text)
        if k and (k in (want, bare) or core == _key(rules.BRACKETED.sub("", fold(b.text)))):
            return b.text if len(k) >= len(want) or k == bare else inner
        if k and want and k.endswith(want) and place_of(b.text[: len(b.text) - len(inner)].strip() or "") \
                and _key(place_of(b.text) or "") == k[: len(k) - len(want)]:
            return b.text  # the plan's heading with the place the notice left out
    return None


def find_title(head: list[str], dropped: list[str]) -> Optional[TitleFound]:
    """The document's own title (see the module docstring); None if the head has no line at all."""
    lines = head_lines(head)
    blocks = heading_blocks(lines)
    for p in dropped + [x.text for x in lines[:3] if x.kind == "text"]:
        m = _news_lead(p)
        if m:
            return TitleFound(_inner(p[m.start("title"): m.end("title")]), p[: m.end("issuer")])
    for b in blocks:
        f = fold(b.text)
        notice = _notice_of(b)
        if notice:
            inner, who = notice
            if not clean_issuer(who):  # 两部门关于印发…: the same notice printed again names its bodies
                who = next((n[1] for n in map(_notice_of, blocks[blocks.index(b) + 1:])
                            if n and _key(n[0]) == _key(inner) and clean_issuer(n[1])), who)
            return TitleFound(_own_heading(blocks, b.end, inner) or inner, who)
        m = _news_lead(b.text)
        if m:
            return TitleFound(_inner(b.text[m.start("title"): m.end("title")]), b.text[: m.end("issuer")])
        if rules.TITLE_END.search(f) and not rules.MASTHEAD.match(f):
            return TitleFound(b.text)
    for x in lines[:8]:
        m = _news_lead(x.text)
        if m:
            return TitleFound(_inner(x.text[m.start("title"): m.end("title")]), x.text[: m.end("issuer")])
    for x in lines[:10]:
        m = rules.COVER_BODY.search(fold(x.text))
        if m:
            return TitleFound(_inner(x.text[m.start("title"): m.end("title")]))
    for x in lines[:4]:
        m = rules.NEWS_ANY.search(fold(x.text))
        if m and not rules.CITING_OPENING.search(fold(x.text)[: m.start()]):
            return TitleFound(_inner(x.text[m.start("title"): m.end("title")]))
        m = rules.NEWS_MADE.search(fold(x.text))
        if m and rules.TITLE_TAIL.search(m["title"]):
            return TitleFound(_inner(x.text[m.start("title"): m.end("title")]))
    if blocks:
        return TitleFound(blocks[0].text)
    short = next((x.text for x in lines if len(x.text) <= 80), None)
    return TitleFound(short) if short else None


def strip_book(title: str) -> str:
    """《T》 -> T; 《T》(征求意见稿) -> T(征求意见稿); 中共某市委 某市人民政府《关于…》 -> 中共某市委 某市人民政府 关于….
    White space a PDF leaves round quotation marks goes (某市 “十四五” 规划 -> 某市“十四五”规划)."""
    t = rules.QUOTE_SPACE.sub("", title.strip())
    m = rules.BOOKED_TITLE.match(fold(t))
    if not m or t.count("《") != 1:
        return t
    before = t[: m.start("title") - 1].strip()
    if before and not all(looks_like_body(p) for p in before.split()):
        return t
    inner, after = t[m.start("title"): m.end("title")].strip(), t[m.end("title") + 1:].strip()
    return (before + " " if before else "") + inner + after


def looks_like_body(part: str) -> bool:
    f = fold(part).strip()
    return 2 <= len(f) <= 40 and bool(rules.ISSUER_END.search(f)) and not rules.RUNNING.search(f)
