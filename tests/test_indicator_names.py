"""Indicator names: spellings of one indicator meet (PM2.5 first); distinct ones stay apart."""
from __future__ import annotations

import pytest

from pipeline.graph.indicators import normalise_indicator

PM25 = ["PM2.5", "PM2.5浓度", "PM₂.₅浓度", "PM 2.5 浓度", "PM2.5年均浓度", "PM2.5平均浓度", "PM2.5年均值",
        "PM2.5浓度均值", "PM2.5年均浓度值", "细颗粒物", "细颗粒物浓度", "细颗粒物（PM2.5）", "细颗粒物（PM2.5）浓度",
        "细颗粒物(PM2.5)年均浓度", "细颗粒物（PM₂.₅）平均浓度", "全市PM2.5浓度", "城市PM2.5浓度",
        "地级及以上城市PM2.5浓度", "地级及以上城市细颗粒物（PM2.5）浓度", "设区市细颗粒物浓度", "全省PM2.5年均浓度",
        "城市细颗粒物(PM2.5)平均浓度"]


@pytest.mark.parametrize("name", PM25)
def test_every_spelling_of_pm25_meets(name):
    assert normalise_indicator(name) == "PM2.5浓度"


@pytest.mark.parametrize("name", ["PM10", "可吸入颗粒物", "可吸入颗粒物（PM10）浓度", "城市PM10年均浓度"])
def test_pm10_meets_and_stays_apart_from_pm25(name):
    assert normalise_indicator(name) == "PM10浓度"


@pytest.mark.parametrize("name", ["PM2.5浓度下降比例", "PM2.5与臭氧协同控制", "城市污水处理率"])
def test_other_names_keep_their_words(name):
    assert normalise_indicator(name) not in ("PM2.5浓度", "PM10浓度", "污水处理率")
