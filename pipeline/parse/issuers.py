"""Issuers: the body that issues a document, named without verbs.

In order: the body a cover notice or news lead names before its verb (梧州市人民政府印发… ->
梧州市人民政府); the part of the title before 关于 (or before 贯彻落实 / 印发) when it names a body;
a masthead (X文件, maybe over several lines); a line of its own naming a body and its verb
(生态环境部发布); a web page's 发文机关 / 发布部门 row; the
signatory above a date line in the head; the government whose office prints the document
(X人民政府办公室 / …日印发); else the first signatory of the closing signature block of a joint
document. Bodies separated by spaces are joined with 、; a signature block gives its first signatory.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.places import place_of

_SPACES = re.compile(r"[ \t\u3000]+")
_ISSUER_HEAD = re.compile(r"^(?P<who>.{2,80}?)(?:关于|贯彻落实|贯彻|落实|(?:联合)?印发)")


def looks_like_issuer(line: str) -> bool:
    f = fold(line).strip()
    return 2 <= len(f) <= 40 and bool(rules.ISSUER_END.search(f)) and not rules.ISSUER_PUNCT.search(f)


def clean_issuer(s: Optional[str]) -> Optional[str]:
    """梧州市人民政府印发 -> 梧州市人民政府; 中共某某市委 某某市人民政府 -> 中共某某市委、某某市人民政府."""
    if not s:
        return None
    t = s.strip(" ,，:：")
    for _ in range(2):
        t = rules.ISSUER_VERB.sub("", t).strip(" ,，:：")
    if rules.COUNTED_BODIES.match(fold(t)):
        return None
    t = rules.ISSUER_JUNK_HEAD.sub("", t)
    t = _SPACES.sub("、", t).strip("、")
    t = _split_repeated_place(t)
    if len(t) < 2 or not rules.ISSUER_END.search(fold(t)) or rules.COUNTED_BODIES.match(fold(t)):
        return None
    return t


def _split_repeated_place(t: str) -> str:
    """某省发展改革委某省能源局 -> 某省发展改革委、某省能源局: bodies run together split where their place repeats."""
    place = place_of(t)
    if not place or t.count(place) < 2:
        return t
    return re.sub(rf"(?<=[\u4e00-\u9fff])(?<!中共)(?<!共)(?={re.escape(place)})", "、", t)


def issuer_of_title(title: str) -> Optional[str]:
    """The body a title names before 关于 / 贯彻落实 / 印发: 中共中央、国务院关于… -> 中共中央、国务院."""
    m = _ISSUER_HEAD.match(fold(title))
    if not m:
        return None
    who = title[: m.end("who")]
    return clean_issuer(who) if all(looks_like_issuer(p) for p in _SPACES.split(who.strip()) if p) else None


def masthead_issuer(head: list[str]) -> Optional[str]:
    """上海市人民政府文件 -> 上海市人民政府; lines of bodies closed by a 文件 line (or 文 / 件) -> the bodies."""
    bodies: list[str] = []
    for line in head[:12]:
        f = fold(line).strip()
        m = rules.MASTHEAD.match(f)
        if m and m["who"].strip():
            bodies.append(line[: m.end("who")].strip())
            return clean_issuer(" ".join(bodies))
        if rules.MASTHEAD_WORD.fullmatch(f):
            if bodies:
                return clean_issuer(" ".join(bodies))
            continue
        if looks_like_issuer(line):
            bodies.append(line.strip())
        else:
            bodies = []
    return None


def verb_line_issuer(head: list[str]) -> Optional[str]:
    """A head line naming a body and its verb alone: 生态环境部发布 -> 生态环境部."""
    for line in head[:5]:
        m = rules.ISSUER_VERB_LINE.match(fold(line))
        if m and all(looks_like_issuer(p) for p in m["who"].split()):
            return clean_issuer(line[: m.end("who")])
    return None


def meta_issuer(head: list[str]) -> Optional[str]:
    """A web page's 发文机关: / 发布部门: / 发布机构: row."""
    for line in head[:15]:
        for m in rules.META_FIELD.finditer(fold(line)):
            if m["key"] in ("发文机关", "发布部门", "发布机构") and m["value"].strip():
                v = line[m.start("value"): m.end("value")]
                return clean_issuer(v)
    return None


def signatories(lines: list[str], date_index: int) -> list[str]:
    """The issuer-like lines straight above a date line, top first (a signature block)."""
    out: list[str] = []
    k = date_index - 1
    while k >= 0 and (looks_like_issuer(lines[k]) or rules.SIGNATURE_BRACKET.fullmatch(fold(lines[k]))):
        if looks_like_issuer(lines[k]):
            out.insert(0, lines[k].strip())
        k -= 1
    return out


def first_signatory(lines: list[str], date_index: int) -> Optional[str]:
    sig = signatories(lines, date_index)
    if not sig:
        return None
    return clean_issuer(_SPACES.split(sig[0].strip())[0])
