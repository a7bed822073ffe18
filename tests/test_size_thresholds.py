"""Size thresholds of what is governed are no targets (second edition), with an aside or an alternative too."""
from __future__ import annotations

from pipeline.parse import parse_text
from tests.helpers import measure_text


def values(body: str):
    return [(t.value, t.unit) for t in parse_text(measure_text(body)).targets]


def test_a_threshold_with_an_aside_before_its_bound_is_no_target():
    assert values("以占地面积3万平方米(含)以上的物流园区为重点,建成绿色物流园区6个。") == [(6, "个")]


def test_a_threshold_with_an_aside_holding_a_second_value_is_no_target():
    assert values("年用水量5万立方米(或年取水量3万立方米)及以上的工业企业开展水平衡测试。") == []


def test_alternative_thresholds_are_no_targets():
    assert values("对年用电量500万千瓦时或建筑面积8000平方米及以上的医院开展能源审计。") == []


def test_a_plain_quantity_followed_by_a_bracket_stays_a_target():
    assert values("新建污水管网40公里(含雨污分流改造)。") == [(40, "公里")]


def test_a_subsidy_rate_is_no_target():
    assert values("资助金额不超过项目总投资的30%。") == []
    assert values("对改造项目按投资额的20%给予补助,到2026年完成改造项目50个。") == [(50, "个")]


def test_a_share_in_a_clause_without_a_grant_stays_a_target():
    assert values("对改造项目给予补助,到2026年改造率达到20%。") == [(20, "%")]
