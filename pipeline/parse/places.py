"""Places and levels of government: which area a document governs, and at what level.

* ``place_of(name)``: the place a title or body's name starts with (中共北京市委 -> 北京市,
  上海市浦东新区… -> 上海市浦东新区, 南京江北新区… -> 南京江北新区, 四川林草… -> 四川省);
  a leading year (2022年山东省…) is skipped.
* ``level_of_place``: the four municipalities and provinces ``provincial``; other 市, 州, 盟
  ``city``; 区, 县, 旗 and development zones (开发区, 新区, 高新区 …) ``district``.
* ``table()``: the reviewed places table (``pipeline/data/places.tsv``): provinces with their short
  names and prefecture-level cities; ``PROVINCES`` and the agencies' places both come from it.
* ``region_and_level``: from the title, then the issuer, then the 文号's province
  abbreviation (苏政发 -> 江苏省, 皖政办 -> 安徽省) unless the text speaks of itself as a city
  (全市, 我市, 全州), then the province the text names most when it speaks of itself as a province
  (全省, 我省), or the city it names most with one of its bodies when it speaks of itself as a
  city (全市, 我市: 徐州市科学技术局 -> 徐州市); a central issuer (国务院, a ministry, 国家…, 中国人民银行, 国管局) gives 全国 /
  national, and so does a title naming 全国, a non-provincial 文号, or a text that says 全国/我国
  (three times or more) when nothing local is said. An issuer named by its level alone
  (省生态环境厅, 自治区发展改革委) makes the document provincial. A document with none of these says nothing: region and level are
  None rather than 全国 (a sub-national document must never say national).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold

MUNICIPALITIES = frozenset(rules.MUNICIPALITIES)


@dataclass(frozen=True)
class _Table:
    city_province: dict[str, str]  # 青岛市 -> 山东省 (every prefecture-level place, with its suffix)
    short_province: dict[str, str]  # 山东 -> 山东省, 宁夏 -> 宁夏回族自治区
    short_city: dict[str, str]  # 青岛 -> 青岛市
    provinces: frozenset[str]
    short_names: tuple[tuple[str, tuple[str, ...]], ...]  # (province, its short names), in the table's order


def _city_name(bare: str) -> str:
    return bare if bare.endswith(("州", "盟", "地区", "新区")) and len(bare) > 2 else bare + "市"


@lru_cache(maxsize=1)
def table() -> _Table:
    text = resources.files("pipeline.data").joinpath("places.tsv").read_text("utf-8")
    city_province: dict[str, str] = {}
    short_province: dict[str, str] = {}
    short_city: dict[str, str] = {}
    provinces = set()
    short_names: list[tuple[str, tuple[str, ...]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        province, shorts, cities = (line.split("\t") + ["", ""])[:3]
        provinces.add(province)
        short_names.append((province, tuple(shorts.split())))
        for s in shorts.split():
            short_province[s] = province
        for bare in cities.split():
            city = province if province in MUNICIPALITIES else _city_name(bare)
            city_province[city] = province
            short_city.setdefault(bare, city)
    return _Table(city_province, short_province, short_city, frozenset(provinces), tuple(short_names))


# The provincial-level divisions a document may govern (the table's, less the two SARs, whose
# documents this parser does not place): full name -> the short forms a text or a title may use.
PROVINCES: dict[str, tuple[str, ...]] = {
    full: shorts for full, shorts in table().short_names if not full.endswith("特别行政区")}
# One-character abbreviations that open a provincial government's 文号 (苏政发, 皖政办, 粤府).
DOCNO_PROVINCE: dict[str, str] = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省", "辽": "辽宁省",
    "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "琼": "海南省", "川": "四川省",
    "黔": "贵州省", "滇": "云南省", "云": "云南省", "陕": "陕西省", "甘": "甘肃省", "青": "青海省", "蒙": "内蒙古自治区",
    "桂": "广西壮族自治区", "藏": "西藏自治区", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}
# The second character of a provincial 文号 prefix: the body's own abbreviation (政府, 办公厅, 发展改革, 环境 …).
_DOCNO_BODY = "政府办发环建科财工经农林水交商教卫人住自能市"
_SHORT = {short: full for full, shorts in PROVINCES.items() for short in shorts}
_SHORT_FIRST = sorted(_SHORT.items(), key=lambda kv: -len(kv[0]))

_GENERIC_PLACE = re.compile(
    r"(?:示范区|试验区|保护区|功能区|集聚区|先行区|产业区|城区|市区|景区|社区|片区|湾区|海区|山区|矿区|库区|牧区|"
    r"辖区|地区|街区)$|^(?:全市|本市|我市|城市|都市|全区|本区|全县|本县|各区|各市|各县|自治区|自治州|自治县|地市|县市|市县|"
    r"省市|区县|县区|城乡|[^\u4e00-\u9fff]+)$|^(?:国家|省级|市级|全国|各地|各省|中国|关于|贯彻|落实|推进|推动|加快|加强|支持|开展)")


def _ok(place: str) -> bool:
    return len(place) >= 3 and not _GENERIC_PLACE.search(place)


def place_of(name: Optional[str]) -> Optional[str]:
    """The administrative place a name starts with: 青岛市生态环境局 -> 青岛市 (see the module docstring)."""
    if not name:
        return None
    f = rules.LEADING_YEAR.sub("", fold(name).lstrip("“\"《 "))
    f = rules.PARTY_PREFIX.sub("", f)
    for short, full in _SHORT_FIRST:
        if f.startswith(short) and not f.startswith(full):
            rest = f[len(short):]
            if not rest.startswith(("省", "市", "州", "自治区", "路", "大学", "银行", "港", "高速")):
                return full
    pref = rules.PREFECTURE.match(f)
    if pref:
        return pref["place"]
    zone = rules.ZONE_PLACE.match(f)
    m = rules.PLACE.match(f)
    place = m["place"] if m and _ok(m["place"]) else None
    if zone and _ok(zone["place"]) and (place is None or len(zone["place"]) > len(place)):
        return zone["place"]
    if place is None:
        return None
    if place in PROVINCES or place.endswith(("省", "自治区", "市")):
        sub = rules.SUB_PLACE.match(f[len(place):])
        if sub and _ok(sub["place"]):
            return place + sub["place"]
    return place


def level_of_place(place: Optional[str]) -> Optional[str]:
    """Level of a place: see the module docstring; 全国 (and None, for a cited title) is national."""
    if place is None or place == "全国":
        return "national"
    if place in rules.MUNICIPALITIES or place.endswith(("省", "自治区", "特别行政区")):
        return "provincial"
    if rules.ZONE_PLACE.match(place) and rules.ZONE_PLACE.match(place)["place"] == place:
        return "district"
    if place.endswith(("市", "州", "盟", "地区")):
        return "city"
    if place.endswith(("区", "县", "旗")):
        return "district"
    return None


def level_of_title(title: str, who: str = "") -> Optional[str]:
    """Level of a cited document from its title (or the body named before it)."""
    place = place_of(title) or place_of(who)
    return level_of_place(place)


def province_of_docno(number: Optional[str]) -> Optional[str]:
    """苏政发〔2021〕23号 -> 江苏省: a provincial 文号 opens with the province's abbreviation."""
    if not number:
        return None
    f = fold(number).strip()
    if len(f) >= 2 and f[0] in DOCNO_PROVINCE and f[1] in _DOCNO_BODY:
        return DOCNO_PROVINCE[f[0]]
    return None


