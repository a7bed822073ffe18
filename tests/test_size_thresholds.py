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


def test_a_penalty_is_no_target():
    text = ("某市节能管理办法\n第一章 总则\n第一条 为推进节能,制定本办法。\n第二章 法律责任\n"
            "第九条 违反本办法规定的,由节能主管部门责令改正,处2万元以上8万元以下的罚款;情节严重的,处10万元罚款。\n"
            "第十条 到2026年,全市节能服务产业产值达到30亿元。\n")
    assert [(t.value, t.unit) for t in parse_text(text).targets] == [(3000000000, "元")]
