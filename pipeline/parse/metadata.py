"""Document metadata (title, issuer, date, region, level), parents and references.

Pure functions over the cleaned paragraphs and the structure:

* title: the policy's own title. A news lead (X印发《T》…) gives T; a cover notice
  (X关于印发T的通知) gives T — written as the plan's own title line where the
  page has one; a 关于… title (中共中央、国务院关于…的意见) is the title itself.
* issuer: as named (the part before 关于, the subject of 印发, or the signature
  lines above a date line); bodies separated by spaces are joined with 、.
* date: a date line in the head (2021年10月24日, （2022年3月24日）), else one at the
  end, else the page's publication date.
* region/level: the place that heads the title or issuer (中共北京市委 -> 北京市);
  none, or a central body, means 全国 / national.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.model import DocRef, DocumentMeta
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.structure import Block
from pipeline.parse.titles import document_id, normalise_title
from pipeline.parse.titles_scan import book_titles

_GENERIC_PLACE = re.compile(
    r"(?:示范区|试验区|开发区|保护区|功能区|集聚区|先行区|产业区|园区|城区|市区|景区|社区|片区|湾区|海区|山区|矿区|库区|牧区|"
    r"辖区|地区|街区)$|^(?:全市|本市|我市|城市|都市|全区|本区|全县|本县|各区|各市|各县)$")
_SPACES = re.compile(r"[ \t\u3000]+")
_HEAD_LIMIT = 30


def place_of(name: Optional[str]) -> Optional[str]:
    """The administrative place a name starts with: 青岛市生态环境局 -> 青岛市."""
    if not name:
        return None
    m = rules.PLACE.match(fold(name).lstrip("“\""))
    if not m:
        return None
    place = m["place"]
    if len(place) < 3 or _GENERIC_PLACE.search(place):
        return None
    return place


def level_of_place(place: Optional[str]) -> Optional[str]:
    if place is None or place == "全国":
        return "national"
    if place in rules.MUNICIPALITIES or place.endswith(("省", "自治区", "特别行政区")):
        return "provincial"
    if place.endswith(("市", "自治州", "盟", "地区")):
        return "city"
    if place.endswith(("区", "县", "旗")):
        return "district"
    return None


def level_of_title(title: str, who: str = "") -> Optional[str]:
    """Level of a cited document from its title (or the body named before it)."""
    place = place_of(title) or place_of(who)
    return level_of_place(place)


def _issuer_text(s: str) -> str:
    s = s.strip(" ,,:")
    return _SPACES.sub("、", s)


def _date(m) -> str:
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


def _looks_like_issuer(line: str) -> bool:
    f = fold(line).strip()
    return 2 <= len(f) <= 40 and bool(rules.ISSUER_TAIL.search(f)) and not re.search(r"[。,;:]", f)


def _own_title_line(paragraphs: list[str], inner: str) -> Optional[str]:
    """The plan's own title line (maybe split over two lines) matching a notice's inner title."""
    want = normalise_title(inner).replace("的", "")
    for i, p in enumerate(paragraphs):
        if len(p) > 80:
            continue
        for cand in (p, p + (paragraphs[i + 1] if i + 1 < len(paragraphs) else "")):
            if normalise_title(cand).replace("的", "") == want and "关于" not in cand:
                return cand.strip()
    return None


def _notice(head: list[str]) -> Optional[tuple[str, str, int]]:
    """(issuer, inner title, index of the last notice line) of a cover notice in the head."""
    for i, p in enumerate(head[:8]):
        f = fold(p)
        if "关于" not in f or len(f) > 200:
            continue
        start = i
        if f.startswith("关于") and i > 0 and _looks_like_issuer(head[i - 1]) and not rules.DOCNO_LINE.match(fold(head[i - 1])):
            start = i - 1
        text, j = "", start
        while j < len(head) and j <= i + 3:
            text += head[j]
            if "的通知" in fold(text) or "的函" in fold(text):
                break
            j += 1
        m = rules.NOTICE.match(fold(text))
        if m:
            return text[: m.end("issuer")], text[m.start("title"): m.end("title")], j
    return None


def extract_metadata(paragraphs: list[str], preamble: list[str], dropped: list[str],
                     published: Optional[str], source: str = "") -> DocumentMeta:
    head = preamble[:_HEAD_LIMIT]
    title = issuer = None
    notice_end = -1
    for p in dropped + head[:3]:
        m = rules.NEWS_LEAD.match(fold(p))
        if m:
            title = p[m.start("title"): m.end("title")]
            issuer = p[: m.end("issuer")]
            break
    if title is None:
        n = _notice(head)
        if n:
            issuer_raw, inner, notice_end = n
            inner = inner.strip().removeprefix("《").removesuffix("》")
            title = _own_title_line(head[notice_end + 1:], inner) or inner
            issuer = issuer_raw or None
    if title is None:
        for i, p in enumerate(head[:6]):
            f = fold(p)
            joined = p
            if not f.startswith("关于") and i + 1 < len(head) and fold(head[i + 1]).startswith("关于") and _looks_like_issuer(p):
                joined = p + " " + head[i + 1]
            m = rules.ABOUT_TITLE.match(fold(joined))
            if m and len(joined) <= 120 and not re.search(r"[。,;]", fold(joined)):
                title = joined
                issuer = joined[: m.end("issuer")]
                break
    if title is None:
        for i, p in enumerate(head[:8]):
            f = fold(p).strip()
            if len(f) > 80 or re.search(r"[。,;]", f):
                continue
            if rules.TITLE_TAIL.search(f):
                title = p
                if i + 1 < len(head) and re.fullmatch(r"\s*\((?:修订版|试行|征求意见稿)\)\s*", fold(head[i + 1])):
                    title += head[i + 1].strip()
                break
            if i + 1 < len(head) and rules.TITLE_TAIL.search(fold(head[i + 1]).strip()) and len(head[i + 1]) < 20:
                title = p + head[i + 1]
                break
    if title is None:
        title = next((p for p in head if len(p) <= 80), paragraphs[0] if paragraphs else "")
    title = title.strip()

    # date: a date line in the head, else at the end, else the page's own date
    date = None
    date_idx = None
    signed = None
    for i, p in enumerate(head):
        m = rules.DATE_LINE.match(fold(p))
        if m:
            date, date_idx = _date(m), i
            break
        m = rules.SIGNED_DATE.match(fold(p)) if len(p) <= 100 else None
        if m:
            date, signed = f"{int(m[2]):04d}-{int(m[3]):02d}-{int(m[4]):02d}", p[: m.end("who")]
            break
    printed_by = None
    if date is None:
        tail = paragraphs[-8:]
        for i in range(len(tail) - 1, -1, -1):
            m = rules.DATE_LINE.match(fold(tail[i]))
            if m:
                date = _date(m)
                # the imprint: "X人民政府办公室 / 2022年1月14日印发" — the government's office prints
                # what the government issues
                if m[4] == "印发" and i > 0:
                    office = rules.GOV_OFFICE.match(fold(tail[i - 1]).strip())
                    printed_by = office["gov"] if office else None
                break
    if date is None:
        date = published

    if not issuer and signed:
        issuer = signed
    if not issuer and printed_by:
        issuer = printed_by
    if not issuer and date_idx is not None and not rules.DATE_LINE.match(fold(head[date_idx]))[4]:
        sig = []
        k = date_idx - 1
        while k >= 0 and _looks_like_issuer(head[k]):
            sig.insert(0, head[k].strip())
            k -= 1
        if sig:
            issuer = "、".join(sig)
    issuer = _issuer_text(issuer) if issuer else None

    place = place_of(title) or place_of(issuer)
    if place is None and issuer and not rules.NATIONAL_ISSUER.match(fold(issuer)):
        place = None
    region = place or "全国"
    return DocumentMeta(title=_strip_book(title), issuer=issuer, date=date, region=region,
                        level=level_of_place(place), id=document_id(title), source=source)


def _strip_book(title: str) -> str:
    t = title.strip()
    if t.startswith("《") and t.endswith("》"):
        t = t[1:-1]
    return t
