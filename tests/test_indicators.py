"""Indicator names: a region before the name folds, so compare sets them side by side.

Names written for these tests; the rule is in pipeline/graph/indicators.py.
"""
from __future__ import annotations

import pytest

from pipeline.graph.indicators import normalise_indicator, search_keys


@pytest.mark.parametrize("regional, plain", [
    ("京津冀及周边地区大型规模化养殖场氨排放总量", "大型规模化养殖场氨排放总量"),
    ("长三角地区细颗粒物(PM2.5)浓度", "PM2.5浓度"),
    ("汾渭平原PM2.5平均浓度", "PM2.5浓度"),
    ("全省秸秆综合利用率", "秸秆综合利用率"),
    ("全市森林覆盖率", "森林覆盖率"),
    ("江东省森林覆盖率", "森林覆盖率"),
    ("江城市空气质量优良天数比率", "空气质量优良天数比率"),
    ("湖阳市空气质量优良天数比率", "空气质量优良天数比率"),
    ("某某自治区湿地保护率", "湿地保护率"),
    ("江东省全省畜禽粪污综合利用率", "畜禽粪污综合利用率"),
])
def test_a_region_before_the_indicator_folds(regional, plain):
    assert normalise_indicator(regional) == normalise_indicator(plain)


@pytest.mark.parametrize("name", [
    "城市污水处理率",        # 城市 is not a city's name
    "县城污水处理率",
    "大中城市黑臭水体消除比例",
    "大城市公共交通出行分担率",
    "重点城市空气质量优良天数比率",
    "市场主体数量",           # nor is 市场
    "省级以上工业园区数量",   # nor 省级
    "自然保护区面积",
])
def test_words_that_only_look_like_a_region_stay(name):
    assert normalise_indicator(name) == name


def test_a_region_alone_is_kept():
    assert normalise_indicator("江东省") == "江东省"


def test_search_keys_bring_the_normalised_names_a_text_stands_for():
    assert search_keys("细颗粒物") == ["PM2.5浓度"]  # a bare PM2.5 is its concentration (indicators.py)
    assert search_keys("农作物秸秆") == ["农作物秸秆", "秸秆综合利用率"]  # via the synonyms table
    assert "空气质量优良天数比率" in search_keys("优良天数")
    assert search_keys("") == []
