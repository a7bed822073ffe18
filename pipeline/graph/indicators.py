"""The key two mentions of one indicator share.

``normalise_indicator`` is the one place indicator names are normalised; the
Target keeps the surface form (``indicator``), the Indicator node the key.

Rules first, then a reviewed table of synonyms (``pipeline/data/indicator_synonyms.tsv``):

* width, brackets, quotes, spaces and dash variants fold (细颗粒物（PM2.5）浓度 =
  细颗粒物 (PM2.5) 浓度);
* the scope a document states for itself goes (全市, 全省, 全国, 我市, 地级及以上城市,
  设区市): it is the document's own area, which the graph already knows, and
  leaving it would keep a city's and the nation's 森林覆盖率 apart;
* a named region before the indicator goes too (京津冀及周边地区, 长三角地区, 汾渭平原,
  山东省, 青岛市): a national plan's 京津冀及周边地区大型规模化养殖场氨排放总量 is the
  indicator a province sets for itself, and ``compare`` must set them side by side
  (the Target keeps the region in its name as written);
* 细颗粒物(PM2.5) and 细颗粒物 are PM2.5 (PM₂.₅ and PM 2.5 fold to it), 可吸入颗粒物 PM10; a bare
  PM2.5 and PM2.5年均值 are PM2.5浓度, and a city scope before it (城市, 设区市) goes; 年均浓度 and
  平均浓度 are 浓度;
* the synonyms table maps names that mean the same (农作物秸秆综合利用率 ->
  秸秆综合利用率), and nothing else: distinct indicators stay distinct.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

# Brackets of every width and shape (NFKC has already folded the full-width ones),
# quotation marks and white space: they vary between documents, the name does not.
_NOISE = re.compile(r"[\s()\[\]{}<>（）【】〔〕［］｛｝〈〉《》「」『』“”\"'‘’]")
# Dash variants between numerals (Ⅰ—Ⅲ类, Ⅰ-Ⅲ类) read as one.
_DASHES = re.compile(r"[‐‑‒–—―－~～〜]")
# The issuer's own area, written before the indicator.
_SCOPE = re.compile(r"^(?:全市|全省|全国|全区|全县|全域|我市|我省|本市|本省|地级及以上城市|设区市|各设区市|各市)+")
# A named region: the national plans' regional groupings, a province (…省, …自治区) or a
# city (…市, and X城市 such as 聊城市, but not 城市/大中城市/都市, nor 市场/市级/市民/市区),
# each followed by the indicator.
_REGION = re.compile(
    r"^(?:(?:京津冀及周边|京津冀|长三角|珠三角|汾渭平原|成渝|粤港澳大湾区|长江经济带|黄河流域|长江流域"
    r"|苏皖鲁豫交界)(?:地区|区域)?|重点区域|[\u4e00-\u9fff]{2,7}(?:省|自治区)(?!级)"
    r"|[\u4e00-\u9fff]{2,4}(?<![城都])市(?![场级民区])"
    r"|[^\W\d_大中小新县各本全我该重城都]城市(?![场级民区]))(?=[\u4e00-\u9fffA-Za-z0-9]{2})")
_PM25 = re.compile(r"细颗粒物(?:PM2\.5)?")
_MEAN = re.compile(r"(?:年均|年平均|平均)(?=浓度)")
# Particulates: every spelling of PM2.5 (PM₂.₅, PM 2.5, 细颗粒物, 细颗粒物(PM2.5)浓度, PM2.5年均值…)
# and of PM10 meets; a city-scope word before it goes; the bare name is its concentration.
_PM10 = re.compile(r"可吸入颗粒物(?:PM10)?")
_PM_SCOPE = re.compile(r"^(?:城市|地级及以上城市|地级以上城市|设区城市|设区的市|设区市|市区|城区|中心城区|县城)+(?=PM(?:2\.5|10))")
_PM_VALUE = re.compile(r"(PM2\.5|PM10)(?:年均值|年均浓度值|浓度年均值|浓度均值|平均浓度值|浓度值|年均浓度|平均浓度|均值|浓度)?$")


def _rules(name: str) -> str:
    t = unicodedata.normalize("NFKC", name or "")
    t = _NOISE.sub("", t)
    t = _DASHES.sub("-", t)
    t = _SCOPE.sub("", t) or t
    t = _REGION.sub("", t, count=1)
    t = _SCOPE.sub("", t) or t  # 山东省全省…
    t = _PM25.sub("PM2.5", t)
    t = _PM10.sub("PM10", t)
    t = _PM_SCOPE.sub("", t)
    t = _PM_VALUE.sub(r"\1浓度", t)
    t = _MEAN.sub("", t)
    return t


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """variant -> shared name, both already through the rules."""
    text = resources.files("pipeline.data").joinpath("indicator_synonyms.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("variant\t"):
            continue
        variant, shared = line.split("\t")[:2]
        table[_rules(variant)] = _rules(shared)
    return table


def normalise_indicator(name: str) -> str:
    """细颗粒物（PM2.5）浓度, PM2.5年均浓度 and 地级及以上城市细颗粒物(PM2.5)浓度 -> PM2.5浓度."""
    t = _rules(name)
    return synonyms().get(t, t)


def search_keys(text: str) -> list[str]:
    """The Indicator names a search text stands for (named queries' ``indicator``
    parameters): its own normalised form and, for every name in the synonyms table
    that contains it, that name's shared one — 细颗粒物 gives PM2.5, 农作物秸秆 gives
    秸秆综合利用率."""
    if not text:
        return []
    keys = [normalise_indicator(text)]
    folded = _rules(text)
    for variant, shared in sorted(synonyms().items()):
        if folded and folded in variant and shared not in keys:
            keys.append(shared)
    return [k for k in keys if k]
