"""The key two mentions of one indicator share.

``normalise_indicator`` is the one place indicator names are normalised; the
Target keeps the surface form (``indicator``), the Indicator node the key.

Rules first, then a reviewed table of synonyms (``pipeline/data/indicator_synonyms.tsv``):

* width, brackets, quotes, spaces and dash variants fold (细颗粒物（PM2.5）浓度 =
  细颗粒物 (PM2.5) 浓度);
* the scope a document states for itself goes (全市, 全省, 全国, 我市, 地级及以上城市,
  设区市): it is the document's own area, which the graph already knows, and
  leaving it would keep a city's and the nation's 森林覆盖率 apart;
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
