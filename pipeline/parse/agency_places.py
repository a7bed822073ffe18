"""The place a document speaks from, to complete agency names (the places table: ``pipeline.parse.places.table``).

``document_place(region, title, issuer, names)`` gives a ``DocPlace``: the province,
city and district the document's 省/市/区/县 prefixes refer to. It is read from the
document's region, else the place heading its title or issuer (a full name such as
江苏省…, or a short one such as 宁夏…), else the one province heading the agencies
it names in full, else the one province (and city) its text names in full at least
twice and clearly most often. A city gives its province (青岛市 -> 山东省), so
省发展改革委 in a Qingdao plan is 山东省发展和改革委员会.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.places import MUNICIPALITIES, table

_LEADING_DATE = re.compile(r"^\s*\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*")
_GENERIC = re.compile(r"^(?:自治区|省|市|区|县|全国|全省|全市|全区|本市|本省|我市|我省|各市|各区|各县|城区|市区|新区)$")


@dataclass(frozen=True)
class DocPlace:
    province: Optional[str] = None
    city: Optional[str] = None
    district: Optional[str] = None


def _is_place(p: Optional[str]) -> bool:
    return bool(p) and len(p) >= 2 and not _GENERIC.match(p)


def _known(place: str, out: list[str]) -> bool:
    """A province or prefecture of the table, or a 区/县 under one named just before it."""
    t = table()
    if place in t.provinces or place in t.city_province:
        return True
    return bool(out) and place.endswith(("区", "县", "旗")) and len(place) <= 6


def _chain(text: str, trusted: bool = False) -> list[str]:
    """The places heading a text, outermost first: 山东省青岛市黄岛区… -> [山东省, 青岛市, 黄岛区].
    Places not in the table count only in a ``trusted`` text (the document's region)."""
    out: list[str] = []
    rest = fold(text or "").lstrip("“\"《 ")
    rest = _LEADING_DATE.sub("", rest)  # a title that kept its date line: 2022年1月14日上海市…
    rest = rules.PARTY_PREFIX.sub("", rest)
    t = table()
    while rest and len(out) < 3:
        m = rules.PLACE.match(rest)
        if m and len(m["place"]) >= 3 and _is_place(m["place"]) and (trusted or _known(m["place"], out)):
            out.append(m["place"])
            rest = rest[m.end("place"):]
            continue
        short = next((s for n in (4, 3, 2) for s in [rest[:n]] if s in t.short_province), None)
        if short and not out:
            out.append(t.short_province[short])
            rest = rest[len(short):]
            continue
        city = next((s for n in (4, 3, 2) for s in [rest[:n]] if s in t.short_city), None)
        if city and not rules.PLACE.match(rest):
            out.append(t.short_city[city])
            rest = rest[len(city):]
            continue
        break
    return out


def _from_chain(chain: list[str]) -> DocPlace:
    t = table()
    province = city = district = None
    for p in chain:
        if p in t.provinces or p.endswith(("省", "自治区", "特别行政区")):
            province = p
            if p in MUNICIPALITIES:
                city = p
        elif p in t.city_province or p.endswith(("市", "自治州", "盟", "地区")):
            city = p
            province = province or t.city_province.get(p)
        elif p.endswith(("区", "县", "旗")):
            district = p
    return DocPlace(province, city, district)


def own_place(name: str) -> Optional[str]:
    """The place an agency's name names for itself, anywhere a province's short name stands
    (山东海警局, 民航宁夏监管局) or at its head (青岛海事局, 江苏省…); else None."""
    f = fold(name)
    chain = _chain(f)
    if chain:
        return chain[0]
    t = table()
    for n in (3, 2):
        for i in range(len(f) - n + 1):
            if f[i:i + n] in t.short_province:
                return t.short_province[f[i:i + n]]
    return None


def document_place(region: Optional[str], title: str = "", issuer: Optional[str] = "",
                   names: Iterable[str] = (), text: str = "") -> DocPlace:
    """Where the document's 省/市/区/县 prefixes point (see the module docstring)."""
    for n, source in enumerate((region or "", title or "", issuer or "")):
        if source == "全国":
            continue
        place = _from_chain(_chain(source, trusted=n == 0))
        if place.province or place.city or place.district:
            if not place.city and place.district:  # a district document: its city from the title
                for other in (title or "", issuer or ""):
                    p = _from_chain(_chain(other))
                    if p.city:
                        return DocPlace(p.province or place.province, p.city, place.district)
            return place
    if region and region != "全国" and _is_place(region):
        return _from_chain([region])
    votes: Counter = Counter()
    for name in names:
        p = _from_chain(_chain(name))
        if p.province:
            votes[p.province] += 1
    top = _clear_winner(votes, 1)
    if top:
        return DocPlace(province=top)
    return _from_text(text)


def _clear_winner(votes: Counter, least: int) -> Optional[str]:
    """The place with at least ``least`` votes and two thirds of them all, if there is one."""
    if not votes:
        return None
    (top, n), = votes.most_common(1)
    return top if n >= least and 3 * n >= 2 * sum(votes.values()) else None


@lru_cache(maxsize=1)
def _place_names() -> re.Pattern:
    t = table()
    full = set(t.provinces) | set(t.city_province)
    return re.compile("|".join(sorted((re.escape(p) for p in full), key=len, reverse=True)))


def _from_text(text: str) -> DocPlace:
    """The province (and city) the text names in full most clearly, at least twice: 浙江省 in a
    notice whose title and issuer name no place."""
    if not text:
        return DocPlace()
    t = table()
    provinces: Counter = Counter()
    cities: Counter = Counter()
    for m in _place_names().finditer(fold(text)):
        p = m.group(0)
        if p in t.provinces:
            provinces[p] += 1
        if p in t.city_province:
            cities[p] += 1
            provinces[t.city_province[p]] += 0  # a city names its province too, without a vote
    province = _clear_winner(+provinces, 2)
    city = _clear_winner(+cities, 2)
    if city and province and t.city_province[city] != province:
        city = None
    if province is None and city:
        province = t.city_province[city]
    return DocPlace(province, city)