def province_named_most(text: str) -> Optional[str]:
    """The province a text names most often (full or short name), if it names one at least twice."""
    counts: dict[str, int] = {}
    for full, shorts in PROVINCES.items():
        n = text.count(shorts[0])
        if n:
            counts[full] = n
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


def city_named_most(text: str) -> Optional[str]:
    """The city a text names most often with one of its bodies (徐州市科学技术局), if at least twice.

    Every 2-4 characters before 市 are counted; the true name is in every mention, a character
    glued before it (由徐州市) only in some, so the most frequent wins, the longest among equals
    (石家庄市 and 家庄市 tie)."""
    counts: dict[str, int] = {}
    for m in rules.CITY_WITH_BODY.finditer(text):  # a look-ahead: every start position is tried
        counts[m[1]] = counts.get(m[1], 0) + 1
    names = [n for n in counts if _ok(n) and not rules.SELF_LEVEL.fullmatch(n) and n[-2] not in "各全本我该设级县区"]
    if not names:
        return None
    top = max(counts[n] for n in names)
    best = max((n for n in names if counts[n] == top), key=len)
    return best if top >= 2 else None


def self_level(text: str) -> Optional[str]:
    """The level a text speaks of itself at (全省/我省 -> provincial, 全市/我市 -> city), by majority."""
    counts = {"provincial": 0, "city": 0, "district": 0}
    for m in rules.SELF_LEVEL.finditer(text):
        unit = m["unit"]
        counts["provincial" if unit in ("省", "自治区") else "city" if unit in ("市", "州", "盟") else "district"] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


def region_and_level(title: str, issuer: Optional[str], number: Optional[str],
                     text: str) -> tuple[Optional[str], Optional[str]]:
    """The area a document governs and its level (see the module docstring)."""
    place = place_of(title) or place_of(issuer)
    if place is None and issuer:
        for part in rules.NAME_LIST_SEP.split(issuer):
            place = place_of(part)
            if place:
                break
    if place:
        return place, level_of_place(place)
    central = bool(issuer) and bool(rules.NATIONAL_ISSUER.match(fold(issuer)) or rules.CENTRAL_BODY.match(fold(issuer)))
    if central:
        return "全国", "national"
    own = self_level(text)
    bare = rules.BARE_LEVEL.match(fold(issuer or ""))
    if own is None and bare and bare["unit"] in ("省", "自治区"):
        own = "provincial"
    province = province_of_docno(number)
    if province and own != "city":
        return province, "provincial"
    if own == "provincial":
        province = province_named_most(text)
        if province:
            return province, "provincial"
    if own == "city":
        city = city_named_most(text)
        if city:
            return city, "city"
    if issuer is None and own is None and "全国" in fold(title):
        return "全国", "national"
    if not issuer and own is None and number:
        return "全国", "national"
    if own is None and not bare and len(rules.NATIONAL_WORDS.findall(text)) >= 3:
        return "全国", "national"
    return None, None
