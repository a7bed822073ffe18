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
  生态环境厅 the 省 prefix (see ``canonical_list``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from pipeline.model import AgencyRole
from pipeline.parse.fold import fold

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
    that ends it: one table look-up per length, not a scan of every pair)."""
    for n, table in _aliases_by_length():
        if 0 < n <= len(body):
            full = table.get(body[-n:])
            if full is not None:
                return body[:-n] + full
    return body


def _province_of(region: Optional[str]) -> Optional[str]:
    if region and region.endswith(("省", "自治区")):
        return region
    return None


def canonical(mention: str, region: Optional[str], prefix: Optional[str] = None) -> str:
    """Canonical full name of one mention (``prefix``: a 市/省 prefix inherited from the list)."""
    name = fold(mention).strip()
    name = re.sub(r"\s+", "", name)
    if not name or name.startswith(("各", "有关", "相关")):
        return name
    local = region if region and region not in ("全国",) else None
    m = _SHORT_PREFIX.match(name)
    scope = m.group(1) if m else None
    rest = name[m.end():] if m else name
    if scope is None and prefix and _DEPT_TAIL.search(name) and not _OUTSIDE.match(name) \
            and not _OUTSIDE_ANY.search(name) and not _PLACE_HEAD.match(name):
        scope, rest = prefix, name
    if scope is None:
        full = expand_short_form(name)
        if region == "全国" and full in national_bodies():
            return "国家" + full
        return full
    place = None
    if scope == "市" and local and local.endswith("市"):
        place = local
    elif scope == "省" and (_province_of(local)):
        place = _province_of(local)
    elif scope in ("区", "县") and local and local.endswith(scope):
        place = local
    elif scope == "自治区" and local and local.endswith("自治区"):
        place = local
    if place is None:
        return scope + expand_short_form(rest)
    if rest.startswith("委") and not rest.startswith("委员会"):
        return "中共" + place + expand_short_form(rest)
    if rest.startswith("政府"):
        return place + "人民" + expand_short_form(rest)
    if rest == "政协":
        return "中国人民政治协商会议" + place + "委员会"
    return place + expand_short_form(rest)


def canonical_list(agencies: list[AgencyRole], region: Optional[str]) -> None:
    """Fill ``name`` for the agencies of one note, distributing a prefix written once."""
    prefix = None
    for a in agencies:
        name = fold(a.mention).strip()
        m = _SHORT_PREFIX.match(name)
        if m:
            prefix = m.group(1)
        elif _OUTSIDE.match(name) or _PLACE_HEAD.match(name):
            prefix = None
        a.name = canonical(a.mention, region, prefix)
