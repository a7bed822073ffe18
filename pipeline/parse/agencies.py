"""Canonical agency names.

``canonical(mention, region, inherited_prefix)`` gives the full name of an agency
as written in a responsibility note:

* a 市/省/区/县 prefix takes the document's region (市生态环境局 in a Qingdao plan
  is 青岛市生态环境局; 省… in a provincial plan takes the province);
* 市委X -> 中共<region>委X; 市政府X -> <region>人民政府X; 市政协 -> 政协<region>委员会;
* short forms map to full ones from ``data/agency_aliases.tsv`` (发改委, 发展改革委 ->
  发展和改革委员会), matched on the end of the name;
* national bodies keep their names (国家发展改革委 -> 国家发展和改革委员会), and so do
  bodies outside the government hierarchy (青岛海事局, 人民银行青岛市中心支行);
* a prefix written once for a list is distributed: 省发展改革委、生态环境厅 gives
  生态环境厅 the 省 prefix (see ``canonical_list``), but never to a name with a place of
  its own (山东海警局, 民航宁夏监管局);
* the place comes from ``places.document_place`` (a city's province for 省…: 省发展改革委
  in a Qingdao plan is 山东省发展和改革委员会); a bare …厅 in a province's document takes the
  province; a name whose place is not known keeps its bare prefix (``lacks_place``) and
  the graph keys it with region "unknown"; a …厅, …委 or …委员会 written without any prefix in
  a local document is the document's own (发展改革委 in a Ningxia plan is
  宁夏回族自治区发展和改革委员会);
* a short form already written in full is not expanded again (市人民检察院 stays
  …人民检察院, never …人民人民检察院);
* collectives — classes of bodies rather than one body (各区人民政府, 各有关部门,
  地方各级人民政府, 县(市、区)人民政府, 行业主管部门, the items after 各 in
  各市、州、县人民政府, and a prefix below the document's place: 区财政局 in a city's plan is
  each district's) — keep their names as written and are marked ``collective``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from pipeline.model import AgencyRole
from pipeline.parse import rules
from pipeline.parse.agency_systems import system_of
from pipeline.parse.fold import fold
from pipeline.parse.agency_places import DocPlace, document_place, own_place

_SHORT_PREFIX = re.compile(r"^(市|省|区|县|自治区|州)(?!场|委员会$)")
_DEPT_TAIL = re.compile(r"(?:厅|局|委|委员会|办|办公室|中心|部|院|署|所|站|队)$")
_OUTSIDE = re.compile(r"^(?:人民银行|中国人民银行|国家开发银行|银保监|证监|海事|海关|税务|铁路|电网|国网|南方电网|邮政|"
                      r"中国|国家|各|有关|相关|省直|市直|中直|驻)")
_OUTSIDE_ANY = re.compile(r"人民银行|银行|银保监|证监|海事|海关|税务|交易所|集团|公司|大学|研究院|协会|铁路|电网|机场|港务")
_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|县|区|盟)")


@lru_cache(maxsize=1)
def aliases() -> list[tuple[str, str]]:
    """(short, full) pairs, longest short form first."""
    text = resources.files("pipeline.data").joinpath("agency_aliases.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("short\t"):
            continue
        short, full = line.split("\t")[:2]
        rows.append((short.strip(), full.strip()))
    rows.sort(key=lambda r: -len(r[0]))
    return rows


@lru_cache(maxsize=1)
def national_bodies() -> frozenset[str]:
    text = resources.files("pipeline.data").joinpath("national_bodies.txt").read_text("utf-8")
    return frozenset(x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def _aliases_by_length() -> list[tuple[int, dict[str, str]]]:
    """``aliases()`` as one short -> full table per length, longest first (the first
    pair of a short form given twice wins, as in the list)."""
    tables: dict[int, dict[str, str]] = {}
    for short, full in aliases():
        tables.setdefault(len(short), {}).setdefault(short, full)
    return sorted(tables.items(), reverse=True)


def expand_short_form(body: str) -> str:
    """住房城乡建设局 -> 住房和城乡建设局, on the end of the name (the longest short form
    that ends it: one table look-up per length, not a scan of every pair). A name that
    already ends with the full form (市人民检察院) is left as it is."""
    for n, table in _aliases_by_length():
        if 0 < n <= len(body):
            full = table.get(body[-n:])
            if full is not None:
                return body if body.endswith(full) else body[:-n] + full
    return body


def _province_of(region: Optional[str]) -> Optional[str]:
    if region and region.endswith(("省", "自治区")):
        return region
    return None


def lacks_place(name: str) -> bool:
    """A canonical name still headed by a bare 省/市/区/县/自治区/州 (its place not known)."""
    return bool(rules.AGENCY_BARE_SCOPE.match(fold(name))) and not is_collective(name)


def is_collective(mention: str) -> bool:
    """A class of bodies, not one body: 各区人民政府, 有关部门, 地方各级人民政府, 市州,
    县(市、区)人民政府, 行业主管部门."""
    return bool(rules.AGENCY_COLLECTIVE.search(fold(mention).strip()))


def _place_for(scope: str, place: DocPlace) -> Optional[str]:
    """The place a bare 省/市/区/县/自治区/州 prefix stands for in the document."""
    if scope == "省":
        return place.province if place.province not in rules.MUNICIPALITIES else None
    if scope == "自治区":
        return place.province if place.province and place.province.endswith("自治区") else None
    if scope == "市":
        return place.city
    if scope == "州":
        return place.city if place.city and place.city.endswith("州") else None
    if scope in ("区", "县"):
        return place.district if place.district and place.district.endswith(scope) else None
    return None


def _below(scope: str, place: DocPlace) -> bool:
    """A 区/县 prefix in a city's or province's document (区财政局: each district's), or 市/州 in a
    province's, names the bodies of the places below the document's: a class."""
    if scope in ("区", "县"):
        return place.district is None and (place.city is not None or place.province is not None)
    if scope in ("市", "州"):
        return place.city is None and place.province is not None
    return False


def _as_place(region: Optional[str], place: Optional[DocPlace]) -> DocPlace:
    return place if place is not None else document_place(region)


def canonical(mention: str, region: Optional[str], prefix: Optional[str] = None,
              place: Optional[DocPlace] = None) -> str:
    """Canonical full name of one mention (``prefix``: a 市/省 prefix inherited from the list;
    ``place``: the document's place, else read from ``region``)."""
    name = fold(mention).strip()
    name = rules.WHITESPACE.sub("", name)
    if not name or name.startswith(("各", "有关", "相关")) or is_collective(name):
        return name
    where = _as_place(region, place)
    m = _SHORT_PREFIX.match(name)
    scope = m.group(1) if m else None
    rest = name[m.end():] if m else name
    own = own_place(name) if scope is None else None
    if scope is None and prefix and _DEPT_TAIL.search(name) and not _OUTSIDE.match(name) \
            and not _OUTSIDE_ANY.search(name) and not _PLACE_HEAD.match(name) and own is None:
        scope, rest = prefix, name
    if scope is None and own is None and not _OUTSIDE.match(name) and not _OUTSIDE_ANY.search(name) \
            and not _PLACE_HEAD.match(name) and where.district is None:
        # the document's own level: 生态环境厅 or 发展改革委 in a province's plan, 发展改革委 in a
        # city's (a 厅 is always a province's); never a national body's name (…部, 国家…)
        if name.endswith("厅") and where.province and where.city is None:
            scope, rest = "省", name
        elif rules.AGENCY_OWN_LEVEL_TAIL.search(name) and region != "全国" and not name.startswith("中"):
            if where.city:
                scope, rest = "市", name
            elif where.province:
                scope, rest = "省", name
    if scope is None:
        full = expand_short_form(name)
        if region == "全国" and full in national_bodies():
            return "国家" + full
        return full
    found = _place_for(scope, where)
    if found is None:
        return scope + expand_short_form(rest)
    if rest.startswith("委") and not rest.startswith("委员会"):
        return "中共" + found + expand_short_form(rest)
    if rest.startswith("政府"):
        return found + "人民" + expand_short_form(rest)
    if rest == "政协":
        return "中国人民政治协商会议" + found + "委员会"
    return found + expand_short_form(rest)


def canonical_list(agencies: list[AgencyRole], region: Optional[str],
                   place: Optional[DocPlace] = None) -> None:
    """Fill ``name``, ``collective`` and ``system`` for the agencies of one note,
    distributing a prefix written once, and a 各 too: after 各市发展改革委 a name
    without a prefix (住建局) is collective, and after a bare 各市 / 各区(市) so is a
    name with one (各市、州、县人民政府; 各区、市政府)."""
    where = _as_place(region, place)
    prefix = None
    each = bare_each = False  # under a 各 written once for the list
    for a in agencies:
        name = rules.WHITESPACE.sub("", fold(a.mention).strip())
        m = _SHORT_PREFIX.match(name)
        under_each = False
        if name.startswith("各"):
            each, bare_each, prefix = True, bool(rules.AGENCY_BARE_EACH.match(name)), None
        elif _OUTSIDE.match(name) or _PLACE_HEAD.match(name) or own_place(name):
            prefix, each, bare_each = None, False, False
        elif m:
            prefix = m.group(1)
            under_each = bare_each
            if not under_each:
                each = bare_each = False
        else:
            under_each = each
        if under_each or (m and _below(m.group(1), where)):
            a.name, a.collective = name, True
        else:
            a.name = canonical(a.mention, region, prefix, where)
            a.collective = is_collective(a.mention)
            inherited = _SHORT_PREFIX.match(a.name) if not m and lacks_place(a.name) else None
            if inherited and _below(inherited.group(1), where):  # 区财政局、发改局: both the districts'
                a.name, a.collective = name, True
        a.system = system_of(a.name)
